"""One-off commands on PostgreSQL against the same office on SQLite (issue 15).

Builds the same office twice — ``a3tui.demo.generate`` (seed 11), then its clients dealt
to ``ASESORES`` advisors by id, with their activities and tasks — once in a private
PostgreSQL cluster and once in a SQLite file, and times whole `a3` processes for one
advisor (median of 5 after a warm-up): on SQLite; on PostgreSQL logged in as the
advisor's own role (row-level security on); on PostgreSQL as the administrator with
A3_ASESOR (no row-level security).

    /work/venv/bin/python bench/equipo_pg.py 100000 50     # 50 advisors × 2,000 clients
"""

import json
import os
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent / "tests"))
import psycopg

from a3tui import demo, services
from a3tui.services import asesores
from a3tui.store import open_store
from apoyo.pg import arrancar

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
ASESORES = int(sys.argv[2]) if len(sys.argv) > 2 else 5
AHORA = "2026-11-23T10:00:00"
os.environ["A3_AHORA"] = AHORA


def preparar(store):
    demo.generate(store, clientes=N, seed=11, login="bench", ahora=datetime.fromisoformat(AHORA))
    with store.session() as session:
        ctx = services.contexto(session, "bench")
        for n in range(ASESORES):
            asesores.add(ctx, f"a{n}", nombre=f"Asesor {n}")
    with store.engine.begin() as con:
        ids = [r[0] for r in con.exec_driver_sql("SELECT id FROM asesor WHERE login <> 'bench' ORDER BY id")]
        caso = " ".join(f"WHEN {k} THEN {i}" for k, i in enumerate(ids))
        con.exec_driver_sql(f"UPDATE cliente SET asesor_id = CASE (id - ({ASESORES} * (id / {ASESORES}))) {caso} END")
        con.exec_driver_sql(
            "UPDATE actividad SET asesor_id = (SELECT asesor_id FROM cliente WHERE cliente.id = actividad.cliente_id)"
        )
        con.exec_driver_sql(
            "UPDATE tarea SET asesor_id = (SELECT asesor_id FROM cliente WHERE cliente.id = tarea.cliente_id) WHERE cliente_id IS NOT NULL"
        )
    store.analyze()


def medir(argv, env, veces=5):
    ts = []
    for i in range(veces + 1):
        t = time.perf_counter()
        r = subprocess.run(argv, env=env, capture_output=True, text=True)
        d = time.perf_counter() - t
        if r.returncode != 0:
            return f"error: {r.stderr.strip()[:200]}"
        if i:
            ts.append(d)
    return f"{statistics.median(ts) * 1000:.0f} ms"


s = arrancar()
print("servidor", s.razon or "ok", flush=True)
try:
    with psycopg.connect(s.url("postgres"), autocommit=True) as a:
        a.execute("CREATE DATABASE oficina")
    t = time.perf_counter()
    pg = open_store(s.url("oficina"))
    preparar(pg)
    pg.dispose()
    print(f"pg generada en {time.perf_counter() - t:.0f} s", flush=True)
    trabajo = Path(__file__).resolve().parent / "work"
    trabajo.mkdir(exist_ok=True)  # ignored by git: a clean clone doesn't have it
    path = str(trabajo / "equipo-sqlite.db")
    for suf in ("", "-wal", "-shm"):
        if os.path.exists(path + suf):
            os.remove(path + suf)
    t = time.perf_counter()
    sq = open_store(path)
    preparar(sq)
    sq.dispose()
    print(f"sqlite generada en {time.perf_counter() - t:.0f} s", flush=True)
    a3 = str(__import__("pathlib").Path(sys.executable).parent / "a3")
    base = {k: v for k, v in os.environ.items() if not k.startswith("A3_")}
    base["A3_AHORA"] = AHORA
    for que in (["hoy"], ["cliente", "list", "--buscar", "perez"], ["cliente", "show", "1"], ["siguiente"]):
        r1 = medir([a3, "--db", path, *que], {**base, "A3_ASESOR": "a1"})
        r2 = medir([a3, "--db", s.url("oficina", usuario="a1"), *que], base)
        r3 = medir([a3, "--db", s.url("oficina"), *que], {**base, "A3_ASESOR": "a1"})
        print(
            f"{' '.join(que)}: sqlite {r1} · postgresql as a1's role (RLS) {r2} · postgresql as admin {r3}", flush=True
        )
    # In the app (in-process, Pilot): search as you type and opening a ficha, as advisor a1.
    inproc = str(Path(__file__).resolve().parent / "inproc.py")
    with psycopg.connect(s.url("oficina"), autocommit=True) as admin:
        nombre = admin.execute("SELECT nombre FROM cliente WHERE id = 1").fetchone()[0]  # type: ignore[index]

    def app(que: str, db: str, *extra: str) -> str:
        r = subprocess.run(
            [sys.executable, inproc, que, "--db", db, "--runs", "3", *extra],
            env={**base, "A3_BENCH_ASESOR": "a1"},
            capture_output=True,
            text=True,
        )
        try:
            datos = json.loads(r.stdout.strip().splitlines()[-1])
            return f"{datos['a3']['mediana'] * 1000:.1f} ms"
        except Exception:
            return f"error: {(r.stderr or r.stdout).strip()[-300:]}"

    for que, extra in (("app-busqueda", ()), ("app-ficha", ("--cliente", "1", "--nombre", nombre))):
        r1 = app(que, path, *extra)
        r2 = app(que, s.url("oficina", usuario="a1"), *extra)
        print(f"{que}: sqlite {r1} · postgresql as a1's role (RLS) {r2}", flush=True)
finally:
    s.detener()
