"""`a3 cliente …`: add, list, show, edit, etapa and temperatura, as an advisor types them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import volcado
from apoyo.proceso import Resultado, assert_error, con_zona

A3 = Callable[..., Resultado]
Alta = Callable[..., int]


def _fila(salida: str, nombre: str) -> str:
    """The table line of the client called ``nombre``."""
    lineas = [linea for linea in salida.splitlines() if nombre in linea]
    assert len(lineas) == 1, salida
    return lineas[0]


# ---------------------------------------------------------------- cliente add


@pytest.mark.ambos_motores
def test_cliente_add_imprime_solo_el_id(a3: A3) -> None:
    res = a3("cliente", "add", "Juan Pérez", "--telefono", "81 2345 6789")
    assert res.code == 0, res.err
    assert res.out == "1\n"
    assert res.err == ""


def test_cliente_add_ids_consecutivos(alta: Alta) -> None:
    assert alta("Juan Pérez") == 1
    assert alta("María López") == 2


def test_cliente_add_guarda_todos_los_datos(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    nuevo = alta(
        "Rosa Martínez Gómez",
        "--telefono",
        "+52 81 2345 0000",
        "--telefono",
        "55-1234-0000",
        "--email",
        "Rosa.Martinez@Correo.com",
        "--referido-por",
        str(juan),
        "--temperatura",
        "caliente",
        "--plaza",
        "Monterrey",
        "--nota",
        "Prefiere casas de 2 plantas",
    )
    ficha = a3("cliente", "show", str(nuevo), "--json").json()
    assert ficha["nombre"] == "Rosa Martínez Gómez"
    assert ficha["telefonos"] == ["8123450000", "5512340000"]
    assert ficha["email"] == "rosa.martinez@correo.com"
    assert ficha["referido_por"] == {"id": juan, "nombre": "Juan Pérez"}
    assert ficha["origen"] == "referido"
    assert ficha["temperatura"] == "caliente"
    assert ficha["plaza"] == "Monterrey"
    assert [n["texto"] for n in ficha["notas"]] == ["Prefiere casas de 2 plantas"]


@pytest.mark.ambos_motores
def test_cliente_add_telefono_duplicado_nombra_al_cliente_existente(a3: A3, alta: Alta, db) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    antes = volcado(db)
    res = a3("cliente", "add", "Juan P.", "--telefono", "+52 (81) 2345-6789")
    assert_error(res, "1 Juan Pérez", "--forzar")
    assert volcado(db) == antes


@pytest.mark.ambos_motores
def test_cliente_add_email_duplicado_nombra_al_cliente_existente(a3: A3, alta: Alta, db) -> None:
    alta("María López", "--email", "maria@correo.com")
    antes = volcado(db)
    res = a3("cliente", "add", "Mari López", "--email", "MARIA@correo.com ")
    assert_error(res, "1 María López", "email")
    assert volcado(db) == antes


@pytest.mark.ambos_motores
def test_cliente_add_forzar_guarda_el_duplicado(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    res = a3("cliente", "add", "Juan Pérez Hijo", "--telefono", "8123456789", "--forzar")
    assert res.code == 0, res.err
    assert res.out == "2\n"


# ---------------------------------------------------------------- cliente list


def test_cliente_list_muestra_las_columnas_en_espanol(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    res = a3("cliente", "list")
    assert res.code == 0, res.err
    encabezado = res.out.splitlines()[0]
    for columna in ("Nombre", "Teléfono", "Etapa", "Última actividad", "Próximo contacto", "Alerta"):
        assert columna in encabezado, encabezado


def test_cliente_list_fila_con_telefono_etapa_y_ultima_actividad_hace_n_dias(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--telefono", "8123456789")
    a3("actividad", "llamada", str(juan), "--resultado", "contestó-interesado", "--fecha", "2026-11-20")
    fila = _fila(a3("cliente", "list").out, "Juan Pérez")
    assert "81 2345 6789" in fila
    assert "prospecto" in fila
    assert "hace 3 días" in fila
    assert "en 4 días" in fila  # tibio: 7 days after the call of the 20th → the 27th


def test_cliente_list_alerta_al_dia_con_simbolo_y_palabra(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    assert "○ al día" in _fila(a3("cliente", "list").out, "Juan Pérez")


def test_cliente_list_alerta_vencido_con_simbolo_y_palabra(a3: A3, alta: Alta) -> None:
    maria = alta("María López", "--temperatura", "caliente")
    a3("actividad", "llamada", str(maria), "--resultado", "contestó-interesado", "--fecha", "2026-11-10")
    assert "● vencido" in _fila(a3("cliente", "list").out, "María López")


def test_los_simbolos_de_la_terminal_no_cambian_lo_que_dice_el_dominio(
    a3: A3, alta: Alta, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 29 point 3: the domain holds no terminal state. A command on a terminal that
    asks for ASCII symbols prints «* vencido»; in the same process, afterwards, a service
    call and the domain still say «●», and JSON carries the alert as data («rojo»)."""
    from datetime import datetime

    from a3tui import domain, services
    from a3tui.services import clientes
    from a3tui.store import open_store

    assert not hasattr(domain, "usar_simbolos_ascii")  # nothing left to switch
    maria = alta("María López", "--temperatura", "caliente")
    a3("actividad", "llamada", str(maria), "--resultado", "contestó-interesado", "--fecha", "2026-11-10")
    monkeypatch.setenv("A3_SIMBOLOS", "ascii")
    fila = _fila(a3("cliente", "list").out, "María López")
    assert "* vencido" in fila
    assert "●" not in fila
    assert '"alerta": "rojo"' in a3("cliente", "list", "--json").out

    store = open_store(str(db))
    try:
        with store.session() as session:
            ctx = services.contexto(session, "ana", datetime(2026, 11, 23, 10))
            (leida,) = clientes.list_(ctx, clientes.Filtro(), offset=0, limit=10)
    finally:
        store.dispose()
    assert leida.alerta is domain.Alerta.ROJO
    assert domain.texto_alerta(leida.alerta) == "● vencido"
    assert domain.EstadoTarea.HECHA.texto == "✓ hecha"

    monkeypatch.setenv("A3_SIMBOLOS", "unicode")
    assert "● vencido" in _fila(a3("cliente", "list").out, "María López")


