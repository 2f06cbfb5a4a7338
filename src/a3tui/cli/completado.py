"""Tab completes values from the database (issue 25, point 6), not only commands and options.

When cli/root.py has built the click command of what the command line names, ``adjuntar``
gives each parameter a completer by what it holds, not by command (a command added later
gets one without a line here):

- a client (metavar ``REF``, ``QUEDA``, ``OTRO``): the names of the clients the advisor sees;
- a property (metavar ``CLAVE``, ``--propiedad``; ``--propiedades`` is a list): its keys;
- an advisor (``--asesor``, metavar ``ASESOR``, ``TITULAR``, ``SUPLENTE``, ``LOGIN``): logins;
- a service case (metavar ``FOLIO``): the folios of the open cases the advisor sees;
- one of a set of values (cli/valores.py: ``--etapa``, ``--resultado``, ``--tipo``…): those.

A parameter that introduces a new one (``propiedad add CLAVE``, ``asesor add LOGIN``) gets none.

The database is the one the command would open (``--db``, else A3_DB, else the default),
with the user's rights, read through ``store_consulta`` (a plain connection: no SQLAlchemy
to import); services/completado.py says what matches. Nothing is created or upgraded, and
nothing reaches the shell's screen but the values: a completer that fails offers nothing.

Bash inserts what it is offered as it is, so for bash each value is quoted the way the
word being completed is (with backslashes, or inside the quote the user opened); zsh and
fish quote what they insert themselves.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from a3tui.cli import valores

if TYPE_CHECKING:
    from a3tui.store_consulta import Consulta

Buscar = Callable[[Any, str], list[str]]

CLIENTE = ("REF", "QUEDA", "OTRO")
ASESOR = ("ASESOR", "TITULAR", "SUPLENTE", "LOGIN")
# Parameters that name something new: what exists is no help there.
NUEVOS = {("a3 propiedad add", "CLAVE"), ("a3 asesor add", "LOGIN")}
# Where the advisor named is one given de baja.
DE_BAJA = {"a3 asesor reactivar"}


def adjuntar(comando: Any, ruta: str = "a3") -> None:
    """Give every parameter of ``comando`` (and of its subcommands) that names a client, a
    property, an advisor or one of a set of values the completer that offers them.

    While the shell asks for completions, the words already typed are also taken as they
    are: to convert them, Typer imports pydantic, about 0.1 s of the ~0.2 s Tab would take,
    and what is completed never needs them converted (``--db`` is text)."""
    for param in getattr(comando, "params", ()):
        buscar = _buscador(ruta, param)
        if buscar is not None:
            # Click's public hook: ``Parameter.shell_complete(ctx, incomplete)``.
            param.shell_complete = _completador(buscar)
    if os.environ.get("_A3_COMPLETE"):
        comando.get_params = _tal_cual(comando.get_params)
    for nombre, sub in (getattr(comando, "commands", None) or {}).items():
        adjuntar(sub, f"{ruta} {nombre}")


def _tal_cual(get_params: Callable[[Any], list[Any]]) -> Callable[[Any], list[Any]]:
    """A command's ``get_params`` (Click's, public) whose parameters keep their values as
    typed: no conversion, no check, no callback (the help option, made on first use,
    included). What completing needs."""

    def parametros(ctx: Any) -> list[Any]:
        todos = get_params(ctx)
        for param in todos:
            param.process_value = _valor_tal_cual
        return todos

    return parametros


def _valor_tal_cual(_ctx: Any, value: Any) -> Any:
    return value


def que_completa(ruta: str, param: Any) -> str | None:
    """What Tab offers for ``param`` of the command ``ruta`` («a3 cliente show»): «cliente»,
    «propiedad», «propiedades», «asesor», «caso», «valores», or None (free text, a number,
    a file)."""
    metavar = (getattr(param, "metavar", None) or "").strip("[]").rstrip(".").upper()
    opcion = valores.nombre_del_parametro(param) if getattr(param, "param_type_name", "") == "option" else ""
    if (ruta, metavar) in NUEVOS:
        return None
    if metavar in CLIENTE:
        return "cliente"
    if metavar == "FOLIO":
        return "caso"
    if opcion == "--propiedades":
        return "propiedades"
    if metavar == "CLAVE" or opcion == "--propiedad":
        return "propiedad"
    if opcion == "--asesor" or metavar in ASESOR:
        return "asesor"
    if valores.fuente(ruta, param) is not None:
        return "valores"
    return None


def _buscador(ruta: str, param: Any) -> Buscar | None:
    que = que_completa(ruta, param)
    if que == "cliente":
        return lambda ctx, texto: _con_la_base(ctx, lambda c: _clientes(c, texto))
    if que == "caso":
        return lambda ctx, texto: _con_la_base(ctx, lambda c: _casos(c, texto))
    if que == "propiedad":
        return lambda ctx, texto: _con_la_base(ctx, lambda c: _claves(c, texto))
    if que == "propiedades":
        return lambda ctx, texto: _con_la_base(ctx, lambda c: _lista_de_claves(c, texto))
    if que == "asesor":
        activos = ruta not in DE_BAJA
        return lambda ctx, texto: _con_la_base(ctx, lambda c: _logins(c, texto, activos))
    if que == "valores":
        fuente = valores.fuente(ruta, param)
        assert fuente is not None
        return lambda _ctx, texto: _valores(fuente(), texto)
    return None


def _completador(buscar: Buscar) -> Callable[[Any, str], list[Any]]:
    def completar(ctx: Any, incomplete: str) -> list[Any]:
        import contextlib
        import io
        import warnings

        from a3tui.cli.typer_privado import elemento_de_completado

        try:
            # Whatever goes wrong stays out of the shell's screen: nothing is offered.
            with warnings.catch_warnings(), contextlib.redirect_stderr(io.StringIO()):
                warnings.simplefilter("ignore")
                encontrados = buscar(ctx, incomplete)
                elemento = elemento_de_completado()
                return [elemento(v) for v in para_el_shell(encontrados)]
        except Exception:
            return []

    return completar


# ---------------------------------------------------------------- what is offered


def _db(ctx: Any) -> str | None:
    """The ``--db`` of the command line being completed (None: A3_DB or the default)."""
    db = ctx.find_root().params.get("db")
    return db if isinstance(db, str) else None


def _con_la_base(ctx: Any, buscar: Callable[[Consulta], list[str]]) -> list[str]:
    from a3tui import store_consulta

    consulta = store_consulta.abrir(_db(ctx))
    if consulta is None:
        return []
    with consulta:
        return buscar(consulta)


def _clientes(consulta: Consulta, texto: str) -> list[str]:
    from a3tui import services
    from a3tui.services import completado

    # In team mode the server says who the user is (as for every command).
    alcance = completado.alcance(consulta, consulta.login or services.login_actual(), services.ahora().date())
    return completado.clientes(consulta, texto, alcance) if alcance is not None else []


def _casos(consulta: Consulta, texto: str) -> list[str]:
    from a3tui import services
    from a3tui.services import completado

    alcance = completado.alcance(consulta, consulta.login or services.login_actual(), services.ahora().date())
    return completado.casos(consulta, texto, alcance) if alcance is not None else []


def _claves(consulta: Consulta, texto: str) -> list[str]:
    from a3tui.services import completado

    return completado.claves(consulta, texto)


def _lista_de_claves(consulta: Consulta, texto: str) -> list[str]:
    """``--propiedades A,B,C``: the keys for the last of the list, after those before it."""
    antes, coma, ultima = texto.rpartition(",")
    escritas = {c.strip().upper() for c in antes.split(",")} if coma else set()
    return [f"{antes}{coma}{clave}" for clave in _claves(consulta, ultima) if clave not in escritas]


def _logins(consulta: Consulta, texto: str, activos: bool) -> list[str]:
    from a3tui.services import completado

    return completado.logins(consulta, texto, activos=activos)


def _valores(lista: tuple[str, ...], texto: str) -> list[str]:
    from a3tui.services import completado

    return completado.valores(lista, texto)


# ---------------------------------------------------------------- quoting for bash


def para_el_shell(encontrados: list[str]) -> list[str]:
    """The values as the shell asking must get them: quoted for bash (see the module's
    docstring), as they are for zsh and fish. A value bash can't be given on one line
    (it holds a control character) is left out."""
    if "bash" not in os.environ.get("_A3_COMPLETE", ""):
        return encontrados
    comilla = _comilla_abierta()
    citados = (citar_para_bash(v, comilla) for v in encontrados)
    return [c for c in citados if c is not None]


def _comilla_abierta() -> str:
    """The quote that starts the word bash is completing (``"Juan P``), or ""."""
    palabras = os.environ.get("COMP_WORDS", "")
    # Typer's script joins the words with newlines (a word may hold spaces).
    partes = palabras.split("\n") if "\n" in palabras else palabras.split()
    try:
        palabra = partes[int(os.environ.get("COMP_CWORD", ""))]
    except (ValueError, IndexError):
        return ""
    return palabra[:1] if palabra[:1] in ("'", '"') else ""


_SEGUROS = frozenset("_-.,/+@%")


def citar_para_bash(valor: str, comilla: str = "") -> str | None:
    """``valor`` as bash must insert it where the word started with ``comilla`` (readline
    then adds the closing quote): ``Juan\\ Pérez``, or ``O'\\''Brien`` inside ``'``."""
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in valor):
        return None
    if comilla == "'":
        return valor.replace("'", "'\\''")
    if comilla == '"':
        return "".join("\\" + c if c in '"\\$`' else c for c in valor)
    return "".join(c if c.isalnum() or c in _SEGUROS else "\\" + c for c in valor)
