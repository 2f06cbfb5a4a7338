"""The top bar: where you are and the keys that go anywhere (t, c, i, o, R, ?, q), always visible.

At 80 columns the footer has room for the current screen's actions only, so the keys
that work on every screen live up here instead of being cut off at the footer's end.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

SECCIONES = [
    ("t", "tareas", "Mis tareas"),
    ("c", "clientes", "Clientes"),
    ("i", "inventario", "Inventario"),
    ("o", "oficina", "Oficina"),
    ("R", "reportes", "Reportes"),
]


class BarraSuperior(Widget):
    """``a3  t Mis tareas  c Clientes  i Inventario  › detalle      ? Ayuda  q Salir``."""

    DEFAULT_CSS = """
    BarraSuperior {
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
    }
    """

    detalle = reactive("")

    def __init__(self, seccion: str, detalle: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.seccion = seccion
        self.set_reactive(BarraSuperior.detalle, detalle)

    def _izquierda(self, compacta: bool) -> Content:
        """The sections with their keys; ``compacta``: only the current one says its name
        (room for where you are, e.g. a client's name, on a narrow terminal)."""
        izquierda: list[Content | str | tuple[str, str]] = [(" a3 ", "bold $text-accent")]
        for tecla, seccion, titulo in SECCIONES:
            actual = seccion == self.seccion
            izquierda.append(" ")
            izquierda.append((tecla, "bold $footer-key-foreground"))
            if actual or not compacta:
                izquierda.append((f" {titulo}", "bold reverse" if actual else ""))
        if self.detalle:
            izquierda.append((f"  › {self.detalle}", "bold"))
        return Content.assemble(*izquierda)

    def render(self) -> Content:
        derecha = Content.assemble(
            ("?", "bold $footer-key-foreground"), " Ayuda  ", ("q", "bold $footer-key-foreground"), " Salir "
        )
        texto = self._izquierda(compacta=False)
        if self.detalle and texto.cell_length + derecha.cell_length >= self.size.width:
            texto = self._izquierda(compacta=True)
        espacio = self.size.width - texto.cell_length - derecha.cell_length
        if espacio < 1:
            texto = texto.truncate(max(0, self.size.width - derecha.cell_length - 1), ellipsis=True)
            espacio = 1
        return Content.assemble(texto, " " * espacio, derecha)
