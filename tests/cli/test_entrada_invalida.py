"""Bad input (issue 3): one Spanish sentence on stderr, exit code 1, no traceback, and the
database exactly as it was before the command."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import volcado
from apoyo.proceso import Resultado, assert_error

A3 = Callable[..., Resultado]

# The `cartera` fixture holds: 1 Juan Pérez, 2 Juana Pérez Garza, 3 María López (with a call
# and a task), so «perez» matches two clients.
AMBIGUA = ("1 Juan Pérez", "2 Juana Pérez Garza")

ENTRADAS_INVALIDAS = [
    # unknown client
    pytest.param(["cliente", "show", "99"], ("99",), id="cliente-inexistente-por-id"),
    pytest.param(["cliente", "show", "Zacarías"], ("Zacarías",), id="cliente-inexistente-por-nombre"),
    pytest.param(
        ["actividad", "llamada", "Zacarías", "--resultado", "no-contestó"],
        ("Zacarías",),
        id="llamada-a-cliente-inexistente",
    ),
    pytest.param(["nota", "add", "99", "Quiere 3 recámaras"], ("99",), id="nota-a-cliente-inexistente"),
    pytest.param(["cliente", "etapa", "99", "apartado"], ("99",), id="etapa-de-cliente-inexistente"),
    pytest.param(["cliente", "edit", "99", "--email", "x@correo.com"], ("99",), id="edit-de-cliente-inexistente"),
    pytest.param(
        ["cliente", "add", "Rosa Martínez", "--referido-por", "Zacarías"],
        ("Zacarías",),
        id="referido-por-inexistente",
    ),
    # ambiguous REF: the candidates are listed
    pytest.param(["cliente", "show", "perez"], AMBIGUA, id="ref-ambigua-show"),
    pytest.param(["actividad", "llamada", "perez", "-r", "no-contestó"], AMBIGUA, id="ref-ambigua-llamada"),
    pytest.param(["nota", "add", "pérez", "Prefiere planta baja"], AMBIGUA, id="ref-ambigua-nota"),
    pytest.param(["cliente", "etapa", "PEREZ", "apartado"], AMBIGUA, id="ref-ambigua-etapa"),
    pytest.param(["tarea", "add", "Llamar", "--vence", "hoy", "--cliente", "perez"], AMBIGUA, id="ref-ambigua-tarea"),
    # invalid phone
    pytest.param(["cliente", "add", "Rosa Martínez", "--telefono", "12345"], ("12345",), id="telefono-corto"),
    pytest.param(
        ["cliente", "add", "Rosa Martínez", "--telefono", "81-ABC-6789"], ("81-ABC-6789",), id="telefono-con-letras"
    ),
    pytest.param(
        ["cliente", "add", "Rosa Martínez", "--telefono", "+1 212 555 0100"], ("México",), id="telefono-extranjero"
    ),
    pytest.param(
        ["cliente", "add", "Rosa Martínez", "--telefono", "0123456789"], ("0123456789",), id="telefono-inexistente"
    ),
    pytest.param(
        ["cliente", "add", "Rosa Martínez", "--telefono", "8123450000", "--telefono", "999"],
        ("999",),
        id="segundo-telefono-invalido",
    ),
    pytest.param(["cliente", "edit", "1", "--telefono", "123"], ("123",), id="telefono-invalido-al-editar"),
    # invalid e-mail
    pytest.param(["cliente", "add", "Rosa Martínez", "--email", "rosa@"], ("rosa@",), id="email-sin-dominio"),
    pytest.param(
        ["cliente", "add", "Rosa Martínez", "--email", "rosa.correo.com"], ("rosa.correo.com",), id="email-sin-arroba"
    ),
    pytest.param(["cliente", "add", "Rosa Martínez", "--email", "rosa@correo"], ("rosa@correo",), id="email-sin-punto"),
    pytest.param(["cliente", "edit", "1", "--email", "juan@@correo.com"], ("juan@@correo.com",), id="email-al-editar"),
    # unknown etapa / temperatura / resultado / prioridad / origen / lugar
    pytest.param(["cliente", "etapa", "1", "vendido"], ("vendido", "prospecto"), id="etapa-desconocida"),
    pytest.param(
        ["cliente", "add", "Rosa Martínez", "--etapa", "vendido"], ("vendido",), id="etapa-desconocida-al-dar-de-alta"
    ),
    pytest.param(["cliente", "list", "--etapa", "vendido"], ("vendido",), id="etapa-desconocida-en-filtro"),
    pytest.param(["cliente", "temperatura", "1", "helado"], ("helado",), id="temperatura-desconocida"),
    pytest.param(
        ["cliente", "add", "Rosa Martínez", "--temperatura", "templado"],
        ("templado",),
        id="temperatura-desconocida-al-dar-de-alta",
    ),
    pytest.param(
        ["actividad", "llamada", "1", "--resultado", "quizá"],
        ("quizá", "contestó-interesado"),
        id="resultado-de-llamada-desconocido",
    ),
    pytest.param(
        ["actividad", "reunion", "1", "--resultado", "le encantó"],
        ("le encantó", "muy-interesado"),
        id="resultado-de-reunion-desconocido",
    ),
    pytest.param(
        ["tarea", "add", "Llamar", "--vence", "hoy", "--prioridad", "urgente"],
        ("urgente", "alta"),
        id="prioridad-desconocida",
    ),
    pytest.param(["cliente", "add", "Rosa Martínez", "--origen", "tiktok"], ("tiktok",), id="origen-desconocido"),
    # cancelado without motivo
    pytest.param(["cliente", "etapa", "1", "cancelado"], ("--motivo",), id="cancelado-sin-motivo"),
    pytest.param(["cliente", "etapa", "1", "cancelado", "--motivo", "   "], ("--motivo",), id="cancelado-motivo-vacio"),
    # impossible or unreadable dates
    pytest.param(["tarea", "add", "Llamar", "--vence", "2026-02-30"], ("2026-02-30",), id="vence-30-de-febrero"),
    pytest.param(["tarea", "add", "Llamar", "--vence", "30/02/2026"], ("30/02/2026",), id="vence-30-02-dd-mm"),
    pytest.param(["tarea", "add", "Llamar", "--vence", "2026-13-01"], ("2026-13-01",), id="vence-mes-13"),
    pytest.param(["tarea", "add", "Llamar", "--vence", "pronto"], ("pronto",), id="vence-ilegible"),
    pytest.param(
        ["actividad", "llamada", "1", "-r", "no-contestó", "--fecha", "2026-02-30"],
        ("2026-02-30",),
        id="llamada-30-de-febrero",
    ),
    pytest.param(
        ["cliente", "add", "Rosa Martínez", "--primer-contacto", "2026-02-30"],
        ("2026-02-30",),
        id="primer-contacto-30-de-febrero",
    ),
    # empty name / description
    pytest.param(["cliente", "add", ""], ("nombre",), id="nombre-vacio"),
    pytest.param(["cliente", "add", "   "], ("nombre",), id="nombre-solo-espacios"),
    pytest.param(["cliente", "edit", "1", "--nombre", ""], ("nombre",), id="nombre-vacio-al-editar"),
    pytest.param(["tarea", "add", "  ", "--vence", "hoy"], ("descripción",), id="tarea-sin-descripcion"),
    # usage errors (the parser's messages, in Spanish)
    pytest.param(["clientes", "list"], ("clientes", "a3 --help"), id="comando-desconocido"),
    pytest.param(["cliente", "borrar", "1"], ("borrar",), id="verbo-desconocido"),
    pytest.param(["cliente", "show"], ("REF",), id="falta-argumento"),
    pytest.param(["nota", "add", "1"], ("TEXTO",), id="falta-el-texto-de-la-nota"),
    pytest.param(["actividad", "llamada", "1"], ("--resultado",), id="falta-resultado"),
    pytest.param(["tarea", "add", "Llamar"], ("--vence",), id="falta-vence"),
    pytest.param(["tarea", "done", "abc"], ("número entero",), id="id-de-tarea-no-numerico"),
    pytest.param(["cliente", "list", "--limite", "diez"], ("--limite", "número entero"), id="limite-no-numerico"),
    pytest.param(
        ["actividad", "llamada", "1", "-r", "no-contestó", "--duracion", "diez"],
        ("--duracion",),
        id="duracion-no-numerica",
    ),
    pytest.param(["cliente", "list", "--color"], ("--color",), id="opcion-desconocida"),
    pytest.param(["cliente", "add", "Rosa Martínez", "--telefono"], ("--telefono",), id="opcion-sin-valor"),
    pytest.param(["cliente", "list", "--limite", "0"], ("--limite",), id="limite-cero"),
]


@pytest.mark.ambos_motores
@pytest.mark.parametrize(("argv", "fragmentos"), ENTRADAS_INVALIDAS)
def test_entrada_invalida_es_una_frase_en_espanol_y_no_cambia_la_base(
    a3: A3, cartera: dict[str, int], db: Path, argv: list[str], fragmentos: tuple[str, ...]
) -> None:
    antes = volcado(db)
    assert_error(a3(*argv), *fragmentos)
    assert volcado(db) == antes


def test_argumento_de_mas_nombra_el_que_sobra(a3: A3, cartera: dict[str, int], db: Path) -> None:
    antes = volcado(db)
    assert_error(a3("cliente", "show", "Juan", "Pérez"), "«Pérez»", "comillas")
    assert volcado(db) == antes


def test_argumento_de_mas_pide_comillas(a3: A3, cartera: dict[str, int], db: Path) -> None:
    antes = volcado(db)
    assert_error(a3("cliente", "show", "Juan", "Pérez"), "Sobra el argumento", "comillas")
    assert volcado(db) == antes


def test_ref_ambigua_lista_a_todos_los_candidatos_y_no_a_otros(a3: A3, cartera: dict[str, int]) -> None:
    res = a3("cliente", "show", "perez")
    assert_error(res, *AMBIGUA)
    assert "María López" not in res.err


def test_ref_nombre_completo_exacto_no_es_ambiguo(a3: A3, cartera: dict[str, int]) -> None:
    res = a3("cliente", "show", "juan perez", "--json")
    assert res.code == 0, res.err
    assert res.json()["id"] == cartera["juan"]


def test_a3_debug_no_cambia_un_error_esperado(a3: A3, cartera: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A3_DEBUG", "1")
    assert_error(a3("cliente", "show", "99"), "99")


# ---------------------------------------------------------------- the database file itself


def test_db_en_carpeta_que_no_existe_es_error_y_no_la_crea(a3: A3, tmp_path: Path) -> None:
    ruta = tmp_path / "no-existe" / "a3.db"
    assert_error(a3("--db", str(ruta), "cliente", "add", "Rosa Martínez"), str(ruta.parent))
    assert not ruta.parent.exists()


def test_db_de_a3_db_en_carpeta_que_no_existe_es_error(a3: A3, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ruta = tmp_path / "no-existe" / "a3.db"
    monkeypatch.setenv("A3_DB", str(ruta))
    assert_error(a3("cliente", "list"), "no existe")
    assert not ruta.parent.exists()


def test_db_que_es_una_carpeta_es_error(a3: A3, tmp_path: Path) -> None:
    carpeta = tmp_path / "carpeta.db"
    carpeta.mkdir()
    assert_error(a3("--db", str(carpeta), "cliente", "list"), "carpeta")
    assert list(carpeta.iterdir()) == []


def _bytes_al_azar(path: Path) -> bytes:
    contenido = bytes((i * 37 + 11) % 256 for i in range(8192))
    path.write_bytes(contenido)
    return contenido


@pytest.mark.solo_sqlite
@pytest.mark.parametrize(
    "argv",
    [["cliente", "list"], ["cliente", "add", "Rosa Martínez"], ["hoy"], ["db", "backup", "copia.db"], ["demo"]],
    ids=["cliente-list", "cliente-add", "hoy", "db-backup", "demo"],
)
def test_archivo_que_no_es_sqlite_es_error_y_queda_igual(a3: A3, tmp_path: Path, argv: list[str]) -> None:
    ruta = tmp_path / "foto.db"
    contenido = _bytes_al_azar(ruta)
    argv = [str(tmp_path / a) if a == "copia.db" else a for a in argv]
    assert_error(a3("--db", str(ruta), *argv), "no es una base de datos de a3")
    assert ruta.read_bytes() == contenido
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foto.db", "home"]


def _sqlite_ajena(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contactos (id INTEGER PRIMARY KEY, nombre TEXT)")
    con.execute("INSERT INTO contactos (nombre) VALUES ('Pedro Páramo')")
    con.commit()
    con.close()


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    "argv",
    [["cliente", "list"], ["cliente", "add", "Rosa Martínez"], ["demo"]],
    ids=["cliente-list", "cliente-add", "demo"],
)
def test_sqlite_de_otra_aplicacion_es_error_y_queda_igual(a3: A3, tmp_path: Path, argv: list[str]) -> None:
    ruta = tmp_path / "contactos.db"
    _sqlite_ajena(ruta)
    antes = volcado(ruta)
    assert_error(a3("--db", str(ruta), *argv), "no es una base de datos de a3")
    assert volcado(ruta) == antes


def _de_un_a3_mas_nuevo(a3: A3, ruta: Path) -> None:
    assert a3("--db", str(ruta), "cliente", "add", "Juan Pérez").code == 0
    con = sqlite3.connect(ruta)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    "argv",
    [["cliente", "list"], ["cliente", "add", "Rosa Martínez"], ["actividad", "llamada", "1", "-r", "no-contestó"]],
    ids=["cliente-list", "cliente-add", "llamada"],
)
def test_base_de_un_a3_mas_nuevo_es_error_y_queda_igual(a3: A3, tmp_path: Path, argv: list[str]) -> None:
    ruta = tmp_path / "futuro.db"
    _de_un_a3_mas_nuevo(a3, ruta)
    antes = volcado(ruta)
    assert_error(a3("--db", str(ruta), *argv), "versión más nueva", "actualiza a3")
    assert volcado(ruta) == antes
    assert not list(tmp_path.glob("futuro.db.*bak"))
