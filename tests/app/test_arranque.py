"""Starting the app: `a3` with no arguments calls ``a3tui.app.run``."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Static

import a3tui.app
from a3tui.app.app import A3App, A3AppAbriendo
from a3tui.app.screens.arranque import Arranque
from a3tui.app.screens.clientes import ClientesScreen
from a3tui.app.screens.mis_tareas import MisTareasScreen
from a3tui.app.screens.primer_uso import PrimerUsoApp
from a3tui.archivos import default_path
from a3tui.errors import BaseDeDatosInvalida
from a3tui.store import Store, open_store
from apoyo.app import esperar, texto


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


def test_importar_la_app_no_carga_la_pila_de_datos() -> None:
    """The first frame is drawn before SQLAlchemy, SQLModel and the services are imported
    (issue 14: they were half of the time to the first frame)."""
    codigo = "import sys, a3tui.app.app; print(sorted({'sqlalchemy', 'sqlmodel', 'a3tui.services'} & set(sys.modules)))"
    salida = subprocess.run([sys.executable, "-c", codigo], capture_output=True, text=True, check=True)
    assert salida.stdout.strip() == "[]"


@pytest.fixture
def sin_pantalla(monkeypatch: pytest.MonkeyPatch) -> None:
    """`run` runs the app headless (no terminal to take over): it opens the database, or
    ends with the sentence of why it couldn't."""
    correr = A3App.run
    monkeypatch.setattr(A3App, "run", lambda self, **kw: correr(self, headless=True))


def test_base_en_carpeta_inexistente_da_una_frase_y_sale_con_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sin_pantalla: None
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
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sin_pantalla: None
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


def _cuando(lista: threading.Event, store: Store) -> Callable[[], Store]:
    """An opening that waits for ``lista`` (a slow disk or server), then gives ``store``."""

    def abrir() -> Store:
        lista.wait(10)
        return store

    return abrir


class TestPrimerCuadro:
    """`a3` draws its first frame at once and opens the database in a thread (issue 14)."""

    @pytest.mark.ambos_motores
    async def test_el_primer_cuadro_llega_antes_que_la_base_y_las_teclas_esperan(self, store: Store) -> None:
        lista = threading.Event()
        app = A3AppAbriendo(_cuando(lista, store))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, Arranque)
            assert "Abriendo tu cartera" in texto(app.screen.query_one("#abriendo", Static))
            await pilot.press("c")  # typed before the database is open: waits for it
            assert isinstance(app.screen, Arranque)
            lista.set()
            await esperar(pilot)
            await esperar(pilot)
            assert isinstance(app.screen, ClientesScreen)
            assert app.store is store
            assert "arranque" not in app._modes  # the opening screen is gone for good

    async def test_la_app_en_postgresql(self, store_pg: Store) -> None:
        """Team mode: the same app on a PostgreSQL database (issue 15)."""
        from a3tui import services
        from a3tui.app.screens.ficha import FichaScreen
        from a3tui.app.widgets.lista_clientes import ListaClientes
        from a3tui.services import clientes

        with store_pg.session() as session:
            ctx = services.contexto(session, "ana")
            clientes.add(ctx, "José Ñúñez Pérez", telefonos=["81 2345 6789"])
            clientes.add(ctx, "María López")
        app = A3AppAbriendo(lambda: store_pg)
        async with app.run_test(size=(80, 24)) as pilot:
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)
            await pilot.press("c")
            await esperar(pilot)
            lista = app.screen.query_one(ListaClientes)
            assert lista.total == 2
            await pilot.press("slash", *"nunez")
            await esperar(pilot)
            assert lista.total == 1
            await pilot.press("enter", "enter")
            await esperar(pilot)
            assert isinstance(app.screen, FichaScreen)

    async def test_sin_teclas_abre_en_mis_tareas(self, store: Store) -> None:
        app = A3AppAbriendo(lambda: store)
        async with app.run_test(size=(80, 24)) as pilot:
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)
            assert app.error_al_abrir is None

    async def test_una_base_que_no_abre_termina_con_su_frase(self) -> None:
        def abrir() -> Store:
            raise BaseDeDatosInvalida("La carpeta /nada no existe.")

        app = A3AppAbriendo(abrir)
        async with app.run_test(size=(80, 24)) as pilot:
            await esperar(pilot)
        assert app.error_al_abrir is not None
        assert app.error_al_abrir.mensaje == "La carpeta /nada no existe."
        assert app.return_code == 1

    async def test_un_login_que_no_es_asesor_termina_con_su_frase(self, store: Store) -> None:
        app = A3AppAbriendo(lambda: store, login="nadie")
        async with app.run_test(size=(80, 24)) as pilot:
            await esperar(pilot)
        assert app.error_al_abrir is not None
        assert app.error_al_abrir.mensaje.startswith("«nadie» no es asesor de esta base de datos")
        assert app.return_code == 1

    async def test_q_mientras_abre_sale(self, store: Store) -> None:
        lista = threading.Event()
        app = A3AppAbriendo(_cuando(lista, store))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("q")
            lista.set()
            await pilot.pause()
        assert app.return_code == 0
        assert app.error_al_abrir is None


def test_una_base_danada_por_a3_da_una_frase_y_sale_con_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sin_pantalla: None
) -> None:
    """The same sentences as before the first frame moved ahead of the opening."""
    db = tmp_path / "a3.db"
    open_store(str(db)).dispose()
    with db.open("r+b") as archivo:
        archivo.seek(4096)
        archivo.write(b"\xff" * 8192)
    with pytest.raises(SystemExit) as salida:
        a3tui.app.run(str(db))
    assert salida.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("Error: ")
    assert "Traceback" not in err
