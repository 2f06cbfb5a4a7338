"""Several `a3` processes at once on one database: nothing is lost, nothing is doubled, and
whoever loses a race gets a Spanish sentence, not a traceback."""

from __future__ import annotations

from pathlib import Path

from apoyo.proceso import o_saltar

from . import escenarios


def test_ocho_procesos_crean_la_misma_base_nueva_y_todos_guardan(tmp_path: Path, exe: str) -> None:
    cifra = o_saltar(escenarios.base_nueva_concurrente, tmp_path, 1)
    assert cifra.ok, cifra.informe()


def test_ocho_altas_simultaneas_del_mismo_cliente_crean_uno_solo(tmp_path: Path, exe: str) -> None:
    cifra = o_saltar(escenarios.carrera_de_duplicados, tmp_path, 2)
    assert cifra.ok, cifra.informe()


def test_ocho_escritores_concurrentes_no_pierden_filas(tmp_path: Path, exe: str) -> None:
    cifra = o_saltar(escenarios.escritores_concurrentes, tmp_path, 8, 3)
    assert cifra.ok, cifra.informe()
