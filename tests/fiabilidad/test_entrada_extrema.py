"""Extreme input: integers past SQLite's 64 bits, dates at the end of the calendar, digits
that are not ASCII, file names too long or not UTF-8, search text made of wildcards. Each
gets one Spanish sentence and exit code 1 (or a correct answer), never a bug report."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import volcado
from apoyo.proceso import Resultado, a3, assert_error, dar_a_nobody, en_proceso, entorno, proceso, sin_sorpresas

# Stored text and extreme input on both engines (tests/fiabilidad/conftest.py).

A3 = Callable[..., Resultado]

ENORME = "9223372036854775808"  # 2**63: one past SQLite's largest integer


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    "argv",
    [
        ["tarea", "done", ENORME],
        ["tarea", "done", "99999999999999999999"],
        ["tarea", "done", "--", "-9223372036854775809"],
        ["cliente", "list", "--pagina", "9223372036854775807"],
        ["cliente", "list", "--limite", ENORME],
        ["cliente", "list", "--frios", "--dias", "999999"],
        ["cliente", "list", "--frios", "--dias", ENORME],
        ["cliente", "show", ENORME],
        ["actividad", "list", "1", "--limite", ENORME],
        ["actividad", "llamada", "1", "-r", "no-contestó", "--duracion", ENORME],
        ["hoy", "--limite", ENORME],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_entero_enorme_es_error_en_espanol_sin_cambios(a3: A3, tres: Path, argv: list[str]) -> None:
    antes = volcado(tres)
    res = a3(*argv)
    if res.code != 0:
        assert_error(res)
    assert sin_sorpresas(res) == []
    assert volcado(tres) == antes


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    "argv",
    [
        ["tarea", "done", ENORME],
        ["tarea", "done", "99999999999999999999"],
        ["cliente", "list", "--pagina", "9223372036854775807"],
        ["cliente", "list", "--frios", "--dias", "999999"],
    ],
    ids=lambda argv: " ".join(argv),
)
def test_entero_enorme_sale_con_1(a3: A3, tres: Path, argv: list[str]) -> None:
    """These can't have an answer: the id or page does not exist, the date is before year 1."""
    assert_error(a3(*argv))


@pytest.mark.ambos_motores
def test_limite_enorme_en_la_pagina_2_es_error_en_espanol(a3: A3, tres: Path) -> None:
    """Page 2 of pages of 2**63-1 rows starts past any possible row: say so, don't compute it."""
    assert_error(a3("cliente", "list", "--limite", "9223372036854775807", "--pagina", "2"))


@pytest.mark.ambos_motores
@pytest.mark.parametrize("fecha", ["9999-12-31", "31/12/9999", "+3000000"])
def test_primer_contacto_al_final_del_calendario_se_rechaza(a3: A3, tres: Path, fecha: str) -> None:
    antes = volcado(tres)
    assert_error(a3("cliente", "add", "Rosa Martínez", "--primer-contacto", fecha))
    assert volcado(tres) == antes


@pytest.mark.ambos_motores
def test_primer_contacto_en_el_futuro_se_rechaza(a3: A3, tres: Path) -> None:
    antes = volcado(tres)
    assert_error(a3("cliente", "add", "Rosa Martínez", "--primer-contacto", "2030-01-01"))
    assert volcado(tres) == antes


@pytest.mark.ambos_motores
@pytest.mark.parametrize("fecha", ["9999-12-31", "+3000000", "0001-01-01"])
def test_fechas_extremas_en_tareas_y_actividades_no_son_bugs(a3: A3, tres: Path, fecha: str) -> None:
    for argv in (
        ["tarea", "add", "Llamar", "--vence", fecha],
        ["actividad", "llamada", "1", "-r", "no-contestó", "--fecha", fecha],
        ["cliente", "edit", "1", "--primer-contacto", fecha],
    ):
        antes = volcado(tres)
        res = a3(*argv)
        if res.code != 0:
            assert_error(res)
            assert volcado(tres) == antes
        assert sin_sorpresas(res) == [], argv
        for vista in (["hoy"], ["cliente", "list"], ["tarea", "list"], ["cliente", "show", "1"]):
            res = a3(*vista)
            assert res.code == 0, (argv, vista, res)
            assert sin_sorpresas(res) == [], (argv, vista, res)


@pytest.mark.ambos_motores
@pytest.mark.parametrize("ref", ["²", "①", "½", "Ⅻ"])
def test_ref_con_digitos_que_no_son_ascii_es_error_en_espanol(a3: A3, tres: Path, ref: str) -> None:
    for argv in (
        ["cliente", "show", ref],
        ["nota", "add", ref, "Hola"],
        ["tarea", "add", "x", "--vence", "hoy", "--cliente", ref],
    ):
        antes = volcado(tres)
        assert_error(a3(*argv))
        assert volcado(tres) == antes


@pytest.mark.ambos_motores
def test_ref_con_digito_arabe_es_error_o_el_cliente_de_ese_numero(a3: A3, tres: Path) -> None:
    """«٣» is the digit 3 in Arabic-Indic script: a3 may read it as id 3 or refuse it, never crash."""
    res = a3("cliente", "show", "٣", "--json")
    if res.code == 0:
        assert res.json()["id"] == 3
    else:
        assert_error(res)


