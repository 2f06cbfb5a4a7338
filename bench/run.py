"""Run every a3 benchmark against floors measured in the same run; print a table and write
bench/results/latest.json and bench/results/latest.md.

    python bench/run.py                       # 1k, 10k and 100k clients (generated once, cached)
    python bench/run.py --sizes 1000,10000    # only these sizes
    python bench/run.py --quick               # fewer repetitions (a smoke run)
    python bench/run.py --only procesos       # procesos, app, servicio, importar (comma-separated)

Benchmarks report; they never fail. Each a3 figure is the median (min–max) of several
runs, interleaved with the runs of its floor so that both see the same machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402
import pty_bytes  # noqa: E402
from generate import AHORA, LOGIN, WORK  # noqa: E402
from pty_launch import lanzar  # noqa: E402

PYTHON = sys.executable
FLOORS = BENCH / "floors"
# Readiness of the app: its dashboard drawn with its data (a section title of the agenda
# appears only once the services answered). The bare floor: its first row drawn.
MARCADORES_A3 = ["Mis tareas", "Tareas vencidas"]
MARCADORES_PISO = ["Cliente 001"]
MARCADORES_STACK = ["100 clientes"]


@dataclass
class Cifra:
    mediana: float | None = None
    min: float | None = None
    max: float | None = None
    n: int = 0

    @classmethod
    def de(cls, valores: list[float]) -> Cifra:
        if not valores:
            return cls()
        return cls(statistics.median(valores), min(valores), max(valores), len(valores))


@dataclass
class Fila:
    que: str
    size: int
    unidad: str  # "s", "ms" or "MB"
    a3: Cifra
    piso_nombre: str
    piso: Cifra
    meta: str
    # Either a ratio (a3 / floor) or an absolute bound on a3's median, in `unidad`.
    meta_razon: float | None = None
    meta_absoluta: float | None = None
    nota: str = ""
    disponible: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def razon(self) -> float | None:
        if self.a3.mediana is None or not self.piso.mediana:
            return None
        return self.a3.mediana / self.piso.mediana

    @property
    def cumple(self) -> bool | None:
        if not self.disponible or self.a3.mediana is None:
            return None
        if self.meta_razon is not None:
            return None if self.razon is None else self.razon <= self.meta_razon
        if self.meta_absoluta is not None:
            return self.a3.mediana <= self.meta_absoluta
        return None

    def documento(self) -> dict[str, Any]:
        doc = asdict(self)
        doc["razon"] = self.razon
        doc["cumple"] = self.cumple
        return doc


_INICIO = time.perf_counter()


def _log(texto: str) -> None:
    print(f"[{time.perf_counter() - _INICIO:5.0f} s] {texto}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- environment


def _a3() -> str:
    """The venv's own `a3` script beside this Python (else the one on PATH)."""
    propio = Path(PYTHON).parent / "a3"
    if propio.exists():
        return str(propio)
    encontrado = shutil.which("a3")
    if not encontrado:
        raise SystemExit("No `a3` command beside this Python nor on PATH; install a3 (pip install -e .) first.")
    return encontrado


def _entorno() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("A3_DB", "A3_DEBUG", "NO_COLOR")}
    env.update(A3_ASESOR=LOGIN, A3_AHORA=AHORA, PYTHONDONTWRITEBYTECODE="0")
    return env


def _copia(size: int) -> Path:
    """A fresh scratch copy of the cached database: benchmarks write to it, never to the cache."""
    origen = generate.ruta(size)
    destino = WORK / f"scratch-{size}.db"
    for sufijo in ("", "-wal", "-shm"):
        Path(f"{destino}{sufijo}").unlink(missing_ok=True)
    shutil.copyfile(origen, destino)
    os.chmod(destino, 0o600)
    return destino


# ---------------------------------------------------------------- whole processes


