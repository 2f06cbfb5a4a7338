"""`a3 tarea edit/posponer/reabrir/borrar`, `a3 recordatorios`, and the «Seen wrong» list of issue 13."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from apoyo.bases import volcado
from apoyo.entorno import Terminal
from apoyo.proceso import Resultado, assert_error

A3 = Callable[..., Resultado]
Alta = Callable[..., int]

# The tests' clock is Monday 2026-11-23 10:00.


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, res.err
    return res


def _tarea(a3: A3, *argv: str) -> int:
    return int(_ok(a3("tarea", "add", *argv)).out)


def _como_lista(a3: A3, tarea_id: int) -> dict[str, Any]:
    """The task as `tarea list --json` shows it (pending or done)."""
    (tarea,) = [t for t in _ok(a3("tarea", "list", "--json")).json()["tareas"] if t["id"] == tarea_id] or [
        t for t in _ok(a3("tarea", "list", "--hechas", "--json")).json()["tareas"] if t["id"] == tarea_id
    ]
    return tarea


# ---------------------------------------------------------------- tarea edit


@pytest.mark.ambos_motores
def test_tarea_edit_cambia_lo_indicado_y_lo_dice(a3: A3) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy", "--prioridad", "baja")
    res = _ok(a3("tarea", "edit", str(tarea), "--vence", "viernes", "--hora", "10:30", "-p", "alta"))
    assert res.out == (
        f"Tarea {tarea}: Llamar a Juan · vence en 4 días 10:30 (2026-11-27) · prioridad alta · con recordatorio\n"
    )
    doc = _como_lista(a3, tarea)
    assert (doc["vence"], doc["hora"], doc["prioridad"], doc["descripcion"]) == (
        "2026-11-27",
        "10:30",
        "alta",
        "Llamar a Juan",
    )


def test_tarea_edit_descripcion_y_sin_recordatorio(a3: A3) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    _ok(a3("tarea", "edit", str(tarea), "--descripcion", "Llamar a Juan Pérez", "--sin-recordatorio"))
    doc = _como_lista(a3, tarea)
    assert (doc["descripcion"], doc["recordatorio"]) == ("Llamar a Juan Pérez", False)


def test_tarea_edit_liga_y_quita_el_cliente(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    tarea = _tarea(a3, "Enviar cotización", "--vence", "mañana")
    assert _ok(a3("tarea", "edit", str(tarea), "--cliente", "perez")).out.endswith(" · Juan Pérez\n")
    assert _como_lista(a3, tarea)["cliente_id"] == juan
    _ok(a3("tarea", "edit", str(tarea), "--sin-cliente"))
    assert _como_lista(a3, tarea)["cliente_id"] is None


def test_tarea_edit_sin_hora(a3: A3) -> None:
    tarea = _tarea(a3, "Cita", "--vence", "mañana", "--hora", "9:00")
    _ok(a3("tarea", "edit", str(tarea), "--sin-hora"))
    assert _como_lista(a3, tarea)["hora"] is None


@pytest.mark.parametrize(
    ("opciones", "fragmento"),
    [
        ((), "No indicaste nada que cambiar"),
        (("--hora", "10:00", "--sin-hora"), "--sin-hora"),
        (("--cliente", "perez", "--sin-cliente"), "--sin-cliente"),
        (("--descripcion", "  "), "descripción"),
        (("--descripcion", "Nueva", "--prioridad", "urgente"), "urgente"),
        (("--vence", "el otro jueves"), "el otro jueves"),
        (("--hora", "25:00"), "25:00"),
        (("--cliente", "Zacarías"), "Zacarías"),
    ],
)
def test_tarea_edit_con_datos_malos_es_error_y_no_escribe_nada(
    a3: A3, alta: Alta, db: Path, opciones: tuple[str, ...], fragmento: str
) -> None:
    alta("Juan Pérez")
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    antes = volcado(db)
    assert_error(a3("tarea", "edit", str(tarea), *opciones), fragmento)
    assert volcado(db) == antes


def test_tarea_edit_de_otro_asesor_no_existe(a3: A3, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis Treviño"))
    monkeypatch.setenv("A3_ASESOR", "luis")
    antes = volcado(db)
    assert_error(a3("tarea", "edit", str(tarea), "-d", "mía"), f"No existe la tarea {tarea}")
    assert volcado(db) == antes


# ---------------------------------------------------------------- tarea posponer


def test_tarea_posponer_sin_fecha_la_pasa_a_manana(a3: A3) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "2026-11-20", "--hora", "9:00")
    res = _ok(a3("tarea", "posponer", str(tarea)))
    assert res.out == f"Tarea {tarea} pospuesta; ahora vence mañana 09:00 (2026-11-24): Llamar a Juan\n"


def test_tarea_posponer_sin_fecha_no_la_adelanta(a3: A3) -> None:
    """Issue 28: a task due in 4 days went to tomorrow; a date before it is refused."""
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "2026-11-27")
    res = _ok(a3("tarea", "posponer", str(tarea)))
    assert res.out == f"Tarea {tarea} pospuesta; ahora vence en 5 días (2026-11-28): Llamar a Juan\n"
    antes = a3("tarea", "posponer", str(tarea), "mañana")
    assert antes.code == 1
    assert "Posponer no adelanta una tarea" in antes.err
    assert f"a3 tarea edit {tarea} --vence 2026-11-24" in antes.err


@pytest.mark.parametrize(
    ("cuando", "fecha"),
    [("mañana", "2026-11-24"), ("+3", "2026-11-26"), ("viernes", "2026-11-27"), ("2026-12-15", "2026-12-15")],
)
def test_tarea_posponer_acepta_la_fecha_como_la_escribe_el_asesor(a3: A3, cuando: str, fecha: str) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    _ok(a3("tarea", "posponer", str(tarea), cuando))
    assert _como_lista(a3, tarea)["vence"] == fecha


def test_tarea_posponer_con_otra_hora(a3: A3) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy", "--hora", "9:00")
    _ok(a3("tarea", "posponer", str(tarea), "viernes", "--hora", "16:00"))
    assert _como_lista(a3, tarea)["hora"] == "16:00"


@pytest.mark.parametrize(
    ("argv", "fragmento"),
    [
        (("ayer",), "ya pasó"),
        (("hoy",), "ya vence el 2026-11-23"),
        (("el otro jueves",), "el otro jueves"),
        (("mañana", "--hora", "10:00", "--sin-hora"), "--sin-hora"),
    ],
)
def test_tarea_posponer_mal_es_error_y_no_escribe_nada(a3: A3, db: Path, argv: tuple[str, ...], fragmento: str) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    antes = volcado(db)
    assert_error(a3("tarea", "posponer", str(tarea), *argv), fragmento)
    assert volcado(db) == antes


def test_tarea_posponer_una_hecha_pide_reabrirla(a3: A3, db: Path) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    _ok(a3("tarea", "done", str(tarea)))
    antes = volcado(db)
    assert_error(a3("tarea", "posponer", str(tarea)), "reábrela")
    assert volcado(db) == antes


# ---------------------------------------------------------------- tarea reabrir


def test_tarea_reabrir_deshace_done(a3: A3) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    _ok(a3("tarea", "done", str(tarea)))
    assert _ok(a3("tarea", "reabrir", str(tarea))).out == f"Tarea {tarea} pendiente otra vez: Llamar a Juan\n"
    doc = _como_lista(a3, tarea)
    assert (doc["hecha"], doc["hecha_en"]) == (False, None)


def test_tarea_reabrir_una_pendiente_es_error(a3: A3, db: Path) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    antes = volcado(db)
    assert_error(a3("tarea", "reabrir", str(tarea)), "no está hecha")
    assert volcado(db) == antes


# ---------------------------------------------------------------- tarea borrar


def test_tarea_borrar_con_si_no_pregunta(a3: A3) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    assert _ok(a3("tarea", "borrar", str(tarea), "--si")).out == f"Tarea {tarea} borrada: Llamar a Juan\n"
    assert _ok(a3("tarea", "list", "--json")).json()["tareas"] == []


def test_tarea_borrar_sin_terminal_pide_si(a3: A3, db: Path) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    antes = volcado(db)
    assert_error(a3("tarea", "borrar", str(tarea)), "usa --si")
    assert volcado(db) == antes


def test_tarea_borrar_pregunta_y_no_borra_si_no_se_confirma(a3: A3, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "mañana")
    antes = volcado(db)
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    res = _ok(a3("tarea", "borrar", str(tarea)))
    assert res.out == (
        f"¿Borrar la tarea {tarea} («Llamar a Juan», vence mañana (2026-11-24))? [s/N] No se borró nada.\n"
    )
    assert volcado(db) == antes


def test_tarea_borrar_pregunta_y_borra_al_confirmar(a3: A3, monkeypatch: pytest.MonkeyPatch) -> None:
    tarea = _tarea(a3, "Llamar a Juan", "--vence", "hoy")
    monkeypatch.setattr("sys.stdin", Terminal("sí\n"))
    assert _ok(a3("tarea", "borrar", str(tarea))).out.endswith(f"Tarea {tarea} borrada: Llamar a Juan\n")
    assert _ok(a3("tarea", "list", "--json")).json()["tareas"] == []


def test_tarea_borrar_inexistente_es_error_aun_con_si(a3: A3) -> None:
    assert_error(a3("tarea", "borrar", "99", "--si"), "No existe la tarea 99")


# ---------------------------------------------------------------- recordatorios


@pytest.fixture
def avisos(a3: A3, alta: Alta) -> dict[str, int]:
    """Reminders due at 10:00 (overdue, at 9:00 with a client) and tasks not due yet or without one."""
    alta("Juan Pérez")
    return {
        "vencida": _tarea(a3, "Enviar cotización", "--vence", "2026-11-21"),
        "nueve": _tarea(a3, "Llamar a Juan", "--vence", "hoy", "--hora", "9:00", "--cliente", "1"),
        "tarde": _tarea(a3, "Junta de plaza", "--vence", "hoy", "--hora", "17:00"),
        "callada": _tarea(a3, "Revisar expediente", "--vence", "hoy", "--sin-recordatorio"),
        "manana": _tarea(a3, "Visita", "--vence", "mañana"),
    }


def test_recordatorios_una_linea_por_tarea_cuyo_momento_llego(a3: A3, avisos: dict[str, int]) -> None:
    res = _ok(a3("recordatorios"))
    assert res.out == (
        f"{avisos['vencida']} ● vencida hace 2 días: Enviar cotización\n"
        f"{avisos['nueve']} hoy 09:00: Llamar a Juan · Juan Pérez\n"
    )
    assert res.err == ""


def test_recordatorios_en_la_consola_linux_con_simbolos_ascii(
    a3: A3, avisos: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 29 point 3: a line printed with echo (not a table) gets the terminal's symbols
    too, and --json keeps the data as it is."""
    monkeypatch.setenv("TERM", "linux")
    assert _ok(a3("recordatorios")).out.startswith(f"{avisos['vencida']} * vencida hace 2 días: Enviar cotización\n")
    assert "●" not in _ok(a3("recordatorios", "--json")).out  # no symbol in the data at all
    assert _ok(a3("recordatorios", "--json")).json()["recordatorios"][0]["descripcion"] == "Enviar cotización"


