"""The one-off commands must stay fast: they import nothing they don't use (issue 3 §6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import json, sys
from a3tui.cli import run
code = run(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def _modules_after(tmp_path: Path, *argv: str) -> set[str]:
    env = {
        **os.environ,
        "A3_DB": str(tmp_path / "a3.db"),
        "A3_ASESOR": "ana",
        "A3_AHORA": "2026-11-23T10:00:00",
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], env=env, capture_output=True, text=True, check=False
    )
    report = json.loads(done.stderr.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    return set(report["modules"])


def _heavy(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return sorted(m for m in modules if m.split(".")[0] in names)


def test_cliente_add_no_importa_textual_rich_ni_alembic(tmp_path: Path) -> None:
    _modules_after(tmp_path, "cliente", "add", "Primer Cliente")  # creates and migrates the db
    modules = _modules_after(tmp_path, "cliente", "add", "Juan Pérez", "--telefono", "8123456789")
    assert _heavy(modules, ("textual", "rich", "alembic", "openpyxl", "reportlab")) == []


def test_actividad_llamada_no_importa_textual_ni_alembic(tmp_path: Path) -> None:
    _modules_after(tmp_path, "cliente", "add", "Juan Pérez")
    modules = _modules_after(tmp_path, "actividad", "llamada", "1", "--resultado", "no-contesto")
    assert _heavy(modules, ("textual", "rich", "alembic")) == []


def test_version_no_abre_la_base_de_datos(tmp_path: Path) -> None:
    modules = _modules_after(tmp_path, "--version")
    assert _heavy(modules, ("textual", "rich", "sqlalchemy", "sqlmodel", "alembic")) == []


def test_cliente_list_no_importa_textual(tmp_path: Path) -> None:
    _modules_after(tmp_path, "cliente", "add", "Juan Pérez")
    modules = _modules_after(tmp_path, "cliente", "list")
    assert _heavy(modules, ("textual", "alembic")) == []


def test_contratos_de_capas_se_cumplen() -> None:
    """import-linter (a test extra) checks the layering of CONVENTIONS §1."""
    exe = Path(sys.executable).parent / "lint-imports"
    assert exe.exists(), "import-linter is missing: install the test extras (pip install -e '.[test]')"
    done = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
