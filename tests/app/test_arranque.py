"""Starting the app: `a3` with no arguments calls ``a3tui.app.run``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import a3tui.app
from a3tui.app.app import A3App
from a3tui.app.screens.primer_uso import PrimerUsoApp
from a3tui.store import default_path, open_store


@pytest.fixture(autouse=True)
def en_una_terminal(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest's stdin is not a terminal; these tests start the app as if from one."""
    if "sin_terminal" not in request.node.name:
        monkeypatch.setattr(a3tui.app, "terminal", lambda: True)


def test_sin_terminal_da_una_frase_y_sale_con_1_sin_abrir_la_app(tmp_path: Path) -> None:
    """Run without a terminal (cron, a pipe) the app used to spin a core on end-of-file."""
    db = tmp_path / "a3.db"
    salida = subprocess.run(
        [sys.executable, "-m", "a3tui", "--db", str(db)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert salida.returncode == 1
    assert salida.stderr.startswith("Error: la aplicación de pantalla completa necesita una terminal")
    assert "Traceback" not in salida.stderr
    assert not db.exists()


def test_importar_el_paquete_de_la_app_no_carga_textual() -> None:
    codigo = "import sys, a3tui.app; print('textual' in sys.modules)"
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True)
    assert salida.stdout.strip() == "False"


def test_base_en_carpeta_inexistente_da_una_frase_y_sale_con_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as salida:
        a3tui.app.run(str(tmp_path / "no-existe" / "a3.db"))
    assert salida.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: La carpeta")
    assert "no existe" in err
    assert "Traceback" not in err
    assert err.count("\n") == 1


def test_archivo_que_no_es_base_de_a3_da_una_frase_y_sale_con_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archivo = tmp_path / "notas.db"
    archivo.write_text("esto no es sqlite" * 100)
    with pytest.raises(SystemExit):
        a3tui.app.run(str(archivo))
    assert "no es una base de datos de a3" in capsys.readouterr().err


@pytest.fixture
def sin_a3_db(monkeypatch: pytest.MonkeyPatch) -> Path:
    """No --db and no A3_DB: the default location (inside the test's HOME)."""
    monkeypatch.delenv("A3_DB")
    return default_path()


@pytest.fixture
def abiertas(monkeypatch: pytest.MonkeyPatch) -> list[A3App]:
    """Record the apps `run` opens instead of taking over the terminal."""
    apps: list[A3App] = []
    monkeypatch.setattr(A3App, "run", lambda self, **kw: apps.append(self))
    return apps


def test_sin_base_ofrece_crearla_vacia(sin_a3_db: Path, abiertas: list[A3App], monkeypatch: pytest.MonkeyPatch) -> None:
    assert not sin_a3_db.exists()
    monkeypatch.setattr(PrimerUsoApp, "run", lambda self, **kw: "vacia")
    a3tui.app.run(None)
    assert sin_a3_db.exists()
    assert len(abiertas) == 1
    assert open_store(None).is_empty()


def test_sin_base_puede_crear_la_demo(sin_a3_db: Path, abiertas: list[A3App], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PrimerUsoApp, "run", lambda self, **kw: "demo")
    a3tui.app.run(None)
    assert len(abiertas) == 1
    assert not open_store(None).is_empty()


def test_sin_base_y_salir_no_crea_nada(sin_a3_db: Path, abiertas: list[A3App], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PrimerUsoApp, "run", lambda self, **kw: None)
    a3tui.app.run(None)
    assert not sin_a3_db.exists()
    assert not abiertas


async def test_el_dialogo_de_primer_uso_devuelve_la_eleccion(tmp_path: Path) -> None:
    for teclas, eleccion in ((["d"], "demo"), (["v"], "vacia"), (["enter"], "vacia"), (["escape"], None)):
        app = PrimerUsoApp(tmp_path / "a3.db")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press(*teclas)
            await pilot.pause()
        assert app.return_value == eleccion
