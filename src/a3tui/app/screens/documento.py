"""Documents in the app: add one from a path typed with completion (→ accepts the
suggestion), and open or delete one."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Input, Select, Static

from a3tui import domain
from a3tui.app.screens.base import a3_de
from a3tui.app.screens.formulario import Formulario
from a3tui.app.widgets.formulario import Campo
from a3tui.app.widgets.lista import Lista
from a3tui.domain import TipoDocumento
from a3tui.models import Documento
from a3tui.services import Contexto, clientes, documentos
from a3tui.services.documentos import FilaDocumento


class SugerirRuta(Suggester):
    """Completes a file path as it is typed: the first entry of the folder that starts
    with what follows the last slash (folders end in «/»)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        if not value:
            return None
        escrito = Path(value).expanduser()
        carpeta, prefijo = (escrito, "") if value.endswith("/") else (escrito.parent, escrito.name)
        try:
            nombres = sorted(
                p.name + ("/" if p.is_dir() else "") for p in carpeta.iterdir() if p.name.startswith(prefijo)
            )
        except OSError:
            return None
        visibles = [n for n in nombres if not n.startswith(".")] or nombres
        if not visibles:
            return None
        return value + visibles[0][len(prefijo) :]


class NuevoDocumento(Formulario[int | None]):
    """Store a document of the client; dismisses with its id."""

    def __init__(self, cliente_id: int, nombre: str, apartado_id: int | None, faltantes: list[str]) -> None:
        super().__init__()
        self.cliente_id = cliente_id
        self.nombre = nombre
        self.apartado_id = apartado_id
        self.faltantes = faltantes

    def titulo(self) -> str:
        return f"Nuevo documento · {self.nombre}"

    def campos(self) -> ComposeResult:
        if self.faltantes:
            yield Static("Falta: " + "; ".join(self.faltantes), classes="ayuda-campo", markup=False)
        yield Campo(
            "Archivo",
            Input(
                placeholder="ruta del PDF, JPEG o PNG (→ completa)", suggester=SugerirRuta(), id="archivo", compact=True
            ),
        )
        yield Campo(
            "Tipo",
            Lista([(t.value, t.value) for t in TipoDocumento], value=TipoDocumento.INE.value, allow_blank=False,
                   id="tipo", compact=True),
        )  # fmt: skip
        yield Campo(
            "Fecha del doc.",
            Input(placeholder="la que trae impresa (un comprobante vale 3 meses)", id="fecha", compact=True),
        )

    def on_mount(self) -> None:
        self.query_one("#archivo", Input).focus()

    def guardar(self) -> int | None:
        ruta = Path(self.query_one("#archivo", Input).value.strip()).expanduser()
        tipo = str(self.query_one("#tipo", Select).value)
        fecha = self.query_one("#fecha", Input).value
        datos, formato = documentos.leer_archivo(ruta)
        cliente_id, apartado_id = self.cliente_id, self.apartado_id

        def accion(ctx: Contexto) -> Documento:
            dia = domain.parse_fecha(fecha, ctx.hoy) if fecha.strip() else None
            return documentos.add(
                ctx, clientes.get(ctx, cliente_id), ruta.name, datos, formato, tipo, fecha_documento=dia,
                apartado_id=apartado_id,
            )  # fmt: skip

        documento = self.a3.gateway.write(accion)
        self.app.notify(f"{documento.tipo.value}: {documento.nombre_archivo}", title="Documento guardado")
        return documento.id


class MenuDocumento(ModalScreen[str | None]):
    """Open (write a private copy and show its path) or delete a document."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cerrar", id="a3.documento.cerrar")]

    def __init__(self, fila: FilaDocumento) -> None:
        super().__init__()
        self.fila = fila

    def compose(self) -> ComposeResult:
        d = self.fila
        fecha = f" · fecha {d.fecha_documento.isoformat()}" if d.fecha_documento else ""
        with Vertical(classes="dialogo"):
            yield Static(f"Documento {d.id} · {d.tipo.value}", classes="dialogo-titulo", markup=False)
            yield Static(
                f"{d.nombre_archivo} ({d.formato}, {d.tamano:,} bytes){fecha}", classes="dialogo-texto", markup=False
            )
            yield Static("", id="ruta", classes="dialogo-texto", markup=False)
            with Horizontal(classes="botones"):
                yield Button("Abrir", id="abrir", variant="primary", compact=True)
                yield Button("Borrar", id="borrar", variant="error", compact=True)
                yield Button("Cerrar", id="cerrar", compact=True)

    def on_mount(self) -> None:
        self.query_one("#abrir", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "abrir":
            self._abrir()
        else:
            self.dismiss(None if event.button.id == "cerrar" else event.button.id)

    def _abrir(self) -> None:
        from a3tui.archivos import carpeta_de_abiertos, guardar_archivo

        documento_id = self.fila.id

        def leer(ctx: Contexto) -> tuple[str, bytes]:
            documento = documentos.get(ctx, documento_id)
            return documentos.nombre_para_abrir(documento), documentos.contenido(ctx, documento)

        nombre, datos = a3_de(self).gateway.read(leer)
        ruta = guardar_archivo(carpeta_de_abiertos() / nombre, datos, sobrescribir=True)
        self.app.copy_to_clipboard(str(ruta))
        self.query_one("#ruta", Static).update(f"Copia en {ruta} (ruta copiada al portapapeles).")
