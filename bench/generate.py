"""Benchmark databases of 1k, 10k and 100k clients, generated once and cached in bench/work/.

Each database is ``a3tui.demo.generate`` with the benchmark's distributions (~10
activities, 1 note and 0.5 tasks per client over two years) at a fixed clock, plus one
client with exactly 200 activities written through the services (for the ficha
benchmark). A database is rebuilt only when the generator, its data, the schema or
these parameters change (a key stored beside it).

    python bench/generate.py --sizes 1000,10000,100000
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sqlite3
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "work"

# Everything a3 runs in the benchmarks sees this clock and this advisor.
AHORA = "2026-11-23T10:00:00"
LOGIN = "bench"
SEED = 11
PARAMS = {
    "seed": SEED,
    "login": LOGIN,
    "ahora": AHORA,
    # ~9 contacts + stage changes and shared properties ≈ 10 activities per client.
    "actividades_por_cliente": 9.0,
    "meses": 24,
    "ficha_actividades": 200,
}
FICHA_NOMBRE = "Rosa Elvira Benavides Garza"
FICHA_TELEFONO = "6690000200"


def _clave() -> str:
    """Hash of what the databases are made of: generator code, its data, schema, parameters."""
    import a3tui.demo
    from a3tui import store

    h = hashlib.sha256()
    h.update(json.dumps(PARAMS, sort_keys=True).encode())
    h.update(store.SCHEMA_HEAD.encode())
    h.update(Path(__file__).read_bytes())
    h.update(Path(a3tui.demo.__file__).read_bytes())
    from importlib.resources import files

    datos = Path(str(files("a3tui.data")))
    for archivo in sorted(datos.iterdir()):
        if archivo.suffix in (".json", ".txt"):
            h.update(archivo.name.encode())
            h.update(archivo.read_bytes())
    return h.hexdigest()[:16]


def ruta(size: int) -> Path:
    return WORK / f"a3-{size}.db"


def meta(size: int) -> dict:
    """What the benchmarks need to know about a generated database."""
    return json.loads((WORK / f"a3-{size}.json").read_text())


def ensure(size: int, *, log=print) -> Path:
    """The cached database of ``size`` clients, generated when missing or stale."""
    WORK.mkdir(parents=True, exist_ok=True)
    db = ruta(size)
    info = WORK / f"a3-{size}.json"
    clave = _clave()
    if db.exists() and info.exists():
        try:
            if json.loads(info.read_text()).get("clave") == clave:
                return db
        except ValueError:
            pass
    for sufijo in ("", "-wal", "-shm"):
        Path(f"{db}{sufijo}").unlink(missing_ok=True)
    info.unlink(missing_ok=True)
    log(f"generating {size:,} clients in {db.relative_to(ROOT)} …")
    inicio = time.perf_counter()
    datos = _generar(db, size)
    segundos = time.perf_counter() - inicio
    datos.update(clave=clave, size=size, segundos=round(segundos, 1), params=PARAMS)
    info.write_text(json.dumps(datos, indent=2, ensure_ascii=False, default=str))
    log(f"  {size:,} clients, {datos['resumen']['actividades']:,} activities in {segundos:.1f} s")
    return db


def _generar(db: Path, size: int) -> dict:
    from a3tui import demo, services
    from a3tui.services import actividades, clientes
    from a3tui.store import open_store

    ahora = datetime.fromisoformat(AHORA)
    store = open_store(str(db))
    try:
        resumen = demo.generate(
            store,
            clientes=size,
            seed=SEED,
            login=LOGIN,
            ahora=ahora,
            actividades_por_cliente=PARAMS["actividades_por_cliente"],
            meses=PARAMS["meses"],
        )
        # One client with a long history, typed in through the services.
        with store.session() as session:
            ctx = services.contexto(session, LOGIN, ahora)
            cliente = clientes.add(
                ctx,
                FICHA_NOMBRE,
                telefonos=[FICHA_TELEFONO],
                email="rosa.benavides@gmail.com",
                temperatura="caliente",
                primer_contacto=(ahora - timedelta(days=700)).date(),
                nota="Quiere una casa de 3 recámaras cerca de la escuela de sus hijos",
            )
            n = PARAMS["ficha_actividades"]
            for k in range(n):
                fecha = ahora - timedelta(days=700) + timedelta(hours=k * (700 * 24 - 2) / n) + timedelta(hours=1)
                fecha = fecha.replace(microsecond=0, second=0)
                if k % 3 == 0:
                    actividades.llamada(ctx, cliente, "contestó-interesado", duracion_min=5 + k % 20, fecha=fecha)
                elif k % 3 == 1:
                    actividades.mensaje(
                        ctx, cliente, contenido="¿Pudo ver la información?", respondio=k % 2 == 0, fecha=fecha
                    )
                else:
                    actividades.reunion(
                        ctx, cliente, "lo-pensará", lugar="oficina", siguientes_pasos="Enviar cotización", fecha=fecha
                    )
            ficha_id = cliente.id
    finally:
        store.dispose()
    # One file, no WAL beside it, so a plain copy is a consistent database.
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {
        "login": LOGIN,
        "ahora": AHORA,
        "ficha_id": ficha_id,
        "resumen": {
            k: getattr(resumen, k) for k in ("clientes", "actividades", "notas", "tareas", "propiedades", "apartados")
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args(argv)
    for size in [int(s) for s in args.sizes.split(",") if s]:
        ensure(size)
    return 0


if __name__ == "__main__":
    os.environ.pop("A3_DB", None)
    sys.exit(main())
