"""Fixtures of the reliability suite: the same isolation as tests/cli (HOME, XDG folders,
clock, advisor and database under the test's tmp folder), in-process and subprocess
runners, template databases built once, and an unprivileged user for permission probes.

Most of this suite is about the SQLite file (a kill mid-write, a full disk, a damaged
file, permissions). The tests marked ``ambos_motores`` (stored text shown back, extreme
input, the command fuzzer) also run on PostgreSQL, where ``db`` is a :class:`BasePG`; a
test about the file itself is marked ``solo_sqlite``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import base_en_revision, copiar_base, poblar
from apoyo.pg import PLANTILLA_VACIA_PG, BasePG, crear_base
from apoyo.proceso import AHORA, ASESOR, NoDisponible, Resultado, a3_exe, en_proceso

TRES = ["Juan Pérez", "Juana Pérez Garza", "María López"]


@pytest.fixture(autouse=True)
def _entorno_fiabilidad(monkeypatch: pytest.MonkeyPatch) -> None:
    """On top of the suite's isolation (tests/conftest.py): a wide non-terminal console, and
    no --db kept from an earlier in-process run."""
    monkeypatch.setenv("COLUMNS", "200")
    from a3tui.cli import common

    if hasattr(common, "Opciones"):
        monkeypatch.setattr(common.Opciones, "db", None)


@pytest.fixture
def a3() -> Callable[..., Resultado]:
    """Run `a3 ARGS…` in-process (``a3tui.cli.run``) and return its exit code and output."""
    return en_proceso


@pytest.fixture
def exe() -> str:
    """The installed `a3` executable (the test is skipped where it is missing)."""
    try:
        return a3_exe()
    except NoDisponible as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def _plantillas(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder of template databases built once per session (each test copies the one it needs)."""
    carpeta = tmp_path_factory.mktemp("plantillas-fiabilidad")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(carpeta))
        mp.setenv("XDG_STATE_HOME", str(carpeta / "estado"))
        mp.setenv("A3_ASESOR", ASESOR)
        mp.setenv("A3_AHORA", AHORA)
        poblar(carpeta / "tres.db", TRES)
        poblar(carpeta / "cien.db", [f"Cliente Número {i}" for i in range(300)], nota="Nota de relleno. " * 20)
        base_en_revision(carpeta / "r0001.db", "0001")
        base_en_revision(carpeta / "r0002.db", "0002")
    return carpeta


@pytest.fixture(scope="session")
def _plantillas_pg() -> dict[str, BasePG]:
    """Template databases on the private PostgreSQL server, built the first time a test asks."""
    return {}


@pytest.fixture
def tres(_plantillas: Path, _plantillas_pg: dict[str, BasePG], db: Path | BasePG) -> Path | BasePG:
    """The test's database holds three clients: 1 Juan Pérez, 2 Juana Pérez Garza, 3 María López."""
    if isinstance(db, BasePG):
        if "tres" not in _plantillas_pg:
            plantilla = crear_base(db.servidor, "a3_fiab_tres", PLANTILLA_VACIA_PG)
            with pytest.MonkeyPatch.context() as mp:
                mp.setenv("A3_ASESOR", ASESOR)
                mp.setenv("A3_AHORA", AHORA)
                poblar(plantilla, TRES)
            _plantillas_pg["tres"] = plantilla
        return copiar_base(_plantillas_pg["tres"], db)
    return copiar_base(_plantillas / "tres.db", db)


@pytest.fixture
def grande(_plantillas: Path, db: Path) -> Path:
    """The test's database holds 300 clients with a note each (a file of a few hundred pages)."""
    return copiar_base(_plantillas / "cien.db", db)


@pytest.fixture
def plantillas(_plantillas: Path) -> Path:
    return _plantillas
