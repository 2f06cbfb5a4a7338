"""A full disk: the command that does not fit says the disk is full, everything saved
before it is still there once there is room, and a database that could not be created
does not leave a file a3 then refuses. Each test mounts a small tmpfs (root only)."""

from __future__ import annotations

from pathlib import Path

from apoyo.proceso import o_saltar

from . import escenarios


def test_altas_hasta_llenar_el_disco_dicen_que_esta_lleno_y_no_pierden_nada(tmp_path: Path) -> None:
    cifra = o_saltar(escenarios.disco_lleno_altas, tmp_path)
    assert cifra.ok, cifra.informe()


def test_base_nueva_en_disco_muy_chico_no_deja_archivo_rechazado(tmp_path: Path) -> None:
    cifra = o_saltar(escenarios.disco_chico_base_nueva, tmp_path)
    assert cifra.ok, cifra.informe()


def test_respaldo_a_disco_lleno_dice_que_esta_lleno_y_no_deja_temporales(tmp_path: Path) -> None:
    cifra = o_saltar(escenarios.disco_lleno_respaldo, tmp_path)
    assert cifra.ok, cifra.informe()


def test_con_el_disco_lleno_se_consulta_y_respalda_y_no_se_llama_danada(tmp_path: Path) -> None:
    cifra = o_saltar(escenarios.disco_lleno_lecturas, tmp_path)
    assert cifra.ok, cifra.informe()
