"""What Tab offers (issue 25, point 6): names, keys and logins read through a quick
read-only connection (store_consulta), and the advisor's scope as alcance.scope has it."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import select

from a3tui import archivos, services, store_consulta
from a3tui.models import Cliente
from a3tui.services import alcance, asesores, clientes, completado, fusion, propiedades
from a3tui.store import Store
from apoyo.bases import base_en_revision, revision_de

AHORA = datetime(2026, 11, 23, 10, 0)
HOY = AHORA.date()


def _consulta(store: Store) -> store_consulta.Consulta:
    consulta = store_consulta.abrir(str(store.path) if store.path is not None else store.url)
    assert consulta is not None
    return consulta


def _alta(store: Store, login: str, *nombres: str) -> None:
    with store.session() as session:
        ctx = services.contexto(session, login, AHORA)
        for nombre in nombres:
            clientes.add(ctx, nombre, forzar=True)


def _nombres(store: Store, texto: str, login: str = "ana", **kwargs: int) -> list[str]:
    with _consulta(store) as consulta:
        alcance = completado.alcance(consulta, login, HOY)
        assert alcance is not None
        return completado.clientes(consulta, texto, alcance, **kwargs)


# ---------------------------------------------------------------- clients


@pytest.mark.ambos_motores
def test_un_nombre_se_completa_sin_mayusculas_ni_acentos(store):
    _alta(store, "ana", "José Pérez", "Josefina López", "Juan José Ruiz", "Jorge Soto")
    assert _nombres(store, "JOSE") == ["José Pérez", "Josefina López"]
    assert _nombres(store, "josé p") == ["José Pérez"]
    assert _nombres(store, "jo") == ["Jorge Soto", "José Pérez", "Josefina López"]


def test_un_espacio_al_final_cierra_la_palabra(store):
    _alta(store, "ana", "Juan Pérez", "Juana Garza")
    assert _nombres(store, "juan ") == ["Juan Pérez"]
    assert _nombres(store, "juan") == ["Juan Pérez", "Juana Garza"]


def test_sin_texto_ofrece_los_primeros_en_orden(store):
    _alta(store, "ana", "Zoe Ruiz", "Ana Soto", "Beto Díaz")
    assert _nombres(store, "") == ["Ana Soto", "Beto Díaz", "Zoe Ruiz"]


def test_un_nombre_que_comparten_dos_clientes_se_ofrece_una_vez(store):
    _alta(store, "ana", "Juan Pérez", "Juan Pérez")
    assert _nombres(store, "ju") == ["Juan Pérez"]


def test_una_palabra_del_nombre_lo_encuentra_si_ningun_nombre_empieza_asi(store):
    _alta(store, "ana", "Juan Pérez", "Ana Pérez Garza", "Pedro Ruiz")
    assert _nombres(store, "perez") == ["Ana Pérez Garza", "Juan Pérez"]
    assert _nombres(store, "pe") == ["Pedro Ruiz"]  # a name that starts so wins
    assert _nombres(store, "ga") == []  # too short to look inside names


def test_con_mas_coincidencias_que_el_limite_la_ultima_va_entre_ellas(store):
    """A shell completes what all the offered values share: with «Ana 1» to «Ana 5» cut at
    three, «Ana 1, Ana 2, Ana 3» would have it write «Ana » and nothing says more follow;
    with the last match among them, what they share is what every match shares."""
    _alta(store, "ana", *(f"Ana {n}" for n in range(1, 6)), "Anabel Ruiz")
    assert _nombres(store, "ana", limite=3) == ["Ana 1", "Ana 2", "Anabel Ruiz"]
    assert _nombres(store, "ana ", limite=3) == ["Ana 1", "Ana 2", "Ana 5"]


@pytest.mark.ambos_motores
def test_solo_ofrece_los_clientes_que_el_asesor_ve_como_scope(store):
    """The completion's scope is alcance.scope's: an advisor's own clients, those of whom
    they cover today, and a coordinator's whole plaza; never a merged record."""
    _alta(store, "ana", "Ana Cliente Uno", "Ana Cliente Dos")
    _alta(store, "luis", "Luis Cliente")
    with store.session() as session:
        carla = services.contexto(session, "carla", AHORA)
        asesores.add(carla, "pedro", nombre="Pedro", plaza="Norte")
        asesores.add(carla, "rosa", nombre="Rosa")
        # Rosa covers Luis today; Ana covered him until yesterday.
        luis, ana, rosa = (asesores.get(session, login) for login in ("luis", "ana", "rosa"))
        asesores.add_suplencia(carla, luis, rosa, HOY, HOY + timedelta(days=3))
        asesores.add_suplencia(carla, luis, ana, HOY - timedelta(days=5), HOY - timedelta(days=1))
        pedro = services.contexto(session, "pedro", AHORA)
        clientes.add(pedro, "Pedro Cliente Norte")
        uno, dos = (clientes.resolve(carla, n) for n in ("uno", "dos"))
        fusion.fusionar(carla, uno, dos)
    for login in ("ana", "luis", "carla", "rosa", "pedro"):
        with store.session(escritura=False) as session:
            ctx = services.contexto(session, login, AHORA)
            esperados = sorted(session.exec(select(Cliente.nombre).where(alcance.scope(ctx))).all())
        assert sorted(_nombres(store, "", login=login)) == esperados, login
    assert sorted(_nombres(store, "", login="carla")) == ["Ana Cliente Uno", "Luis Cliente"]
    assert _nombres(store, "", login="rosa") == ["Luis Cliente"]


