"""Every terminal gets a clear signal (issue 13): ANSI colours on 16-colour terminals, ASCII
symbols on the Linux console (or when asked), a reversed cursor row without colour."""

from __future__ import annotations

import re

import pytest
from textual.screen import ModalScreen
from textual.widgets import OptionList, Select, Static

from a3tui import domain
from a3tui.app.app import A3App
from a3tui.app.paleta import PaletaA3
from a3tui.app.terminal import TEMA_ANSI, detectar
from a3tui.app.widgets.casilla import Casilla
from a3tui.app.widgets.ficha.casos import TablaCasosCliente
from a3tui.app.widgets.lista import Desplegable
from a3tui.store import Store
from apoyo.app import en_pantalla, esperar, opciones, pantalla, texto


@pytest.mark.parametrize(
    ("entorno", "colores", "ascii_"),
    [
        ({"TERM": "xterm-256color", "COLORTERM": "truecolor"}, 1 << 24, False),
        ({"TERM": "xterm-256color"}, 256, False),
        ({"TERM": "screen-256color"}, 256, False),
        ({"TERM": "xterm"}, 16, False),
        ({"TERM": "linux"}, 16, True),
        ({"TERM": "linux", "A3_SIMBOLOS": "unicode"}, 16, False),
        ({"TERM": "xterm-256color", "A3_SIMBOLOS": "ascii"}, 256, True),
        ({"TERM": "xterm-kitty"}, 1 << 24, False),
    ],
)
def test_detectar(entorno: dict[str, str], colores: int, ascii_: bool) -> None:
    terminal = detectar(entorno)
    assert terminal.colores == colores
    assert terminal.ascii is ascii_
    assert terminal.tema == (TEMA_ANSI if colores <= 16 else None)


def test_sin_color_no_cambia_el_tema_y_marca_la_fila() -> None:
    terminal = detectar({"TERM": "xterm", "NO_COLOR": "1"})
    assert terminal.tema is None
    assert terminal.clases == ["-sin-color"]


@pytest.mark.ambos_motores
async def test_consola_linux_usa_ansi_y_simbolos_ascii(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM")
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        assert app.theme == TEMA_ANSI
        assert app.has_class("-ascii")
        lineas = opciones(app.screen.query_one(OptionList))
        assert any(linea.startswith("* vencido") for linea in lineas)
        assert not any("●" in linea or "◐" in linea for linea in lineas)
        # The app's terminal is its own: the domain still says what it always says.
        assert domain.texto_alerta(domain.Alerta.ROJO) == "● vencido"


async def test_la_paleta_en_la_consola_linux_no_usa_simbolos_que_su_fuente_no_tiene(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 28 point 9: ctrl+p on the Linux console showed 🔎 and frame lines of ▔ and ▁,
    which its font doesn't have."""
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM")
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        await pilot.press("ctrl+p")
        await esperar(pilot)
        await pilot.press("j", "u", "a")
        await esperar(pilot)
        assert isinstance(app.screen, PaletaA3)
        pantalla = app.export_screenshot()
        for simbolo in ("🔎", "▔", "▁"):
            assert simbolo not in pantalla, simbolo


async def test_en_la_consola_linux_un_dialogo_deja_ver_la_pantalla_y_su_lista_tiene_marco(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 28 point 9: on the Linux console a dialog blanked the whole screen behind it (a
    shaded backdrop the 16 colours can't blend), and an open list had no frame the console
    draws: its choices read as the values of the fields under it."""
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM")
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        await pilot.press("c")
        await esperar(pilot)
        await pilot.press("n")
        await esperar(pilot)
        dialogo = app.screen
        assert isinstance(dialogo, ModalScreen)
        assert dialogo.styles.background.a == 0
        lista = dialogo.query_one(Select)
        lista.focus()
        await pilot.press("space")
        await esperar(pilot)
        abierta = lista.query_one("SelectOverlay")
        assert abierta.display
        assert abierta.styles.border_top[0] == "ascii"


async def test_la_casilla_dice_si_esta_marcada(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await esperar(pilot)
        casilla = app.screen.query_one(Casilla)
        assert casilla._button.plain == "▐ ▌"
        casilla.value = True
        assert casilla._button.plain == "▐X▌"


async def test_en_la_consola_linux_cada_lista_desplegable_lleva_su_marca(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 28 point 9: on the Linux console the ▼ of every drop-down was hidden (its font
    lacks it), and a list read as a plain field. Each one shows «v» instead, on every screen
    that has them, and its open list «^»."""
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM")
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        vistas = 0
        for teclas in (("c",), ("c", "a"), ("escape", "i"), ("escape", "V"), ("escape", "R")):
            await pilot.press(*teclas)
            await esperar(pilot)
            listas = list(app.screen.query(Select))
            assert listas, f"{teclas}: sin listas desplegables"
            for lista in listas:
                assert isinstance(lista, Desplegable), f"{lista!r} en {app.screen!r} no es un Desplegable"
                marca = lista.query_one(".down-arrow", Static)
                assert marca.display, lista
                assert texto(marca) == "v", lista
                assert texto(lista.query_one(".up-arrow", Static)) == "^"
                vistas += 1
        assert vistas >= 8
        await pilot.press("escape", "c")
        await esperar(pilot)
        linea = next(linea for linea in pantalla(app) if "Toda etapa" in linea)
        assert re.search(r"Toda etapa\s+v\s+Toda temperatura\s+v", linea), linea
        assert "▼" not in app.export_screenshot()


async def test_en_la_consola_linux_los_casos_dicen_su_plazo_en_ascii(
    store: Store, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 29 point 3: the domain says «●» always; the Servicio screen, a case's menu and
    the ficha's Casos tab ask the app's terminal, so on the Linux console an overdue case
    reads «* vencido»."""
    from datetime import timedelta

    from a3tui import services
    from a3tui.services import casos, clientes
    from apoyo.cartera import AHORA

    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA - timedelta(days=5))
        folio = casos.folio(casos.abrir(ctx, clientes.get(ctx, ids["carmen"]), "queja", "Sin agua"))
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM")
    app = A3App(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        await pilot.press("S")
        await esperar(pilot)
        linea = next(linea for linea in pantalla(app) if folio in linea)
        assert "* vencido" in linea, linea
        await pilot.press("enter")
        await esperar(pilot)
        assert "* vencido" in en_pantalla(pantalla(app)), pantalla(app)
        assert "●" not in app.export_screenshot()
        # The menu's last step opens the client's ficha on its Casos tab.
        menu = app.screen.query_one(OptionList)
        await pilot.press(*["down"] * (menu.option_count - 1 - (menu.highlighted or 0)), "enter")
        await esperar(pilot)
        tabla = app.screen.query_one(TablaCasosCliente)
        assert tabla.display
        assert tabla.row_count == 1
        linea = next(linea for linea in pantalla(app) if folio in linea)
        assert "* vencido" in linea, pantalla(app)
        assert "●" not in app.export_screenshot()
