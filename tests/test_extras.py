"""Team mode's driver is the extra «equipo» (issue 25, point 4): without it, a
``postgresql://`` database gets one Spanish sentence naming the command that installs it
where a3 is installed. (tests/test_instalacion.py runs the same on a real installation
without the extra.)"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from a3tui import extras
from apoyo.proceso import assert_error, en_proceso

EQUIPO = "psycopg[binary]>=3.2.1,<4"


@pytest.fixture
def sin_psycopg(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as an installation without the extra: ``import psycopg`` fails."""
    for nombre in [n for n in sys.modules if n == "psycopg" or n.startswith("psycopg.")]:
        monkeypatch.delitem(sys.modules, nombre)
    monkeypatch.setitem(sys.modules, "psycopg", None)


@pytest.mark.usefixtures("sin_psycopg")
def test_sin_el_extra_una_base_postgresql_dice_como_instalarlo() -> None:
    res = en_proceso("--db", "postgresql://ana@servidor/a3", "cliente", "list")
    assert_error(res, "modo equipo", "extra «equipo»", "instálalo con «")


@pytest.mark.usefixtures("sin_psycopg")
def test_sin_el_extra_una_base_sqlite_abre_como_siempre(tmp_path: Path) -> None:
    res = en_proceso("--db", tmp_path / "a3.db", "cliente", "add", "Rosa Díaz")
    assert (res.code, res.err) == (0, ""), res


def test_el_extra_equipo_pide_psycopg_con_su_binario() -> None:
    """From the installed a3's metadata (the README's install: pip install -e '.[test]')."""
    assert extras.requisitos("equipo") == [EQUIPO]


def test_instalado_con_pipx_se_inyecta(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """pipx leaves its record in the environment, whatever PIPX_HOME is."""
    monkeypatch.setattr(extras, "requisitos", lambda extra: [EQUIPO])
    prefijo = tmp_path / "mis-herramientas" / "a3tui"
    (prefijo / "bin").mkdir(parents=True)
    (prefijo / "bin" / "pip").touch()  # pipx's environments have their own pip
    (prefijo / "pipx_metadata.json").write_text("{}", encoding="utf-8")
    comando = extras.comando_para_instalar("equipo", prefijo, str(prefijo / "bin" / "python"))
    assert comando == f"pipx inject a3tui '{EQUIPO}'"


@pytest.mark.parametrize(
    ("requisito", "fuente"),
    [
        ('{ name = "a3tui", directory = "/srv/a3" }', "file:///srv/a3"),
        ('{ name = "a3tui", git = "https://example.org/a3.git" }', "git+https://example.org/a3.git"),
    ],
    ids=["carpeta", "git"],
)
def test_instalado_con_uv_tool_se_reinstala_de_su_fuente_con_el_extra(
    tmp_path: Path, requisito: str, fuente: str
) -> None:
    (tmp_path / "uv-receipt.toml").write_text(f"[tool]\nrequirements = [{requisito}]\n", encoding="utf-8")
    comando = extras.comando_para_instalar("equipo", tmp_path, str(tmp_path / "bin" / "python"))
    assert comando == f"uv tool install --force 'a3tui[equipo] @ {fuente}'"


def test_en_un_entorno_con_pip_se_instala_con_su_pip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extras, "requisitos", lambda extra: [EQUIPO])
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "pip").touch()
    python = str(tmp_path / "bin" / "python")
    assert extras.comando_para_instalar("equipo", tmp_path, python) == f"{python} -m pip install '{EQUIPO}'"
    (tmp_path / "bin" / "pip").unlink()
    assert extras.comando_para_instalar("equipo", tmp_path, python) == f"uv pip install --python {python} '{EQUIPO}'"