class Procesos:
    """Times whole processes, interleaving programs round by round."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.contador = 0

    def telefono(self) -> str:
        # 669 (Mazatlán) is not among the demo's area codes: never a duplicate.
        self.contador += 1
        return f"669{1_000_000 + self.contador:07d}"

    def correr(self, argv: list[str], extra: dict[str, str] | None = None) -> tuple[float, str | None]:
        env = {**self.env, **extra} if extra else self.env
        inicio = time.perf_counter()
        proceso = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
        segundos = time.perf_counter() - inicio
        if proceso.returncode != 0:
            error = proceso.stderr.decode("utf-8", "replace").strip().splitlines()
            return segundos, f"exit {proceso.returncode}: {error[-1] if error else ''}"
        return segundos, None

    def medir(self, programas: dict[str, Any], runs: int) -> tuple[dict[str, list[float]], dict[str, str]]:
        """``programas``: name → function returning argv, or (argv, extra environment)
        (called per run). One warm-up each."""
        tiempos: dict[str, list[float]] = {nombre: [] for nombre in programas}
        errores: dict[str, str] = {}
        nombres = list(programas)
        for ronda in range(runs + 1):
            orden = nombres[ronda % len(nombres) :] + nombres[: ronda % len(nombres)]
            for nombre in orden:
                if nombre in errores:
                    continue
                programa = programas[nombre]()
                argv, extra = programa if isinstance(programa, tuple) else (programa, None)
                segundos, error = self.correr(argv, extra)
                if error:
                    errores[nombre] = error
                elif ronda:
                    tiempos[nombre].append(segundos)
        return tiempos, errores


def bench_procesos(size: int, db: Path, runs: int, env: dict[str, str]) -> list[Fila]:
    a3 = _a3()
    p = Procesos(env)
    nombre = lambda: f"Cliente Prueba {p.contador}"  # noqa: E731
    programas = {
        "a3 cliente add": lambda: [a3, "--db", str(db), "cliente", "add", nombre(), "--telefono", p.telefono()],
        "stack": lambda: [
            PYTHON,
            str(FLOORS / "stack_add.py"),
            "cliente",
            "add",
            nombre(),
            "--telefono",
            p.telefono(),
            "--db",
            str(db),
        ],
        "sqlite3": lambda: [
            PYTHON,
            str(FLOORS / "sqlite_add.py"),
            "cliente",
            "add",
            nombre(),
            "--telefono",
            p.telefono(),
            "--db",
            str(db),
        ],
        "a3 hoy": lambda: [a3, "--db", str(db), "hoy"],
        "a3 cliente list --buscar perez": lambda: [a3, "--db", str(db), "cliente", "list", "--buscar", "perez"],
    }
    tiempos, errores = p.medir(programas, runs)
    stack, fisico = Cifra.de(tiempos["stack"]), Cifra.de(tiempos["sqlite3"])
    filas = []

    def fila(que: str, piso_nombre: str, piso: Cifra, meta: str, razon: float | None, clave: str) -> Fila:
        clave_piso = "stack" if piso is stack else "sqlite3"
        notas = []
        if errores.get(clave):
            notas.append(f"no disponible: {errores[clave]}")
        if errores.get(clave_piso):
            notas.append(f"floor failed: {errores[clave_piso]}")
        return Fila(
            que=que,
            size=size,
            unidad="s",
            a3=Cifra.de(tiempos[clave]),
            piso_nombre=piso_nombre,
            piso=piso,
            meta=meta,
            meta_razon=razon,
            nota="; ".join(notas),
            disponible=not errores.get(clave),
        )

    filas.append(
        fila(
            "`a3 cliente add` (process)",
            "stack: Typer+SQLModel+phonenumbers",
            stack,
            "≤ 1.2× stack",
            1.2,
            "a3 cliente add",
        )
    )
    filas.append(
        fila("`a3 cliente add` (process)", "physical: stdlib sqlite3", fisico, "report only", None, "a3 cliente add")
    )
    filas.append(fila("`a3 hoy` (process)", "stack: Typer+SQLModel+phonenumbers", stack, "≤ 1.5× stack", 1.5, "a3 hoy"))
    filas.append(
        fila(
            "`a3 cliente list --buscar perez` (process)",
            "stack: Typer+SQLModel+phonenumbers",
            stack,
            "≤ 1.5× stack",
            1.5,
            "a3 cliente list --buscar perez",
        )
    )
    return filas


def _tab(palabras: str, db: Path) -> dict[str, str]:
    """The environment of bash's Tab after ``palabras`` (the last word is the one completed),
    as the script of `a3 --show-completion bash` sets it, with A3_DB at ``db`` (Tab reads
    only the words in COMP_WORDS: a --db given to the process itself is not among them)."""
    lista = palabras.split(" ")
    return {
        "_A3_COMPLETE": "complete_bash",
        "COMP_WORDS": "\n".join(lista),
        "COMP_CWORD": str(len(lista) - 1),
        "A3_DB": str(db),
    }


# What Tab is timed after: the names of a client (the database's), and a command's name (Typer's own).
TAB_NOMBRES = "a3 cliente show jua"
TAB_COMANDO = "a3 cliente sh"


def bench_completado(size: int, db: Path, runs: int, env: dict[str, str]) -> list[Fila]:
    a3 = _a3()
    p = Procesos(env)
    programas = {
        "nombres": lambda: ([a3], _tab(TAB_NOMBRES, db)),
        "comando": lambda: ([a3], _tab(TAB_COMANDO, db)),
    }
    tiempos, errores = p.medir(programas, max(runs, 9))
    probado = subprocess.run([a3], env={**env, **_tab(TAB_NOMBRES, db)}, capture_output=True, text=True, timeout=120)
    ofrecidos = len([linea for linea in probado.stdout.splitlines() if linea])
    notas = [f"{ofrecidos} name{'s' if ofrecidos != 1 else ''} offered"] if ofrecidos else ["**no name offered**"]
    notas += [f"no disponible: {e}" for e in errores.values()]
    return [
        Fila(
            que=f"Tab: client names, `{TAB_NOMBRES}⇥` (process)",
            size=size,
            unidad="s",
            a3=Cifra.de(tiempos["nombres"]),
            piso_nombre=f"Tab: a command's name, `{TAB_COMANDO}⇥`",
            piso=Cifra.de(tiempos["comando"]),
            meta="≤ 200 ms",
            meta_absoluta=0.2,
            nota="; ".join(notas),
            disponible=not errores.get("nombres") and ofrecidos > 0,
        )
    ]


def bytes_piso(env: dict[str, str]) -> float | None:
    """Bytes a bare Textual DataTable app sends for one ↓ at 80x24 (the floor of the rows below)."""
    sesion = pty_bytes.Sesion.abrir([PYTHON, str(FLOORS / "bare_app.py")], {**env, **TERMINAL_SSH})
    try:
        if not sesion.esperar_texto(MARCADORES_PISO[0]):
            return None
        sesion.leer(2.0)
        return statistics.median(sesion.teclas(pty_bytes.ABAJO) for _ in range(6))
    finally:
        sesion.cerrar()


# An advisor's terminal over SSH: 256 colours announced, true colour understood.
TERMINAL_SSH = {"TERM": "xterm-256color", "COLORTERM": "truecolor"}

BYTES_LISTAS = {
    "abajo_mis_tareas": "Mis tareas",
    "abajo_clientes": "Clientes",
    "abajo_historial": "ficha: Historial",
    "abajo_inventario": "Inventario",
}
BYTES_PANTALLAS = {
    "cambiar_a_clientes": "t → Clientes",
    "abrir_ficha": "Enter → ficha",
    "abrir_formulario": "a → Registrar actividad",
    "cambiar_a_mis_tareas": "Esc, t → Mis tareas",
    "cambiar_a_inventario": "i → Inventario",
}


def bench_bytes(size: int, db: Path, env: dict[str, str], piso: float | None) -> list[Fila]:
    """Bytes on the wire at 80x24 for the actions of an advisor's day (bench/pty_bytes.py)."""
    try:
        medidas = pty_bytes.medir_a3([_a3(), "--db", str(db)], {**env, **TERMINAL_SSH}, MARCADORES_A3[1])
    except RuntimeError as error:
        medidas, nota = {}, f"no disponible: {error}"
    else:
        nota = ""
    piso_cifra = Cifra.de([piso] if piso is not None else [])
    listas = {BYTES_LISTAS[k]: v for k, v in medidas.items() if k in BYTES_LISTAS}
    pantallas = {BYTES_PANTALLAS[k]: v for k, v in medidas.items() if k in BYTES_PANTALLAS}
    quieto = [v for k, v in medidas.items() if k.startswith("quieto_")]

    def detalle(valores: dict[str, float]) -> str:
        return "; ".join(f"{k} {v:,.0f} B" for k, v in valores.items())

    return [
        Fila(
            que="bytes per cursor move ↓ (80x24), worst list",
            size=size,
            unidad="B",
            a3=Cifra.de([max(listas.values())] if listas else []),
            piso_nombre="bare Textual DataTable ↓",
            piso=piso_cifra,
            meta="≤ 1,024 B",
            meta_absoluta=1024,
            nota=nota or detalle(listas),
            disponible=bool(listas),
        ),
        Fila(
            que="bytes per screen switch or form open (80x24), worst",
            size=size,
            unidad="B",
            a3=Cifra.de([max(pantallas.values())] if pantallas else []),
            piso_nombre="bare Textual DataTable ↓",
            piso=piso_cifra,
            meta="≤ 10,240 B",
            meta_absoluta=10240,
            nota=nota or detalle(pantallas),
            disponible=bool(pantallas),
        ),
        Fila(
            que="bytes per second idle, text field focused",
            size=size,
            unidad="B/s",
            a3=Cifra.de([max(quieto)] if quieto else []),
            piso_nombre="—",
            piso=Cifra(),
            meta="0 B/s",
            meta_absoluta=0,
            nota=nota or "the search box and the activity form, 5 s each",
            disponible=bool(quieto),
        ),
    ]


