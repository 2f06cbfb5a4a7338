"""Static checks run with the suite, so CI fails on them like on a test: ruff (lint and
format), mypy (strict) and import-linter (the layers of ARCHITECTURE.md §1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _correr(*argv: str) -> subprocess.CompletedProcess[str]:
    exe = BIN / argv[0]
    if not exe.exists():
        pytest.fail(f"falta {argv[0]}: instala los extras de prueba (pip install -e '.[test]')")
    return subprocess.run([str(exe), *argv[1:]], cwd=ROOT, capture_output=True, text=True, check=False)


def test_ruff_no_encuentra_problemas() -> None:
    done = _correr("ruff", "check", "--output-format", "concise", "src", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr


def test_el_codigo_tiene_el_formato_de_ruff() -> None:
    done = _correr("ruff", "format", "--check", "src", "tests", "bench")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_estricto_no_encuentra_errores() -> None:
    done = _correr("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def test_contratos_de_capas_se_cumplen() -> None:
    done = _correr("lint-imports")
    assert done.returncode == 0, done.stdout + done.stderr


def test_los_modulos_de_prueba_no_repiten_nombre():
    """tests/app and tests/cli are not packages: two test files with one name there make
    pytest collect only one of them (and fail the run on a clean clone)."""
    from collections import Counter
    from pathlib import Path

    raiz = Path(__file__).resolve().parent
    nombres = Counter(p.name for carpeta in ("app", "cli") for p in (raiz / carpeta).glob("test_*.py"))
    assert [n for n, veces in nombres.items() if veces > 1] == []


def test_la_documentacion_no_nombra_rutas_de_una_maquina():
    """bench/README.md told everyone to run /work/venv/bin/python, one machine's
    interpreter (issue 25): docs name paths relative to the checkout or to ~."""
    import re
    import subprocess
    from pathlib import Path

    raiz = Path(__file__).resolve().parents[1]
    documentos = subprocess.run(
        ["git", "ls-files", "*.md"], cwd=raiz, capture_output=True, text=True, check=True
    ).stdout.split()
    de_una_maquina = re.compile(r"(?<![\w.~])/(?:work|root|home|Users|opt|tmp|mnt|srv)/\S*")
    halladas = [
        f"{nombre}:{n}: {m.group()}"
        for nombre in documentos
        if (raiz / nombre).is_file()
        for n, linea in enumerate((raiz / nombre).read_text(encoding="utf-8").splitlines(), 1)
        for m in de_una_maquina.finditer(linea)
    ]
    assert halladas == []