def test_recordatorios_sin_ninguno_no_imprime_nada(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    _tarea(a3, "Visita", "--vence", "mañana")
    assert _ok(a3("recordatorios")) == Resultado(0, "", "")


def test_recordatorios_contar(a3: A3, avisos: dict[str, int]) -> None:
    assert _ok(a3("recordatorios", "--contar")).out == "2\n"


def test_recordatorios_contar_sin_ninguno_es_cero(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    assert _ok(a3("recordatorios", "--contar")).out == "0\n"


def test_recordatorios_json(a3: A3, avisos: dict[str, int]) -> None:
    doc = _ok(a3("recordatorios", "--json")).json()["recordatorios"]
    assert [t["id"] for t in doc] == [avisos["vencida"], avisos["nueve"]]
    assert doc[1]["cliente"] == "Juan Pérez"


def test_recordatorios_mas_tarde_incluyen_los_de_la_tarde(
    a3: A3, avisos: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("A3_AHORA", "2026-11-23T17:00:00")
    assert _ok(a3("recordatorios", "--contar")).out == "3\n"


def test_recordatorios_json_y_contar_a_la_vez_es_error(a3: A3, avisos: dict[str, int]) -> None:
    assert_error(a3("recordatorios", "--json", "--contar"), "--contar")


def test_hoy_menciona_los_recordatorios_al_principio(a3: A3, avisos: dict[str, int]) -> None:
    lineas = _ok(a3("hoy")).out.splitlines()
    assert lineas[1] == "Recordatorios (2): Enviar cotización · Llamar a Juan"


def test_hoy_sin_recordatorios_no_los_menciona(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    _tarea(a3, "Revisar expediente", "--vence", "hoy", "--sin-recordatorio")
    assert "Recordatorios" not in _ok(a3("hoy")).out


def test_hoy_con_muchos_recordatorios_nombra_tres_y_cuenta_los_demas(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    for n in range(5):
        _tarea(a3, f"Pendiente {n}", "--vence", "hoy")
    assert _ok(a3("hoy")).out.splitlines()[1] == (
        "Recordatorios (5): Pendiente 0 · Pendiente 1 · Pendiente 2 · y 2 más"
    )


def test_hoy_json_trae_los_recordatorios_y_su_total(a3: A3, avisos: dict[str, int]) -> None:
    doc = _ok(a3("hoy", "--json")).json()
    assert [t["id"] for t in doc["recordatorios"]] == [avisos["vencida"], avisos["nueve"]]
    assert doc["totales"]["recordatorios"] == 2


# ---------------------------------------------------------------- issue 13, «Seen wrong»


def _comandos_con_argumento_entero() -> list[Any]:
    """Every command with an integer argument, found in the command tree (new ones included)."""
    from a3tui.cli.root import build

    encontrados: list[Any] = []

    def recorrer(comando: Any, ruta: list[str]) -> None:
        for nombre, sub in getattr(comando, "commands", {}).items():
            recorrer(sub, [*ruta, nombre])
        for param in getattr(comando, "params", []) if not hasattr(comando, "commands") else []:
            descriptor = getattr(param, "type_descriptor", None)
            if param.param_type_name == "argument" and getattr(descriptor, "annotation", None) in (int, int | None):
                encontrados.append(pytest.param(ruta, comando, id=" ".join(ruta)))
                return

    recorrer(build(), [])
    return encontrados


@pytest.mark.parametrize(("ruta", "comando"), _comandos_con_argumento_entero())
def test_un_argumento_entero_mal_escrito_se_nombra_como_en_la_ayuda(a3: A3, ruta: list[str], comando: Any) -> None:
    # `a3 tarea done abc` named TAREA_ID (the Python name) while the help says ID.
    argumentos = [p for p in comando.params if p.param_type_name == "argument"]
    opciones = [x for p in comando.params if p.param_type_name == "option" and p.required for x in (p.opts[0], "x")]
    for malo in [p for p in argumentos if p.type_descriptor.annotation in (int, int | None)]:
        valores = ["abc" if p is malo else ("1" if p.type_descriptor.annotation is int else "x") for p in argumentos]
        res = a3(*ruta, *valores, *opciones)
        assert_error(res, f"Valor inválido para {malo.metavar}: debe ser un número entero.")
        assert malo.name.upper() not in res.err or malo.name.upper() == malo.metavar


def test_tarea_done_abc_dice_id_como_la_ayuda(a3: A3) -> None:
    assert_error(a3("tarea", "done", "abc"), "Valor inválido para ID: debe ser un número entero.")
    assert "ID " in a3("tarea", "done", "--help").out


def test_falta_un_argumento_se_nombra_como_en_la_ayuda(a3: A3) -> None:
    assert_error(a3("tarea", "done"), "Falta el argumento ID.")


@pytest.mark.parametrize(("tipo", "extra"), [("mensaje", ["-c", "Hola"]), ("email", ["--asunto", "Opciones"])])
def test_confirmacion_de_mensaje_y_email_concuerda_en_genero(a3: A3, alta: Alta, tipo: str, extra: list[str]) -> None:
    juan = alta("Juan Pérez")
    res = _ok(a3("actividad", tipo, str(juan), *extra))
    assert res.out.startswith(f"{tipo.capitalize()} registrado para Juan Pérez")


def test_etapa_desconocida_no_dice_no_es_valido(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("cliente", "etapa", str(juan), "vendido")
    assert_error(res, "La etapa no puede ser «vendido»")
    assert "válido" not in res.err


def _columna_de_valores(salida: str) -> dict[str, int]:
    """Where the value starts on each «Etiqueta:  valor» line of `cliente show`."""
    columnas = {}
    for linea in salida.split("\n\n")[0].splitlines()[1:]:
        m = re.match(r"([^:]+:)\s+", linea)
        assert m, linea
        columnas[m.group(1)] = m.end()
    return columnas


@pytest.mark.parametrize("etapa", [(), ("--etapa", "cancelado")])
def test_cliente_show_alinea_el_proximo_contacto_con_los_demas(a3: A3, alta: Alta, etapa: tuple[str, ...]) -> None:
    juan = alta("Juan Pérez", "--telefono", "8123456789")
    if etapa:
        _ok(a3("cliente", "etapa", str(juan), "cancelado", "--motivo", "precio"))
    columnas = _columna_de_valores(_ok(a3("cliente", "show", str(juan))).out)
    assert "Próximo contacto:" in columnas
    assert set(columnas.values()) == {19}, columnas


def test_cliente_show_cancelado_dice_sin_seguimiento_una_vez(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    _ok(a3("cliente", "etapa", str(juan), "cancelado", "--motivo", "precio"))
    (linea,) = [x for x in _ok(a3("cliente", "show", str(juan))).out.splitlines() if x.startswith("Próximo")]
    assert linea == "Próximo contacto:  — sin seguimiento"


@pytest.mark.solo_sqlite
def test_db_backup_a_carpeta_que_no_existe_y_termina_en_barra_usa_el_nombre_de_la_base(
    a3: A3, alta: Alta, tmp_path: Path
) -> None:
    alta("Juan Pérez")
    carpeta = tmp_path / "respaldos"
    _ok(a3("db", "backup", f"{carpeta}/"))
    assert (carpeta / "a3.db").is_file()
    assert carpeta.stat().st_mode & 0o777 == 0o700


@pytest.mark.solo_sqlite
def test_db_backup_que_falla_no_deja_la_carpeta_que_creo(a3: A3, alta: Alta, tmp_path: Path, db: Path) -> None:
    alta("Juan Pérez")
    db.write_bytes(b"esto no es una base de datos" * 200)
    assert_error(a3("db", "backup", str(tmp_path / "respaldos" / "nuevo" / "copia.db")))
    assert not (tmp_path / "respaldos").exists()


@pytest.mark.solo_sqlite
def test_db_backup_no_cambia_el_modo_de_una_carpeta_que_ya_existia(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("Juan Pérez")
    carpeta = tmp_path / "a3"
    carpeta.mkdir(mode=0o755)
    carpeta.chmod(0o755)
    _ok(a3("db", "backup", str(carpeta / "copia.db")))
    assert carpeta.stat().st_mode & 0o777 == 0o755
