"""The probes that need real processes: kill -9, concurrent writers, restores under load.

Each function runs a number of trials of one probe and returns a ``Cifra``: how many
trials, how many went wrong and why. The tests run them with CI-sized counts and assert
``cifra.ok``; bench/fiabilidad.py runs them with the long counts and prints one line each.

Every process is the installed ``a3`` executable. A random delay only chooses *when* to
kill a process, never what a test asserts: the verdict of a trial is what the files hold
afterwards. The delay is counted from something a3 visibly does (the database file
appears, SQLite opens its journal, the safety copy before a migration or a restore
appears, another connection sees the schema change), because starting Python takes most
of a second and a delay counted from the start would almost always kill a3 before it
touched anything. Half the trials use a wide delay (any moment of the step), half a
narrow one right after the step starts writing.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from a3tui.esquema import REVISIONS
from apoyo.bases import (
    CLIENTE_VIEJO,
    base_en_revision,
    contar,
    copiar_base,
    inflar,
    integridad,
    nombres,
    poblar,
    revision_de,
)
from apoyo.proceso import Resultado, a3_exe, en_proceso, entorno, problemas_de_error

from .cifra import Cifra

PARALELO = 2  # kill trials run two at a time (CI machines have two cores)
EXTRA = 2000  # clients in an old database, so that upgrading it takes a few hundred ms


def _matar_cuando(
    cmd: list[str], env: dict[str, str], listo: Callable[[], bool], demora_max: float, rng: random.Random
) -> int:
    """Start ``cmd``; once ``listo()`` holds, wait a random 0..demora_max s and kill -9 it.

    Returns the exit code (-9 when it was killed; 0/1 when it finished first).
    """
    demora = rng.uniform(0, demora_max)
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    limite = time.monotonic() + 60
    while p.poll() is None and not listo() and time.monotonic() < limite:
        time.sleep(0.001)
    if p.poll() is None:
        time.sleep(demora)
        p.kill()
    return p.wait()


def _esquema(db: Path) -> str | None:
    """The names in the file's schema as another connection sees them (None if unreadable now)."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return ",".join(sorted(r[0] for r in con.execute("SELECT name FROM sqlite_master")))
        finally:
            con.close()
    except sqlite3.Error:
        return None


def _en_paralelo(funcion: Callable[[int], object], n: int) -> list:
    with ThreadPoolExecutor(max_workers=PARALELO) as pool:
        return list(pool.map(funcion, range(n)))


