"""kill -9 at random moments while a3 creates, upgrades or restores a database: the file it
leaves always opens, with the data it held before or after, never a half-made schema.

The trial counts are CI-sized; bench/fiabilidad.py runs 100+ trials of each kind.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from apoyo.proceso import o_saltar

from . import escenarios

ENSAYOS = 20


def test_kill9_al_crear_base_nueva_no_deja_archivo_que_a3_rechace(tmp_path: Path, exe: str) -> None:
    cifra = o_saltar(escenarios.kill_base_nueva, tmp_path, ENSAYOS)
    assert cifra.ok, cifra.informe()


@pytest.mark.parametrize("revision", ["0001", "0002"])
def test_kill9_al_actualizar_la_base_sigue_abriendo_con_sus_clientes(tmp_path: Path, exe: str, revision: str) -> None:
    cifra = o_saltar(escenarios.kill_migracion, tmp_path, ENSAYOS // 2, revision)
    assert cifra.ok, cifra.informe()


def test_kill9_al_restaurar_deja_lo_de_antes_o_lo_restaurado_integro(tmp_path: Path, exe: str) -> None:
    cifra = o_saltar(escenarios.kill_restaurar, tmp_path, ENSAYOS)
    assert cifra.ok, cifra.informe()
