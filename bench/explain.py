"""Explain a missed target: slow SQL with its plan, a profile, or the import cost of a command.

    python bench/explain.py sql --size 100000            # every query of the main screens, slowest first, with EXPLAIN QUERY PLAN
    python bench/explain.py profile --size 100000 hoy    # cProfile of one service call (hoy, tablero, buscar, ficha)
    python bench/explain.py imports -- cliente add X --telefono 6691234567
                                                          # `python -X importtime` of an a3 command, heaviest modules first

Works on a scratch copy of the cached benchmark database (bench/generate.py).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import shutil
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
from generate import AHORA, LOGIN, WORK  # noqa: E402


def _copia(size: int) -> Path:
    generate.ensure(size, log=lambda t: print(t, file=sys.stderr))
    destino = WORK / f"explain-{size}.db"
    for sufijo in ("", "-wal", "-shm"):
        Path(f"{destino}{sufijo}").unlink(missing_ok=True)
    shutil.copyfile(generate.ruta(size), destino)
    return destino


def _llamadas(ctx, size: int) -> dict:
    from a3tui.services import actividades, agenda, clientes, expediente, reportes, siguiente

    ficha_id = generate.meta(size)["ficha_id"]
    return {
        "hoy": lambda: agenda.hoy(ctx),
        # What Mis tareas reads: the day, «Llamar ahora», pending replies, the KPIs.
        "tablero": lambda: (
            agenda.hoy(ctx, proximas=True),
            siguiente.siguiente(ctx, 5),
            actividades.pendientes_de_respuesta(ctx, limit=5),
            actividades.count_pendientes_de_respuesta(ctx, hasta=100),
            reportes.kpis(ctx),
        ),
        "buscar": lambda: (
            clientes.count(ctx, clientes.Filtro(buscar="perez")),
            clientes.list_(ctx, clientes.Filtro(buscar="perez"), limit=100),
        ),
        "lista": lambda: (
            clientes.count(ctx, clientes.Filtro()),
            clientes.list_(ctx, clientes.Filtro(), offset=size - 100, limit=100),
        ),
        "ficha": lambda: expediente.get(ctx, ficha_id),
    }


def sql(size: int, umbral_ms: float) -> None:
    """Run the main service calls, record every statement's time, print the slow ones with plans."""
    from sqlalchemy import event

    from a3tui import services
    from a3tui.store import open_store

    db = _copia(size)
    store = open_store(str(db), create=False)
    registro: list[tuple[str, float, str, object]] = []
    actual = {"llamada": ""}

    @event.listens_for(store.engine, "before_cursor_execute")
    def _antes(conn, cursor, statement, parameters, context, executemany):
        conn.info["t0"] = time.perf_counter()

    @event.listens_for(store.engine, "after_cursor_execute")
    def _despues(conn, cursor, statement, parameters, context, executemany):
        registro.append((actual["llamada"], (time.perf_counter() - conn.info["t0"]) * 1000, statement, parameters))

    with store.session() as session:
        ctx = services.contexto(session, LOGIN, datetime.fromisoformat(AHORA))
        for nombre, llamada in _llamadas(ctx, size).items():
            actual["llamada"] = nombre
            inicio = time.perf_counter()
            llamada()
            print(f"{nombre}: {(time.perf_counter() - inicio) * 1000:.0f} ms in all", file=sys.stderr)
    lentas = sorted((r for r in registro if r[1] >= umbral_ms), key=lambda r: -r[1])
    con = store.engine.raw_connection()
    try:
        for llamada, ms, statement, parameters in lentas:
            print(f"\n=== {llamada}: {ms:.1f} ms\n{' '.join(statement.split())}\n    params {parameters}")
            cursor = con.cursor()
            cursor.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            for fila in cursor.fetchall():
                print("    plan:", fila[-1])
    finally:
        con.close()
    store.dispose()


def profile(size: int, que: str, lineas: int) -> None:
    from a3tui import services
    from a3tui.store import open_store

    db = _copia(size)
    store = open_store(str(db), create=False)
    with store.session() as session:
        ctx = services.contexto(session, LOGIN, datetime.fromisoformat(AHORA))
        llamada = _llamadas(ctx, size)[que]
        perfil = cProfile.Profile()
        perfil.enable()
        llamada()
        perfil.disable()
    store.dispose()
    salida = io.StringIO()
    pstats.Stats(perfil, stream=salida).sort_stats("cumulative").print_stats(lineas)
    print(salida.getvalue())


def imports(argumentos: list[str], lineas: int) -> None:
    """Heaviest imports (cumulative µs) of `a3 ARGS` on the 1k database."""
    db = _copia(1000)
    a3 = Path(sys.executable).parent / "a3"
    env = {**os.environ, "A3_ASESOR": LOGIN, "A3_AHORA": AHORA}
    proceso = subprocess.run(
        [sys.executable, "-X", "importtime", str(a3), "--db", str(db), *argumentos],
        env=env,
        capture_output=True,
        text=True,
    )
    filas = []
    for linea in proceso.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", linea)
        if m:
            filas.append((int(m.group(2)), len(m.group(3)), m.group(4)))
    total = sum(c for c, nivel, _ in filas if nivel == 1)
    print(f"total import time of top-level modules: {total / 1000:.0f} ms")
    for cumulativo, nivel, modulo in sorted(filas, key=lambda f: -f[0])[:lineas]:
        print(f"{cumulativo / 1000:8.1f} ms  {'  ' * (nivel - 1)}{modulo}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="que", required=True)
    p_sql = sub.add_parser("sql")
    p_sql.add_argument("--size", type=int, default=100_000)
    p_sql.add_argument("--umbral", type=float, default=5.0, help="show statements slower than this (ms)")
    p_prof = sub.add_parser("profile")
    p_prof.add_argument("--size", type=int, default=100_000)
    p_prof.add_argument("llamada", choices=["hoy", "tablero", "buscar", "lista", "ficha"])
    p_prof.add_argument("--lineas", type=int, default=30)
    p_imp = sub.add_parser("imports")
    p_imp.add_argument("--lineas", type=int, default=25)
    p_imp.add_argument("argumentos", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    if args.que == "sql":
        sql(args.size, args.umbral)
    elif args.que == "profile":
        profile(args.size, args.llamada, args.lineas)
    else:
        imports([a for a in args.argumentos if a != "--"], args.lineas)
    return 0


if __name__ == "__main__":
    sys.exit(main())
