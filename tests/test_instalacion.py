"""a3 as a user installs it (issue 25): the wheel built from this checkout, installed (not
editable) with the dependencies its own metadata names into a fresh virtual environment,
then one round of what an advisor does: the demo, an export, a PDF report, an import, the
app opening a client's ficha, and a team database without the extra «equipo».

The editable install the other tests run on sees every module under src/, so a package
left out of the wheel only shows here. To stay cheap, the wheel is built once per test
process and uv installs from its cache (hard links, no compiling of the whole
environment); the environment's bytecode is written once, by the round itself.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from apoyo.proceso import Resultado, entorno, proceso, sin_sorpresas

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# The user's uv cache, read before the tests move HOME (conftest's _aislado): a test
# installs from what an earlier run downloaded.
CACHE_UV = os.environ.get("UV_CACHE_DIR") or str(
    Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "uv"
)

# The app, headless, in the installed environment (which has no pytest): open the client
# list, Enter on a client, and say which client's ficha is on screen.
APP = """
import asyncio, sys
import a3tui
from a3tui.app.app import A3App
from a3tui.app.screens.ficha import FichaScreen
from a3tui.store import open_store

async def esperar(pilot):
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()

async def main():
    app = A3App(open_store(sys.argv[1]))
    async with app.run_test(size=(100, 30)) as pilot:
        await esperar(pilot)
        await pilot.press("c")
        await esperar(pilot)
        await pilot.press("down", "enter")
        await esperar(pilot)
        assert isinstance(app.screen, FichaScreen), type(app.screen).__name__
        print(a3tui.__file__)
        print("ficha", app.screen.cliente_id)

