"""Stored text is data in the app too: markup-like names show literally, and control
characters kept by an older a3 (or imported) never reach the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.ficha import FichaScreen
from a3tui.services import actividades, clientes, notas, tareas
from a3tui.store import Store, open_store
from apoyo.app import esperar
from apoyo.cartera import AHORA

TAMANO = (100, 30)
ESCAPE = "T \x1b]0;titulo\x07 \x1b[2J"


@pytest.fixture
def base_rara(tmp_path: Path) -> Iterator[tuple[Store, dict[str, int]]]:
    """Clients whose text looks like markup, and one whose name holds escape sequences
    (written straight to the table, as an older a3 allowed)."""
    store = open_store(str(tmp_path / "a3.db"))
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        juan = clientes.add(ctx, "Juan [/] Pérez", telefonos=["8123456789"], email="juan@correo.mx")
        negrita = clientes.add(ctx, "[bold]Rosa[/bold] :smile:", telefonos=["8187654321"])
        notas.add(ctx, juan, "Nota con [red]markup[/red] y [/]")
        actividades.llamada(ctx, juan, "no-contestó", nota="Dijo [/] algo")
        tareas.add(ctx, "Llamar a [b]Juan[/b] [/]", AHORA.date(), cliente=juan)
        raro = clientes.add(ctx, "Temporal", telefonos=["5512345678"])
        session.flush()
        session.execute(text("UPDATE cliente SET nombre = :n WHERE id = :i"), {"n": ESCAPE, "i": raro.id})
        session.execute(
            text("INSERT INTO nota (cliente_id, asesor_id, texto, creado) VALUES (:c, :a, :t, :f)"),
            {"c": raro.id, "a": ctx.asesor.id, "t": f"nota {ESCAPE}", "f": AHORA},
        )
        ids = {"juan": juan.id or 0, "negrita": negrita.id or 0, "raro": raro.id or 0}
    yield store, ids
    store.dispose()


def _pantalla(app: A3App) -> str:
    return app.export_screenshot()


def _sin_controles(svg: str) -> None:
    for caracter in ("\x1b", "\x07", "\x9b"):
        assert caracter not in svg


async def test_mis_tareas_muestra_la_tarea_con_corchetes_tal_cual(base_rara) -> None:
    store, _ids = base_rara
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        svg = _pantalla(app)
        assert "[b]Juan[/b]" in svg
        _sin_controles(svg)


async def test_lista_de_clientes_muestra_nombres_con_corchetes_y_sin_controles(base_rara) -> None:
    store, _ids = base_rara
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await pilot.press("c")
        await esperar(pilot)
        svg = _pantalla(app)
        assert "Juan&#160;[/]&#160;Pérez" in svg or "Juan [/] Pérez" in svg
        assert "[bold]Rosa[/bold]" in svg
        assert ":smile:" in svg
        _sin_controles(svg)


@pytest.mark.parametrize("pestana", ["historial", "notas", "tareas", "datos"])
async def test_ficha_con_corchetes_muestra_cada_pestana(base_rara, pestana: str) -> None:
    store, ids = base_rara
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        app.abrir_ficha(ids["juan"])
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen)
        await app.screen.action_pestana(pestana)
        await esperar(pilot)
        svg = _pantalla(app)
        assert "[/]" in svg
        _sin_controles(svg)


@pytest.mark.parametrize("pestana", ["historial", "notas", "datos"])
async def test_ficha_con_secuencias_de_escape_no_las_manda_a_la_terminal(base_rara, pestana: str) -> None:
    store, ids = base_rara
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        app.abrir_ficha(ids["raro"])
        await esperar(pilot)
        await app.screen.action_pestana(pestana)
        await esperar(pilot)
        svg = _pantalla(app)
        assert "titulo" in svg
        _sin_controles(svg)


async def test_aviso_con_el_nombre_no_se_lee_como_markup(base_rara) -> None:
    store, _ids = base_rara
    app = A3App(store)
    async with app.run_test(size=TAMANO, notifications=True) as pilot:
        await esperar(pilot)
        app.notify("Hecha: Llamar a [b]Juan[/b] [/]", title=ESCAPE)
        await esperar(pilot)
        svg = _pantalla(app)
        assert "Hecha" in svg
        assert "[b]Juan[/b]" in svg
        _sin_controles(svg)


async def test_los_pasos_muestran_sus_casillas(base_rara) -> None:
    """Issue 28: «[x] Mostrarle propiedades» lost its «[x]» (read as markup); and a client
    never contacted showed «Dar seguimiento constante» as done."""
    from a3tui.services import etapas

    store, ids = base_rara
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        etapas.marcar(ctx, clientes.get(ctx, ids["juan"]), "mostrar")
        nuevo = clientes.add(ctx, "Nunca Contactado", telefonos=["8111110000"])
        assert not next(p for p in etapas.pasos(ctx, nuevo) if p.clave == "seguimiento").hecho
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        app.abrir_ficha(ids["juan"])
        await esperar(pilot)
        await app.screen.action_pestana("pasos")
        await esperar(pilot)
        svg = _pantalla(app).replace("&#160;", " ")
        assert "[x] Mostrarle propiedades" in svg
        assert "[ ] Enviar opciones por WhatsApp" in svg


async def test_cada_pantalla_muestra_los_textos_con_corchetes_tal_cual(base_rara) -> None:
    """Every screen an advisor opens, on a database whose names look like markup: the
    brackets show, nothing vanishes (the one safe path is app.formato.plano)."""
    store, _ids = base_rara
    with store.session() as session:
        ctx = services.contexto(session, "ana", AHORA)
        from a3tui.services import asesores, propiedades

        asesores.add(ctx, "pepe", nombre="Pepe [b]Ruiz[/b]")
        propiedades.add(ctx, "CUM-X-1", desarrollo="Cumbres [norte]", modelo="[b]Roble[/b]")
    app = A3App(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await esperar(pilot)
        for tecla, esperado in (("c", "[bold]Rosa[/bold]"), ("i", "Cumbres [norte]"), ("o", "Pepe [b]Ruiz[/b]")):
            await pilot.press(tecla)
            await esperar(pilot)
            if tecla == "o":
                await pilot.press("3")  # the advisors' tab
                await esperar(pilot)
            svg = _pantalla(app).replace("&#160;", " ")
            assert esperado in svg, tecla
            _sin_controles(svg)
        await pilot.press("i")
        await esperar(pilot)
        await pilot.press("p")  # show a property to a client: the picker lists names
        await esperar(pilot)
        await pilot.press(*"rosa")
        await esperar(pilot)
        assert "[bold]Rosa[/bold]" in _pantalla(app).replace("&#160;", " ")