def bench_arranque(size: int, db: Path, runs: int, env: dict[str, str]) -> list[Fila]:
    """`a3` (the app) in a real pty until its dashboard shows data, vs a bare Textual DataTable app."""
    a3 = _a3()
    tiempos: dict[str, list[float]] = {"a3": [], "piso": [], "stack": []}
    primer_cuadro: list[float] = []
    error: str | None = None
    for ronda in range(runs + 1):
        for cual in ["a3", "piso", "stack"] if ronda % 2 == 0 else ["stack", "piso", "a3"]:
            if cual == "a3":
                if error:
                    continue
                r = lanzar([a3, "--db", str(db)], env, MARCADORES_A3)
                if r.segundos is None:
                    error = f"{r.error}; screen: {' '.join(r.pantalla.split())[-300:]}"
                    continue
                if ronda:
                    tiempos["a3"].append(r.segundos)
                    primer_cuadro.append(r.vistos[MARCADORES_A3[0]])
            elif cual == "piso":
                r = lanzar([PYTHON, str(FLOORS / "bare_app.py")], env, MARCADORES_PISO)
                if r.segundos is not None and ronda:
                    tiempos["piso"].append(r.segundos)
            else:
                r = lanzar([PYTHON, str(FLOORS / "stack_app.py"), str(db)], env, MARCADORES_STACK)
                if r.segundos is not None and ronda:
                    tiempos["stack"].append(r.segundos)
    nota = ""
    if primer_cuadro:
        nota = (
            f"first frame («{MARCADORES_A3[0]}») at {statistics.median(primer_cuadro):.2f} s; data at the median shown"
        )
    return [
        Fila(
            que="app launch to usable dashboard (pty)",
            size=size,
            unidad="s",
            a3=Cifra.de(tiempos["a3"]),
            piso_nombre="bare Textual app, DataTable of 100 rows",
            piso=Cifra.de(tiempos["piso"]),
            meta="≤ 1.5× floor",
            meta_razon=1.5,
            nota=f"no disponible: {error}" if error else nota,
            disponible=error is None,
            extra={"primer_cuadro": Cifra.de(primer_cuadro).__dict__},
        ),
        Fila(
            que="app launch to usable dashboard (pty)",
            size=size,
            unidad="s",
            a3=Cifra.de(tiempos["a3"]),
            piso_nombre="stack: Textual + SQLModel app reading 100 clients",
            piso=Cifra.de(tiempos["stack"]),
            meta="report only",
            nota=f"no disponible: {error}" if error else "what any app on this stack pays (floors/stack_app.py)",
            disponible=error is None,
        ),
    ]


