"""Service cases in the app (issue 30 point 7), with the keys at 80x24: the Servicio screen
(S) lists the open cases, the most urgent first; n opens one (client picker, tipo,
descripción); Enter acts on one — resolved with its resolución, it leaves the list; a
coordinator sees her plaza's; another process's case shows up on its own. The ficha's
Casos tab (0) lists the client's cases, Enter acts on one, C opens one for the client."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import OptionList

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.caso import MenuCaso, NuevoCaso, PasoDeCaso
from a3tui.app.screens.elegir import ElegirCliente
from a3tui.app.screens.ficha import FichaScreen
from a3tui.app.screens.servicio import TablaCasos
from a3tui.app.widgets.ficha.casos import TablaCasosCliente
from a3tui.app.widgets.formulario import MensajeError
from a3tui.domain import EstadoCaso
from a3tui.services import casos, clientes
from a3tui.store import Store, open_store
from apoyo.app import abrir_ficha, dialogo, en_pantalla, esperar, pantalla, texto
from apoyo.cartera import AHORA

TAMANO = (80, 24)

pytestmark = pytest.mark.ambos_motores


def _casos(store: Store, login: str = "ana", estado: str = "todos") -> list[casos.FilaCaso]:
    with store.session() as session:
        return casos.list_(services.contexto(session, login), casos.FiltroCasos(estado=estado))


def _abrir(store: Store, login: str, cliente_id: int, tipo: str, descripcion: str) -> str:
    with store.session() as session:
        ctx = services.contexto(session, login, AHORA)
        return casos.folio(casos.abrir(ctx, clientes.get(ctx, cliente_id), tipo, descripcion))


def _otra_terminal(store: Store, cliente_id: int, tipo: str, descripcion: str) -> str:
    """Another process: its own engine and connections on the same database."""
    otro = open_store(str(store.path) if store.path else store.engine.url.render_as_string(hide_password=False))
    try:
        return _abrir(otro, "ana", cliente_id, tipo, descripcion)
    finally:
        otro.dispose()


async def _teclas(pilot, *teclas: str) -> None:
    for tecla in teclas:
        await pilot.press(tecla)
        await esperar(pilot)


async def _elegir(pilot, texto_opcion: str) -> None:
    """In an open menu of a case, the option that says ``texto_opcion`` (↓ to it, Enter)."""
    lista = pilot.app.screen.query_one(OptionList)
    etiquetas = [str(lista.get_option_at_index(i).prompt) for i in range(lista.option_count)]
    indice = next(i for i, e in enumerate(etiquetas) if texto_opcion in e)
    while lista.highlighted != indice:
        await pilot.press("down")
    await _teclas(pilot, "enter")


async def test_abrir_un_caso_y_resolverlo_lo_saca_de_los_abiertos(store: Store, ids: dict[str, int]) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await _teclas(pilot, "S")
        tabla = app.screen.query_one(TablaCasos)
        assert tabla.cargada
        assert tabla.total == 0
        assert "Ningún caso abierto" in en_pantalla(pantalla(app))
        # n: the client first, then the case.
        await _teclas(pilot, "n")
        assert isinstance(app.screen, ElegirCliente)
        await pilot.press(*"jose")
        await esperar(pilot)
        await _teclas(pilot, "enter")
        assert isinstance(app.screen, NuevoCaso)
        await _teclas(pilot, "g")  # Tipo: garantía, by its letter
        await _teclas(pilot, "tab", "a")  # Prioridad: alta
        await _teclas(pilot, "tab")
        await pilot.press(*"Se cae el azulejo")
        await _teclas(pilot, "ctrl+s")
        assert not isinstance(app.screen, NuevoCaso)
        [fila] = _casos(store)
        assert (fila.cliente_id, fila.tipo.value, fila.prioridad.value) == (ids["jose"], "garantía", "alta")
        assert fila.descripcion == "Se cae el azulejo"
        assert tabla.total == 1
        lineas = pantalla(app)
        assert fila.folio in en_pantalla(lineas)
        assert "a tiempo" in en_pantalla(lineas)
        assert "Se cae el azulejo" in en_pantalla(lineas)  # the line under the list
        # Enter: its menu; resolving asks for the resolución.
        await _teclas(pilot, "enter")
        assert isinstance(app.screen, MenuCaso)
        assert f"Caso {fila.folio}" in dialogo(pantalla(app))
        await _elegir(pilot, "Resolver")
        assert isinstance(app.screen, PasoDeCaso)
        await _teclas(pilot, "ctrl+s")
        error = app.screen.query_one(MensajeError)
        assert error.display
        assert "La resolución no puede estar vacía" in texto(error)
        assert _casos(store)[0].estado == EstadoCaso.ABIERTO
        await pilot.press(*"Se pegó de nuevo")
        await _teclas(pilot, "ctrl+s")
        assert not isinstance(app.screen, PasoDeCaso)
        [resuelto] = _casos(store)
        assert resuelto.estado == EstadoCaso.RESUELTO
        with store.session() as session:
            assert casos.get(services.contexto(session, "ana"), resuelto.id).resolucion == "Se pegó de nuevo"
        # It left the open cases.
        assert tabla.total == 0
        assert fila.folio not in en_pantalla(pantalla(app))


async def test_nota_en_proceso_y_el_mas_urgente_primero(store: Store, ids: dict[str, int]) -> None:
    tarde = _abrir(store, "ana", ids["maria"], "sugerencia", "Más áreas verdes")
    urgente = _abrir(store, "ana", ids["luis"], "queja", "No llegó el plano [red]X[/red]")
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await _teclas(pilot, "S")
        tabla = app.screen.query_one(TablaCasos)
        assert [tabla.fila(i).folio for i in range(tabla.total)] == [urgente, tarde]  # type: ignore[union-attr]
        # Text is data, never markup: the description reads as typed.
        assert "No llegó el plano [red]X[/red]" in en_pantalla(pantalla(app))
        await _teclas(pilot, "enter")
        await _elegir(pilot, "Agregar una nota")
        await pilot.press(*"Se le llamó")
        await _teclas(pilot, "ctrl+s")
        await _teclas(pilot, "enter")
        await _elegir(pilot, "Poner en proceso")
        [fila] = [f for f in _casos(store) if f.folio == urgente]
        assert fila.estado == EstadoCaso.EN_PROCESO
        with store.session() as session:
            ctx = services.contexto(session, "ana")
            assert [n.texto for n in casos.notas(ctx, casos.get(ctx, urgente))] == ["Se le llamó"]
        # Still open (en proceso): still listed, and its menu shows the note.
        assert tabla.total == 2
        await _teclas(pilot, "enter")
        assert "Se le llamó" in dialogo(pantalla(app))
        assert "en proceso" in dialogo(pantalla(app))


async def test_la_coordinadora_ve_los_casos_de_su_plaza(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        ctx = services.contexto(session, "luis", AHORA)
        de_luis = clientes.add(ctx, "Rosa Elena Cárdenas", telefonos=["8110001122"]).id
    suyo = _abrir(store, "luis", de_luis, "consulta", "¿Cuándo entregan?")
    de_ana = _abrir(store, "ana", ids["jose"], "queja", "Humedad")
    for login, esperados in (("carla", {suyo, de_ana}), ("luis", {suyo})):
        app = A3App(store, login=login)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "S")
            tabla = app.screen.query_one(TablaCasos)
            assert {tabla.fila(i).folio for i in range(tabla.total)} == esperados  # type: ignore[union-attr]


async def test_la_coordinadora_reasigna_un_caso(store: Store, ids: dict[str, int]) -> None:
    folio = _abrir(store, "ana", ids["jose"], "queja", "Humedad")
    app = A3App(store, login="carla")
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await _teclas(pilot, "S", "enter")
        await _elegir(pilot, "Reasignar")
        await pilot.press(*"carla")
        await esperar(pilot)
        await _teclas(pilot, "enter")
        [fila] = _casos(store, "carla")
        assert (fila.folio, fila.asesor) == (folio, "carla")
        assert "carla" in en_pantalla(pantalla(app))


async def test_un_caso_de_otro_proceso_aparece_solo(store: Store, ids: dict[str, int]) -> None:
    app = A3App(store)
    app.VIGILAR_CADA = 0.1
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await _teclas(pilot, "S")
        tabla = app.screen.query_one(TablaCasos)
        assert tabla.total == 0
        folio = _otra_terminal(store, ids["pedro"], "postventa", "Revisar la puerta")
        await pilot.pause(0.4)
        await esperar(pilot)
        assert tabla.total == 1
        assert folio in en_pantalla(pantalla(app))


async def test_un_caso_vencido_se_ve_en_rojo_y_primero(store: Store, ids: dict[str, int]) -> None:
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA - timedelta(days=5))
        vencido = casos.folio(casos.abrir(ctx, clientes.get(ctx, ids["carmen"]), "queja", "Sin agua"))
    _abrir(store, "ana", ids["jose"], "sugerencia", "Buzón")
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await _teclas(pilot, "S")
        lineas = pantalla(app)
        assert "2 casos abiertos · 1 vencido" in en_pantalla(lineas)
        primera = next(linea for linea in lineas if vencido in linea)
        assert "vencido" in primera


async def test_la_pestana_casos_de_la_ficha(store: Store, ids: dict[str, int]) -> None:
    folio = _abrir(store, "ana", ids["jose"], "queja", "Humedad en el baño")
    _abrir(store, "ana", ids["maria"], "consulta", "Una consulta de María")
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        ficha = await abrir_ficha(pilot, ids["jose"])
        lineas = pantalla(app)
        # Ten tabs fit in 80 columns, the tenth opened with 0.
        assert any("1 Datos" in linea and "0 Casos" in linea for linea in lineas), lineas
        await _teclas(pilot, "0")
        tabla = ficha.query_one("#t-casos", TablaCasosCliente)
        assert app.focused is tabla
        lineas = pantalla(app)
        assert folio in en_pantalla(lineas)
        assert "Humedad en el baño" in en_pantalla(lineas)
        assert "Una consulta de María" not in en_pantalla(lineas)  # another client's
        # Enter acts on it: resolved, it stays in the tab, resolved.
        await _teclas(pilot, "enter")
        assert isinstance(app.screen, MenuCaso)
        await _elegir(pilot, "Resolver")
        await pilot.press(*"Se impermeabilizó")
        await _teclas(pilot, "ctrl+s")
        assert app.screen is ficha
        assert "resuelto" in en_pantalla(pantalla(app))
        [resuelto] = [f for f in _casos(store) if f.folio == folio]
        assert resuelto.estado == EstadoCaso.RESUELTO
        # C: a new case of this client, without asking which client.
        await _teclas(pilot, "C")
        assert isinstance(app.screen, NuevoCaso)
        await _teclas(pilot, "tab", "tab")
        await pilot.press(*"Ruido en la bomba")
        await _teclas(pilot, "ctrl+s")
        assert app.screen is ficha
        assert tabla.row_count == 2
        assert "Ruido en la bomba" in en_pantalla(pantalla(app))
        assert sorted(f.descripcion for f in _casos(store) if f.cliente_id == ids["jose"]) == [
            "Humedad en el baño",
            "Ruido en la bomba",
        ]


async def test_la_pestana_casos_vacia_dice_como_abrir_uno(store: Store, ids: dict[str, int]) -> None:
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await abrir_ficha(pilot, ids["pedro"])
        await _teclas(pilot, "0")
        assert "Ninguno; C abre uno." in en_pantalla(pantalla(app))


async def test_desde_servicio_la_ficha_abre_en_sus_casos(store: Store, ids: dict[str, int]) -> None:
    folio = _abrir(store, "ana", ids["jose"], "queja", "Humedad")
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        await _teclas(pilot, "S", "enter")
        await _elegir(pilot, "Abrir la ficha")
        ficha = app.screen
        assert isinstance(ficha, FichaScreen)
        assert ficha.cliente_id == ids["jose"]
        assert ficha.pestanas.active == "casos"
        assert folio in en_pantalla(pantalla(app))
        await _teclas(pilot, "escape")  # back to Servicio
        assert app.screen.query_one(TablaCasos).total == 1
