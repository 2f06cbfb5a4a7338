"""Transfers in the app: pick the advisor (as you type), say why, and — a coordinator —
approve or reject a request with its motivo. The rules are the services'."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Static

from a3tui import domain
from a3tui.app.screens.elegir import Elegir
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo
from a3tui.domain import EstadoTransferencia
from a3tui.models import Transferencia
from a3tui.services import Contexto, asesores, clientes, transferencias
from a3tui.services.transferencias import FilaTransferencia


class ElegirAsesor(Elegir):
    """Choose an active advisor (by name or login); ``excepto`` (an advisor's id) is left out."""

    TITULO = "Elegir asesor"
    AYUDA = "nombre o login"

    def __init__(self, texto_inicial: str = "", *, excepto: int | None = None) -> None:
        super().__init__(texto_inicial)
        self.excepto = excepto

    def consulta(self, ctx: Any, texto: str) -> list[tuple[int, str]]:
        buscado = domain.fold(texto.strip())
        filas = [
            f
            for f in asesores.list_(ctx)
            if f.asesor.id != self.excepto
            and (not buscado or buscado in domain.fold(f.asesor.nombre) or buscado in f.asesor.login)
        ]
        return [
            (f.asesor.id or 0, f"{f.asesor.nombre} ({f.asesor.login}) · plaza {f.asesor.plaza} · {f.clientes} clientes")
            for f in filas
        ]


class TransferirCliente(Formulario[Transferencia | None]):
    """The motivo of a transfer to ``destino``; a coordinator's takes effect at once, an
    advisor's waits for approval (the notification says which)."""

    BOTON = "Transferir"

    def __init__(self, cliente_id: int, nombre: str, destino_id: int, destino: str) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre
        self.destino_id = destino_id
        self.destino = destino

    def titulo(self) -> str:
        return f"Transferir a {self.nombre}"

    def campos(self) -> ComposeResult:
        yield Static(f"Pasa a: {self.destino}", classes="ayuda-campo", markup=False)
        yield Campo("Motivo", Input(placeholder="obligatorio, p. ej. vive en su zona", id="motivo", compact=True))
        yield Static(
            "Con el cliente pasan sus tareas pendientes y su seguimiento; el historial, las notas y los "
            "documentos siguen con el cliente. Si no eres coordinador, la transferencia espera su aprobación.",
            classes="ayuda-campo",
        )

    def on_mount(self) -> None:
        self.query_one("#motivo", Input).focus()

    def guardar(self) -> Transferencia:
        motivo = self.query_one("#motivo", Input).value
        cliente_id, destino_id = self.cliente_id, self.destino_id

        def accion(ctx: Contexto) -> Transferencia:
            from a3tui.models import Asesor

            destino = ctx.session.get(Asesor, destino_id)
            if destino is None:
                from a3tui.errors import NoEncontrado

                raise NoEncontrado("Ese asesor ya no existe.")
            return transferencias.transferir(ctx, clientes.get(ctx, cliente_id), destino, motivo)

        t = self.a3.gateway.write(accion)
        if t.estado == EstadoTransferencia.APROBADA:
            self.app.notify(f"{self.nombre} ahora es cliente de {self.destino}.", title="Transferencia")
        else:
            self.app.notify(
                f"Transferencia {t.id} pedida: espera la aprobación de un coordinador.", title="Transferencia"
            )
        return t


class ResolverTransferencia(Formulario[str | None]):
    """A coordinator decides a request, explicitly: the dialog opens in «Rechazo», where
    Enter rejects with the motivo typed (and refuses an empty one); only ^s (or the
    Aprobar button) approves, and an approval can be undone from Oficina for a while."""

    BOTON = "Aprobar"

    def __init__(self, fila: FilaTransferencia) -> None:
        super().__init__()
        self.fila = fila

    def titulo(self) -> str:
        return f"Transferencia {self.fila.transferencia.id}"

    def campos(self) -> ComposeResult:
        t = self.fila.transferencia
        yield Static(
            f"{self.fila.cliente}: de {self.fila.de} a {self.fila.a}\n"
            f"Pedida por {self.fila.solicitada_por} el {t.solicitada_en:%Y-%m-%d}. Motivo: {t.motivo}\n"
            "Para rechazar, escribe el motivo y Enter; para aprobar, ^s.",
            classes="dialogo-texto",
            markup=False,
        )
        yield Campo("Rechazo", Input(placeholder="el motivo del rechazo, y Enter", id="motivo-rechazo", compact=True))

    def on_mount(self) -> None:
        # Nothing is decided by a stray Enter: the focus starts where Enter rejects, and
        # rejecting needs a motivo.
        self.query_one("#motivo-rechazo", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in «Rechazo» rejects with that motivo; it never approves."""
        event.stop()
        event.prevent_default()  # Formulario's own handler would save (approve)
        self.error.limpiar()
        transferencia_id, motivo = self.fila.transferencia.id or 0, event.value
        from a3tui.errors import A3Error

        try:
            self.a3.gateway.write(
                lambda ctx: transferencias.rechazar(ctx, transferencias.get(ctx, transferencia_id), motivo)
            )
        except A3Error as error:
            self.mostrar_error(error.mensaje)
            self.query_one("#motivo-rechazo", Input).focus()
            return
        self.app.notify(f"Transferencia {transferencia_id} rechazada.", title="Transferencias")
        self.dismiss("rechazada")

    def guardar(self) -> str:
        transferencia_id = self.fila.transferencia.id or 0
        self.a3.gateway.write(lambda ctx: transferencias.aprobar(ctx, transferencias.get(ctx, transferencia_id)))
        self.app.notify(
            f"{self.fila.cliente} ahora es cliente de {self.fila.a}. ¿Fue un error? En Oficina, u la deshace "
            f"(durante {transferencias.MINUTOS_PARA_DESHACER} minutos).",
            title="Transferencia aprobada",
            timeout=15,
        )
        return "aprobada"
