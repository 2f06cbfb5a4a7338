"""In-process benchmarks, each run in its own process by bench/run.py; prints one JSON object.

    python bench/inproc.py servicio-busqueda --db DB --consulta perez --runs 30
    python bench/inproc.py app-busqueda      --db DB --runs 3
    python bench/inproc.py app-ficha         --db DB --cliente 1001 --runs 10
    python bench/inproc.py app-memoria       --db DB --pasos 400
    python bench/inproc.py piso-memoria | piso-busqueda | piso-ficha
    python bench/inproc.py piso-pantallas --runs 5   # cost of pushing a screen (see README)

The app benchmarks drive ``a3tui.app.app.A3App`` with Textual's Pilot, as a user would
press keys. They read the app's code as it is (screens, widget ids, attributes); when a
piece they need is missing they report ``{"disponible": false, "motivo": ...}`` instead
of failing, so the harness runs while the app is still being written.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sqlite3
import statistics
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from generate import AHORA  # noqa: E402
from generate import LOGIN as LOGIN_GENERADO  # noqa: E402

# The advisor the app runs as (bench/equipo_pg.py picks one advisor of a larger office).
LOGIN = os.environ.get("A3_BENCH_ASESOR") or LOGIN_GENERADO

TAMANO = (120, 36)


def _rss_mb() -> float:
    """Peak resident memory of this process image, in MB.

    VmHWM, not ``ru_maxrss``: on Linux ``ru_maxrss`` survives ``exec`` and so includes the
    parent that forked us (bench/run.py, which may have just generated 100k clients).
    """
    try:
        for linea in Path("/proc/self/status").read_text().splitlines():
            if linea.startswith("VmHWM:"):
                return int(linea.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _resumen(tiempos: list[float]) -> dict[str, Any]:
    return {
        "mediana": statistics.median(tiempos),
        "min": min(tiempos),
        "max": max(tiempos),
        "n": len(tiempos),
    }


def _no_disponible(motivo: str) -> dict[str, Any]:
    return {"disponible": False, "motivo": motivo}


# ---------------------------------------------------------------- service layer


def servicio_busqueda(db: str, consulta: str, runs: int) -> dict[str, Any]:
    """``clientes.list_(Filtro(buscar=consulta), limit=50)`` vs one indexed lookup in sqlite3."""
    from a3tui import domain, services
    from a3tui.services import clientes
    from a3tui.store import open_store

    store = open_store(db, create=False)
    filtro = clientes.Filtro(buscar=consulta)
    tiempos: list[float] = []
    with store.session() as session:
        ctx = services.contexto(session, LOGIN, datetime.fromisoformat(AHORA))
        filas = clientes.list_(ctx, filtro, limit=50)
        total = clientes.count(ctx, filtro)
        for _ in range(2):
            clientes.list_(ctx, filtro, limit=50)
        for _ in range(runs):
            inicio = time.perf_counter()
            clientes.list_(ctx, filtro, limit=50)
            tiempos.append(time.perf_counter() - inicio)
    store.dispose()

    # Floor: the first token's index range scan, 50 ids, no join, no sort.
    token = domain.tokens_consulta(consulta)[0]
    con = sqlite3.connect(db)
    sql = "SELECT cliente_id FROM cliente_termino WHERE termino >= ? AND termino < ? LIMIT 50"
    args = (token, domain.fin_prefijo(token))
    for _ in range(3):
        con.execute(sql, args).fetchall()
    piso: list[float] = []
    for _ in range(runs):
        inicio = time.perf_counter()
        con.execute(sql, args).fetchall()
        piso.append(time.perf_counter() - inicio)
    con.close()
    return {"disponible": True, "a3": _resumen(tiempos), "piso": _resumen(piso), "filas": len(filas), "total": total}


# ---------------------------------------------------------------- app helpers


class Falta(Exception):
    """A piece of the app the benchmark needs is not there (yet)."""


async def _esperar(condicion, limite: float = 30.0, paso: float = 0.0005) -> None:
    inicio = time.perf_counter()
    while not condicion():
        if time.perf_counter() - inicio > limite:
            raise Falta(f"timed out after {limite:.0f} s waiting for the app")
        await asyncio.sleep(paso)


def _app(db: str) -> Any:
    os.environ["A3_AHORA"] = AHORA
    os.environ["A3_ASESOR"] = LOGIN
    try:
        from a3tui.app.app import A3App
    except ImportError as error:
        raise Falta(f"a3tui.app.app.A3App: {error}") from None
    from a3tui.store import open_store

    store = open_store(db, create=False)
    try:
        return A3App(store, login=LOGIN)
    except TypeError:
        return A3App(store)


def _lista(app: Any) -> Any:
    """The client list widget of the current screen (anything with ``cargado``, ``filtro``, ``total``)."""
    try:
        from a3tui.app.widgets.lista_clientes import ListaClientes

        return app.screen.query_one(ListaClientes)
    except Exception as error:
        raise Falta(f"client list (ListaClientes) not found: {error}") from None


async def _a_clientes(app: Any, pilot: Any) -> Any:
    """Go to Clientes and wait for the whole list: its first page and its exact count."""
    await pilot.press("c")
    lista = _lista(app)
    await _esperar(lambda: getattr(lista, "cargado", False) and getattr(lista, "total_exacto", True))
    return lista


# ---------------------------------------------------------------- app benchmarks


async def _tecla(app: Any, pilot: Any, tecla: str, listo) -> float:
    """Seconds from a key reaching the app to ``listo()`` holding and the screen being painted.

    The key is posted as the terminal driver would post it; Pilot.press is not used to time
    because it waits for the process to look idle (a CPU-time heuristic that adds tens of
    milliseconds, more on a busy machine). ``pilot.pause(0)`` then lets pending messages run
    and forces the screen update, so the figure includes drawing the result.
    """
    from textual import events

    inicio = time.perf_counter()
    app.post_message(events.Key(tecla, tecla if len(tecla) == 1 else None))
    await _esperar(listo)
    await pilot.pause(0)
    return time.perf_counter() - inicio


async def _app_busqueda(db: str, runs: int, palabras: list[str]) -> dict[str, Any]:
    """Keystroke → list showing the result for the new text, for every prefix of each word."""
    from textual.widgets import Input

    app = _app(db)
    tiempos: list[float] = []
    async with app.run_test(size=TAMANO) as pilot:
        lista = await _a_clientes(app, pilot)
        try:
            caja = app.screen.query_one("#buscar", Input)
        except Exception as error:
            raise Falta(f"search box #buscar not found: {error}") from None
        for ronda in range(runs + 1):
            for palabra in palabras:
                await pilot.press("slash")
                for n, letra in enumerate(palabra, 1):
                    texto = palabra[:n]
                    segundos = await _tecla(
                        app,
                        pilot,
                        letra,
                        lambda texto=texto: caja.value == texto and lista.cargado and lista.filtro.buscar == texto,
                    )
                    if ronda:
                        tiempos.append(segundos)
                await pilot.press("escape")  # clears the box and goes back to the list
                await _esperar(lambda: lista.cargado and lista.filtro.buscar == "")
    espera = None
    try:
        from a3tui.app.screens import clientes as pantalla

        espera = getattr(pantalla, "ESPERA_BUSQUEDA", None)
    except ImportError:
        pass
    servicio = _servicio_busqueda_app(db, runs, palabras)
    return {
        "disponible": True,
        "a3": _resumen(tiempos),
        "pagina": _resumen(servicio["pagina"]),
        "conteo": _resumen(servicio["conteo"]),
        "espera_busqueda": espera,
    }


def _servicio_busqueda_app(db: str, runs: int, palabras: list[str]) -> dict[str, list[float]]:
    """What the list's worker asks the services for each prefix, each in its own session:
    the first page of 100 rows, and the count."""
    from a3tui import services
    from a3tui.services import clientes
    from a3tui.store import open_store

    store = open_store(db, create=False)
    tiempos: dict[str, list[float]] = {"pagina": [], "conteo": []}
    momento = datetime.fromisoformat(AHORA)
    for ronda in range(runs + 1):
        for palabra in palabras:
            for n in range(1, len(palabra) + 1):
                filtro = clientes.Filtro(buscar=palabra[:n])
                for que, consulta in (
                    ("pagina", lambda ctx, filtro=filtro: clientes.list_(ctx, filtro, offset=0, limit=100)),
                    ("conteo", lambda ctx, filtro=filtro: clientes.count(ctx, filtro)),
                ):
                    inicio = time.perf_counter()
                    with store.session() as session:
                        consulta(services.contexto(session, LOGIN, momento))
                    if ronda:
                        tiempos[que].append(time.perf_counter() - inicio)
    store.dispose()
    return tiempos


async def _piso_busqueda(runs: int, palabras: list[str]) -> dict[str, Any]:
    """Floor: a bare Textual Input that refills a DataTable of up to 100 rows on every keystroke."""
    sys.path.insert(0, str(BENCH / "floors"))
    from bare_app import BuscarApp
    from textual.widgets import Input

    app = BuscarApp()
    tiempos: list[float] = []
    async with app.run_test(size=TAMANO) as pilot:
        caja = app.query_one("#buscar", Input)
        for ronda in range(runs + 1):
            for palabra in palabras:
                for n, letra in enumerate(palabra, 1):
                    texto = palabra[:n]
                    segundos = await _tecla(app, pilot, letra, lambda texto=texto: app.filtro == texto)
                    if ronda:
                        tiempos.append(segundos)
                caja.value = ""
                await _esperar(lambda: app.filtro == "")
    return {"disponible": True, "a3": _resumen(tiempos)}


async def _app_ficha(db: str, cliente_id: int, nombre: str, runs: int) -> dict[str, Any]:
    """Enter on the client in the list → its ficha drawn with its history."""
    from textual.widgets import Input

    app = _app(db)
    tiempos: list[float] = []
    try:
        from a3tui.app.screens.ficha import FichaScreen
    except ImportError as error:
        raise Falta(f"FichaScreen: {error}") from None
    async with app.run_test(size=TAMANO) as pilot:
        lista = await _a_clientes(app, pilot)
        await pilot.press("slash")
        caja = app.screen.query_one("#buscar", Input)
        caja.value = nombre
        await _esperar(lambda: lista.cargado and lista.filtro.buscar == nombre and lista.fila_actual is not None)
        await pilot.press("enter")  # leave the search box for the list
        await _esperar(lambda: app.focused is lista)
        if lista.fila_actual is None or lista.fila_actual.id != cliente_id:
            raise Falta(f"client {cliente_id} not first in the list for «{nombre}»")
        historial = 0
        for ronda in range(runs + 1):
            segundos = await _tecla(
                app,
                pilot,
                "enter",
                lambda: isinstance(app.screen, FichaScreen) and getattr(app.screen, "expediente", None) is not None,
            )
            if ronda:
                tiempos.append(segundos)
            historial = len(app.screen.expediente.historial)
            await pilot.press("escape")
            await _esperar(lambda: not isinstance(app.screen, FichaScreen))
    servicio = _servicio_ficha(db, cliente_id, runs)
    return {"disponible": True, "a3": _resumen(tiempos), "servicio": _resumen(servicio), "historial": historial}


def _servicio_ficha(db: str, cliente_id: int, runs: int) -> list[float]:
    """The ficha's data alone: ``expediente.get`` in its own session, as the screen asks for it."""
    from a3tui import services
    from a3tui.services import expediente
    from a3tui.store import open_store

    store = open_store(db, create=False)
    tiempos: list[float] = []
    for ronda in range(runs + 1):
        inicio = time.perf_counter()
        with store.session() as session:
            expediente.get(services.contexto(session, LOGIN, datetime.fromisoformat(AHORA)), cliente_id)
        if ronda:
            tiempos.append(time.perf_counter() - inicio)
    store.dispose()
    return tiempos


