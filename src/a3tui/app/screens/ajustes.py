"""Ajustes (A): the follow-up cadence, the days between contacts of each stage, as
`a3 ajuste cadencia` shows and changes it; saving recomputes every client's next contact."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from a3tui import domain
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo
from a3tui.errors import DatoInvalido
from a3tui.services import Contexto, ajustes


def _id(clave: str) -> str:
    """``prospecto/frío`` → ``cadencia-prospecto-frio`` (an id Textual takes: no accents)."""
    return "cadencia-" + domain.fold(clave).replace("/", "-")


class AjustesSeguimiento(Formulario[int | None]):
    """Dismisses with how many clients' next contact moved, or None (nothing saved)."""

    TITULO = "Ajustes · frecuencia de seguimiento"

    def __init__(self) -> None:
        super().__init__()
        self.cadencia: dict[str, int] = {}
        self.coordinador = True

    def campos(self) -> ComposeResult:
        def leer(ctx: Contexto) -> tuple[dict[str, int], bool]:
            return dict(ctx.cadencia), ctx.es_coordinador

        self.cadencia, self.coordinador = self.a3.gateway.read(leer)
        yield Static(
            "Días entre contactos de cada etapa (1 a 365). Al guardar, a3 recalcula el próximo contacto "
            "de los clientes.",
            classes="ayuda-campo",
        )
        if not self.coordinador:
            yield Static("Son los de toda la oficina: solo un coordinador los cambia.", classes="ayuda-campo")
        for clave, dias in self.cadencia.items():
            yield Campo(
                clave.replace("/", " "),
                Input(str(dias), id=_id(clave), restrict=r"\d{0,3}", max_length=3, compact=True),
            )

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def guardar(self) -> int | None:
        cambios: dict[str, int] = {}
        for clave, antes in self.cadencia.items():
            campo = self.query_one(f"#{_id(clave)}", Input)
            texto = campo.value.strip()
            if not texto:
                self.set_focus(campo)
                raise DatoInvalido(f"Escribe los días de {clave.replace('/', ' ')} (1 a 365).")
            if int(texto) != antes:
                cambios[clave] = int(texto)
        if not cambios:
            self.app.notify("No cambiaste ningún día.", title="Seguimiento")
            return None
        cambiados = self.a3.gateway.write(lambda ctx: ajustes.cambiar_cadencia(ctx, cambios))
        cada = ", ".join(f"{clave} cada {dias} días" for clave, dias in cambios.items())
        self.app.notify(f"{cada}. {ajustes.efecto_del_cambio(cambiados)}", title="Seguimiento")
        return cambiados