# ---------------------------------------------------------------- in-process


def _inproc(args: list[str], limite: float = 600) -> dict[str, Any]:
    argv = [PYTHON, str(BENCH / "inproc.py"), *args]
    try:
        proceso = subprocess.run(argv, env=_entorno(), capture_output=True, timeout=limite)
    except subprocess.TimeoutExpired:
        return {"disponible": False, "motivo": f"took more than {limite:.0f} s"}
    salida = proceso.stdout.decode().strip().splitlines()
    try:
        return json.loads(salida[-1])
    except (IndexError, ValueError):
        error = proceso.stderr.decode("utf-8", "replace").strip().splitlines()
        return {"disponible": False, "motivo": f"exit {proceso.returncode}: {error[-1] if error else ''}"}


def _cifra(doc: dict[str, Any] | None, escala: float = 1.0) -> Cifra:
    if not doc:
        return Cifra()
    return Cifra(doc["mediana"] * escala, doc["min"] * escala, doc["max"] * escala, doc["n"])


def _motivo(doc: dict[str, Any]) -> str:
    return "no disponible: " + " ".join(str(doc.get("motivo", "")).split())[:300]


CONSULTAS = ["perez", "maria jose", "812 3"]


def bench_servicio(size: int, db: Path, runs: int) -> list[Fila]:
    filas = []
    for consulta in CONSULTAS:
        doc = _inproc(["servicio-busqueda", "--db", str(db), "--consulta", consulta, "--runs", str(runs)])
        filas.append(
            Fila(
                que=f"search in the services, `list_(buscar={consulta!r}, limit=50)`",
                size=size,
                unidad="ms",
                a3=_cifra(doc.get("a3"), 1000),
                piso_nombre="one indexed lookup (sqlite3, first token, 50 ids)",
                piso=_cifra(doc.get("piso"), 1000),
                meta="≤ 30 ms (the keystroke budget)",
                meta_absoluta=30.0,
                nota=f"{doc.get('total', '?')} matches" if doc.get("disponible") else _motivo(doc),
                disponible=bool(doc.get("disponible")),
            )
        )
    return filas


