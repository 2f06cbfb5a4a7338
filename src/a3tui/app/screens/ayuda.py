"""Ayuda (`?`): every key of a3, the current screen's first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static


def _bindings(*grupos: Iterable[Binding | tuple[str, ...]]) -> list[Binding]:
    return [b for grupo in grupos for b in grupo if isinstance(b, Binding)]


def _secciones() -> list[tuple[str, type[object], list[Binding]]]:
    from a3tui.app.app import A3App
    from a3tui.app.screens.apartados import ApartadosScreen, TablaApartados
    from a3tui.app.screens.clientes import ClientesScreen
    from a3tui.app.screens.elegir import Elegir
    from a3tui.app.screens.ficha import FichaScreen
    from a3tui.app.screens.formulario import Formulario
    from a3tui.app.screens.inventario import InventarioScreen
    from a3tui.app.screens.mis_tareas import ListaDelDia, MisTareasScreen
    from a3tui.app.screens.oficina import PESTANAS as PESTANAS_OFICINA
    from a3tui.app.screens.oficina import OficinaScreen
    from a3tui.app.screens.reportes import ReportesScreen
    from a3tui.app.screens.servicio import ServicioScreen, TablaCasos
    from a3tui.app.widgets.ficha.notas import PanelNotas
    from a3tui.app.widgets.ficha.pestanas import PESTANAS
    from a3tui.app.widgets.lista_clientes import ListaClientes

    # 1…9, and 0 for a tenth tab.
    teclas_de_pestanas = f"1…{min(len(PESTANAS), 9)}" + (", 0" if len(PESTANAS) > 9 else "")
    pestanas = Binding("1-0", "", "Pestañas: " + ", ".join(PESTANAS), key_display=teclas_de_pestanas)
    ficha = [
        b for b in FichaScreen.BINDINGS if isinstance(b, Binding) and not (b.id or "").startswith("a3.ficha.pestana_")
    ]
    formularios = [
        Binding("enter", "", "Guardar (en un campo de texto)"),
        Binding("a-z", "", "En una lista: elegir por su letra (otra vez: la siguiente)", key_display="letra"),
        Binding("enter", "", "En una lista: aceptar y pasar al campo siguiente"),
        Binding("space", "", "Abrir la lista", key_display="Espacio"),
        Binding("tab", "", "Campo siguiente (Mayús+Tab: anterior)"),
    ]
    return [
        (
            "Mis tareas",
            MisTareasScreen,
            [
                *_bindings(ListaDelDia.BINDINGS, MisTareasScreen.BINDINGS),
                Binding("x", "", "Hecha: en «Pendientes de respuesta», ya respondió; en «te escribió», ya le respondí"),
            ],
        ),
        ("Clientes", ClientesScreen, _bindings(ClientesScreen.BINDINGS, ListaClientes.BINDINGS)),
        (
            "Ficha del cliente",
            FichaScreen,
            [
                *ficha,
                *_bindings(PanelNotas.BINDINGS),
                pestanas,
                Binding(
                    "enter",
                    "",
                    "Ver completa la actividad (Historial), abrir la tarea (Tareas), qué hacer con un apartado o "
                    "documento, atender un caso (Casos)",
                ),
                Binding("space", "", "Marcar o desmarcar un paso (Pasos)"),
            ],
        ),
        (
            "Inventario",
            InventarioScreen,
            [*_bindings(InventarioScreen.BINDINGS), Binding("enter", "", "Ver la propiedad completa")],
        ),
        (
            "Oficina",
            OficinaScreen,
            [
                *(b for b in _bindings(OficinaScreen.BINDINGS) if not (b.id or "").startswith("a3.oficina.pestana_")),
                Binding("1-5", "", "Pestañas: " + ", ".join(PESTANAS_OFICINA.values()).lower(), key_display="1…5"),
                Binding("enter", "", "Decidir una transferencia, editar un asesor, fusionar un par"),
            ],
        ),
        ("Reportes", ReportesScreen, _bindings(ReportesScreen.BINDINGS)),
        ("Apartados", ApartadosScreen, _bindings(TablaApartados.BINDINGS, ApartadosScreen.BINDINGS)),
        ("Servicio", ServicioScreen, _bindings(TablaCasos.BINDINGS, ServicioScreen.BINDINGS)),
        (
            "Elegir cliente o propiedad",
            Elegir,
            [
                Binding("enter", "", "Elegir el resaltado (escribe para buscar)"),
                Binding("down", "", "Pasar a la lista"),
                *_bindings(Elegir.BINDINGS),
            ],
        ),
        ("Formularios", Formulario, _bindings(Formulario.BINDINGS, formularios)),
        ("En todas las pantallas", A3App, _bindings(A3App.BINDINGS)),
    ]


def teclas() -> list[tuple[str, type[object], list[tuple[str, str]]]]:
    """Every key of a3 by section, as (key as shown, what it does): what ? shows and what
    the README's table of keys is generated from (one key map, written once)."""
    from a3tui.app.app import nombre_tecla

    salida = []
    for titulo, clase, bindings in _secciones():
        filas: list[tuple[str, str]] = []
        vistos: set[str] = set()
        for binding in bindings:
            if not binding.description:
                continue
            texto = binding.tooltip or binding.description
            if texto in vistos:
                continue
            vistos.add(texto)
            filas.append((binding.key_display or nombre_tecla(binding.key), texto))
        salida.append((titulo, clase, filas))
    return salida


def tabla_markdown() -> str:
    """The README's key table (``python -m a3tui.app.screens.ayuda`` prints it)."""
    lineas = ["| Pantalla | Tecla | Qué hace |", "|---|---|---|"]
    for titulo, _clase, filas in teclas():
        for n, (tecla, texto) in enumerate(filas):
            tecla_md = tecla.replace("|", "\\|")
            lineas.append(f"| {titulo if n == 0 else ''} | `{tecla_md}` | {texto} |")
    return "\n".join(lineas) + "\n"


class AyudaScreen(ModalScreen[None]):
    """The key reference; Esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Cerrar", id="a3.ayuda.cerrar")]

    def __init__(self, pantalla: Screen[Any]) -> None:
        super().__init__()
        self.pantalla = pantalla

    def compose(self) -> ComposeResult:
        secciones = teclas()
        # The screen the user came from goes first.
        secciones.sort(key=lambda s: 0 if isinstance(self.pantalla, s[1]) else 1)
        with VerticalScroll(classes="dialogo ayuda", can_focus=True):
            yield Static("Teclas de a3", classes="dialogo-titulo")
            for titulo, _, filas in secciones:
                yield Static(self._seccion(titulo, filas), classes="ayuda-seccion")
            yield Static(
                "Las teclas de letras no actúan mientras escribes en un campo; Esc sale del campo.\n"
                "^p abre la paleta de comandos con todas las acciones de la pantalla.",
                classes="ayuda-campo",
                markup=False,
            )

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()

    def _seccion(self, titulo: str, filas: list[tuple[str, str]]) -> Content:
        partes: list[Content | str | tuple[str, str]] = [(titulo, "bold $text-accent")]
        for tecla, texto in filas:
            partes.extend(["\n  ", (tecla.ljust(12), "bold"), texto])
        return Content.assemble(*partes)


if __name__ == "__main__":
    print(tabla_markdown(), end="")