asyncio.run(main())
"""


def _uv(*argv: str | Path) -> None:
    """Run uv, from its cache first (no network when an earlier run downloaded it all)."""
    exe = BIN / "uv"
    if not exe.exists():
        pytest.fail("falta uv: instala los extras de prueba (pip install -e '.[test]')")
    env = {**os.environ, "UV_CACHE_DIR": CACHE_UV, "UV_NO_PROGRESS": "1"}
    for extra in (["--offline"], []):
        done = subprocess.run([str(exe), *map(str, argv), *extra], env=env, capture_output=True, text=True, check=False)
        if done.returncode == 0:
            return
    pytest.fail(f"uv {' '.join(map(str, argv))} falló:\n{done.stdout}{done.stderr}")


@pytest.fixture(scope="module")
def rueda(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of this checkout, built from a copy of it (a build writes build/ and
    *.egg-info beside the sources, and several test processes build at once)."""
    copia = tmp_path_factory.mktemp("fuente")
    for nombre in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / nombre, copia / nombre)
    shutil.copytree(ROOT / "src", copia / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    _uv("build", "--wheel", "--out-dir", copia / "dist", copia)
    (rueda,) = (copia / "dist").glob("a3tui-*.whl")
    return rueda


def _requisitos(rueda: Path, *extras: str) -> list[Requirement]:
    """What the wheel's metadata asks for, with ``extras``."""
    with zipfile.ZipFile(rueda) as archivo:
        info = next(n for n in archivo.namelist() if n.endswith(".dist-info/METADATA"))
        lineas = archivo.read(info).decode().splitlines()
    todos = [Requirement(linea.partition(":")[2].strip()) for linea in lineas if linea.startswith("Requires-Dist:")]
    return [r for r in todos if r.marker is None or any(r.marker.evaluate({"extra": e}) for e in extras)]


def _entorno_nuevo(carpeta: Path) -> Path:
    venv = carpeta / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    return venv / "bin"


@pytest.fixture(scope="module")
def instalado(rueda: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A new virtual environment with the wheel and what its metadata asks for, at the
    versions the suite runs on (constraints.txt, the lock CI installs); its bin/."""
    carpeta = tmp_path_factory.mktemp("instalado")
    bin_ = _entorno_nuevo(carpeta)
    _uv("pip", "install", "--python", bin_ / "python", "-c", ROOT / "constraints.txt", rueda)
    yield bin_
    shutil.rmtree(carpeta, ignore_errors=True)


@pytest.fixture(scope="module")
def instalado_con_lo_mas_antiguo(rueda: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The wheel with the extra «equipo» and the oldest version that each of its
    requirements allows (uv's lowest-direct: the requirements are named directly, so each
    floor is taken; what they need in turn, the newest that fits)."""
    carpeta = tmp_path_factory.mktemp("antiguo")
    bin_ = _entorno_nuevo(carpeta)
    requisitos = carpeta / "requisitos.txt"
    # Without their markers (``extra == "equipo"`` would leave psycopg out of a plain list).
    lineas = [f"{r.name}[{','.join(sorted(r.extras))}]{r.specifier}\n" for r in _requisitos(rueda, "equipo")]
    requisitos.write_text("".join(lineas).replace("[]", ""), encoding="utf-8")
    _uv("pip", "install", "--resolution", "lowest-direct", "--python", bin_ / "python", "-r", requisitos, rueda)
    yield bin_
    shutil.rmtree(carpeta, ignore_errors=True)


def _ronda(bin_: Path, base: Path, *, equipo: bool = False) -> list[str]:
    """What went wrong in one round of a3 in the environment ``bin_`` (empty: nothing);
    ``equipo``: it has the extra «equipo»."""
    env = entorno(base)
    # The installed environment is new: let its first imports write their bytecode, and
    # keep the coverage of the test run out of it (it measures the checkout, not this copy).
    for nombre in [n for n in env if n.startswith("COVERAGE_") or n == "PYTHONDONTWRITEBYTECODE"]:
        del env[nombre]
    db = base / "a3.db"
    (base / "nuevos.csv").write_text("nombre,telefono\nJuana Prueba Instalada,8112345670\n", encoding="utf-8")
    malos: list[str] = []

    def a3(*argv: str, espera: str) -> Resultado:
        res = proceso([bin_ / "a3", "--db", db, *argv], env, cwd=base)
        if res.code != 0 or espera not in res.out or sin_sorpresas(res, argv):
            malos.append(f"a3 {' '.join(argv)}: código {res.code}\n{res.out[-600:]}{res.err[-600:]}")
        return res

    a3("demo", espera="Demo creada")
    a3("exportar", "clientes", "--formato", "xlsx", "--salida", "clientes.xlsx", espera="clientes exportados")
    a3("reporte", "clientes", "--formato", "pdf", "--salida", "reporte.pdf", espera="Reporte guardado")
    a3("importar", "clientes", "nuevos.csv", espera="Agregados: 1")
    for archivo, firma in (("clientes.xlsx", b"PK"), ("reporte.pdf", b"%PDF")):
        if not (base / archivo).is_file() or not (base / archivo).read_bytes().startswith(firma):
            malos.append(f"{archivo} no quedó escrito")
    # A team database on a server that isn't there: with the extra, the driver connects and
    # says so; without it, a3 says how to add it (the version from its metadata).
    sin_servidor = f"postgresql:///a3?host={base / 'sin-servidor'}"
    pg = proceso([bin_ / "a3", "--db", sin_servidor, "cliente", "list"], env, cwd=base)
    espera = ("No se pudo conectar",) if equipo else ("extra «equipo»", "'psycopg[binary]>=3.2.1,<4'")
    if pg.code != 1 or not all(e in pg.err for e in espera) or sin_sorpresas(pg):
        malos.append(f"a3 con una base PostgreSQL: código {pg.code}\n{pg.out[-600:]}{pg.err[-600:]}")
    app = proceso([bin_ / "python", "-c", APP, db], env, cwd=base)
    if app.code != 0 or "ficha " not in app.out:
        malos.append(f"la app no abrió una ficha: código {app.code}\n{app.out[-600:]}{app.err[-1500:]}")
    elif not app.out.startswith(str(bin_.parent)):
        malos.append(f"la app corrió otro a3, no el instalado: {app.out.splitlines()[0]}")
    return malos


def test_la_rueda_lleva_cada_paquete_y_los_datos_de_src(rueda: Path) -> None:
    """A hand-written package list once left out the exporters, the importers and the
    ficha's widgets: a3 installed from a wheel failed there (issue 25). Every module and
    every data file under src/a3tui is in the wheel."""
    fuente = ROOT / "src"
    esperados = {
        str(p.relative_to(fuente))
        for p in (fuente / "a3tui").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    with zipfile.ZipFile(rueda) as archivo:
        dentro = set(archivo.namelist())
    assert sorted(esperados - dentro) == []


def test_instalada_de_la_rueda_hace_una_ronda_completa(instalado: Path, tmp_path: Path) -> None:
    assert _ronda(instalado, tmp_path) == []


def test_con_las_versiones_mas_antiguas_permitidas_hace_una_ronda_completa(
    rueda: Path, instalado_con_lo_mas_antiguo: Path, tmp_path: Path
) -> None:
    """Each floor of pyproject.toml is true (issue 25: with typer 0.12 every command
    failed, with textual 0.80 the app): installed at its floor, a3 does its round."""
    listado = subprocess.run(
        [str(BIN / "uv"), "pip", "list", "--format", "json", "--python", str(instalado_con_lo_mas_antiguo / "python")],
        env={**os.environ, "UV_CACHE_DIR": CACHE_UV, "UV_OFFLINE": "1"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    versiones = {canonicalize_name(p["name"]): p["version"] for p in json.loads(listado)}
    no_en_su_piso = []
    for requisito in _requisitos(rueda, "equipo"):
        (piso,) = [s.version for s in requisito.specifier if s.operator == ">="]
        if Version(versiones[canonicalize_name(requisito.name)]) != Version(piso):
            no_en_su_piso.append(f"{requisito}: {versiones[canonicalize_name(requisito.name)]}")
    assert no_en_su_piso == []
    assert _ronda(instalado_con_lo_mas_antiguo, tmp_path, equipo=True) == []


def test_la_rueda_lleva_la_licencia_mit(rueda: Path) -> None:
    with zipfile.ZipFile(rueda) as archivo:
        info = next(n for n in archivo.namelist() if n.endswith(".dist-info/METADATA"))
        metadatos = archivo.read(info).decode()
        licencia = archivo.read(info.replace("METADATA", "licenses/LICENSE")).decode()
    assert "License-Expression: MIT" in metadatos.splitlines()
    assert "License-File: LICENSE" in metadatos.splitlines()
    assert licencia.startswith("MIT License")
