"""Expected failures of a3, each carrying one Spanish sentence for the user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class A3Error(Exception):
    """An expected failure; ``str(error)`` is a Spanish sentence that says what to fix.

    ``pista_cli`` is the same advice in command-line terms ("usa --forzar …"): the CLI
    appends it, the app leaves it out because its form already offers the way.
    ``campo`` names the input the sentence is about (``"telefonos"``, ``"fecha"``): a form
    puts the cursor there.
    """

    def __init__(self, mensaje: str, *, pista_cli: str | None = None, campo: str | None = None) -> None:
        super().__init__(mensaje)
        self.mensaje = mensaje
        self.pista_cli = pista_cli
        self.campo = campo

    @property
    def mensaje_cli(self) -> str:
        """The sentence as the command line prints it."""
        if not self.pista_cli:
            return self.mensaje
        return f"{self.mensaje.rstrip('.')}; {self.pista_cli}"


class DatoInvalido(A3Error):
    """Input that breaks a rule (bad phone, unknown etapa, impossible date, …)."""


class NoEncontrado(A3Error):
    """A client, task or other record that does not exist."""


class ClienteNoEncontrado(NoEncontrado):
    pass


class ReferenciaAmbigua(A3Error):
    """A text REF that matches several clients."""

    def __init__(self, mensaje: str, candidatos: list[tuple[int, str]]) -> None:
        super().__init__(mensaje)
        self.candidatos = candidatos


class Duplicado(A3Error):
    """A client whose phone or e-mail already belongs to another client."""

    def __init__(self, mensaje: str, existente_id: int, existente_nombre: str, *, campo: str | None = None) -> None:
        super().__init__(mensaje, pista_cli="usa --forzar si de verdad es otra persona.", campo=campo)
        self.existente_id = existente_id
        self.existente_nombre = existente_nombre


class BaseDeDatosInvalida(A3Error):
    """The database file can't be used: missing folder, not a3, newer schema, read-only,
    full disk, locked by another process."""


class FaltaExtra(BaseDeDatosInvalida):
    """An optional part of a3 the database needs is not installed (team mode's driver:
    the extra «equipo»); the sentence names the command that installs it."""


class BaseDeDatosDanada(BaseDeDatosInvalida):
    """The database (or a backup) is damaged: cut short or with corrupted pages."""


class ArchivoInvalido(A3Error):
    """A file given to a3 (an import, a document) that can't be used: missing, unreadable,
    empty, of the wrong kind or too big."""


class SinPermiso(A3Error):
    """The current advisor's role does not allow the action."""


class AsesorDesconocido(A3Error):
    """The login is not an advisor of this database (or was given de baja)."""


@contextmanager
def en_campo(campo: str) -> Iterator[None]:
    """An A3Error raised inside is about ``campo`` (unless it already names its input)."""
    try:
        yield
    except A3Error as error:
        if error.campo is None:
            error.campo = campo
        raise