def pisos_app(runs: int, quick: bool) -> dict[str, dict[str, Any]]:
    """The bare-Textual floors of the in-process app benchmarks (they do not depend on the size)."""
    return {
        "busqueda": _inproc(["piso-busqueda", "--runs", str(1 if quick else 2)]),
        "ficha": _inproc(["piso-ficha", "--runs", str(runs)]),
        "memoria": _inproc(["piso-memoria"]),
    }


def bench_app(size: int, db: Path, runs: int, quick: bool, pisos: dict[str, dict[str, Any]]) -> list[Fila]:
    info = generate.meta(size)
    filas = []
    doc = _inproc(["app-busqueda", "--db", str(db), "--runs", str(1 if quick else 2)])
    nota = _motivo(doc)
    if doc.get("disponible"):
        nota = (
            f"services alone, own session: first page {doc['pagina']['mediana'] * 1000:.1f} ms, "
            f"count {doc['conteo']['mediana'] * 1000:.1f} ms (the app's debounce of "
            f"{(doc.get('espera_busqueda') or 0) * 1000:.0f} ms delays only the count)"
        )
    filas.append(
        Fila(
            que="search as you type: keystroke → updated list (Pilot)",
            size=size,
            unidad="ms",
            a3=_cifra(doc.get("a3"), 1000),
            piso_nombre="bare Textual Input refilling a DataTable",
            piso=_cifra(pisos["busqueda"].get("a3"), 1000),
            meta="≤ 30 ms median",
            meta_absoluta=30.0,
            nota=nota,
            disponible=bool(doc.get("disponible")),
        )
    )
    doc = _inproc(
        ["app-ficha", "--db", str(db), "--cliente", str(info["ficha_id"]), "--nombre", "benavides", "--runs", str(runs)]
    )
    nota = _motivo(doc)
    if doc.get("disponible"):
        nota = f"services alone (expediente.get, own session): {doc['servicio']['mediana'] * 1000:.1f} ms"
    filas.append(
        Fila(
            que="open a ficha with 200 activities: Enter → drawn (Pilot)",
            size=size,
            unidad="ms",
            a3=_cifra(doc.get("a3"), 1000),
            piso_nombre="bare Textual screen with a 200-row DataTable",
            piso=_cifra(pisos["ficha"].get("a3"), 1000),
            meta="≤ 50 ms",
            meta_absoluta=50.0,
            nota=nota,
            disponible=bool(doc.get("disponible")),
        )
    )
    return filas


def bench_memoria(size: int, db: Path, piso: dict[str, Any], quick: bool) -> Fila:
    doc = _inproc(["app-memoria", "--db", str(db), "--pasos", str(40 if quick else 80), "--limite", "90"])
    nota = _motivo(doc)
    if doc.get("disponible"):
        nota = (
            f"walked {doc['recorridas']:,} of {doc['total']:,} rows in jumps of {doc['salto']} "
            f"({doc['segundos']:.0f} s){'' if doc['completo'] else ', stopped at the time limit'}"
        )
    valor = doc.get("rss_mb")
    return Fila(
        que="app peak RSS after walking the whole client list",
        size=size,
        unidad="MB",
        a3=Cifra(valor, valor, valor, 1) if valor else Cifra(),
        piso_nombre="bare Textual app, DataTable of 100 rows",
        piso=Cifra(piso.get("rss_mb"), piso.get("rss_mb"), piso.get("rss_mb"), 1) if piso.get("rss_mb") else Cifra(),
        meta="≤ 150 MB, flat 10k→100k",
        meta_absoluta=150.0,
        nota=nota,
        disponible=bool(doc.get("disponible")),
    )


