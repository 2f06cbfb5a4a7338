"""The ficha's tab bar and tabs: their names and the numbers that open them, the widget each
tab holds, and each tab built the first time it is shown (the ficha opens with only the
history built: fewer widgets to style and lay out, so it opens faster)."""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane, Tabs

from a3tui.app.widgets.ficha.casos import TablaCasosCliente
from a3tui.app.widgets.ficha.datos import FormularioDatos
from a3tui.app.widgets.ficha.notas import PanelNotas
from a3tui.app.widgets.ficha.pasos import ListaPasos
from a3tui.app.widgets.ficha.tablas import TablaCambios, TablaFicha, TablaHistorial, TablaPropiedades, TablaTareas
from a3tui.app.widgets.ficha.venta import TablaApartados, TablaDocumentos, falta_para_escriturar
from a3tui.services.expediente import Expediente

TITULOS = {
    "datos": "Datos",
    "historial": "Historial",
    "notas": "Notas",
    "tareas": "Tareas",
    "apartados": "Apartados",
    "documentos": "Documentos",
    "propiedades": "Propiedades",
    "pasos": "Pasos",
    "cambios": "Cambios",
    "casos": "Casos",
}
PESTANAS = list(TITULOS)
# On a narrow terminal the numbered tabs («1 Datos 2 Historial …») use these names, and on
# one narrower still (80 columns) these too.
CORTOS = {"apartados": "Apart.", "documentos": "Docs", "propiedades": "Props"}
MINIMOS = {**CORTOS, "historial": "Hist.", "tareas": "Tar.", "cambios": "Camb."}


def tecla(numero: int) -> str:
    """The key of the tab ``numero`` (from 1): 1…9, and 0 for the tenth."""
    return str(numero % 10)


TABLAS: dict[str, type[TablaFicha] | type[TablaHistorial]] = {
    "historial": TablaHistorial,
    "tareas": TablaTareas,
    "apartados": TablaApartados,
    "documentos": TablaDocumentos,
    "propiedades": TablaPropiedades,
    "cambios": TablaCambios,
    "casos": TablaCasosCliente,
}


def etiquetas(ancho: int) -> dict[str, str]:
    """Each tab's label with the key that opens it, shorter names when ``ancho`` is tight."""
    for nombres in ({}, CORTOS):
        etiquetas = {p: f"{tecla(n)} {nombres.get(p, t)}" for n, (p, t) in enumerate(TITULOS.items(), 1)}
        if sum(len(e) + 1 for e in etiquetas.values()) + 1 <= ancho:
            return etiquetas
    return {p: f"{tecla(n)} {MINIMOS.get(p, t)}" for n, (p, t) in enumerate(TITULOS.items(), 1)}


def _contenido(pestana: str) -> list[Widget]:
    """The widgets of one tab."""
    if pestana == "datos":
        return [FormularioDatos(id="form-datos")]
    if pestana == "notas":
        return [PanelNotas(id="notas-scroll", classes="lista-pestana")]
    if pestana == "pasos":
        return [ListaPasos(id="l-pasos", classes="lista-pestana")]
    tabla = TABLAS[pestana](id=f"t-{pestana}", classes="lista-pestana", zebra_stripes=pestana == "historial")
    if pestana == "documentos":
        return [Static("", id="falta-documentos", markup=False), tabla]
    return [tabla]


class PestanasFicha(TabbedContent):
    """The ficha's ten tabs, on the history. ``fill`` shows a record in the tabs built;
    a tab built later (``construir``) shows the record last filled."""

    def __init__(self, ancho: int, *, id: str | None = None) -> None:
        """Labels for a terminal ``ancho`` cells wide (``ajustar`` follows it afterwards)."""
        super().__init__(initial="historial", id=id)
        self._expediente: Expediente | None = None
        for pestana, titulo in etiquetas(ancho).items():
            contenido = _contenido(pestana) if pestana == "historial" else []
            self.compose_add_child(TabPane(titulo, *contenido, id=pestana))

    def construida(self, pestana: str) -> bool:
        return bool(self.query_one(f"#{pestana}", TabPane).children)

    async def construir(self, pestana: str) -> None:
        """Build a tab the first time it is shown, and fill it from the record."""
        if self.construida(pestana):
            return
        await self.query_one(f"#{pestana}", TabPane).mount_all(_contenido(pestana))
        if self._expediente is not None:
            self._fill_pestana(pestana, self._expediente)

    async def abrir(self, pestana: str) -> None:
        """Show a tab; a list or table takes the focus (Enter acts on its row, and letters
        stay shortcuts), a tab of fields leaves it on the tab bar."""
        await self.construir(pestana)
        self.active = pestana
        if pestana in TABLAS or pestana in ("pasos", "notas"):
            self.query_one(f"#{pestana}", TabPane).query(".lista-pestana").first().focus()
        else:
            self.query_one(Tabs).focus()

    def fill(self, datos: Expediente) -> None:
        """Show ``datos`` in every tab built."""
        self._expediente = datos
        for pestana in PESTANAS:
            if self.construida(pestana):
                self._fill_pestana(pestana, datos)

    def _ancho_tablas(self) -> int:
        """The tables' width: the screen's, less the borders."""
        return max(40, self.screen.size.width - 4)

    def _fill_pestana(self, pestana: str, datos: Expediente) -> None:
        if pestana == "datos":
            formulario = self.query_one(FormularioDatos)
            # A reload (a save elsewhere, another process's write) never overwrites an edit
            # in progress; saving sends only the fields the user changed.
            if not formulario.cambios():
                formulario.fill(datos)
        elif pestana == "notas":
            self.query_one(PanelNotas).fill(datos)
        elif pestana == "pasos":
            self.query_one(ListaPasos).fill(datos)
        else:
            self._tabla(pestana).fill(datos, self._ancho_tablas())
        if pestana == "documentos":
            falta = self.query_one("#falta-documentos", Static)
            falta.update(falta_para_escriturar(datos))
            falta.display = bool(falta_para_escriturar(datos))

    def _tabla(self, pestana: str) -> TablaFicha | TablaHistorial:
        """The table of a tab (the history is a virtual list, the others DataTables)."""
        if pestana == "historial":
            return self.query_one("#t-historial", TablaHistorial)
        return self.query_one(f"#t-{pestana}", TablaFicha)

    def ajustar(self, ancho: int) -> None:
        """The terminal is now ``ancho`` cells wide: labels to fit, and tables rebuilt only
        when their width really changed."""
        for pestana, etiqueta in etiquetas(ancho).items():
            tab = self.get_tab(pestana)
            if str(tab.label) != etiqueta:
                tab.label = etiqueta
        if self._expediente is None:
            return
        for tabla in [*self.query(TablaHistorial), *self.query(TablaFicha)]:
            if tabla.ancho != self._ancho_tablas():
                tabla.fill(self._expediente, self._ancho_tablas())
