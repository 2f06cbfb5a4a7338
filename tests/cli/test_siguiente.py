"""`a3 siguiente` as a user types it (issue 13, «whom to call now»): the due clients, most
urgent first, each with its reason; JSON in Spanish words; another advisor's or the plaza's
list with --asesor; bad input is one Spanish sentence."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from apoyo.proceso import Resultado, assert_error, con_zona

A3 = Callable[..., Resultado]
Alta = Callable[..., int]


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, res.out + res.err
    return res


def _contactado(a3: A3, alta: Alta, nombre: str, fecha: str, *opciones: str) -> int:
    """A client last reached (an answered call) on ``fecha``."""
    cliente = alta(nombre, "--primer-contacto", "2026-10-01", *opciones)
    _ok(a3("actividad", "llamada", str(cliente), "-r", "contestó-interesado", "--fecha", fecha))
    return cliente


@pytest.fixture
def dia(a3: A3, alta: Alta) -> dict[str, int]:
    """A tibio 6 days overdue with an open task, a caliente 2 days overdue, an apartado
    due today, and a tibio not due yet (today is Monday 23 November 2026)."""
    ids = {
        "tibio": _contactado(a3, alta, "Tomás Tibio", "2026-11-10", "-t", "81 2345 6789"),
        "caliente": _contactado(a3, alta, "Carla Caliente", "2026-11-18", "--temperatura", "caliente"),
        "apartado": _contactado(a3, alta, "Alma Apartado", "2026-11-21", "--etapa", "apartado"),
        "al_dia": _contactado(a3, alta, "Diego Al Día", "2026-11-20"),
    }
    _ok(a3("tarea", "add", "Enviar cotización", "--vence", "hoy", "--cliente", str(ids["tibio"])))
    return ids


@pytest.mark.ambos_motores
def test_siguiente_del_mas_urgente_al_menos(a3: A3, dia: dict[str, int]) -> None:
    doc = _ok(a3("siguiente", "--json")).json()
    assert [c["cliente_id"] for c in doc["clientes"]] == [dia["apartado"], dia["caliente"], dia["tibio"]]


def test_siguiente_en_tabla_con_razon_y_alerta(a3: A3, dia: dict[str, int]) -> None:
    res = _ok(a3("siguiente"))
    assert res.out.splitlines()[0] == "Llamar ahora · mis clientes"
    lineas = res.out.splitlines()
    fila = next(i for i, linea in enumerate(lineas) if "Tomás Tibio" in linea)
    assert "81 2345 6789" in lineas[fila]
    assert "● vencido" in lineas[fila]
    assert "tibio · contacto vencido hace 6 días · 1 tarea" in lineas[fila + 1]
    assert "apartado · contacto para hoy" in res.out
    assert "Diego Al Día" not in res.out


def test_siguiente_json_con_claves_en_espanol(a3: A3, dia: dict[str, int]) -> None:
    doc = _ok(a3("siguiente", "--json")).json()
    assert doc["fecha"] == "2026-11-23"
    tibio = doc["clientes"][2]
    assert tibio == {
        "cliente_id": dia["tibio"],
        "cliente": "Tomás Tibio",
        "telefono": "8123456789",
        "email": None,
        "etapa": "prospecto",
        "temperatura": "tibio",
        "ultima_actividad": con_zona("2026-11-10T12:00:00"),
        "proximo_contacto": "2026-11-17",
        "alerta": "rojo",
        "puntaje": tibio["puntaje"],
        "razon": "tibio · contacto vencido hace 6 días · 1 tarea",
        "dias_vencido": 6,
        "dias_sin_contacto": 13,
        "intentos_sin_respuesta": 0,
        "tareas_abiertas": 1,
    }
    assert doc["clientes"][0]["temperatura"] is None  # an apartado has no temperature
    puntajes = [c["puntaje"] for c in doc["clientes"]]
    assert puntajes == sorted(puntajes, reverse=True)


def test_siguiente_limite_como_toda_lista(a3: A3, dia: dict[str, int]) -> None:
    """Issue 28, point 10: every other list says --limite (-n); siguiente too."""
    doc = _ok(a3("siguiente", "--limite", "2", "--json")).json()
    assert [c["cliente_id"] for c in doc["clientes"]] == [dia["apartado"], dia["caliente"]]
    assert len(_ok(a3("siguiente", "-n", "1", "--json")).json()["clientes"]) == 1
    ayuda = _ok(a3("siguiente", "--help")).out
    assert "--limite" in ayuda
    assert "--n " not in ayuda


def test_siguiente_n_de_antes_sigue_valiendo(a3: A3, dia: dict[str, int]) -> None:
    doc = _ok(a3("siguiente", "--n", "2", "--json")).json()
    assert [c["cliente_id"] for c in doc["clientes"]] == [dia["apartado"], dia["caliente"]]


@pytest.mark.parametrize("valor", ["0", "-3", "10001"])
def test_siguiente_limite_fuera_de_rango_es_error(a3: A3, valor: str) -> None:
    assert_error(a3("siguiente", "--limite", valor), "--limite")
    assert_error(a3("siguiente", "--n", valor), "--n")


def test_siguiente_n_no_numerico_es_error(a3: A3) -> None:
    res = a3("siguiente", "--n", "diez")
    assert res.code != 0
    assert "Traceback" not in res.err


def test_siguiente_sin_nadie_por_llamar_lo_dice(a3: A3, alta: Alta) -> None:
    _contactado(a3, alta, "Diego Al Día", "2026-11-20")
    res = _ok(a3("siguiente"))
    assert res.out.strip() == "Nadie por llamar ahora: todos los contactos están al día."
    assert _ok(a3("siguiente", "--json")).json()["clientes"] == []


def test_no_contesto_sigue_vencido_y_se_reintenta_manana(
    a3: A3, dia: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    _ok(a3("actividad", "llamada", str(dia["tibio"]), "-r", "no-contestó"))
    vencidos = _ok(a3("hoy", "--json")).json()["contactos_vencidos"]
    assert dia["tibio"] in [c["id"] for c in vencidos]
    assert dia["tibio"] not in [c["cliente_id"] for c in _ok(a3("siguiente", "--json")).json()["clientes"]]
    monkeypatch.setenv("A3_AHORA", "2026-11-24T09:00:00")
    [tibio] = [c for c in _ok(a3("siguiente", "--json")).json()["clientes"] if c["cliente_id"] == dia["tibio"]]
    assert tibio["razon"] == "tibio · sin contacto hace 14 días · 1 intento sin respuesta · 1 tarea"
    assert tibio["proximo_contacto"] == "2026-11-17"


def test_siguiente_nombre_con_corchetes_se_muestra_tal_cual(a3: A3, alta: Alta) -> None:
    _contactado(a3, alta, "Juan [bold]Pérez[/]", "2026-11-10")
    assert "Juan [bold]Pérez[/]" in _ok(a3("siguiente")).out


# ---------------------------------------------------------------- another advisor's list


@pytest.fixture
def con_luis(a3: A3, alta: Alta, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """«ana» created the database (she coordinates plaza General) and added «luis»; each
    has one overdue client."""
    ids = {"ana": _contactado(a3, alta, "Ana Cliente", "2026-11-10")}
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis Treviño"))
    monkeypatch.setenv("A3_ASESOR", "luis")
    ids["luis"] = _contactado(a3, alta, "Luis Cliente", "2026-11-02", "--temperatura", "caliente")
    return ids


def test_siguiente_solo_la_cartera_propia(a3: A3, con_luis: dict[str, int]) -> None:
    doc = _ok(a3("siguiente", "--json")).json()
    assert [c["cliente_id"] for c in doc["clientes"]] == [con_luis["luis"]]
    assert "asesor" not in doc["clientes"][0]


def test_siguiente_de_la_plaza_nombra_al_asesor(
    a3: A3, con_luis: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("A3_ASESOR", "ana")
    doc = _ok(a3("siguiente", "--asesor", "plaza", "--json")).json()
    assert [(c["cliente_id"], c["asesor"]) for c in doc["clientes"]] == [
        (con_luis["luis"], "Luis Treviño"),
        (con_luis["ana"], "ana"),
    ]
    assert "Luis Treviño" in _ok(a3("siguiente", "--asesor", "plaza")).out
    doc = _ok(a3("siguiente", "--asesor", "luis", "--json")).json()
    assert [c["cliente_id"] for c in doc["clientes"]] == [con_luis["luis"]]


@pytest.mark.ambos_motores
def test_asesor_no_ve_la_plaza(a3: A3, con_luis: dict[str, int]) -> None:
    assert_error(a3("siguiente", "--asesor", "plaza"), "coordinador")


def test_siguiente_ayuda_en_espanol_con_ejemplo(a3: A3) -> None:
    res = _ok(a3("siguiente", "--help"))
    assert "A quién llamar ahora" in res.out
    assert "a3 siguiente -n 20 --json" in res.out


def test_un_mensaje_del_cliente_espera_respuesta_hasta_que_se_contesta(a3: A3, alta: Alta) -> None:
    """Issue 28: «¿Me manda precios?» moved the next contact a week away and left `hoy` and
    `siguiente` empty. The client is due today, first of the list with the reason, until
    something is sent back."""
    cliente = _contactado(a3, alta, "Diego Al Día", "2026-11-20")
    entra = _ok(a3("actividad", "mensaje", str(cliente), "--entrante", "--contenido", "¿Me manda precios?"))
    assert "Próximo contacto: hoy" in entra.out
    [diego] = _ok(a3("siguiente", "--json")).json()["clientes"]
    assert diego["cliente_id"] == cliente
    assert diego["razon"].startswith("te escribió hoy: responder")
    assert "Nada pendiente" not in _ok(a3("hoy")).out
    _ok(a3("actividad", "mensaje", str(cliente), "--contenido", "Le envío la lista"))
    assert _ok(a3("siguiente", "--json")).json()["clientes"] == []