@pytest.mark.ambos_motores
@pytest.mark.parametrize("texto", ["%", "_", "*", "\\", "...", "%%", "'", '"', "--", "[]", "?"])
def test_buscar_comodines_no_devuelve_a_todos(a3: A3, tres: Path, texto: str) -> None:
    res = a3("cliente", "list", "--buscar", texto, "--json")
    assert res.code == 0, res
    doc = res.json()
    assert doc["total"] == 0, doc
    assert doc["clientes"] == [], doc


@pytest.mark.ambos_motores
def test_buscar_comodin_en_texto_tampoco_devuelve_a_todos(a3: A3, tres: Path) -> None:
    res = a3("cliente", "list", "--buscar", "%", "--limite", "10")
    assert res.code == 0, res
    assert "Juan Pérez" not in res.out, res.out
    assert "María López" not in res.out, res.out


@pytest.mark.solo_sqlite
def test_respaldo_con_nombre_de_300_caracteres_es_error_en_espanol(a3: A3, tres: Path, tmp_path: Path) -> None:
    destino = tmp_path / ("r" * 300 + ".db")
    assert_error(a3("db", "backup", destino))
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("r")) == []


@pytest.mark.solo_sqlite
def test_respaldo_con_ruta_de_5000_caracteres_es_error_en_espanol(a3: A3, tres: Path, tmp_path: Path) -> None:
    destino = tmp_path.joinpath(*(["carpeta"] * 600), "copia.db")
    assert_error(a3("db", "backup", destino))


@pytest.mark.ambos_motores
def test_respaldo_en_carpeta_de_solo_lectura_es_error_sin_temporales(
    sin_privilegios: tuple[list[str], Path],
) -> None:
    prefijo, base = sin_privilegios
    casa = base / "casa"  # the database's folder: theirs
    casa.mkdir()
    db = casa / "a3.db"
    assert en_proceso("--db", db, "cliente", "add", "Juan Pérez").code == 0
    dar_a_nobody(prefijo, casa, db)
    carpeta = base / "respaldos"
    carpeta.mkdir()
    carpeta.chmod(0o555)
    res = a3(base, "--db", db, "db", "backup", carpeta / "copia.db", prefijo=prefijo)
    assert_error(res, f"{carpeta / 'copia.db'}:")  # the backup's name, not a temporary file's
    assert list(carpeta.iterdir()) == []
    # The same user can back the same database up into a folder of theirs: only the destination failed.
    assert a3(base, "--db", db, "db", "backup", casa / "copia.db", prefijo=prefijo).code == 0


# ---------------------------------------------------------------- bytes that are not UTF-8


@pytest.mark.parametrize(
    "argv",
    [
        [b"cliente", b"add", b"\xff\xfe"],
        [b"cliente", b"add", b"Rosa \xe9 Mart\xedn"],
        [b"cliente", b"add", b"Rosa", b"--email", b"r\xf1@x.com"],
        [b"cliente", b"list", b"--buscar", b"\xff"],
        [b"cliente", b"show", b"\xc3"],
        [b"nota", b"add", b"1", b"caf\xe9"],
        [b"tarea", b"add", b"\xff", b"--vence", b"hoy"],
    ],
    ids=lambda argv: " ".join(a.decode("latin-1") for a in argv),
)
def test_argumentos_que_no_son_utf8_no_son_bugs(tmp_path: Path, tres: Path, exe: str, argv: list[bytes]) -> None:
    antes = volcado(tres)
    res = proceso([exe, b"--db", os.fsencode(str(tres)), *argv], entorno(tmp_path))
    assert "Traceback" not in res.err + res.out, res.err
    if res.code != 0:
        assert_error(res)
        assert volcado(tres) == antes
    assert sin_sorpresas(res) == []
    res = en_proceso("cliente", "list")
    assert res.code == 0, res


def test_respaldo_a_nombre_que_no_es_utf8_no_es_bug(tmp_path: Path, tres: Path, exe: str) -> None:
    destino = bytes(tmp_path) + b"/copia-\xff\xfe.db"
    res = proceso(
        [exe, b"--db", os.fsencode(str(tres)), b"db", b"backup", destino],
        entorno(tmp_path, PYTHONIOENCODING="utf-8:strict"),
    )
    assert "Traceback" not in res.err + res.out, res.err
    if res.code != 0:
        assert_error(res)
        assert not os.path.exists(destino)
    else:
        assert os.path.exists(destino)
    assert sin_sorpresas(res) == []


@pytest.mark.ambos_motores
def test_db_con_nombre_que_no_es_utf8_no_es_bug(tmp_path: Path, exe: str) -> None:
    db = bytes(tmp_path) + b"/base-\xff.db"
    res = proceso([exe, b"--db", db, b"cliente", b"add", b"Rosa"], entorno(tmp_path, PYTHONIOENCODING="utf-8:strict"))
    assert "Traceback" not in res.err + res.out, res.err
    if res.code != 0:
        assert_error(res)
    res = proceso(
        [exe, b"--db", db, b"cliente", b"list", b"--json"], entorno(tmp_path, PYTHONIOENCODING="utf-8:strict")
    )
    assert "Traceback" not in res.err + res.out, res.err
    if res.code == 0:
        json.loads(res.out)
    else:
        assert_error(res)
