"""The long reliability run: the probes of tests/fiabilidad with their long trial counts.

    python bench/fiabilidad.py              # 100+ kill -9 trials per kind, 10,000 fuzzer examples, …
    python bench/fiabilidad.py --rapido     # the CI-sized counts of tests/fiabilidad (a smoke run)
    python bench/fiabilidad.py --solo kill  # only the figures whose name contains one of these words

Prints one line per figure, e.g.

    escritores concurrentes 8x200: ensayos=1600 malos=0 esperados=1601 reales=1601 errores=0 integrity=ok (812.4 s)

and under a bad figure the first few trials that went wrong. Exits 1 if any figure is
bad (unlike the speed benchmarks of run.py, these count defects, not milliseconds).
A figure this machine can't measure (no root to mount a tmpfs, no a3 executable) is
printed as «omitida» with the reason and does not fail the run.

Use the Python of the environment where a3 is installed: every process is its `bin/a3`.
The long run takes about an hour on 2 cores (the 8×200 writers and the 10,000 fuzzer
examples are most of it); --rapido takes about two minutes.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from apoyo.bases import cerrar_wal, copiar_base, poblar  # noqa: E402
from apoyo.proceso import AHORA, ASESOR, NoDisponible, en_proceso  # noqa: E402
from fiabilidad import escenarios, fuzz  # noqa: E402
from fiabilidad.cifra import Cifra  # noqa: E402

LARGO = {
    "kill": 100,
    "rondas": 10,
    "escritores": (8, 200),
    "restauraciones": 20,
    "fuzz": 10_000,
    "disco": 5,
}
RAPIDO = {
    "kill": 20,
    "rondas": 1,
    "escritores": (8, 3),
    "restauraciones": 3,
    "fuzz": 200,
    "disco": 1,
}


def _entorno(base: Path) -> None:
    """The same isolation as the tests: HOME, XDG folders, clock and advisor under ``base``."""
    for nombre in ("A3_DEBUG", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        os.environ.pop(nombre, None)
    os.environ.update(
        HOME=str(base / "home"),
        XDG_DATA_HOME=str(base / "home" / "data"),
        XDG_STATE_HOME=str(base / "home" / "state"),
        XDG_CONFIG_HOME=str(base / "home" / "config"),
        XDG_CACHE_HOME=str(base / "home" / "cache"),
        A3_DB=str(base / "a3-env.db"),
        A3_ASESOR=ASESOR,
        A3_AHORA=AHORA,
        COLUMNS="200",
    )
    (base / "home").mkdir(parents=True, exist_ok=True)


# ---------------------------------------------------------------- the fuzzer


def _plantilla_fuzz(carpeta: Path) -> Path:
    db = carpeta / "plantilla-fuzz.db"
    poblar(db, ["Juan Pérez", "Juana Pérez Garza", "María López"])
    for argv in (
        ["tarea", "add", "Enviar cotización", "--vence", "mañana", "--cliente", "3"],
        ["actividad", "llamada", "3", "--resultado", "contestó-interesado"],
        ["nota", "add", "1", "Prefiere casas de 2 plantas"],
    ):
        res = en_proceso("--db", db, *argv)
        if res.code != 0:
            raise RuntimeError(f"no se pudo preparar la base del fuzzer: {argv} → {res.err}")
    cerrar_wal(db)
    return db


def _clase(problema: str) -> str:
    """A short name for a kind of failure, to count them: the command and what went wrong."""
    comando = " ".join(re.findall(r"'([a-z]+)'", problema.split("→")[0])[:2])
    que = problema.split("→", 1)[1]
    partes = []
    for marca, nombre in (
        ("control en stdout", "control en stdout"),
        ("control en stderr", "control en stderr"),
        ("traceback", "traceback"),
        ("cambió", "escribió al fallar"),
        ("código de salida", "código raro"),
    ):
        if marca in que:
            partes.append(nombre)
    inesperado = re.search(r"inesperado \((\w+)\)", que)
    if inesperado:
        partes.append(f"inesperado {inesperado.group(1)}")
    elif "inesperado" in que:
        partes.append("inesperado")
    return f"{comando}: {', '.join(partes)}"


def fuzzer(carpeta: Path, ejemplos: int) -> Cifra:
    """Hypothesis over the command tree; counts every failing example instead of stopping at one."""
    from hypothesis import HealthCheck, given, settings

    cifra = Cifra(f"fuzzer CLI {ejemplos} ejemplos")
    plantilla = _plantilla_fuzz(carpeta)
    db = carpeta / "fuzz.db"
    clases: Counter[str] = Counter()
    ejemplo: dict[str, str] = {}

    @settings(
        max_examples=ejemplos,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(comandos=fuzz.secuencias)
    def probar(comandos: list[list[str]]) -> None:
        copiar_base(plantilla, db)
        cifra.ensayos += 1
        problemas = fuzz.revisar(db, comandos)
        if problemas:
            cifra.malos += 1
            for problema in problemas:
                clase = _clase(problema)
                clases[clase] += 1
                ejemplo.setdefault(clase, problema[:300])

    probar()
    for clase, n in clases.most_common(10):
        cifra.detalles.append(f"{n}× {clase} — p. ej. {ejemplo[clase]}")
    cifra.extra = f"clases={len(clases)}"
    return cifra


# ---------------------------------------------------------------- the run


def figuras(c: dict) -> list[tuple[str, Callable[[Path], Cifra]]]:
    kill, rondas, (escritores, comandos) = c["kill"], c["rondas"], c["escritores"]
    return [
        ("kill base nueva", lambda d: escenarios.kill_base_nueva(d, kill)),
        ("kill migracion 0001", lambda d: escenarios.kill_migracion(d, kill, "0001")),
        ("kill migracion 0002", lambda d: escenarios.kill_migracion(d, kill, "0002")),
        ("kill restaurar", lambda d: escenarios.kill_restaurar(d, kill)),
        ("kill copias", lambda d: escenarios.kill_copias(d, kill)),
        ("concurrencia base nueva", lambda d: escenarios.base_nueva_concurrente(d, rondas)),
        ("concurrencia duplicados", lambda d: escenarios.carrera_de_duplicados(d, rondas)),
        ("concurrencia escritores", lambda d: escenarios.escritores_concurrentes(d, escritores, comandos)),
        ("restaurar con escritores", lambda d: escenarios.restaurar_con_escritores(d, c["restauraciones"], 2)),
        ("restaurar dos a la vez", lambda d: escenarios.restauraciones_concurrentes(d, rondas * 2)),
        ("disco lleno altas", lambda d: _repetir(escenarios.disco_lleno_altas, d, c["disco"])),
        ("disco chico base nueva", lambda d: escenarios.disco_chico_base_nueva(d, _tamanos(c["disco"]))),
        ("disco lleno respaldo", lambda d: _repetir(escenarios.disco_lleno_respaldo, d, c["disco"])),
        ("disco lleno lecturas", lambda d: _repetir(escenarios.disco_lleno_lecturas, d, c["disco"])),
        ("fuzzer", lambda d: fuzzer(d, c["fuzz"])),
    ]


def _tamanos(veces: int) -> tuple[str, ...]:
    if veces <= 1:
        return ("16k", "48k", "96k", "160k", "200k")
    return tuple(f"{k}k" for k in range(8, 260, 8))


def _repetir(funcion: Callable[[Path], Cifra], carpeta: Path, veces: int) -> Cifra:
    total: Cifra | None = None
    for i in range(veces):
        d = carpeta / f"vez-{i}"
        d.mkdir(parents=True)
        cifra = funcion(d)
        if total is None:
            total = cifra
        else:
            total.ensayos += cifra.ensayos
            total.malos += cifra.malos
            total.detalles.extend(cifra.detalles[: max(0, 10 - len(total.detalles))])
    assert total is not None
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rapido", action="store_true", help="los conteos de CI (tests/fiabilidad)")
    parser.add_argument("--solo", default="", help="solo las cifras cuyo nombre contenga una de estas palabras (coma)")
    parser.add_argument("--conservar", action="store_true", help="no borrar la carpeta de trabajo al terminar")
    args = parser.parse_args(argv)

    conteos = RAPIDO if args.rapido else LARGO
    palabras = [p.strip() for p in args.solo.split(",") if p.strip()]
    base = Path(tempfile.mkdtemp(prefix="a3-fiabilidad-"))
    _entorno(base)
    print(f"a3 fiabilidad ({'rápido' if args.rapido else 'largo'}); carpeta de trabajo {base}", flush=True)
    malas = 0
    inicio = time.monotonic()
    try:
        for nombre, funcion in figuras(conteos):
            if palabras and not any(p in nombre for p in palabras):
                continue
            carpeta = base / nombre.replace(" ", "-")
            carpeta.mkdir()
            t0 = time.monotonic()
            try:
                cifra = funcion(carpeta)
            except NoDisponible as exc:
                print(f"{nombre}: omitida ({exc})", flush=True)
                continue
            segundos = time.monotonic() - t0
            print(f"{cifra.linea()} ({segundos:.1f} s)", flush=True)
            if not cifra.ok:
                malas += 1
                for detalle in cifra.detalles:
                    print(f"  - {detalle}", flush=True)
            if not args.conservar:
                shutil.rmtree(carpeta, ignore_errors=True)
    finally:
        if not args.conservar:
            shutil.rmtree(base, ignore_errors=True)
    print(f"{malas} cifras malas en {time.monotonic() - inicio:.0f} s", flush=True)
    return 1 if malas else 0


if __name__ == "__main__":
    sys.exit(main())
