"""The private PostgreSQL server of the tests (issue 15): in CI, where PostgreSQL is
missing, it is installed from Debian's packages; elsewhere the tests that need it are
skipped saying what to install, never silently."""

from __future__ import annotations

import subprocess
from typing import Any

import pytest

import servidor_pg


class _Apt:
    """apt-get as the test wants it to answer, remembering what it was asked."""

    def __init__(self, *codigos: int) -> None:
        self.codigos = list(codigos)
        self.pedidos: list[list[str]] = []

    def __call__(self, argv: list[str], **_kwargs: Any) -> subprocess.CompletedProcess[str]:
        self.pedidos.append(argv)
        codigo = self.codigos.pop(0) if argv[1] == "install" else 0
        return subprocess.CompletedProcess(argv, codigo, "", "E: Unable to locate package postgresql" if codigo else "")


@pytest.fixture(autouse=True)
def _sin_postgresql(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    monkeypatch.setattr(servidor_pg, "_binario", lambda _nombre: None)
    monkeypatch.setattr(servidor_pg, "CANDADO_INSTALACION", tmp_path / "candado")
    monkeypatch.setattr(servidor_pg.shutil, "which", lambda nombre: f"/usr/bin/{nombre}")


def test_fuera_de_ci_no_instala_y_dice_que_instalar() -> None:
    apt = _Apt()
    razon = servidor_pg.instalar_en_ci({}, es_root=True, ejecutar=apt)
    assert razon == servidor_pg.FALTA
    assert "paquete postgresql de Debian" in razon
    assert apt.pedidos == []


def test_en_ci_como_root_instala_el_paquete_de_debian() -> None:
    apt = _Apt(0)
    assert servidor_pg.instalar_en_ci({"CI": "true"}, es_root=True, ejecutar=apt) is None
    assert apt.pedidos == [["apt-get", "install", "-y", "-q", "--no-install-recommends", "postgresql"]]


def test_sin_listas_de_paquetes_las_actualiza_y_vuelve_a_intentar() -> None:
    apt = _Apt(100, 0)
    assert servidor_pg.instalar_en_ci({"CI": "true"}, es_root=True, ejecutar=apt) is None
    assert [p[1] for p in apt.pedidos] == ["install", "update", "install"]


def test_si_no_se_puede_instalar_dice_por_que() -> None:
    apt = _Apt(100, 100)
    razon = servidor_pg.instalar_en_ci({"CI": "true"}, es_root=True, ejecutar=apt)
    assert razon is not None
    assert "no se pudo instalar PostgreSQL con apt-get" in razon
    assert "Unable to locate package" in razon


def test_en_ci_sin_ser_root_no_intenta() -> None:
    apt = _Apt()
    razon = servidor_pg.instalar_en_ci({"CI": "true"}, es_root=False, ejecutar=apt)
    assert razon is not None
    assert "root" in razon
    assert apt.pedidos == []