def _lanzar(cmd: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _esperar(p: subprocess.Popen) -> Resultado:
    out, err = p.communicate(timeout=180)
    return Resultado(p.returncode, out.decode("utf-8", "backslashreplace"), err.decode("utf-8", "backslashreplace"))


def _breve(texto: str) -> str:
    texto = texto.strip().replace("\n", " | ")
    return texto[:300]


# ---------------------------------------------------------------- kill -9 while creating or upgrading


def kill_base_nueva(carpeta: Path, ensayos: int, semilla: int = 1) -> Cifra:
    """kill -9 `a3 --db NEW cliente add` while it creates the schema: no file a3 then refuses."""
    cifra = Cifra("kill -9 al crear una base nueva")
    exe = a3_exe()

    def ensayo(i: int) -> tuple[Path, int]:
        d = carpeta / f"nueva-{i}"
        d.mkdir(parents=True)
        db = d / "a3.db"

        def aparece_la_base() -> bool:  # the file, or one a3 builds aside first
            return any(d.glob("*a3.db*"))

        def empieza_a_escribir() -> bool:
            return any(d.glob("*a3.db*-wal")) or any(d.glob("*a3.db*-journal"))

        # Even trials: any moment of the command. Odd trials: the first ~100 ms after SQLite
        # opens its journal, when the schema is being written.
        listo, demora = (aparece_la_base, 0.6) if i % 2 == 0 else (empieza_a_escribir, 0.1)
        code = _matar_cuando(
            [exe, "--db", str(db), "cliente", "add", "Cliente Nuevo"],
            entorno(d),
            listo,
            demora,
            random.Random(semilla * 1000 + i),
        )
        return db, code

    matados = 0
    for i, (db, code) in enumerate(_en_paralelo(ensayo, ensayos)):
        cifra.ensayos += 1
        matados += code == -9
        if not db.exists():
            continue
        res = en_proceso("--db", db, "cliente", "list")
        if res.code != 0:
            cifra.mal(
                f"ensayo {i} (código {code}, {db.stat().st_size} bytes): cliente list → {res.code} {_breve(res.err)}"
            )
    cifra.extra = f"matados={matados}"
    return cifra


def kill_migracion(carpeta: Path, ensayos: int, revision: str, semilla: int = 2) -> Cifra:
    """kill -9 `a3 cliente list` while it upgrades a database from ``revision``: it still opens, client kept."""
    cifra = Cifra(f"kill -9 al actualizar desde {revision}")
    exe = a3_exe()
    plantilla = carpeta / f"plantilla-{revision}.db"
    # 0002 → 0003 only rebuilds indexes: more rows make that step as slow as 0001 → 0002.
    extra = EXTRA if revision == "0001" else 5 * EXTRA
    base_en_revision(plantilla, revision, extra=extra)

    inicial = _esquema(plantilla)

    def ensayo(i: int) -> tuple[Path, int]:
        d = carpeta / f"migrar-{revision}-{i}"
        d.mkdir(parents=True)
        db = copiar_base(plantilla, d / "a3.db")

        def copia_hecha() -> bool:
            return any(d.glob("a3.db.antes-de-migrar-*"))

        def esquema_cambia() -> bool:
            return _esquema(db) not in (None, inicial)

        # Even trials: any moment after the safety copy appears. Odd trials: the first
        # ~100 ms after another connection can see the schema change.
        listo, demora = (copia_hecha, 0.4) if i % 2 == 0 else (esquema_cambia, 0.1)
        code = _matar_cuando(
            [exe, "--db", str(db), "cliente", "list"], entorno(d), listo, demora, random.Random(semilla * 1000 + i)
        )
        return db, code

    matados = 0
    for i, (db, code) in enumerate(_en_paralelo(ensayo, ensayos)):
        cifra.ensayos += 1
        matados += code == -9
        res = en_proceso("--db", db, "cliente", "list", "--buscar", "jose perez", "--json")
        if res.code != 0:
            cifra.mal(f"ensayo {i} (código {code}): cliente list → {res.code} {_breve(res.err)}")
            continue
        presentes = [c["nombre"] for c in res.json()["clientes"]]
        if presentes != [CLIENTE_VIEJO] or len(nombres(db)) != extra + 1:
            cifra.mal(f"ensayo {i} (código {code}): se perdieron clientes: {presentes}, {len(nombres(db))} en total")
    cifra.extra = f"matados={matados}"
    return cifra


def _plantilla_grande(carpeta: Path) -> Path:
    """The current database of _plantillas_restaurar plus 10,000 notes (about 40 MB): copying
    it takes around 100 ms, long enough for concurrent processes to meet mid-copy."""
    grande = carpeta / "plantilla-grande.db"
    if not grande.exists():
        actual, _respaldo, _anterior = _plantillas_restaurar(carpeta)
        copiar_base(actual, grande)
        inflar(grande, 10_000)
    return grande


def _plantillas_restaurar(carpeta: Path) -> tuple[Path, Path, Path]:
    """(current database with 300 clients, a backup with 150 others, a backup from revision 0001)."""
    actual = carpeta / "plantilla-actual.db"
    respaldo = carpeta / "plantilla-respaldo.db"
    anterior = carpeta / "plantilla-respaldo-0001.db"
    if not actual.exists():
        poblar(actual, [f"Actual {i}" for i in range(300)])
        poblar(respaldo, [f"Respaldo {i}" for i in range(150)], telefono_base=8120000000)
        # Upgrading this one after restoring it takes most of a second: a kill lands mid-way.
        base_en_revision(anterior, "0001", extra=3 * EXTRA)
    return actual, respaldo, anterior


def kill_restaurar(carpeta: Path, ensayos: int, semilla: int = 3) -> Cifra:
    """kill -9 `a3 db restore` after it took its safety copy: the database opens, is intact,
    and holds either what it held or what the backup held."""
    cifra = Cifra("kill -9 al restaurar")
    exe = a3_exe()
    actual, respaldo, anterior = _plantillas_restaurar(carpeta)
    contenido_actual = sorted(nombres(actual))
    contenidos_respaldo = {respaldo: sorted(nombres(respaldo)), anterior: sorted(nombres(anterior))}

    def ensayo(i: int) -> tuple[Path, Path, int]:
        d = carpeta / f"restaurar-{i}"
        d.mkdir(parents=True)
        db = copiar_base(actual, d / "a3.db")
        origen = respaldo if i % 2 == 0 else anterior

        def listo() -> bool:
            return any(d.glob("a3.db.antes-de-restaurar-*"))

        # Restoring the old backup imports Alembic and upgrades 6,000 clients after the
        # copy: its kills spread over a longer time.
        demora = 0.5 if origen == respaldo else 1.2
        code = _matar_cuando(
            [exe, "--db", str(db), "db", "restore", str(origen)],
            entorno(d),
            listo,
            demora,
            random.Random(semilla * 1000 + i),
        )
        return db, origen, code

    matados = 0
    for i, (db, origen, code) in enumerate(_en_paralelo(ensayo, ensayos)):
        cifra.ensayos += 1
        matados += code == -9
        res = en_proceso("--db", db, "cliente", "list", "--json", "--limite", "1000")
        if res.code != 0:
            cifra.mal(f"ensayo {i} (código {code}): cliente list → {res.code} {_breve(res.err)}")
            continue
        estado = integridad(db)
        if estado != "ok":
            cifra.mal(f"ensayo {i} (código {code}): integrity_check → {estado}")
            continue
        quedan = sorted(nombres(db))
        if quedan not in (contenido_actual, contenidos_respaldo[origen]):
            cifra.mal(
                f"ensayo {i} (código {code}): {len(quedan)} clientes que no son ni los de antes ni los del respaldo"
            )
    cifra.extra = f"matados={matados}"
    return cifra


def _plantillas_copias(carpeta: Path) -> tuple[Path, Path, Path]:
    """(a current database of about 60 MB, a small backup of it, a 60 MB database of the
    previous revision): copying either big one takes a few hundred ms, so a kill lands
    mid-copy."""
    grande = carpeta / "plantilla-copias.db"
    respaldo = carpeta / "plantilla-copias-respaldo.db"
    anterior = carpeta / "plantilla-copias-anterior.db"
    if not grande.exists():
        poblar(grande, ["Grande Uno", "Grande Dos"])
        inflar(grande, 15_000)
        poblar(respaldo, ["Respaldo Uno"], telefono_base=8120000000)
        base_en_revision(anterior, REVISIONS[-2])
        inflar(anterior, 15_000, cliente_id=7)
    return grande, respaldo, anterior


def _copias_finales(d: Path) -> list[Path]:
    """The files in ``d`` under a backup's final name."""
    return sorted(p for p in d.iterdir() if p.name.endswith(".bak") or p.name in ("copia.db", "otra.db"))


def kill_copias(carpeta: Path, ensayos: int, semilla: int = 4) -> Cifra:
    """kill -9 while a3 copies a big database: `db backup`, the safety copy before `db restore`
    and the one before an upgrade, in turn. Every file under a backup's name is a whole,
    intact backup (`check_file`), whatever is left is named «incompleta» and the next copy
    removes it, and the database is as it was or as the command left it."""
    from a3tui import store

    cifra = Cifra("kill -9 durante una copia")
    exe = a3_exe()
    grande, respaldo, anterior = _plantillas_copias(carpeta)
    clases = ("respaldo", "restaurar", "migrar")

    def ensayo(i: int) -> tuple[Path, Path, str, int]:
        clase = clases[i % len(clases)]
        d = carpeta / f"copias-{i}"
        d.mkdir(parents=True)
        db = copiar_base(anterior if clase == "migrar" else grande, d / "a3.db")
        argv = {
            "respaldo": ["db", "backup", str(d / "copia.db")],
            "restaurar": ["db", "restore", str(respaldo)],
            "migrar": ["cliente", "list"],
        }[clase]

        def copiado() -> int:
            """Bytes of the copy so far: the biggest file in ``d`` that is not the database."""
            tamano = 0
            for p in d.iterdir():
                if p.name.startswith("a3.db") and ".bak" not in p.name:
                    continue  # the database and its -wal/-shm
                with contextlib.suppress(OSError):
                    if p.is_file():
                        tamano = max(tamano, p.stat().st_size)
            return tamano

        # Most trials: the moment the copy passes a random part of the database's size.
        # Every fourth: any moment of the ~0.3 s after the copy is whole (checking it,
        # naming it, what follows).
        rng = random.Random(semilla * 1000 + i)
        parte = 1.0 if i % 4 == 3 else rng.uniform(0.02, 0.98)
        minimo = int(parte * db.stat().st_size)
        code = _matar_cuando(
            [exe, "--db", str(db), *argv], entorno(d), lambda: copiado() >= minimo, 0.3 if parte == 1.0 else 0, rng
        )
        return d, db, clase, code

    antes = {"grande": sorted(nombres(grande)), "respaldo": sorted(nombres(respaldo))}
    matados = restos_vistos = 0
    for i, (d, db, clase, code) in enumerate(_en_paralelo(ensayo, ensayos)):
        cifra.ensayos += 1
        matados += code == -9
        for copia in _copias_finales(d):
            try:
                store.check_file(copia)
            except Exception as exc:
                cifra.mal(
                    f"ensayo {i} ({clase}, código {code}): {copia.name} tiene nombre de respaldo y no lo es: {exc}"
                )
        restos = [p for p in d.iterdir() if store.INCOMPLETA in p.name]
        ajenos = [
            p.name
            for p in d.iterdir()
            if p.is_file() and p not in restos and p not in _copias_finales(d) and not p.name.startswith("a3.db")
        ]
        if ajenos:
            cifra.mal(f"ensayo {i} ({clase}, código {code}): quedaron archivos sin nombre de incompletos: {ajenos}")
        estado = integridad(db)
        if estado != "ok":
            cifra.mal(f"ensayo {i} ({clase}, código {code}): integrity_check → {estado}")
        elif clase == "restaurar" and sorted(nombres(db)) not in (antes["grande"], antes["respaldo"]):
            cifra.mal(f"ensayo {i} (restaurar, código {code}): la base no es ni la de antes ni la del respaldo")
        elif clase == "migrar" and revision_de(db) not in REVISIONS[-2:]:
            cifra.mal(f"ensayo {i} (migrar, código {code}): la base quedó en la revisión {revision_de(db)}")
        if restos:
            restos_vistos += 1
            # The next copy (more than a moment later: a copy just begun is left alone).
            for resto in restos:
                os.utime(resto, (time.time() - 60, time.time() - 60))
            otra = d / ("copia.db" if not (d / "copia.db").exists() else "otra.db")
            res = en_proceso("--db", db, "db", "backup", otra)
            quedan = [p.name for p in d.iterdir() if store.INCOMPLETA in p.name]
            if res.code != 0 or quedan:
                cifra.mal(f"ensayo {i} ({clase}): la copia siguiente → {res.code} {_breve(res.err)}; quedan {quedan}")
    cifra.extra = f"matados={matados} con_restos={restos_vistos}"
    return cifra


# ---------------------------------------------------------------- concurrency


def base_nueva_concurrente(carpeta: Path, rondas: int, procesos: int = 8) -> Cifra:
    """``procesos`` `cliente add` started at once on the same new file: all succeed, all rows there."""
    cifra = Cifra(f"{procesos} procesos crean la misma base nueva")
    exe = a3_exe()
    for r in range(rondas):
        d = carpeta / f"nueva-concurrente-{r}"
        d.mkdir(parents=True)
        db = d / "a3.db"
        env = entorno(d)
        hijos = [
            _lanzar([exe, "--db", str(db), "cliente", "add", f"Persona {k}", "--telefono", str(8110000000 + k)], env)
            for k in range(procesos)
        ]
        resultados = [_esperar(p) for p in hijos]
        cifra.ensayos += 1
        fallidos = [f"{res.code} {_breve(res.err)}" for res in resultados if res.code != 0]
        if fallidos:
            cifra.mal(f"ronda {r}: {len(fallidos)} de {procesos} fallaron, p. ej. {fallidos[0]}")
            continue
        hay = contar(db, "SELECT count(*) FROM cliente")
        if hay != procesos:
            cifra.mal(f"ronda {r}: {hay} clientes en vez de {procesos}")
    return cifra


def carrera_de_duplicados(carpeta: Path, rondas: int, procesos: int = 8) -> Cifra:
    """``procesos`` concurrent adds of the same phone and e-mail: one client, the rest «Ya existe».

    In even rounds another writer holds the database for the first two seconds (a stand-in
    for a long a3 write), so that every add is ready and waiting when it lets go; in odd
    rounds they arrive as they start.
    """
    cifra = Cifra(f"{procesos} altas del mismo cliente a la vez")
    exe = a3_exe()
    plantilla = carpeta / "plantilla-duplicados.db"
    if not plantilla.exists():
        poblar(plantilla, ["Otra Persona"])
    for r in range(rondas):
        d = carpeta / f"duplicados-{r}"
        d.mkdir(parents=True)
        db = copiar_base(plantilla, d / "a3.db")
        env = entorno(d)
        argv = [exe, "--db", str(db), "cliente", "add", "Pedro N", "--telefono", "8112345678", "--email", "p@x.com"]
        otro = None
        if r % 2 == 0:
            otro = sqlite3.connect(db, isolation_level=None, timeout=10)
            otro.execute("BEGIN IMMEDIATE")
        hijos = [_lanzar(argv, env) for _ in range(procesos)]
        if otro is not None:
            time.sleep(2.0)  # when the other writer lets go (well inside a3's busy timeout)
            otro.execute("ROLLBACK")
            otro.close()
        resultados = [_esperar(p) for p in hijos]
        cifra.ensayos += 1
        exitos = [res for res in resultados if res.code == 0]
        if len(exitos) != 1:
            cifra.mal(f"ronda {r}: {len(exitos)} altas salieron con 0 (se esperaba 1)")
        for res in resultados:
            if res.code != 0:
                malos = problemas_de_error(res, "Ya existe")
                if malos:
                    cifra.mal(f"ronda {r}: {malos[0]}")
        pedros = contar(db, "SELECT count(*) FROM cliente WHERE nombre = 'Pedro N'")
        if pedros != 1:
            cifra.mal(f"ronda {r}: quedaron {pedros} clientes «Pedro N»")
    return cifra


def escritores_concurrentes(carpeta: Path, procesos: int = 8, comandos: int = 4) -> Cifra:
    """``procesos`` writers, each running ``comandos`` a3 commands in a row (client, call, note,
    task in turn): every row is there, no command failed, integrity_check ok."""
    cifra = Cifra(f"escritores concurrentes {procesos}x{comandos}")
    exe = a3_exe()
    d = carpeta / "escritores"
    d.mkdir(parents=True)
    db = d / "a3.db"
    poblar(db, ["Cliente Base"])
    env = entorno(d)
    esperado = {"cliente": 1, "llamada": 0, "nota": 0, "tarea": 0}
    planes: list[list[tuple[str, list[str]]]] = []
    for w in range(procesos):
        plan = []
        for j in range(comandos):
            tipo = ("cliente", "llamada", "nota", "tarea")[(w + j) % 4]
            esperado[tipo] += 1
            if tipo == "cliente":
                argv = ["cliente", "add", f"Escritor {w}-{j}", "--telefono", str(8130000000 + w * 1000 + j)]
            elif tipo == "llamada":
                argv = ["actividad", "llamada", "1", "--resultado", "no-contestó"]
            elif tipo == "nota":
                argv = ["nota", "add", "1", f"Nota del escritor {w}-{j}"]
            else:
                argv = ["tarea", "add", f"Tarea del escritor {w}-{j}", "--vence", "mañana", "--cliente", "1"]
            plan.append((tipo, argv))
        planes.append(plan)

    def escritor(w: int) -> list[tuple[list[str], Resultado]]:
        hechos = []
        for _tipo, argv in planes[w]:
            p = _lanzar([exe, "--db", str(db), *argv], env)
            hechos.append((argv, _esperar(p)))
        return hechos

    with ThreadPoolExecutor(max_workers=procesos) as pool:
        todos = [h for hechos in pool.map(escritor, range(procesos)) for h in hechos]
    cifra.ensayos = len(todos)
    errores = 0
    for argv, res in todos:
        if res.code != 0:
            errores += 1
            cifra.mal(f"a3 {' '.join(argv[:2])} → {res.code} {_breve(res.err)}")
    reales = {
        "cliente": contar(db, "SELECT count(*) FROM cliente"),
        "llamada": contar(db, "SELECT count(*) FROM actividad WHERE tipo = 'llamada'"),
        "nota": contar(db, "SELECT count(*) FROM nota"),
        "tarea": contar(db, "SELECT count(*) FROM tarea"),
    }
    for tipo in esperado:
        if reales[tipo] != esperado[tipo]:
            cifra.mal(f"{tipo}: esperados={esperado[tipo]} reales={reales[tipo]}")
    estado = integridad(db)
    if estado != "ok":
        cifra.mal(f"integrity_check → {estado}")
    cifra.extra = (
        f"esperados={sum(esperado.values())} reales={sum(reales.values())} errores={errores} integrity={estado}"
    )
    return cifra


# ---------------------------------------------------------------- restores under load

# A writer that keeps adding clients through a3's own entry point, one transaction per
# command, until a stop file appears; it reports each name and its exit code.
_ESCRITOR = r"""
import contextlib, io, json, os, sys
from a3tui.cli import run
db, prefijo, parar, salida = sys.argv[1:5]
hechos = []
i = 0
with open(salida, "w") as informe:
    while not os.path.exists(parar) and i < 5000:
        nombre = f"{prefijo} {i}"
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run(["--db", db, "cliente", "add", nombre])
        informe.write(json.dumps([nombre, code, err.getvalue()]) + "\n")
        informe.flush()
        i += 1
"""


def restaurar_con_escritores(carpeta: Path, restauraciones: int = 3, escritores: int = 2) -> Cifra:
    """Writers add clients while `a3 db restore` runs several times: every add that exited 0
    is in the final database or in the safety copy of one of the restores."""
    cifra = Cifra(f"{restauraciones} restauraciones con {escritores} escritores")
    exe = a3_exe()
    _actual, respaldo, _anterior = _plantillas_restaurar(carpeta)
    d = carpeta / "restaurar-con-escritores"
    d.mkdir(parents=True)
    db = copiar_base(_plantilla_grande(carpeta), d / "a3.db")
    parar = d / "parar"
    hijos = []
    for w in range(escritores):
        informe = d / f"escritor-{w}.jsonl"
        p = subprocess.Popen(
            [sys.executable, "-c", _ESCRITOR, str(db), f"Escritor {w}", str(parar), str(informe)],
            env=entorno(d),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        hijos.append((p, informe))
    limite = time.monotonic() + 60
    while time.monotonic() < limite and not all(inf.exists() and inf.stat().st_size > 0 for _p, inf in hijos):
        time.sleep(0.01)
    hechas = 0
    for k in range(restauraciones):
        env = entorno(d, A3_AHORA=f"2026-11-23T10:00:{k + 1:02d}")
        res = _esperar(_lanzar([exe, "--db", str(db), "db", "restore", str(respaldo)], env))
        cifra.ensayos += 1
        if res.code == 0:
            hechas += 1
        else:  # a3 may refuse to restore under writers, if it says why
            for problema in problemas_de_error(res):
                cifra.mal(f"restauración {k}: {problema}")
    parar.touch()
    exitosos: list[str] = []
    for p, informe in hijos:
        _out, err = p.communicate(timeout=120)
        if p.returncode != 0:
            cifra.mal(f"un escritor terminó con {p.returncode}: {_breve(err.decode('utf-8', 'replace'))}")
        for linea in informe.read_text(encoding="utf-8").splitlines():
            nombre, code, error = json.loads(linea)
            if code == 0:
                exitosos.append(nombre)
            else:
                malos = problemas_de_error(Resultado(code, "", error))
                if malos:
                    cifra.mal(f"alta de {nombre}: {malos[0]}")
    copias = sorted(d.glob("a3.db.antes-de-restaurar-*.bak"))
    presentes = set(nombres(db))
    for copia in copias:
        presentes |= set(nombres(copia))
    perdidos = [n for n in exitosos if n not in presentes]
    if perdidos:
        cifra.mal(
            f"{len(perdidos)} de {len(exitosos)} altas que salieron con 0 no están ni en la base ni en las copias: {perdidos[:5]}"
        )
    if len(copias) < hechas:
        cifra.mal(f"{len(copias)} copias de seguridad para {hechas} restauraciones")
    cifra.extra = f"restauraciones={hechas} altas={len(exitosos)} perdidas={len(perdidos)}"
    return cifra


def restauraciones_concurrentes(carpeta: Path, rondas: int) -> Cifra:
    """Two `a3 db restore` at the same time (same second): each exits 0 or says why in one
    Spanish line; the database passes integrity_check and opens."""
    cifra = Cifra("dos restauraciones a la vez")
    exe = a3_exe()
    _actual, respaldo, _anterior = _plantillas_restaurar(carpeta)
    grande = _plantilla_grande(carpeta)
    for r in range(rondas):
        d = carpeta / f"dos-restauraciones-{r}"
        d.mkdir(parents=True)
        db = copiar_base(grande, d / "a3.db")
        env = entorno(d)
        hijos = [_lanzar([exe, "--db", str(db), "db", "restore", str(respaldo)], env) for _ in range(2)]
        resultados = [_esperar(p) for p in hijos]
        cifra.ensayos += 1
        for res in resultados:
            if res.code != 0:
                for problema in problemas_de_error(res):
                    cifra.mal(f"ronda {r}: {problema}")
        estado = integridad(db)
        if estado != "ok":
            cifra.mal(f"ronda {r}: integrity_check → {estado}")
        res = en_proceso("--db", db, "cliente", "list")
        if res.code != 0:
            cifra.mal(f"ronda {r}: cliente list → {res.code} {_breve(res.err)}")
    return cifra


# ---------------------------------------------------------------- a full disk


class Montaje:
    """A small tmpfs mounted at ``punto`` (root only); unmounted by ``desmontar``."""

    def __init__(self, punto: Path, tamano: str) -> None:
        from apoyo.proceso import NoDisponible

        self.punto = punto
        punto.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            raise NoDisponible("montar un tmpfs pequeño necesita root (mount -t tmpfs)")
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={tamano},mode=0755", "tmpfs", str(punto)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise NoDisponible(f"no se pudo montar un tmpfs de {tamano} en {punto}: {done.stderr.strip()}")

    def redimensionar(self, tamano: str) -> None:
        subprocess.run(["mount", "-o", f"remount,size={tamano}", str(self.punto)], check=True, capture_output=True)

    def libre(self) -> int:
        st = os.statvfs(self.punto)
        return st.f_bavail * st.f_frsize

    def desmontar(self) -> None:
        subprocess.run(["umount", "-l", str(self.punto)], check=False, capture_output=True)


def _menciona_disco_lleno(err: str) -> bool:
    texto = err.lower()
    return ("disco" in texto and "lleno" in texto) or "espacio" in texto


def disco_lleno_altas(carpeta: Path) -> Cifra:
    """Add clients until a small disk is full: the failing add says so, every earlier one is kept."""
    cifra = Cifra("altas hasta llenar el disco")
    disco = Montaje(carpeta / "disco", "2m")
    try:
        db = disco.punto / "a3.db"
        res = en_proceso("--db", db, "cliente", "add", "Primera Persona")
        if res.code != 0:
            cifra.mal(f"no se pudo crear la base en el tmpfs: {_breve(res.err)}")
            return cifra
        relleno = disco.punto / "relleno"
        libre = disco.libre()
        if libre > 400_000:
            relleno.write_bytes(b"\0" * (libre - 400_000))
        guardados = ["Primera Persona"]
        falla: Resultado | None = None
        nota = "Nota larga para llenar el disco. " * 120  # ~4 KB, under the 5000-character limit
        for i in range(400):
            nombre = f"Cliente Lleno {i}"
            res = en_proceso("--db", db, "cliente", "add", nombre, "--telefono", str(8140000000 + i), "--nota", nota)
            cifra.ensayos += 1
            if res.code == 0:
                guardados.append(nombre)
                continue
            falla = res
            break
        if falla is None:
            cifra.mal("el disco nunca se llenó")
        else:
            for problema in problemas_de_error(falla):
                cifra.mal(f"al llenarse: {problema}")
            if not _menciona_disco_lleno(falla.err):
                cifra.mal(f"el mensaje no dice que el disco está lleno: {_breve(falla.err)}")
        relleno.unlink(missing_ok=True)
        res = en_proceso("--db", db, "cliente", "list", "--json", "--limite", "1000")
        if res.code != 0:
            cifra.mal(f"con espacio libre otra vez, cliente list → {res.code} {_breve(res.err)}")
        else:
            presentes = {c["nombre"] for c in res.json()["clientes"]}
            perdidos = [n for n in guardados if n not in presentes]
            if perdidos:
                cifra.mal(f"{len(perdidos)} altas que salieron con 0 se perdieron: {perdidos[:5]}")
        estado = integridad(db)
        if estado != "ok":
            cifra.mal(f"integrity_check → {estado}")
        cifra.extra = f"altas={len(guardados)}"
    finally:
        disco.desmontar()
    return cifra


def disco_chico_base_nueva(carpeta: Path, tamanos: tuple[str, ...] = ("16k", "48k", "96k", "160k", "200k")) -> Cifra:
    """Create a database on a disk too small for the schema: a3 says the disk is full, and the
    file it leaves (if any) opens once there is room."""
    cifra = Cifra("base nueva en un disco muy chico")
    for tamano in tamanos:
        disco = Montaje(carpeta / f"chico-{tamano}", tamano)
        try:
            db = disco.punto / "a3.db"
            res = en_proceso("--db", db, "cliente", "add", "Cliente Chico")
            cifra.ensayos += 1
            if res.code != 0:
                for problema in problemas_de_error(res):
                    cifra.mal(f"disco de {tamano}: {problema}")
                if not _menciona_disco_lleno(res.err):
                    cifra.mal(f"disco de {tamano}: el mensaje no dice que el disco está lleno: {_breve(res.err)}")
            disco.redimensionar("8m")
            if db.exists():
                res = en_proceso("--db", db, "cliente", "list")
                if res.code != 0:
                    cifra.mal(f"disco de {tamano}: queda un archivo que a3 rechaza: {res.code} {_breve(res.err)}")
        finally:
            disco.desmontar()
    return cifra


def disco_lleno_respaldo(carpeta: Path) -> Cifra:
    """`a3 db backup` onto a disk without room: one Spanish line that blames that disk (not
    the database), and no temporary or journal file left."""
    cifra = Cifra("respaldo a un disco lleno")
    actual, _respaldo, _anterior = _plantillas_restaurar(carpeta)
    db = copiar_base(actual, carpeta / "para-respaldar.db")
    disco = Montaje(carpeta / "destino-chico", "64k")
    try:
        res = en_proceso("--db", db, "db", "backup", disco.punto / "copia.db")
        cifra.ensayos += 1
        if res.code == 0:
            cifra.mal("el respaldo salió con 0 en un disco donde no cabe")
        else:
            for problema in problemas_de_error(res):
                cifra.mal(problema)
            if not _menciona_disco_lleno(res.err):
                cifra.mal(f"el mensaje no dice que el disco está lleno: {_breve(res.err)}")
            if str(disco.punto) not in res.err or "dañad" in res.err or str(db) in res.err:
                cifra.mal(f"el mensaje no culpa al disco del destino: {_breve(res.err)}")
        quedan = sorted(p.name for p in disco.punto.iterdir())
        if quedan:
            cifra.mal(f"quedaron archivos en el destino: {quedan}")
    finally:
        disco.desmontar()
    return cifra


def _llenar(disco: Montaje) -> Path:
    """Fill ``disco`` to the last byte; return the filler file (delete it to make room)."""
    relleno = disco.punto / "relleno"
    fd = os.open(relleno, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for bloque in (65536, 4096, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * bloque)
            except OSError:
                pass
    finally:
        os.close(fd)
    return relleno


def disco_lleno_lecturas(carpeta: Path) -> Cifra:
    """The database's disk is full: `hoy`, `cliente list` and `db backup` (to a disk with room)
    work and see every client, including those still in the -wal file; a write is refused
    naming the disk; nothing is called damaged; once there is room, writing works again."""
    cifra = Cifra("lecturas con el disco lleno")
    origen = carpeta / "origen"
    origen.mkdir(parents=True)
    for caso in ("sin -wal", "con datos en el -wal"):
        disco = Montaje(carpeta / f"lleno-{len(caso)}", "2m")
        try:
            db = disco.punto / "a3.db"
            esperados = ["Primera Persona", "Segunda Persona"]
            base = origen / f"{len(caso)}.db"
            poblar(base, esperados)
            if caso == "sin -wal":
                copiar_base(base, db)
            else:
                # A client committed to the -wal only (another connection kept it from being
                # folded in), copied without the -shm file: what a checkpoint that did not
                # fit on the disk leaves.
                testigo = sqlite3.connect(base)
                try:
                    testigo.execute("SELECT count(*) FROM cliente").fetchone()
                    res = en_proceso("--db", base, "cliente", "add", "Solo En El Wal")
                    if res.code != 0:
                        cifra.mal(f"{caso}: no se pudo preparar: {_breve(res.err)}")
                    esperados.append("Solo En El Wal")
                    for sufijo in ("", "-wal"):
                        Path(f"{db}{sufijo}").write_bytes(Path(f"{base}{sufijo}").read_bytes())
                finally:
                    testigo.close()
            relleno = _llenar(disco)
            cifra.ensayos += 1
            salidas: list[tuple[str, Resultado]] = []
            res = en_proceso("--db", db, "hoy")
            salidas.append(("hoy", res))
            if res.code != 0:
                cifra.mal(f"{caso}: hoy → {res.code} {_breve(res.err)}")
            res = en_proceso("--db", db, "cliente", "list", "--json")
            salidas.append(("cliente list", res))
            if res.code != 0:
                cifra.mal(f"{caso}: cliente list → {res.code} {_breve(res.err)}")
            elif sorted(c["nombre"] for c in res.json()["clientes"]) != sorted(esperados):
                cifra.mal(f"{caso}: cliente list no muestra a todos: {res.out[:200]}")
            res = en_proceso("--db", db, "cliente", "add", "No Cabe")
            salidas.append(("cliente add", res))
            if res.code != 1 or not _menciona_disco_lleno(res.err) or str(disco.punto) not in res.err:
                cifra.mal(f"{caso}: cliente add no dice qué disco está lleno: {res.code} {_breve(res.err)}")
            copia = carpeta / f"respaldo-{len(caso)}.db"
            res = en_proceso("--db", db, "db", "backup", copia)
            salidas.append(("db backup", res))
            if res.code != 0:
                cifra.mal(f"{caso}: db backup a un disco con espacio → {res.code} {_breve(res.err)}")
            elif integridad(copia) != "ok" or sorted(nombres(copia)) != sorted(esperados):
                cifra.mal(f"{caso}: el respaldo no es íntegro o le faltan clientes: {nombres(copia)}")
            for que, res in salidas:
                if "dañad" in res.out + res.err:
                    cifra.mal(f"{caso}: {que} dice que la base está dañada: {_breve(res.err)}")
                for problema in problemas_de_error(res) if res.code else []:
                    cifra.mal(f"{caso}: {que}: {problema}")
            relleno.unlink()
            res = en_proceso("--db", db, "cliente", "add", "Ya Cabe")
            if res.code != 0:
                cifra.mal(f"{caso}: con espacio otra vez, cliente add → {res.code} {_breve(res.err)}")
            elif integridad(db) != "ok":
                cifra.mal(f"{caso}: integrity_check → {integridad(db)}")
        finally:
            disco.desmontar()
    return cifra