def test_un_login_que_no_es_asesor_activo_no_ve_clientes(store):
    with store.session() as session:
        asesores.baja(services.contexto(session, "carla", AHORA), asesores.get(session, "ana"))
    with _consulta(store) as consulta:
        assert completado.alcance(consulta, "ana", HOY) is None
        assert completado.alcance(consulta, "nadie", HOY) is None
        assert completado.alcance(consulta, "LUIS", HOY) is not None  # logins ignore case


# ---------------------------------------------------------------- keys, logins, values


@pytest.mark.ambos_motores
def test_claves_de_propiedad_sin_mayusculas(store):
    with store.session() as session:
        ctx = services.contexto(session, "carla", AHORA)
        for clave in ("CUM-A-12", "CUM-A-7", "CUM-B-1", "SJ-101"):
            propiedades.add(ctx, clave, desarrollo="Cumbres")
    with _consulta(store) as consulta:
        assert completado.claves(consulta, "cum-a") == ["CUM-A-12", "CUM-A-7"]
        assert completado.claves(consulta, "") == ["CUM-A-12", "CUM-A-7", "CUM-B-1", "SJ-101"]
        assert completado.claves(consulta, "", limite=2) == ["CUM-A-12", "SJ-101"]


@pytest.mark.ambos_motores
def test_logins_activos_o_de_baja_y_por_nombre(store):
    with store.session() as session:
        carla = services.contexto(session, "carla", AHORA)
        asesores.add(carla, "ltrevino", nombre="Luis Treviño")
        asesores.baja(carla, asesores.get(session, "luis"))
    with _consulta(store) as consulta:
        assert completado.logins(consulta, "") == ["ana", "carla", "ltrevino"]
        assert completado.logins(consulta, "L") == ["ltrevino"]
        assert completado.logins(consulta, "trevi") == ["ltrevino"]  # a word of the name
        assert completado.logins(consulta, "", activos=False) == ["luis"]


def test_valores_sin_acentos_mayusculas_ni_guiones():
    lista = ("contestó-interesado", "contestó-llamar-después", "no-contestó", "comprobante de domicilio")
    assert completado.valores(lista, "CONTESTO-I") == ["contestó-interesado"]
    assert completado.valores(lista, "contesto") == ["contestó-interesado", "contestó-llamar-después"]
    assert completado.valores(lista, "comprobante-d") == ["comprobante de domicilio"]
    assert completado.valores(lista, "") == list(lista)


# ---------------------------------------------------------------- a look changes nothing


def test_una_base_que_no_existe_no_se_crea(tmp_path: Path) -> None:
    for db in (tmp_path / "nueva.db", tmp_path / "no-existe" / "a3.db"):
        assert store_consulta.abrir(str(db)) is None
        assert not db.exists()
    assert not (tmp_path / "no-existe").exists()


def test_sin_db_ni_a3_db_la_carpeta_de_datos_no_se_crea(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("A3_DB")
    assert not archivos.default_path().parent.exists()
    assert store_consulta.abrir(None) is None
    assert not archivos.default_path().parent.exists()


def test_una_base_de_un_esquema_anterior_no_se_actualiza(tmp_path: Path) -> None:
    db = tmp_path / "vieja.db"
    base_en_revision(db, "0001")
    assert store_consulta.abrir(str(db)) is None
    assert revision_de(db) == "0001"
    assert not list(tmp_path.glob("vieja.db.*"))  # no safety copy: nothing was upgraded


@pytest.mark.parametrize("contenido", [b"", b"no soy una base de datos" * 10, b"SQLite format 3\x00" + b"\xff" * 200])
def test_un_archivo_que_no_es_una_base_no_es_un_error(tmp_path: Path, contenido: bytes) -> None:
    db = tmp_path / "otra.db"
    db.write_bytes(contenido)
    assert store_consulta.abrir(str(db)) is None
    assert db.read_bytes() == contenido


def test_la_consulta_no_escribe(store_sqlite: Store) -> None:
    with _consulta(store_sqlite) as consulta, pytest.raises(Exception, match="readonly"):
        consulta.filas("DELETE FROM asesor")
