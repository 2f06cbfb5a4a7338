"""Hypothesis drives the real command tree with valid and hostile values: whatever the
input, a3 answers or says why in Spanish, never shows a bug report or drives the terminal,
and a command that fails writes nothing. bench/fiabilidad.py runs 10,000 examples."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from . import fuzz
from .apoyo import copiar_base, en_proceso

EJEMPLOS = 200


@pytest.fixture(scope="module")
def plantilla_fuzz(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three clients, a task, a call and a note: enough for every command to find something."""
    import os

    from .apoyo import AHORA, ASESOR, cerrar_wal, poblar

    carpeta = tmp_path_factory.mktemp("fuzz")
    db = carpeta / "plantilla.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(carpeta))
        mp.setenv("XDG_STATE_HOME", str(carpeta / "estado"))
        mp.setenv("A3_ASESOR", ASESOR)
        mp.setenv("A3_AHORA", AHORA)
        poblar(db, ["Juan Pérez", "Juana Pérez Garza", "María López"])
        for argv in (
            ["tarea", "add", "Enviar cotización", "--vence", "mañana", "--cliente", "3"],
            ["actividad", "llamada", "3", "--resultado", "contestó-interesado"],
            ["nota", "add", "1", "Prefiere casas de 2 plantas"],
        ):
            assert en_proceso("--db", db, *argv).code == 0
        cerrar_wal(db)
        os.chmod(db, 0o600)
    return db


@settings(
    max_examples=EJEMPLOS,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(comandos=fuzz.secuencias)
def test_ningun_comando_muestra_un_bug_ni_escribe_al_fallar(
    plantilla_fuzz: Path, db: Path, comandos: list[list[str]]
) -> None:
    copiar_base(plantilla_fuzz, db)
    problemas = fuzz.revisar(db, comandos)
    assert not problemas, "\n".join(problemas)