def fila_plana(filas: list[Fila]) -> Fila | None:
    """Growth of the app's peak RSS from 10k to 100k clients (flat: ≤ 10%)."""
    rss = {f.size: f.a3.mediana for f in filas if f.que.startswith("app peak RSS") and f.a3.mediana}
    if 10_000 not in rss or 100_000 not in rss:
        return None
    crecimiento = rss[100_000] - rss[10_000]
    return Fila(
        que="app peak RSS growth 10k → 100k",
        size=100_000,
        unidad="MB",
        a3=Cifra(crecimiento, crecimiento, crecimiento, 1),
        piso_nombre="10% of the 10k figure",
        piso=Cifra(rss[10_000] * 0.1, rss[10_000] * 0.1, rss[10_000] * 0.1, 1),
        meta="≤ 10% of the 10k figure",
        meta_razon=1.0,
    )


# ---------------------------------------------------------------- importing a phone's address book

# A phone's whole address book: 3,000 contacts, each with a 10 KB photo (~13 KB of base64
# folded at 75 characters, as iOS and Android write it): ~42 MB. The generator is the
# reliability suite's (tests/fiabilidad/hostiles.py).
AGENDA_CONTACTOS = 3_000
AGENDA_FOTO = 10_000


def _correr_con_memoria(argv: list[str], env: dict[str, str]) -> tuple[float, float, str | None]:
    """Run ``argv``: its wall time (s), its peak RSS (MB, from the kernel's accounting of
    the child) and its error, if it failed."""
    import tempfile

    with tempfile.TemporaryFile() as errores:
        inicio = time.perf_counter()
        proceso = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=errores)
        _, estado, uso = os.wait4(proceso.pid, 0)
        segundos = time.perf_counter() - inicio
        proceso.returncode = os.waitstatus_to_exitcode(estado)
        if proceso.returncode == 0:
            return segundos, uso.ru_maxrss / 1024, None
        errores.seek(0)
        lineas = errores.read().decode("utf-8", "replace").strip().splitlines()
        return segundos, uso.ru_maxrss / 1024, f"exit {proceso.returncode}: {lineas[-1] if lineas else ''}"


def bench_vcard(runs: int, env: dict[str, str]) -> list[Fila]:
    """`a3 importar vcard` of a phone's address book with photos into a new database,
    against the same book without photos (what the photos cost) and against reading the
    file line by line in plain Python; and its peak RSS with and without photos."""
    sys.path.insert(0, str(ROOT / "tests"))
    from fiabilidad.hostiles import agenda_con_fotos

    WORK.mkdir(parents=True, exist_ok=True)
    con_fotos, sin_fotos = WORK / "agenda-con-fotos.vcf", WORK / "agenda-sin-fotos.vcf"
    tamano = agenda_con_fotos(con_fotos, [AGENDA_FOTO] * AGENDA_CONTACTOS)
    agenda_con_fotos(sin_fotos, [0] * AGENDA_CONTACTOS)
    a3 = _a3()

    def importar(agenda: Path) -> list[str]:
        db = WORK / f"{agenda.stem}.db"
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{db}{sufijo}").unlink(missing_ok=True)
        return [a3, "--db", str(db), "importar", "vcard", str(agenda)]

    programas = {
        "con fotos": lambda: importar(con_fotos),
        "sin fotos": lambda: importar(sin_fotos),
        "líneas": lambda: [PYTHON, str(FLOORS / "leer_lineas.py"), str(con_fotos)],
    }
    tiempos: dict[str, list[float]] = {nombre: [] for nombre in programas}
    memoria: dict[str, list[float]] = {nombre: [] for nombre in programas}
    errores: dict[str, str] = {}
    nombres = list(programas)
    for ronda in range(runs + 1):  # round 0 warms up
        for nombre in nombres[ronda % 3 :] + nombres[: ronda % 3]:
            if nombre in errores:
                continue
            segundos, rss, error = _correr_con_memoria(programas[nombre](), env)
            if error:
                errores[nombre] = error
            elif ronda:
                tiempos[nombre].append(segundos)
                memoria[nombre].append(rss)
    for agenda in (con_fotos, sin_fotos):
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{WORK / agenda.stem}.db{sufijo}").unlink(missing_ok=True)
    nota = (
        f"{AGENDA_CONTACTOS:,} contacts, a {AGENDA_FOTO // 1000} KB photo each, {tamano / 1e6:.0f} MB file; "
        "each run imports into a new database"
    )
    if errores:
        nota = "; ".join(f"{k}: {v}" for k, v in errores.items())
    disponible = "con fotos" not in errores
    que = "`a3 importar vcard`, a phone's address book with photos (process)"
    rss = Cifra.de(memoria["con fotos"])
    return [
        Fila(
            que=que,
            size=AGENDA_CONTACTOS,
            unidad="s",
            a3=Cifra.de(tiempos["con fotos"]),
            piso_nombre="a3, the same book without photos",
            piso=Cifra.de(tiempos["sin fotos"]),
            meta="≤ 5 s (in seconds)",
            meta_absoluta=5.0,
            nota=nota,
            disponible=disponible,
        ),
        Fila(
            que=que,
            size=AGENDA_CONTACTOS,
            unidad="s",
            a3=Cifra.de(tiempos["con fotos"]),
            piso_nombre="physical: Python reading the file line by line",
            piso=Cifra.de(tiempos["líneas"]),
            meta="report only",
            nota="floors/leer_lineas.py",
            disponible=disponible,
        ),
        Fila(
            que="`a3 importar vcard` peak RSS, address book with photos",
            size=AGENDA_CONTACTOS,
            unidad="MB",
            a3=rss,
            piso_nombre="a3, the same book without photos",
            piso=Cifra.de(memoria["sin fotos"]),
            meta="≤ 1.1× (flat: photos are read past)",
            meta_razon=1.1,
            nota=f"the line-by-line floor: {statistics.median(memoria['líneas']):.0f} MB" if memoria["líneas"] else "",
            disponible=disponible,
        ),
    ]