def test_cliente_list_alerta_pronto_cuando_toca_hoy(a3: A3, alta: Alta) -> None:
    maria = alta("María López", "--temperatura", "caliente")
    a3("actividad", "llamada", str(maria), "--resultado", "contestó-interesado", "--fecha", "2026-11-20")
    fila = _fila(a3("cliente", "list").out, "María López")
    assert "◐ pronto" in fila
    assert "hoy" in fila


def test_cliente_list_sin_clientes_lo_dice(a3: A3, db: Path) -> None:
    from a3tui.store import open_store

    open_store(str(db)).dispose()
    res = a3("cliente", "list")
    assert res.code == 0
    assert res.out.strip() == "No hay clientes que coincidan."


@pytest.mark.solo_sqlite
def test_cliente_list_en_una_base_que_no_existe_no_la_crea(a3: A3, db: Path) -> None:
    res = a3("cliente", "list")
    assert_error(res, "No existe la base de datos", "a3 cliente add")
    assert not db.exists()


def test_cliente_list_filtra_por_etapa(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    alta("María López", "--etapa", "apartado")
    res = a3("cliente", "list", "--etapa", "APARTADO", "--json")
    assert [c["nombre"] for c in res.json()["clientes"]] == ["María López"]


@pytest.mark.ambos_motores
def test_cliente_list_filtra_por_temperatura_sin_acento(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez", "--temperatura", "frío")
    alta("María López", "--temperatura", "caliente")
    res = a3("cliente", "list", "--temperatura", "frio", "--json")
    assert [c["nombre"] for c in res.json()["clientes"]] == ["Juan Pérez"]


@pytest.mark.ambos_motores
def test_cliente_list_buscar_sin_acentos_encuentra_perez(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    alta("María López")
    res = a3("cliente", "list", "--buscar", "perez", "--json")
    assert [c["nombre"] for c in res.json()["clientes"]] == ["Juan Pérez"]


@pytest.mark.ambos_motores
def test_cliente_list_buscar_digitos_del_telefono_con_espacio(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    alta("María López", "--telefono", "5512345678")
    res = a3("cliente", "list", "--buscar", "812 345", "--json")
    assert [c["nombre"] for c in res.json()["clientes"]] == ["Juan Pérez"]


@pytest.mark.ambos_motores
def test_cliente_list_buscar_por_email(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez", "--email", "jp@correo.com")
    alta("María López", "--email", "maria@correo.com")
    res = a3("cliente", "list", "--buscar", "maria@correo.com", "--json")
    assert [c["nombre"] for c in res.json()["clientes"]] == ["María López"]


def test_cliente_list_frios_solo_prospectos_sin_actividad_en_7_dias(a3: A3, alta: Alta) -> None:
    activo = alta("Juan Pérez")
    dormido = alta("María López")
    alta("Pedro Sánchez")  # first contact today: not cold yet
    a3("actividad", "llamada", str(activo), "--resultado", "contestó-interesado", "--fecha", "2026-11-22")
    a3("actividad", "llamada", str(dormido), "--resultado", "contestó-interesado", "--fecha", "2026-11-10")
    res = a3("cliente", "list", "--frios", "--json")
    assert [c["nombre"] for c in res.json()["clientes"]] == ["María López"]


def test_cliente_list_frios_con_dias_cambia_el_umbral(a3: A3, alta: Alta) -> None:
    dormido = alta("María López")
    a3("actividad", "llamada", str(dormido), "--resultado", "contestó-interesado", "--fecha", "2026-11-10")
    assert a3("cliente", "list", "--frios", "--dias", "20", "--json").json()["clientes"] == []
    assert len(a3("cliente", "list", "--frios", "--dias", "10", "--json").json()["clientes"]) == 1


def test_cliente_list_limite_recorta_y_dice_cuantos_hay(a3: A3, alta: Alta) -> None:
    for nombre in ("Ana Ruiz", "Beto Díaz", "Carla Núñez"):
        alta(nombre)
    res = a3("cliente", "list", "--limite", "2")
    assert res.code == 0
    assert "Ana Ruiz" in res.out
    assert "Beto Díaz" in res.out
    assert "Carla Núñez" not in res.out
    assert "de 3 clientes" in res.out


def test_cliente_list_json_limite_y_total(a3: A3, alta: Alta) -> None:
    for nombre in ("Ana Ruiz", "Beto Díaz", "Carla Núñez"):
        alta(nombre)
    doc = a3("cliente", "list", "--limite", "1", "--json").json()
    assert doc["total"] == 3
    assert [c["nombre"] for c in doc["clientes"]] == ["Ana Ruiz"]


def test_cliente_list_json_claves_en_espanol_y_fechas_iso(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--telefono", "8123456789", "--email", "juan@correo.com")
    a3("actividad", "llamada", str(juan), "--resultado", "contestó-interesado", "--fecha", "2026-11-20 16:30")
    doc = a3("cliente", "list", "--json").json()
    assert set(doc) == {"total", "clientes"}
    (cliente,) = doc["clientes"]
    assert set(cliente) == {
        "id",
        "nombre",
        "telefono",
        "email",
        "etapa",
        "temperatura",
        "ultima_actividad",
        "proximo_contacto",
        "alerta",
    }
    assert cliente == {
        "id": juan,
        "nombre": "Juan Pérez",
        "telefono": "8123456789",
        "email": "juan@correo.com",
        "etapa": "prospecto",
        "temperatura": "tibio",
        "ultima_actividad": con_zona("2026-11-20T16:30:00"),
        "proximo_contacto": "2026-11-27",
        "alerta": "verde",
    }


# ---------------------------------------------------------------- cliente show


def test_cliente_show_por_id_muestra_la_ficha(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--telefono", "8123456789", "--email", "juan@correo.com")
    res = a3("cliente", "show", str(juan))
    assert res.code == 0, res.err
    assert "Juan Pérez" in res.out
    assert "81 2345 6789" in res.out
    assert "juan@correo.com" in res.out
    assert "Próximo contacto" in res.out


@pytest.mark.ambos_motores
def test_cliente_show_por_nombre_sin_acento(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    alta("María López")
    res = a3("cliente", "show", "perez")
    assert res.code == 0, res.err
    assert "Juan Pérez" in res.out
    assert "María López" not in res.out


def test_cliente_show_por_digitos_del_telefono(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    alta("María López", "--telefono", "5512345678")
    assert a3("cliente", "show", "5512345678", "--json").json()["nombre"] == "María López"


def test_cliente_show_digitos_que_no_son_un_id_se_buscan_en_el_telefono_y_lo_dice(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    maria = alta("María López", "--telefono", "5512344321")
    res = a3("cliente", "show", "4321")
    assert res.code == 0, res.err
    assert "María López" in res.out
    avisos = res.err.strip().splitlines()
    assert avisos == [
        f"Aviso: no hay cliente con id 4321; lo tomé como parte del teléfono de María López (id {maria})."
    ]


def test_cliente_show_id_que_existe_gana_al_telefono(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--telefono", "8123456789")
    alta("María López", "--telefono", f"55123400{juan:02d}")
    res = a3("cliente", "show", str(juan))
    assert "Juan Pérez" in res.out
    assert res.err == ""


def test_cliente_show_digitos_en_varios_telefonos_lista_los_candidatos(a3: A3, alta: Alta, db: Path) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    alta("María López", "--telefono", "5512345678")
    assert_error(a3("cliente", "show", "2345"), "No existe el cliente con id 2345", "1 Juan Pérez", "2 María López")


def test_cliente_show_digitos_sin_cliente_ni_telefono_es_error(a3: A3, alta: Alta, db: Path) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    assert_error(a3("cliente", "show", "4321"), "No existe el cliente con id 4321, ni uno con «4321» en su teléfono.")


def test_actividad_con_ref_de_digitos_del_telefono_va_al_cliente_del_telefono(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    maria = alta("María López", "--telefono", "5512344321")
    res = a3("actividad", "llamada", "4321", "--resultado", "no-contesto")
    assert res.code == 0, res.err
    assert "lo tomé como parte del teléfono de María López" in res.err
    assert "no contestó" in a3("cliente", "show", str(maria)).out


def test_cliente_show_json_claves_en_espanol_y_fechas_iso(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--telefono", "8123456789")
    a3("nota", "add", str(juan), "Solo puede pagar $10,000 de enganche")
    a3("tarea", "add", "Llamar para confirmar cita", "--vence", "viernes", "--cliente", str(juan))
    a3("actividad", "llamada", str(juan), "--resultado", "no-contestó")
    doc = a3("cliente", "show", str(juan), "--json").json()
    for clave in (
        "id",
        "nombre",
        "telefonos",
        "email",
        "direccion",
        "primer_contacto",
        "origen",
        "referido_por",
        "asesor",
        "plaza",
        "etapa",
        "temperatura",
        "motivo_cancelacion",
        "ultima_actividad",
        "proximo_contacto",
        "alerta",
        "notas",
        "tareas",
        "actividades",
    ):
        assert clave in doc, clave
    assert doc["primer_contacto"] == "2026-11-23"
    assert doc["ultima_actividad"] == con_zona("2026-11-23T10:00:00")
    assert doc["notas"][0]["texto"] == "Solo puede pagar $10,000 de enganche"
    assert doc["tareas"][0]["vence"] == "2026-11-27"
    assert doc["actividades"][0]["resultado"] == "no-contestó"


# ---------------------------------------------------------------- cliente edit


def test_cliente_edit_cambia_telefono_y_email(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--telefono", "8123456789")
    res = a3("cliente", "edit", str(juan), "--telefono", "55 1111 2222", "--email", "nuevo@correo.com")
    assert res.code == 0, res.err
    assert "actualizado" in res.out
    ficha = a3("cliente", "show", str(juan), "--json").json()
    assert ficha["telefonos"] == ["5511112222"]
    assert ficha["email"] == "nuevo@correo.com"


def test_cliente_edit_cambia_el_nombre_y_la_busqueda_lo_encuentra(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    assert a3("cliente", "edit", str(juan), "--nombre", "Juan Pérez Ñúñez").code == 0
    res = a3("cliente", "list", "--buscar", "nunez", "--json")
    assert [c["nombre"] for c in res.json()["clientes"]] == ["Juan Pérez Ñúñez"]


def test_cliente_edit_sin_cambios_es_error(a3: A3, alta: Alta, db) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("cliente", "edit", str(juan)), "--telefono")
    assert volcado(db) == antes


@pytest.mark.ambos_motores
def test_cliente_edit_telefono_de_otro_cliente_es_duplicado(a3: A3, alta: Alta, db) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    maria = alta("María López", "--telefono", "5512345678")
    antes = volcado(db)
    assert_error(a3("cliente", "edit", str(maria), "--telefono", "8123456789"), "1 Juan Pérez")
    assert volcado(db) == antes


# ---------------------------------------------------------------- cliente etapa / temperatura


def test_cliente_etapa_cambia_y_lo_confirma(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("cliente", "etapa", str(juan), "cancelado", "--motivo", "Se mudó")
    assert res.code == 0, res.err
    assert "prospecto → cancelado" in res.out
    assert a3("cliente", "show", str(juan), "--json").json()["etapa"] == "cancelado"


def test_cliente_etapa_apartado_sin_apartado_dice_como_registrarlo(a3: A3, alta: Alta, db: Path) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("cliente", "etapa", str(juan), "apartado"), f"a3 apartado crear {juan} --propiedad")
    assert volcado(db) == antes


def test_cliente_etapa_queda_en_el_historial_como_actividad_de_sistema(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    a3("cliente", "etapa", str(juan), "cancelado", "--motivo", "Se mudó")
    texto = a3("actividad", "list", str(juan)).out
    assert "Cambio de etapa: prospecto → cancelado (motivo: Se mudó)" in texto
    (actividad,) = a3("actividad", "list", str(juan), "--json").json()["actividades"]
    assert actividad["tipo"] == "sistema"
    assert actividad["evento"] == "cambio-etapa"


def test_cliente_etapa_cancelado_con_motivo(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("cliente", "etapa", "perez", "cancelado", "--motivo", "Compró con otra desarrolladora")
    assert res.code == 0, res.err
    ficha = a3("cliente", "show", str(juan), "--json").json()
    assert ficha["etapa"] == "cancelado"
    assert ficha["motivo_cancelacion"] == "Compró con otra desarrolladora"
    assert ficha["proximo_contacto"] is None


def test_cliente_etapa_cancelado_se_reactiva_como_prospecto(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    a3("cliente", "etapa", str(juan), "cancelado", "--motivo", "No contesta")
    assert a3("cliente", "etapa", str(juan), "prospecto").code == 0
    assert a3("cliente", "show", str(juan), "--json").json()["etapa"] == "prospecto"


def test_cliente_etapa_salto_no_permitido_es_error(a3: A3, alta: Alta, db) -> None:
    juan = alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("cliente", "etapa", str(juan), "entregado"), "prospecto", "entregado")
    assert volcado(db) == antes


@pytest.mark.ambos_motores
def test_cliente_temperatura_sin_acento_guarda_frio_con_acento(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    res = a3("cliente", "temperatura", str(juan), "FRIO")
    assert res.code == 0, res.err
    assert "frío" in res.out
    ficha = a3("cliente", "show", str(juan), "--json").json()
    assert ficha["temperatura"] == "frío"
    assert ficha["proximo_contacto"] == "2026-12-14"  # frío: 21 days from first contact


def test_cliente_temperatura_queda_en_el_historial(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez")
    a3("cliente", "temperatura", str(juan), "caliente")
    assert "tibio → caliente" in a3("actividad", "list", str(juan)).out


def test_cliente_temperatura_de_un_apartado_es_error(a3: A3, alta: Alta, db) -> None:
    juan = alta("Juan Pérez", "--etapa", "apartado")
    antes = volcado(db)
    assert_error(a3("cliente", "temperatura", str(juan), "caliente"), "prospectos")
    assert volcado(db) == antes


@pytest.mark.ambos_motores
def test_cliente_list_json_en_utf8_con_acentos(a3: A3, alta: Alta) -> None:
    alta("José Ñúñez")
    assert '"nombre": "José Ñúñez"' in a3("cliente", "list", "--json").out


def test_cliente_list_frios_incluye_a_quien_nunca_se_contacto(a3: A3, alta: Alta) -> None:
    alta("María López", "--primer-contacto", "2026-11-10")
    alta("Juan Pérez")  # first contact today
    res = a3("cliente", "list", "--frios", "--json")
    assert [c["nombre"] for c in res.json()["clientes"]] == ["María López"]


def test_cliente_list_frios_no_incluye_apartados(a3: A3, alta: Alta) -> None:
    alta("María López", "--etapa", "apartado", "--primer-contacto", "2026-11-01")
    assert a3("cliente", "list", "--frios", "--json").json()["clientes"] == []


def test_cliente_add_temperatura_de_un_apartado_es_error(a3: A3, alta: Alta, db) -> None:
    alta("Juan Pérez")
    antes = volcado(db)
    assert_error(a3("cliente", "add", "Rosa Martínez", "--etapa", "apartado", "--temperatura", "caliente"))
    assert volcado(db) == antes


def test_cliente_edit_email_vacio_lo_borra(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--email", "juan@correo.com")
    assert a3("cliente", "edit", str(juan), "--email", "").code == 0
    assert a3("cliente", "show", str(juan), "--json").json()["email"] is None


@pytest.mark.ambos_motores
def test_otro_asesor_no_ve_mis_clientes(a3: A3, alta: Alta, monkeypatch) -> None:
    juan = alta("Juan Pérez")
    assert a3("asesor", "add", "luis", "--nombre", "Luis").code == 0
    monkeypatch.setenv("A3_ASESOR", "luis")
    assert a3("cliente", "list", "--json").json()["clientes"] == []
    assert_error(a3("cliente", "show", str(juan)), str(juan))


@pytest.mark.ambos_motores
def test_duplicado_de_otro_asesor_dice_de_quien_es(a3: A3, alta: Alta, monkeypatch, db) -> None:
    alta("Juan Pérez", "--telefono", "8123456789")
    assert a3("asesor", "add", "luis", "--nombre", "Luis").code == 0
    monkeypatch.setenv("A3_ASESOR", "luis")
    antes = volcado(db)
    assert_error(a3("cliente", "add", "Juan P.", "--telefono", "8123456789"), "1 Juan Pérez", "de ana")
    assert volcado(db) == antes


def _ejemplos(a3: A3, *comando: str) -> list[list[str]]:
    """The examples `a3 COMANDO --help` prints, as argument lists (without «a3»)."""
    import re
    import shlex

    ayuda = " ".join(a3(*comando, "--help").out.split())
    [ejemplos] = re.findall(r"Ejemplos?: (.*)", ayuda)
    return [shlex.split(ejemplo)[1:] for ejemplo in ejemplos.split(" · ")]


def test_los_ejemplos_de_cliente_etapa_corren_tal_como_se_leen(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    alta("María López")
    ejemplos = _ejemplos(a3, "cliente", "etapa")
    assert len(ejemplos) == 2
    for argv in ejemplos:
        res = a3(*argv)
        assert res.code == 0, (argv, res.err)


def test_cliente_show_da_los_enlaces_de_whatsapp_y_llamada(a3: A3, alta: Alta) -> None:
    """Issue 28, point 10: the ficha's w and l give the client's WhatsApp chat and a tel:
    link; the command line gives the same links (text and JSON)."""
    juan = alta("José Pérez", "--telefono", "81 2345 6789", "--telefono", "5512345678")
    res = a3("cliente", "show", str(juan))
    assert res.code == 0, res.err
    lineas = res.out.splitlines()
    assert "WhatsApp:          https://wa.me/528123456789?text=Hola%20Jos%C3%A9%2C%20" in lineas
    assert "Llamar:            tel:+528123456789" in lineas
    assert a3("cliente", "show", str(juan), "--json").json()["enlaces"] == {
        "whatsapp": "https://wa.me/528123456789?text=Hola%20Jos%C3%A9%2C%20",
        "llamar": "tel:+528123456789",
    }


def test_cliente_show_sin_telefono_no_tiene_enlaces(a3: A3, alta: Alta) -> None:
    juan = alta("Juan Pérez", "--email", "juan@correo.com")
    assert "WhatsApp:" not in a3("cliente", "show", str(juan)).out
    assert a3("cliente", "show", str(juan), "--json").json()["enlaces"] is None


def test_fusionar_no_pone_dos_puntos_cuando_el_nombre_termina_en_punto(a3: A3, alta: Alta) -> None:
    """«se le une 2 Juan P. G..»: the sentence's period came after the name's own."""
    queda, otro = alta("Juan Pérez García"), alta("Juan P. G.")
    res = a3("cliente", "fusionar", str(queda), str(otro))
    assert f"se le une {otro} Juan P. G.\n" in res.out, res.out
