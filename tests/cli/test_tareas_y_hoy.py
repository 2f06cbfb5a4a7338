"""`a3 tarea …` and `a3 hoy`: promises with a due date, and the advisor's agenda for today."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import volcado
from apoyo.proceso import Resultado, assert_error, con_zona

A3 = Callable[..., Resultado]
Alta = Callable[..., int]

# The tests' clock is Monday 2026-11-23 10:00.


def _tarea(a3: A3, *argv: str) -> dict:
    """Add a task and return it as `tarea list --json` shows it."""
    res = a3("tarea", "add", *argv)
    assert res.code == 0, res.err
    tarea_id = int(res.out.strip())
    (tarea,) = [t for t in a3("tarea", "list", "--json").json()["tareas"] if t["id"] == tarea_id]
    return tarea


# ---------------------------------------------------------------- tarea add


@pytest.mark.ambos_motores
def test_tarea_add_imprime_el_id(a3: A3) -> None:
    res = a3("tarea", "add", "Llamar a Juan para confirmar cita", "--vence", "hoy")
    assert res.code == 0, res.err
    assert res.out == "1\n"


@pytest.mark.parametrize(
    ("vence", "fecha"),
    [
        ("2026-12-01", "2026-12-01"),
        ("01/12/2026", "2026-12-01"),
        ("hoy", "2026-11-23"),
        ("mañana", "2026-11-24"),
        ("manana", "2026-11-24"),
        ("Mañana", "2026-11-24"),
        ("+3", "2026-11-26"),
        ("+0", "2026-11-23"),
        ("viernes", "2026-11-27"),
        ("lunes", "2026-11-30"),  # today is Monday: the next one, never today
        ("miércoles", "2026-11-25"),
    ],
)
def test_tarea_add_vence_acepta_la_fecha_como_la_escribe_el_asesor(a3: A3, vence: str, fecha: str) -> None:
    assert _tarea(a3, "Enviar cotización", "--vence", vence)["vence"] == fecha


def test_tarea_add_con_hora(a3: A3) -> None:
    assert _tarea(a3, "Cita en sala de ventas", "--vence", "viernes", "--hora", "16:30")["hora"] == "16:30"


def test_tarea_add_ligada_a_un_cliente_por_nombre(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    tarea = _tarea(a3, "Llamar para confirmar cita", "--vence", "mañana", "--cliente", "perez")
    assert tarea["cliente_id"] == juan
    assert tarea["cliente"] == "Juan Pérez"


def test_tarea_add_con_prioridad_alta(a3: A3) -> None:
    assert _tarea(a3, "Firmar apartado", "--vence", "hoy", "--prioridad", "ALTA")["prioridad"] == "alta"


def test_tarea_add_por_omision_prioridad_media_y_con_recordatorio(a3: A3) -> None:
    tarea = _tarea(a3, "Revisar expediente", "--vence", "hoy")
    assert tarea["prioridad"] == "media"
    assert tarea["recordatorio"] is True
    assert tarea["hecha"] is False
    assert tarea["hora"] is None


def test_tarea_add_sin_recordatorio(a3: A3) -> None:
    assert _tarea(a3, "Revisar expediente", "--vence", "hoy", "--sin-recordatorio")["recordatorio"] is False


def test_tarea_add_con_cliente_inexistente_es_error(a3: A3, alta: Alta, db) -> None:
    alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("tarea", "add", "Llamar", "--vence", "hoy", "--cliente", "Zacarías"), "Zacarías")
    assert volcado(db) == antes


def test_tarea_add_hora_invalida_es_error(a3: A3, alta: Alta, db) -> None:
    alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("tarea", "add", "Llamar", "--vence", "hoy", "--hora", "25:00"), "25:00")
    assert volcado(db) == antes


def test_tarea_add_fecha_que_no_se_entiende_es_error_y_no_adivina(a3: A3, alta: Alta, db) -> None:
    alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("tarea", "add", "Llamar", "--vence", "el otro jueves"), "el otro jueves")
    assert volcado(db) == antes


# ---------------------------------------------------------------- tarea list


@pytest.fixture
def tareas(a3: A3) -> dict[str, int]:
    """One task per view: overdue, today, in 3 days, in 10 days."""
    ids = {}
    for clave, vence in (("vencida", "2026-11-20"), ("hoy", "hoy"), ("pronto", "+3"), ("lejos", "+10")):
        res = a3("tarea", "add", f"Tarea {clave}", "--vence", vence)
        assert res.code == 0, res.err
        ids[clave] = int(res.out)
    return ids


def test_tarea_list_muestra_las_pendientes_por_fecha(a3: A3, tareas: dict[str, int]) -> None:
    doc = a3("tarea", "list", "--json").json()["tareas"]
    assert [t["id"] for t in doc] == [tareas["vencida"], tareas["hoy"], tareas["pronto"], tareas["lejos"]]


def test_tarea_list_hoy(a3: A3, tareas: dict[str, int]) -> None:
    assert [t["id"] for t in a3("tarea", "list", "--hoy", "--json").json()["tareas"]] == [tareas["hoy"]]


def test_tarea_list_vencidas(a3: A3, tareas: dict[str, int]) -> None:
    assert [t["id"] for t in a3("tarea", "list", "--vencidas", "--json").json()["tareas"]] == [tareas["vencida"]]


def test_tarea_list_proximas_son_los_siguientes_7_dias(a3: A3, tareas: dict[str, int]) -> None:
    assert [t["id"] for t in a3("tarea", "list", "--proximas", "--json").json()["tareas"]] == [tareas["pronto"]]


def test_tarea_list_json_claves_en_espanol_y_fechas_iso(a3: A3) -> None:
    a3("tarea", "add", "Cita", "--vence", "2026-11-25", "--hora", "9:05")
    (tarea,) = a3("tarea", "list", "--json").json()["tareas"]
    assert set(tarea) == {
        "id",
        "descripcion",
        "vence",
        "hora",
        "prioridad",
        "recordatorio",
        "hecha",
        "hecha_en",
        "cliente_id",
        "cliente",
        "cita",
        "lugar",
    }
    assert tarea["cita"] is False
    assert tarea["vence"] == "2026-11-25"
    assert tarea["hora"] == "09:05"


def test_tarea_list_vencida_se_lee_sin_color(a3: A3, tareas: dict[str, int]) -> None:
    linea = next(linea for linea in a3("tarea", "list").out.splitlines() if "Tarea vencida" in linea)
    assert "● vencida" in linea


@pytest.mark.parametrize(
    ("entorno", "simbolo"),
    [
        ({"TERM": "linux"}, "* vencida"),  # the Linux console's font lacks ●, as in the app
        ({"TERM": "xterm-256color", "A3_SIMBOLOS": "ascii"}, "* vencida"),
        ({"TERM": "linux", "A3_SIMBOLOS": "unicode"}, "● vencida"),
        ({"TERM": "xterm-256color"}, "● vencida"),
    ],
)
def test_tarea_list_usa_los_simbolos_que_la_terminal_puede_mostrar(
    a3: A3, tareas: dict[str, int], monkeypatch: pytest.MonkeyPatch, entorno: dict[str, str], simbolo: str
) -> None:
    monkeypatch.delenv("A3_SIMBOLOS", raising=False)
    for nombre, valor in entorno.items():
        monkeypatch.setenv(nombre, valor)
    linea = next(linea for linea in a3("tarea", "list").out.splitlines() if "Tarea vencida" in linea)
    assert simbolo in linea


def test_tarea_list_dos_vistas_a_la_vez_es_error(a3: A3) -> None:
    assert_error(a3("tarea", "list", "--hoy", "--vencidas"), "--hoy")


def test_tarea_list_vacia_lo_dice(a3: A3, alta: Callable[..., int]) -> None:
    alta("Juan Pérez")
    res = a3("tarea", "list", "--hoy")
    assert res.code == 0
    assert res.out.strip() == "No hay tareas en esta vista."


# ---------------------------------------------------------------- tarea done


def test_tarea_done_la_marca_hecha(a3: A3) -> None:
    a3("tarea", "add", "Enviar cotización", "--vence", "hoy")
    res = a3("tarea", "done", "1")
    assert res.code == 0, res.err
    assert res.out.strip() == "Tarea 1 hecha: Enviar cotización"
    assert a3("tarea", "list", "--json").json()["tareas"] == []
    (hecha,) = a3("tarea", "list", "--hechas", "--json").json()["tareas"]
    assert hecha["hecha"] is True
    assert hecha["hecha_en"] == con_zona("2026-11-23T10:00:00")


def test_tarea_list_hechas_dice_cuando_se_hizo(a3: A3) -> None:
    """Issue 28: the done view showed the due date, not when the task was done."""
    assert a3("tarea", "add", "Enviar cotización", "--vence", "2026-11-27").code == 0
    a3("tarea", "done", "1")
    tabla = a3("tarea", "list", "--hechas").out
    assert "Cuándo" in tabla.splitlines()[0]
    assert "✓ hecha hoy 10:00 · vencía en 4 días" in tabla


def test_tarea_done_dos_veces_es_error(a3: A3, db) -> None:
    a3("tarea", "add", "Enviar cotización", "--vence", "hoy")
    a3("tarea", "done", "1")
    antes = volcado(db)
    assert_error(a3("tarea", "done", "1"), "ya estaba hecha")
    assert volcado(db) == antes


def test_tarea_done_inexistente_es_error(a3: A3, db) -> None:
    a3("tarea", "add", "Enviar cotización", "--vence", "hoy")
    antes = volcado(db)
    assert_error(a3("tarea", "done", "99"), "99")
    assert volcado(db) == antes


# ---------------------------------------------------------------- hoy


@pytest.fixture
def dia(a3: A3, alta: Alta) -> dict[str, int]:
    """A day with something in every section of the agenda."""
    ids = {
        "vencido": alta("Víctor Vega", "--temperatura", "caliente"),  # contact due on the 13th: red
        "pronto": alta("Paula Prieto", "--temperatura", "caliente"),  # contact due today: yellow
        "frio": alta("Fernanda Fuentes", "--temperatura", "frío"),  # idle 13 days but due Dec 1st
        "al_dia": alta("Alma Díaz"),  # contacted today: nothing to do
    }
    a3("actividad", "llamada", str(ids["vencido"]), "-r", "contestó-interesado", "--fecha", "2026-11-10")
    a3("actividad", "llamada", str(ids["pronto"]), "-r", "contestó-interesado", "--fecha", "2026-11-20")
    a3("actividad", "llamada", str(ids["frio"]), "-r", "contestó-interesado", "--fecha", "2026-11-10")
    a3("actividad", "llamada", str(ids["al_dia"]), "-r", "contestó-interesado")
    for clave, vence in (("tarea_vencida", "2026-11-20"), ("tarea_hoy", "hoy"), ("tarea_futura", "+5")):
        res = a3("tarea", "add", f"Pendiente {clave}", "--vence", vence)
        ids[clave] = int(res.out)
    return ids


@pytest.mark.ambos_motores
def test_hoy_ordena_las_secciones_por_lo_que_conviene_hacer_primero(a3: A3, dia: dict[str, int]) -> None:
    res = a3("hoy")
    assert res.code == 0, res.err
    titulos = [
        "Tareas vencidas",
        "Tareas de hoy",
        "Seguimiento vencido",
        "Contactar hoy o mañana",
        "Fríos con seguimiento al día",
    ]
    posiciones = [res.out.find(t) for t in titulos]
    assert -1 not in posiciones, res.out
    assert posiciones == sorted(posiciones)


def test_hoy_pone_cada_cosa_en_su_seccion(a3: A3, dia: dict[str, int]) -> None:
    out = a3("hoy").out
    orden = [
        "Pendiente tarea_vencida",
        "Pendiente tarea_hoy",
        "Víctor Vega",
        "Paula Prieto",
        "Fernanda Fuentes",
    ]
    posiciones = [out.find(texto) for texto in orden]
    assert -1 not in posiciones, out
    assert posiciones == sorted(posiciones)
    assert "Pendiente tarea_futura" not in out
    assert "Alma Díaz" not in out


def test_hoy_encabezado_con_el_dia(a3: A3, dia: dict[str, int]) -> None:
    assert a3("hoy").out.splitlines()[0] == "Agenda de ana · lunes 2026-11-23"


@pytest.mark.ambos_motores
def test_hoy_json_secciones_en_orden_con_claves_en_espanol(a3: A3, dia: dict[str, int]) -> None:
    doc = a3("hoy", "--json").json()
    assert list(doc) == [
        "fecha",
        "recordatorios",
        "tareas_vencidas",
        "tareas_hoy",
        "contactos_vencidos",
        "contactos_hoy",
        "frios",
        "totales",
    ]
    assert doc["fecha"] == "2026-11-23"
    assert [t["id"] for t in doc["tareas_vencidas"]] == [dia["tarea_vencida"]]
    assert [t["id"] for t in doc["tareas_hoy"]] == [dia["tarea_hoy"]]
    assert [c["id"] for c in doc["contactos_vencidos"]] == [dia["vencido"]]
    assert [c["id"] for c in doc["contactos_hoy"]] == [dia["pronto"]]
    assert [c["id"] for c in doc["frios"]] == [dia["frio"]]
    assert doc["contactos_vencidos"][0]["alerta"] == "rojo"
    assert doc["contactos_hoy"][0]["alerta"] == "amarillo"
    assert doc["contactos_hoy"][0]["proximo_contacto"] == "2026-11-23"


def test_hoy_un_cliente_vencido_y_frio_aparece_una_sola_vez(a3: A3, dia: dict[str, int]) -> None:
    doc = a3("hoy", "--json").json()
    assert dia["vencido"] not in [c["id"] for c in doc["frios"]]


def test_hoy_contacto_para_manana_esta_en_contactar_hoy_o_manana(a3: A3, alta: Alta) -> None:
    cliente = alta("Marta Mañana", "--temperatura", "caliente")
    a3("actividad", "llamada", str(cliente), "-r", "contestó-interesado", "--fecha", "2026-11-21")
    doc = a3("hoy", "--json").json()
    assert [c["id"] for c in doc["contactos_hoy"]] == [cliente]
    assert doc["contactos_hoy"][0]["proximo_contacto"] == "2026-11-24"


def test_hoy_vencidos_mas_atrasados_primero(a3: A3, alta: Alta) -> None:
    poco = alta("Poco Atrasado", "--temperatura", "caliente")
    mucho = alta("Muy Atrasado", "--temperatura", "caliente")
    a3("actividad", "llamada", str(poco), "-r", "contestó-interesado", "--fecha", "2026-11-18")
    a3("actividad", "llamada", str(mucho), "-r", "contestó-interesado", "--fecha", "2026-11-02")
    assert [c["id"] for c in a3("hoy", "--json").json()["contactos_vencidos"]] == [mucho, poco]


def test_hoy_sin_pendientes_lo_dice(a3: A3, db: Path) -> None:
    from a3tui.store import open_store

    open_store(str(db)).dispose()
    res = a3("hoy")
    assert res.code == 0, res.err
    assert "Nada pendiente para hoy" in res.out