# ---------------------------------------------------------------- output


def _num(valor: float | None, unidad: str) -> str:
    if valor is None:
        return "—"
    if unidad == "s":
        return f"{valor * 1000:.0f} ms" if valor < 10 else f"{valor:.1f} s"
    if unidad == "ms":
        return f"{valor:.2f} ms" if valor < 1 else f"{valor:.1f} ms"
    if unidad == "B":
        return f"{valor:,.0f} B"
    if unidad == "B/s":
        return f"{valor:,.0f} B/s"
    return f"{valor:.0f} MB"


def _celdas(f: Fila) -> list[str]:
    if not f.disponible and f.a3.mediana is None:
        a3 = "no disponible"
    elif f.a3.n > 1:
        a3 = f"{_num(f.a3.mediana, f.unidad)} ({_num(f.a3.min, f.unidad)}–{_num(f.a3.max, f.unidad)})"
    else:
        a3 = _num(f.a3.mediana, f.unidad)
    razon = f"{f.razon:.2f}×" if f.razon is not None else "—"
    cumple = {True: "yes", False: "**no**", None: "—"}[f.cumple]
    return [
        f.que,
        f"{f.size:,}",
        a3,
        f"{f.piso_nombre}: {_num(f.piso.mediana, f.unidad)}",
        razon,
        f.meta,
        cumple,
        f.nota,
    ]


CABECERA = ["what", "clients", "a3 median (min–max)", "floor (median)", "ratio", "target", "met", "notes"]


def markdown(filas: list[Fila], cabeza: dict[str, Any]) -> str:
    lineas = [
        "# a3 benchmarks — latest run",
        "",
        f"{cabeza['fecha']} · commit {cabeza['commit']} · {cabeza['maquina']} · "
        f"Python {cabeza['python']} · SQLite {cabeza['sqlite']} · Textual {cabeza['textual']} · "
        f"{cabeza['runs']} runs per figure{' (quick)' if cabeza['quick'] else ''} · harness took {cabeza['segundos']:.0f} s · "
        f"load average at the end {cabeza['carga'][0]:.2f}",
        "",
        "| " + " | ".join(CABECERA) + " |",
        "|" + "|".join("---" for _ in CABECERA) + "|",
    ]
    for f in filas:
        lineas.append("| " + " | ".join(c.replace("|", "\\|") for c in _celdas(f)) + " |")
    lineas += ["", "Generated by `python bench/run.py`; see bench/README.md for what each row measures.", ""]
    return "\n".join(lineas)


