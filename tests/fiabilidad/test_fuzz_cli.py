"""Hypothesis drives the real command tree with valid and hostile values: whatever the
input, a3 answers or says why in Spanish, never shows a bug report or drives the terminal,
and a command that fails writes nothing. bench/fiabilidad.py runs 10,000 examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from apoyo.bases import copiar_base
from apoyo.pg import PLANTILLA_VACIA_PG, BasePG, crear_base
from apoyo.proceso import en_proceso

from . import fuzz

EJEMPLOS = 200


# The fuzzer also runs on PostgreSQL (tests/fiabilidad/conftest.py).
pytestmark = pytest.mark.ambos_motores


def _construir(db: Path | BasePG) -> None:
    """Three clients, a task, a call and a note: enough for every command to find something."""
    from apoyo.bases import poblar

    poblar(db, ["Juan Pérez", "Juana Pérez Garza", "María López"])
    for argv in (
        ["tarea", "add", "Enviar cotización", "--vence", "mañana", "--cliente", "3"],
        ["actividad", "llamada", "3", "--resultado", "contestó-interesado"],
        ["nota", "add", "1", "Prefiere casas de 2 plantas"],
    ):
        assert en_proceso("--db", db, *argv).code == 0


@pytest.fixture(scope="module")
def _plantillas_fuzz(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | BasePG]:
    return {}


@pytest.fixture
def plantilla_fuzz(
    _plantillas_fuzz: dict[str, Path | BasePG], db: Path | BasePG, tmp_path_factory: pytest.TempPathFactory
) -> Path | BasePG:
    """The fuzzer's starting database on the test's engine, built once per module."""
    import os

    from apoyo.bases import cerrar_wal
    from apoyo.proceso import AHORA, ASESOR

    motor = "pg" if isinstance(db, BasePG) else "sqlite"
    if motor not in _plantillas_fuzz:
        carpeta = tmp_path_factory.mktemp("fuzz")
        plantilla: Path | BasePG
        if isinstance(db, BasePG):
            plantilla = crear_base(db.servidor, "a3_fuzz", PLANTILLA_VACIA_PG)
        else:
            plantilla = carpeta / "plantilla.db"
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("HOME", str(carpeta))
            mp.setenv("XDG_STATE_HOME", str(carpeta / "estado"))
            mp.setenv("A3_ASESOR", ASESOR)
            mp.setenv("A3_AHORA", AHORA)
            _construir(plantilla)
        if isinstance(plantilla, Path):
            cerrar_wal(plantilla)
            os.chmod(plantilla, 0o600)
        _plantillas_fuzz[motor] = plantilla
    return _plantillas_fuzz[motor]


@settings(
    max_examples=EJEMPLOS,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(comandos=fuzz.secuencias)
def test_ningun_comando_muestra_un_bug_ni_escribe_al_fallar(
    plantilla_fuzz: Path | BasePG, db: Path | BasePG, comandos: list[list[str]]
) -> None:
    copiar_base(plantilla_fuzz, db)
    problemas = fuzz.revisar(db, comandos)
    assert not problemas, "\n".join(problemas)
