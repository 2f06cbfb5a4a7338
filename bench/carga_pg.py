"""Team mode under load: 50 advisors writing at once for a minute (issue 15).

Starts a private PostgreSQL cluster (as the tests do), builds an office of 50 advisors
(each a PostgreSQL role, as `a3 asesor add` makes them), then runs 50 processes at
once, each logged in as its own advisor's role, each adding clients and logging a call
on each through the services, one transaction per action, for ``--segundos``. Every
process counts what it saved and every error it met; at the end the database must hold
exactly what the processes say they saved (0 lost), and no process may have met an error.

    /work/venv/bin/python bench/carga_pg.py                  # 50 processes, 60 s
    /work/venv/bin/python bench/carga_pg.py --procesos 10 --segundos 10

Prints one line per figure and exits non-zero if anything was lost or failed.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import time
import traceback
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(RAIZ / "tests"))

from apoyo.pg import ServidorPG, arrancar  # noqa: E402


def _asesor(n: int) -> str:
    return f"asesor{n:02d}"


def _trabajar(url: str, login: str, hasta: float, cola: mp.Queue) -> None:  # type: ignore[type-arg]
    """One advisor's process: add a client and call it, again and again, until ``hasta``."""
    os.environ["A3_AHORA"] = "2026-11-23T10:00:00"
    from a3tui import services
    from a3tui.errors import A3Error
    from a3tui.services import actividades, clientes
    from a3tui.store import open_store

    guardados, errores, detalle = 0, 0, ""
    store = open_store(url)
    try:
        k = 0
        while time.monotonic() < hasta:
            k += 1
            try:
                with store.session() as session:
                    ctx = services.contexto(session, login)
                    cliente = clientes.add(ctx, f"Cliente {login} {k}", telefonos=[f"81{int(login[-2:]):02d}{k:06d}"])
                    actividades.llamada(ctx, cliente, "contestó-interesado", nota="Llamada de prueba de carga")
                guardados += 1
            except A3Error as error:
                errores += 1
                detalle = detalle or error.mensaje
            except Exception:
                errores += 1
                detalle = detalle or traceback.format_exc(limit=3)
    finally:
        store.dispose()
    cola.put((login, guardados, errores, detalle))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--procesos", type=int, default=50)
    parser.add_argument("--segundos", type=float, default=60.0)
    args = parser.parse_args()

    servidor: ServidorPG = arrancar()
    if not servidor.disponible:
        print(f"PostgreSQL no está disponible: {servidor.razon}")
        return 2
    try:
        import psycopg

        from a3tui import services
        from a3tui.services import asesores
        from a3tui.store import open_store

        with psycopg.connect(servidor.url("postgres"), autocommit=True) as admin:
            admin.execute("CREATE DATABASE carga")
        store = open_store(servidor.url("carga"))
        with store.session() as session:
            coordinadora = services.contexto(session, "carla")
            for n in range(args.procesos):
                asesores.add(coordinadora, _asesor(n), nombre=f"Asesor {n}")
        store.dispose()

        cola: mp.Queue = mp.Queue()  # type: ignore[type-arg]
        inicio = time.monotonic()
        hasta = inicio + args.segundos
        procesos = [
            mp.Process(target=_trabajar, args=(servidor.url("carga", usuario=_asesor(n)), _asesor(n), hasta, cola))
            for n in range(args.procesos)
        ]
        for p in procesos:
            p.start()
        resultados = [cola.get(timeout=args.segundos + 300) for _ in procesos]
        for p in procesos:
            p.join(timeout=60)
        duracion = time.monotonic() - inicio

        guardados = sum(r[1] for r in resultados)
        errores = sum(r[2] for r in resultados)
        with psycopg.connect(servidor.url("carga"), autocommit=True) as admin:
            clientes_en_base = admin.execute("SELECT count(*) FROM cliente").fetchone()[0]  # type: ignore[index]
            llamadas = admin.execute("SELECT count(*) FROM actividad WHERE tipo = 'llamada'").fetchone()[0]  # type: ignore[index]
            ajenos = admin.execute(
                "SELECT count(*) FROM cliente c JOIN asesor a ON a.id = c.asesor_id "
                "WHERE c.nombre NOT LIKE 'Cliente ' || a.login || ' %'"
            ).fetchone()[0]  # type: ignore[index]
        perdidos = guardados - clientes_en_base
        print(f"procesos a la vez: {args.procesos}, cada uno con su rol de asesor")
        print(f"duración: {duracion:.1f} s")
        print(f"acciones guardadas (cliente + llamada, una transacción): {guardados} ({guardados / duracion:.1f}/s)")
        print(f"clientes en la base: {clientes_en_base}; llamadas: {llamadas}")
        print(f"perdidos: {perdidos}; errores: {errores}; clientes con el asesor equivocado: {ajenos}")
        for login, _g, e, detalle in resultados:
            if e:
                print(f"  {login}: {e} errores; el primero: {detalle.strip()[:300]}")
        return 0 if perdidos == 0 and errores == 0 and llamadas == guardados and ajenos == 0 else 1
    finally:
        servidor.detener()


if __name__ == "__main__":
    sys.exit(main())