def tabla_texto(filas: list[Fila]) -> str:
    celdas = [CABECERA[:-1]] + [_celdas(f)[:-1] for f in filas]
    anchos = [max(len(c[i]) for c in celdas) for i in range(len(CABECERA) - 1)]
    lineas = []
    for k, c in enumerate(celdas):
        lineas.append("  ".join(x.ljust(anchos[i]) for i, x in enumerate(c)).rstrip())
        if k == 0:
            lineas.append("  ".join("-" * a for a in anchos))
    notas = [f"  [{f.que} @ {f.size:,}] {f.nota}" for f in filas if f.nota]
    return "\n".join(lineas + (["", *notas] if notas else []))


def _cabeza(args: argparse.Namespace, runs: int, segundos: float) -> dict[str, Any]:
    try:
        commit = (
            subprocess.run(
                ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
            ).stdout.strip()
            or "?"
        )
    except OSError:
        commit = "?"
    try:
        import textual

        version_textual = getattr(textual, "__version__", None) or __import__("importlib.metadata").metadata.version(
            "textual"
        )
    except Exception:
        version_textual = "?"
    return {
        "fecha": datetime.now().isoformat(timespec="seconds"),
        "commit": commit,
        "maquina": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs",
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "textual": version_textual,
        "sizes": args.sizes,
        "quick": args.quick,
        "runs": runs,
        "segundos": segundos,
        # Other processes on the machine skew absolute figures (ratios less so): say how busy it was.
        "carga": [round(x, 2) for x in os.getloadavg()],
    }


# ---------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated client counts")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke run")
    parser.add_argument("--runs", type=int, help="repetitions per figure (default 5, quick 3)")
    parser.add_argument(
        "--only",
        default="procesos,completado,app,servicio,importar",
        help="procesos, completado, app, servicio, importar",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/results/ alone")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs = args.runs or (3 if args.quick else 5)
    grupos = set(args.only.split(","))
    if not grupos & {"procesos", "completado", "servicio", "app"}:
        sizes = []  # the address book's import needs none of the databases
    inicio = time.perf_counter()
    env = _entorno()

    for size in sizes:
        generate.ensure(size, log=_log)

    filas: list[Fila] = []
    pisos: dict[str, dict[str, Any]] | None = None
    piso_bytes: float | None = None
    for size in sizes:
        db = _copia(size)
        _log(f"— {size:,} clients ({db.name})")
        if "procesos" in grupos:
            _log("  whole processes: a3 cliente add / hoy / cliente list vs floors")
            filas += bench_procesos(size, db, runs, env)
        if "completado" in grupos:
            _log("  Tab in bash: client names vs a command's name")
            filas += bench_completado(size, db, runs, env)
        if "servicio" in grupos:
            _log("  search in the service layer")
            filas += bench_servicio(size, db, 30 if not args.quick else 10)
        if "app" in grupos:
            _log("  app launch in a pty")
            filas += bench_arranque(size, db, max(3, runs - 2), env)
            _log("  app: bytes on the wire per action (pty, 80x24)")
            if piso_bytes is None:
                piso_bytes = bytes_piso(env)
            filas += bench_bytes(size, db, env, piso_bytes)
            if pisos is None:
                _log("  bare Textual floors (search, ficha, memory)")
                pisos = pisos_app(max(3, runs - 2), args.quick)
            _log("  app: search as you type, ficha")
            filas += bench_app(size, db, max(3, runs - 2), args.quick, pisos)
            if size >= 10_000:
                _log("  app: memory after walking the list")
                filas.append(bench_memoria(size, db, pisos["memoria"], args.quick))
        for sufijo in ("", "-wal", "-shm"):
            Path(f"{db}{sufijo}").unlink(missing_ok=True)
    if "importar" in grupos:
        _log("  a3 importar vcard: a phone's address book with photos")
        filas += bench_vcard(runs, env)
    plana = fila_plana(filas)
    if plana:
        filas.append(plana)

    orden = {nombre: i for i, nombre in enumerate(dict.fromkeys(f.que for f in filas))}
    filas.sort(key=lambda f: (orden[f.que], f.size))
    segundos = time.perf_counter() - inicio
    cabeza = _cabeza(args, runs, segundos)
    print(tabla_texto(filas))
    print(f"\n{len(filas)} rows in {segundos:.0f} s")
    if not args.no_write:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "latest.json").write_text(
            json.dumps({**cabeza, "filas": [f.documento() for f in filas]}, indent=2, ensure_ascii=False) + "\n"
        )
        (RESULTS / "latest.md").write_text(markdown(filas, cabeza))
        _log(f"wrote {RESULTS.relative_to(ROOT)}/latest.json and latest.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