async def _piso_ficha(runs: int) -> dict[str, Any]:
    """Floor: Enter pushes a bare screen with a DataTable of 200 rows."""
    sys.path.insert(0, str(BENCH / "floors"))
    from bare_app import FichaApp, HistorialScreen

    app = FichaApp()
    tiempos: list[float] = []
    async with app.run_test(size=TAMANO) as pilot:
        for ronda in range(runs + 1):
            segundos = await _tecla(
                app, pilot, "enter", lambda: isinstance(app.screen, HistorialScreen) and app.screen.lista
            )
            if ronda:
                tiempos.append(segundos)
            await pilot.press("escape")
            await _esperar(lambda: not isinstance(app.screen, HistorialScreen))
    return {"disponible": True, "a3": _resumen(tiempos)}


async def _app_memoria(db: str, pasos: int, limite: float) -> dict[str, Any]:
    """Peak RSS after the cursor walks the whole client list from the first row to the last.

    The walk takes at most ``pasos`` steps (one page of the list per step when the list is
    small enough, evenly spaced jumps otherwise); each step draws the screen at the new
    place and waits for its rows to arrive, so every region of the list is read and drawn.
    """
    app = _app(db)
    async with app.run_test(size=TAMANO) as pilot:
        lista = await _a_clientes(app, pilot)
        antes = _rss_mb()
        total = lista.total
        salto = max(100, -(-total // pasos))
        inicio = time.perf_counter()
        completo = True
        while lista.cursor < lista.total - 1:
            if time.perf_counter() - inicio > limite:
                completo = False
                break
            lista.action_cursor(salto)
            # Let the page workers deliver what the screen shows, and draw it, before going on.
            await _esperar(lambda: lista.fila_actual is not None, limite=60)
            await pilot.pause()
        segundos = time.perf_counter() - inicio
        recorridas = lista.cursor + 1
    return {
        "disponible": True,
        "rss_mb": _rss_mb(),
        "rss_inicio_mb": antes,
        "total": total,
        "recorridas": recorridas,
        "completo": completo,
        "salto": salto,
        "segundos": segundos,
    }


async def _piso_memoria() -> dict[str, Any]:
    sys.path.insert(0, str(BENCH / "floors"))
    from bare_app import BareApp

    app = BareApp()
    async with app.run_test(size=TAMANO) as pilot:
        await pilot.press(*["pagedown"] * 5, "end")
        await pilot.pause()
    return {"disponible": True, "rss_mb": _rss_mb()}


async def _piso_pantallas(runs: int) -> dict[str, Any]:
    """What pushing a screen costs in bare Textual: empty, with a 20-row and a 200-row DataTable."""
    from textual.app import App
    from textual.screen import Screen
    from textual.widgets import DataTable, Static

    class Vacia(Screen[None]):
        BINDINGS = [("escape", "app.pop_screen", "")]

        def compose(self):
            yield Static("Ficha")

        def on_mount(self) -> None:
            self.listo = True

    class ConTabla(Screen[None]):
        BINDINGS = [("escape", "app.pop_screen", "")]

        def __init__(self, filas: int) -> None:
            super().__init__()
            self.filas = filas

        def compose(self):
            yield DataTable()

        def on_mount(self) -> None:
            tabla = self.query_one(DataTable)
            tabla.add_columns("Fecha", "Actividad")
            for i in range(self.filas):
                tabla.add_row(f"2026-01-{1 + i % 28:02d} 12:00", f"Llamada: contestó-interesado · {i} min")
            self.listo = True

    class Pantallas(App[None]):
        BINDINGS = [("x", "abrir(0)", ""), ("y", "abrir(20)", ""), ("z", "abrir(200)", "")]

        def action_abrir(self, filas: int) -> None:
            self.push_screen(ConTabla(filas) if filas else Vacia())

    app = Pantallas()
    resultado: dict[str, Any] = {"disponible": True}
    async with app.run_test(size=TAMANO) as pilot:
        for tecla, nombre in (("x", "vacia"), ("y", "tabla_20"), ("z", "tabla_200")):
            tiempos = []
            for ronda in range(runs + 1):
                segundos = await _tecla(app, pilot, tecla, lambda: getattr(app.screen, "listo", False))
                if ronda:
                    tiempos.append(segundos)
                await pilot.press("escape")
                await _esperar(lambda: not getattr(app.screen, "listo", False))
            resultado[nombre] = _resumen(tiempos)
    return resultado


def _correr(corutina) -> dict[str, Any]:
    try:
        return asyncio.run(corutina)
    except Falta as falta:
        return _no_disponible(str(falta))
    except Exception as error:
        return _no_disponible(f"{type(error).__name__}: {error}\n{traceback.format_exc(limit=4)}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("que")
    parser.add_argument("--db")
    parser.add_argument("--consulta", default="perez")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--cliente", type=int, default=0)
    parser.add_argument("--nombre", default="")
    parser.add_argument("--palabras", default="perez,maria,812")
    parser.add_argument("--pasos", type=int, default=400)
    parser.add_argument("--limite", type=float, default=120.0)
    args = parser.parse_args()
    if args.que == "servicio-busqueda":
        resultado = servicio_busqueda(args.db, args.consulta, args.runs)
    elif args.que == "app-busqueda":
        resultado = _correr(_app_busqueda(args.db, args.runs, args.palabras.split(",")))
    elif args.que == "app-ficha":
        resultado = _correr(_app_ficha(args.db, args.cliente, args.nombre, args.runs))
    elif args.que == "app-memoria":
        resultado = _correr(_app_memoria(args.db, args.pasos, args.limite))
    elif args.que == "piso-memoria":
        resultado = _correr(_piso_memoria())
    elif args.que == "piso-busqueda":
        resultado = _correr(_piso_busqueda(args.runs, args.palabras.split(",")))
    elif args.que == "piso-ficha":
        resultado = _correr(_piso_ficha(args.runs))
    elif args.que == "piso-pantallas":
        resultado = _correr(_piso_pantallas(args.runs))
    else:
        parser.error(f"unknown benchmark {args.que}")
    print(json.dumps(resultado))
    return 0


if __name__ == "__main__":
    sys.exit(main())
