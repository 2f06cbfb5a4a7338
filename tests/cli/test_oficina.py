"""The office from the command line, typed by its different people: advisors and their
coordinator (`a3 asesor`), absences covered by a suplente (`a3 suplencia`), transfers
requested by an advisor or made by a coordinator (`a3 cliente transferir`, `a3
transferencia`), duplicates and merges (`a3 cliente duplicados`, `a3 cliente fusionar`),
the audit (`a3 auditoria`), the team view (`a3 equipo`) and another advisor's lists
(`--asesor`). Every refusal is one Spanish sentence, exit code 1, and the database unchanged."""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from apoyo.bases import Base, volcado
from apoyo.proceso import Resultado, assert_error, con_zona

A3 = Callable[..., Resultado]
Como = Callable[..., Resultado]

# Ids of the office's clients (see _plantilla).
JUAN, JUAN_DUPLICADO, MARIA, ROSA = "1", "2", "3", "4"


# ---------------------------------------------------------------- the office


def _plantilla(run: Callable[[list[str]], int]) -> None:
    """Built with real commands. «carla» creates the database (so she coordinates plaza
    General) and adds «ana» and «luis» (advisors of General), «marta» (coordinator of
    Monterrey) and «pepe» (advisor of Monterrey). Ana: 1 Juan Pérez (first contact 1 Oct,
    never called: overdue, cold, stuck) and 2 Juan Peres (the same phone, saved with
    --forzar; a call and a note today). Luis: 3 María López (caliente). Pepe: 4 Rosa Díaz."""

    def correr(login: str, *argv: str) -> None:
        os.environ["A3_ASESOR"] = login
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            assert run(list(argv)) == 0, (argv, err.getvalue())

    correr("carla", "asesor", "edit", "carla", "--nombre", "Carla Ríos")
    correr("carla", "asesor", "add", "ana", "--nombre", "Ana Torres")
    correr("carla", "asesor", "add", "luis", "--nombre", "Luis Treviño")
    correr("carla", "asesor", "add", "pepe", "--nombre", "Pepe Salas", "--plaza", "Monterrey")
    correr("carla", "asesor", "add", "marta", "--nombre", "Marta Garza", "--plaza", "Monterrey", "--rol", "coordinador")
    correr(
        "ana", "cliente", "add", "Juan Pérez", "-t", "81 2345 6789", "-e", "juan.perez@correo.com",
        "--primer-contacto", "2026-10-01",
    )  # fmt: skip
    correr("ana", "cliente", "add", "Juan Peres", "-t", "8123456789", "--forzar", "--direccion", "Calle Encino 301")
    correr("ana", "actividad", "llamada", JUAN_DUPLICADO, "-r", "contestó-interesado")
    correr("ana", "nota", "add", JUAN_DUPLICADO, "Prefiere casas de 2 plantas")
    correr("luis", "cliente", "add", "María López", "-t", "55 1234 5678", "--temperatura", "caliente")
    correr("pepe", "cliente", "add", "Rosa Díaz", "-t", "33 1234 5678")


@pytest.fixture
def oficina(desde_plantilla: Callable[..., Any], db: Base) -> Base:
    """The test's database: the office of ``_plantilla``."""
    desde_plantilla("oficina", _plantilla, asesor="carla")
    return db


@pytest.fixture
def como(a3: A3, monkeypatch: pytest.MonkeyPatch, oficina: Path) -> Como:
    """Run `a3 ARGS…` as the advisor ``login`` (A3_ASESOR), on the office's database."""

    def correr(login: str, *argv: str | Path) -> Resultado:
        monkeypatch.setenv("A3_ASESOR", login)
        return a3(*argv)

    return correr


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, (res.out, res.err)
    assert res.err == "", res.err
    return res


def _rechazo(como: Como, db: Path, login: str, argv: list[str], *fragmentos: str) -> None:
    """The command is refused in one Spanish sentence and leaves the database as it was."""
    antes = volcado(db)
    assert_error(como(login, *argv), *fragmentos)
    assert volcado(db) == antes


def _asesores(como: Como, *opciones: str) -> dict[str, dict]:
    return {a["login"]: a for a in _ok(como("carla", "asesor", "list", "--json", *opciones)).json()["asesores"]}


def _transferencias(como: Como, login: str, *opciones: str) -> list[dict]:
    return _ok(como(login, "transferencia", "list", "--json", *opciones)).json()["transferencias"]


def _mis_clientes(como: Como, login: str, *opciones: str) -> list[str]:
    return [c["nombre"] for c in _ok(como(login, "cliente", "list", "--json", *opciones)).json()["clientes"]]


def _pedir(como: Como, ref: str = JUAN, a: str = "luis", motivo: str = "Vive en Saltillo") -> int:
    """Ana asks to give one of her clients to another advisor; returns the transfer's id."""
    res = _ok(como("ana", "cliente", "transferir", ref, a, "--motivo", motivo))
    return int(res.out.split()[1].rstrip(":"))


# ---------------------------------------------------------------- a3 asesor


@pytest.mark.ambos_motores
def test_asesor_list_json_de_la_oficina(como: Como) -> None:
    asesores = _asesores(como)
    assert list(asesores) == ["ana", "carla", "luis", "marta", "pepe"]  # by plaza, then name
    assert asesores["ana"] == {
        "login": "ana",
        "nombre": "Ana Torres",
        "rol": "asesor",
        "plaza": "General",
        "telefono": None,
        "activo": True,
        "clientes": 2,
        "cubre": [],
        "cubierto_por": [],
    }
    assert {login: (a["rol"], a["plaza"], a["clientes"]) for login, a in asesores.items()} == {
        "ana": ("asesor", "General", 2),
        "carla": ("coordinador", "General", 0),
        "luis": ("asesor", "General", 1),
        "pepe": ("asesor", "Monterrey", 1),
        "marta": ("coordinador", "Monterrey", 0),
    }


def test_asesor_list_en_tabla(como: Como) -> None:
    res = _ok(como("ana", "asesor", "list"))
    lineas = res.out.splitlines()
    assert lineas[0].split() == ["Login", "Nombre", "Rol", "Plaza", "Clientes", "Hoy"]
    assert lineas[1].split() == ["ana", "Ana", "Torres", "asesor", "General", "2"]
    assert lineas[4].split() == ["marta", "Marta", "Garza", "coordinador", "Monterrey", "0"]


def test_asesor_add_con_la_plaza_de_la_coordinadora_por_omision(como: Como) -> None:
    res = _ok(como("carla", "asesor", "add", "Tomas", "--nombre", "Tomás Ruiz", "--telefono", "81 1111 2222"))
    assert res.out == "Asesor tomas agregado: Tomás Ruiz (asesor, plaza General).\n"
    nuevo = _asesores(como)["tomas"]
    assert (nuevo["rol"], nuevo["plaza"], nuevo["telefono"], nuevo["activo"]) == (
        "asesor",
        "General",
        "8111112222",
        True,
    )
    assert _ok(como("tomas", "asesor", "yo")).out == "Tomás Ruiz (tomas) · asesor · plaza General\n"


def test_asesor_add_de_otra_plaza_y_rol(como: Como) -> None:
    res = _ok(
        como("carla", "asesor", "add", "sara", "--nombre", "Sara Lee", "--plaza", "Saltillo", "--rol", "coordinador")
    )
    assert res.out == "Asesor sara agregado: Sara Lee (coordinador, plaza Saltillo).\n"
    assert list(_asesores(como))[-1] == "sara"


def test_asesor_yo(como: Como) -> None:
    assert _ok(como("ana", "asesor", "yo")).out == "Ana Torres (ana) · asesor · plaza General\n"
    assert _ok(como("carla", "asesor", "yo")).out == "Carla Ríos (carla) · coordinador · plaza General\n"
    assert _ok(como("marta", "asesor", "yo")).out == "Marta Garza (marta) · coordinador · plaza Monterrey\n"


def test_asesor_yo_json(como: Como) -> None:
    """Issue 28, point 10: who you are, for a script (the prompt, a report's signature)."""
    assert _ok(como("marta", "asesor", "yo", "--json")).json() == {
        "login": "marta",
        "nombre": "Marta Garza",
        "rol": "coordinador",
        "plaza": "Monterrey",
        "telefono": None,
        "cubre": [],
    }


def test_el_asesor_cambia_su_nombre_y_telefono(como: Como) -> None:
    res = _ok(como("ana", "asesor", "edit", "ana", "--nombre", "Ana Torres Garza", "--telefono", "81 1234 5678"))
    assert res.out == "Asesor ana actualizado: Ana Torres Garza (asesor, plaza General).\n"
    ana = _asesores(como)["ana"]
    assert (ana["nombre"], ana["telefono"]) == ("Ana Torres Garza", "8112345678")
    _ok(como("ana", "asesor", "edit", "ana", "--telefono", ""))
    assert _asesores(como)["ana"]["telefono"] is None


def test_la_coordinadora_cambia_la_plaza_de_un_asesor_y_su_cartera_va_con_el(como: Como) -> None:
    # Saltillo has no coordinator yet: Carla may open it.
    res = _ok(como("carla", "asesor", "edit", "Luis Treviño", "--plaza", "Saltillo"))
    assert res.out == "Asesor luis actualizado: Luis Treviño (asesor, plaza Saltillo).\n"
    assert _mis_clientes(como, "carla", "--asesor", "plaza") == ["Juan Peres", "Juan Pérez"]
    _ok(como("carla", "asesor", "add", "sara", "--nombre", "Sara Lee", "--plaza", "Saltillo", "--rol", "coordinador"))
    assert _mis_clientes(como, "sara", "--asesor", "plaza") == ["María López"]


def test_una_coordinadora_no_mueve_asesores_a_una_plaza_con_coordinador_ni_toca_otra_plaza(como: Como) -> None:
    """Issue 24: a coordinator acts on her plaza only (Monterrey is Marta's)."""
    intentos = (
        ("carla", "asesor", "edit", "luis", "--plaza", "Monterrey"),
        ("marta", "asesor", "edit", "ana", "--plaza", "Monterrey"),
        ("marta", "asesor", "edit", "ana", "--rol", "coordinador"),
        ("marta", "asesor", "baja", "luis"),
        ("marta", "suplencia", "add", "ana", "pepe", "--hasta", "2026-12-31"),
        ("marta", "asesor", "add", "intruso", "--nombre", "Intruso", "--plaza", "General"),
        ("carla", "asesor", "add", "intrusa", "--nombre", "Intrusa", "--plaza", "Monterrey"),
    )
    antes = _asesores(como, "--todos")
    for intento in intentos:
        res = como(*intento)
        assert res.code == 1, intento
        assert "tiene su propio coordinador; solo puedes" in res.err, (intento, res.err)
    assert _asesores(como, "--todos") == antes


def test_la_coordinadora_nombra_otro_coordinador(como: Como) -> None:
    _ok(como("carla", "asesor", "edit", "luis", "--rol", "coordinador"))
    assert _asesores(como)["luis"]["rol"] == "coordinador"
    # Luis now sees the plaza's team.
    assert [a["login"] for a in _ok(como("luis", "equipo", "--json")).json()["asesores"]] == ["ana", "carla", "luis"]


def test_baja_y_reactivar(como: Como, db: Path) -> None:
    _ok(como("carla", "asesor", "add", "tomas", "--nombre", "Tomás Ruiz"))
    assert _ok(como("carla", "asesor", "baja", "tomas")).out == "Tomás Ruiz (tomas) quedó dado de baja.\n"
    assert "tomas" not in _asesores(como)
    assert _asesores(como, "--todos")["tomas"]["activo"] is False
    tabla = _ok(como("carla", "asesor", "list", "--todos")).out.splitlines()
    [fila_tomas] = [linea for linea in tabla if linea.startswith("tomas ")]
    assert fila_tomas.split()[-2:] == ["de", "baja"]
    # Given de baja, Tomás can't use a3 here (reading or writing).
    _rechazo(como, db, "tomas", ["asesor", "yo"], "Tomás Ruiz (tomas) está dado de baja", "a3 asesor reactivar tomas")
    _rechazo(como, db, "tomas", ["cliente", "add", "Nuevo Cliente"], "está dado de baja")
    assert _ok(como("carla", "asesor", "reactivar", "tomas")).out == "Tomás Ruiz (tomas) está activo otra vez.\n"
    assert _ok(como("tomas", "asesor", "yo")).out == "Tomás Ruiz (tomas) · asesor · plaza General\n"


def test_baja_despues_de_transferir_sus_clientes(como: Como) -> None:
    _ok(como("carla", "cliente", "transferir", MARIA, "ana", "--motivo", "Luis se va"))
    _ok(como("carla", "asesor", "baja", "luis"))
    assert _asesores(como)["ana"]["clientes"] == 3
    assert "luis" not in _asesores(como)


ASESOR_RECHAZOS = {
    "asesor-agrega": (
        "ana",
        ["asesor", "add", "tomas", "--nombre", "Tomás"],
        "Solo un coordinador puede agregar asesores.",
    ),
    "asesor-da-de-baja": ("ana", ["asesor", "baja", "luis"], "Solo un coordinador puede dar de baja a un asesor."),
    "asesor-reactiva": ("ana", ["asesor", "reactivar", "luis"], "Solo un coordinador puede reactivar a un asesor."),
    "asesor-edita-a-otro": (
        "ana",
        ["asesor", "edit", "luis", "--nombre", "Luis T."],
        "Solo un coordinador puede cambiar el rol, la plaza o los datos de otro asesor.",
    ),
    "asesor-se-asciende": (
        "ana",
        ["asesor", "edit", "ana", "--rol", "coordinador"],
        "Solo un coordinador puede cambiar el rol, la plaza o los datos de otro asesor.",
    ),
    "asesor-se-cambia-de-plaza": (
        "ana",
        ["asesor", "edit", "ana", "--plaza", "Saltillo"],
        "Solo un coordinador puede cambiar el rol, la plaza",
    ),
    "edit-sin-cambios": ("carla", ["asesor", "edit", "luis"], "No indicaste nada que cambiar"),
    "login-repetido": (
        "carla",
        ["asesor", "add", "ana", "--nombre", "Otra Ana"],
        "Ya existe el asesor ana: Ana Torres.",
    ),
    "login-invalido": ("carla", ["asesor", "add", "Luis X", "--nombre", "Luis"], "El login «Luis X» no es válido"),
    "rol-desconocido": ("carla", ["asesor", "add", "zeta", "--nombre", "Zeta", "--rol", "jefe"], "«jefe»"),
    "nombre-vacio": (
        "carla",
        ["asesor", "add", "zeta", "--nombre", "  "],
        "El nombre del asesor no puede estar vacío.",
    ),
    "baja-con-clientes": (
        "carla",
        ["asesor", "baja", "luis"],
        "Luis Treviño todavía tiene 1 cliente; transfiérelos antes de darlo de baja",
    ),
    "baja-a-si-misma": ("carla", ["asesor", "baja", "carla"], "No puedes darte de baja a ti mismo"),
    "reactivar-activo": ("carla", ["asesor", "reactivar", "luis"], "Luis Treviño (luis) está activo."),
    "asesor-inexistente": ("carla", ["asesor", "edit", "nadie", "--nombre", "X"], "No existe el asesor «nadie»"),
    "login-desconocido-lee": (
        "nadie",
        ["asesor", "yo"],
        "«nadie» no es asesor de esta base de datos",
        "a3 asesor add nadie",
    ),
    "login-desconocido-escribe": (
        "nadie",
        ["cliente", "add", "Juan Nuevo"],
        "«nadie» no es asesor de esta base de datos",
    ),
    "login-desconocido-equipo": ("nadie", ["equipo"], "«nadie» no es asesor"),
}


@pytest.mark.parametrize("caso", ASESOR_RECHAZOS)
def test_asesor_rechazos(como: Como, db: Path, caso: str) -> None:
    login, argv, *fragmentos = ASESOR_RECHAZOS[caso]
    _rechazo(como, db, login, argv, *fragmentos)


# ---------------------------------------------------------------- a3 suplencia


def test_suplencia_add_list_y_quitar(como: Como, db: Path) -> None:
    res = _ok(
        como(
            "carla",
            "suplencia",
            "add",
            "ana",
            "luis",
            "--desde",
            "2026-11-20",
            "--hasta",
            "2026-11-30",
            "--motivo",
            "vacaciones",
        )
    )
    assert res.out == "Suplencia 1: Luis Treviño atiende a los clientes de Ana Torres del 2026-11-20 al 2026-11-30.\n"
    assert _ok(como("ana", "suplencia", "list", "--json")).json()["suplencias"] == [
        {
            "id": 1,
            "titular": "Ana Torres (ana)",
            "suplente": "Luis Treviño (luis)",
            "desde": "2026-11-20",
            "hasta": "2026-11-30",
            "motivo": "vacaciones",
        }
    ]
    assert _ok(como("carla", "suplencia", "list")).out == (
        "[1] 2026-11-20 a 2026-11-30: Luis Treviño (luis) cubre a Ana Torres (ana) (vacaciones)\n"
    )
    asesores = _asesores(como)
    assert (asesores["ana"]["cubierto_por"], asesores["luis"]["cubre"]) == (["luis"], ["ana"])
    assert _ok(como("luis", "asesor", "yo")).out == (
        "Luis Treviño (luis) · asesor · plaza General\nHoy cubres a: Ana Torres\n"
    )
    # While covering, Luis sees and works Ana's clients.
    assert _mis_clientes(como, "luis", "--asesor", "ana") == ["Juan Peres", "Juan Pérez"]
    assert [
        c["nombre"] for c in _ok(como("luis", "hoy", "--asesor", "ana", "--json")).json()["contactos_vencidos"]
    ] == ["Juan Pérez"]
    # Ended today: it stays on record until yesterday, and Luis no longer covers Ana.
    assert _ok(como("carla", "suplencia", "quitar", "1")).out == "Suplencia 1 terminada.\n"
    assert _ok(como("carla", "suplencia", "list")).out == "No hay suplencias vigentes ni próximas.\n"
    assert [
        s["hasta"] for s in _ok(como("carla", "suplencia", "list", "--pasadas", "--json")).json()["suplencias"]
    ] == ["2026-11-22"]
    _rechazo(
        como, db, "luis", ["cliente", "list", "--asesor", "ana"],
        "Solo un coordinador (o su suplente) puede ver los clientes de otro asesor.",
    )  # fmt: skip
    _rechazo(como, db, "carla", ["suplencia", "quitar", "1"], "La suplencia 1 ya terminó el 2026-11-22.")


def test_quitar_una_suplencia_que_no_ha_empezado_la_borra(como: Como) -> None:
    _ok(como("carla", "suplencia", "add", "luis", "ana", "--desde", "2026-12-01", "--hasta", "2026-12-15"))
    assert [s["desde"] for s in _ok(como("carla", "suplencia", "list", "--json")).json()["suplencias"]] == [
        "2026-12-01"
    ]
    assert _asesores(como)["luis"]["cubierto_por"] == []  # not today yet
    _ok(como("carla", "suplencia", "quitar", "1"))
    assert _ok(como("carla", "suplencia", "list", "--pasadas", "--json")).json()["suplencias"] == []


def test_suplencia_desde_hoy_por_omision_con_fechas_escritas(como: Como) -> None:
    res = _ok(como("carla", "suplencia", "add", "ana", "Luis Treviño", "--hasta", "+3"))
    assert res.out.endswith("del 2026-11-23 al 2026-11-26.\n")


SUPLENCIA_RECHAZOS = {
    "asesor-nombra": (
        "ana",
        ["suplencia", "add", "luis", "ana", "--hasta", "2026-11-30"],
        "Solo un coordinador puede nombrar un suplente.",
    ),
    "asesor-quita": ("ana", ["suplencia", "quitar", "1"], "Solo un coordinador puede quitar una suplencia."),
    "a-si-mismo": (
        "carla",
        ["suplencia", "add", "ana", "ana", "--hasta", "2026-11-30"],
        "El suplente debe ser otro asesor.",
    ),
    "fechas-al-reves": (
        "carla",
        ["suplencia", "add", "ana", "luis", "--desde", "2026-12-10", "--hasta", "2026-12-01"],
        "La fecha final de la suplencia es anterior a la inicial.",
    ),
    "fecha-ilegible": (
        "carla",
        ["suplencia", "add", "ana", "luis", "--hasta", "fin de mes"],
        "La fecha «fin de mes» no se entiende",
    ),
    "fecha-inexistente": (
        "carla",
        ["suplencia", "add", "ana", "luis", "--desde", "2026-02-30", "--hasta", "2026-03-05"],
        "La fecha «2026-02-30» no existe en el calendario.",
    ),
    "mas-de-un-anio": (
        "carla",
        ["suplencia", "add", "ana", "luis", "--desde", "2026-01-01", "--hasta", "2027-06-01"],
        "Una suplencia dura a lo más un año",
    ),
    "sin-hasta": ("carla", ["suplencia", "add", "ana", "luis"], "Falta la opción --hasta."),
    "suplente-desconocido": (
        "carla",
        ["suplencia", "add", "ana", "nadie", "--hasta", "+3"],
        "No existe el asesor «nadie»",
    ),
    "no-existe": ("carla", ["suplencia", "quitar", "99"], "No existe la suplencia 99."),
    "id-no-numero": ("carla", ["suplencia", "quitar", "abc"], "debe ser un número entero"),
}


@pytest.mark.parametrize("caso", SUPLENCIA_RECHAZOS)
def test_suplencia_rechazos(como: Como, db: Path, caso: str) -> None:
    login, argv, *fragmentos = SUPLENCIA_RECHAZOS[caso]
    _rechazo(como, db, login, argv, *fragmentos)


def test_suplencia_con_un_asesor_de_baja(como: Como, db: Path) -> None:
    _ok(como("carla", "asesor", "add", "tomas", "--nombre", "Tomás Ruiz"))
    _ok(como("carla", "asesor", "baja", "tomas"))
    _rechazo(
        como,
        db,
        "carla",
        ["suplencia", "add", "ana", "tomas", "--hasta", "+3"],
        "Tomás Ruiz (tomas) está dado de baja.",
    )


# ---------------------------------------------------------------- transfers


def test_la_transferencia_de_un_asesor_espera_a_la_coordinadora(como: Como) -> None:
    res = _ok(como("ana", "cliente", "transferir", "juan perez", "Luis", "--motivo", "Vive en Saltillo"))
    assert res.out == "Transferencia 1 pedida: Juan Pérez pasará a Luis Treviño cuando un coordinador la apruebe.\n"
    assert _transferencias(como, "ana") == [
        {
            "id": 1,
            "cliente_id": 1,
            "cliente": "Juan Pérez",
            "de": "Ana Torres",
            "a": "Luis Treviño",
            "motivo": "Vive en Saltillo",
            "estado": "solicitada",
            "solicitada_por": "Ana Torres",
            "solicitada_en": con_zona("2026-11-23T10:00:00"),
            "resuelta_por": None,
            "resuelta_en": None,
            "motivo_rechazo": None,
        }
    ]
    # Until approved, Juan is still Ana's.
    assert "Juan Pérez" in _mis_clientes(como, "ana")
    assert _mis_clientes(como, "luis") == ["María López"]
    # The coordinator's queue; the receiving advisor sees it too; Monterrey does not.
    assert [t["id"] for t in _transferencias(como, "carla", "--pendientes")] == [1]
    assert [t["id"] for t in _transferencias(como, "luis")] == [1]
    assert _transferencias(como, "marta") == []
    assert _ok(como("carla", "transferencia", "list", "--pendientes")).out == (
        "[1] 2026-11-23 Juan Pérez (id 1): de Ana Torres a Luis Treviño · solicitada · motivo: Vive en Saltillo\n"
    )


def test_la_coordinadora_aprueba(como: Como) -> None:
    tid = _pedir(como)
    res = _ok(como("carla", "transferencia", "aprobar", str(tid)))
    assert res.out == f"Transferencia {tid} aprobada: Juan Pérez ahora es cliente de Luis Treviño.\n"
    assert _mis_clientes(como, "luis") == ["Juan Pérez", "María López"]
    assert _mis_clientes(como, "ana") == ["Juan Peres"]
    [t] = _transferencias(como, "ana")
    assert (t["estado"], t["resuelta_por"], t["resuelta_en"]) == (
        "aprobada",
        "Carla Ríos",
        con_zona("2026-11-23T10:00:00"),
    )
    assert _transferencias(como, "carla", "--pendientes") == []
    assert _ok(como("carla", "transferencia", "list", "--pendientes")).out == "No hay transferencias pendientes.\n"
    historia = _ok(como("luis", "actividad", "list", JUAN, "--json")).json()["actividades"]
    assert historia[0]["detalle"] == f"de Ana Torres a Luis Treviño (transferencia {tid}): Vive en Saltillo"


def test_la_coordinadora_rechaza_con_motivo(como: Como) -> None:
    tid = _pedir(como)
    res = _ok(como("carla", "transferencia", "rechazar", str(tid), "--motivo", "El cliente prefiere seguir con Ana"))
    assert res.out == f"Transferencia {tid} rechazada.\n"
    [t] = _transferencias(como, "ana")
    assert (t["estado"], t["resuelta_por"], t["motivo_rechazo"]) == (
        "rechazada",
        "Carla Ríos",
        "El cliente prefiere seguir con Ana",
    )
    assert "Juan Pérez" in _mis_clientes(como, "ana")
    assert (
        _ok(como("ana", "transferencia", "list"))
        .out.rstrip("\n")
        .endswith("rechazada por Carla Ríos (El cliente prefiere seguir con Ana) · motivo: Vive en Saltillo")
    )
    # Ana may ask again once it is resolved.
    assert _pedir(como, motivo="Ahora sí se muda") == tid + 1


def test_la_coordinadora_deshace_su_aprobacion(como: Como) -> None:
    _ok(como("ana", "cliente", "transferir", "juan perez", "Luis", "--motivo", "Vive en Saltillo"))
    _ok(como("carla", "transferencia", "aprobar", "1"))
    assert "Juan Pérez" in _mis_clientes(como, "luis")
    assert_error(como("ana", "transferencia", "deshacer", "1"), "coordinador")
    res = _ok(como("carla", "transferencia", "deshacer", "1"))
    assert res.out == (
        "Aprobación de la transferencia 1 deshecha: Juan Pérez regresó con Ana Torres; la solicitud espera otra vez.\n"
    )
    assert "Juan Pérez" in _mis_clientes(como, "ana")
    assert [t["estado"] for t in _transferencias(como, "carla")] == ["solicitada"]
    assert_error(como("carla", "transferencia", "deshacer", "1"), "no está aprobada")


def test_la_transferencia_de_la_coordinadora_es_inmediata(como: Como) -> None:
    res = _ok(como("carla", "cliente", "transferir", MARIA, "ana", "--motivo", "Luis tiene demasiados"))
    assert res.out == "María López ahora es cliente de Ana Torres (transferencia 1).\n"
    assert _mis_clientes(como, "ana") == ["Juan Peres", "Juan Pérez", "María López"]
    [t] = _transferencias(como, "luis")
    assert (t["estado"], t["solicitada_por"], t["resuelta_por"]) == ("aprobada", "Carla Ríos", "Carla Ríos")
    assert _transferencias(como, "carla", "--pendientes") == []


def test_una_transferencia_a_otra_plaza_la_aprueba_quien_la_recibe(como: Como, db: Path) -> None:
    tid = _pedir(como, a="pepe", motivo="Se muda a Monterrey")
    _rechazo(
        como, db, "carla", ["transferencia", "aprobar", str(tid)],
        f"La transferencia {tid} es a la plaza Monterrey; la aprueba su coordinador (tú puedes rechazarla).",
    )  # fmt: skip
    assert [t["id"] for t in _transferencias(como, "marta", "--pendientes")] == [tid]
    _ok(como("marta", "transferencia", "aprobar", str(tid)))
    assert _mis_clientes(como, "pepe") == ["Juan Pérez", "Rosa Díaz"]
    assert _mis_clientes(como, "marta", "--asesor", "plaza") == ["Juan Pérez", "Rosa Díaz"]


TRANSFERENCIA_RECHAZOS = {
    "aprobar-asesor": (
        "ana",
        ["transferencia", "aprobar", "{t}"],
        "Solo un coordinador puede aprobar una transferencia.",
    ),
    "aprobar-destino": (
        "luis",
        ["transferencia", "aprobar", "{t}"],
        "Solo un coordinador puede aprobar una transferencia.",
    ),
    "rechazar-asesor": (
        "ana",
        ["transferencia", "rechazar", "{t}", "--motivo", "no"],
        "Solo un coordinador puede rechazar una transferencia.",
    ),
    "rechazar-sin-motivo": ("carla", ["transferencia", "rechazar", "{t}"], "Falta la opción --motivo."),
    "rechazar-motivo-vacio": (
        "carla",
        ["transferencia", "rechazar", "{t}", "--motivo", "   "],
        "Para rechazar la transferencia de un cliente indica el motivo; escríbelo con --motivo.",
    ),
    "aprobar-inexistente": ("carla", ["transferencia", "aprobar", "99"], "No existe la transferencia 99."),
    "aprobar-de-otra-plaza": ("marta", ["transferencia", "aprobar", "{t}"], "No existe la transferencia {t}."),
    "aprobar-no-numero": ("carla", ["transferencia", "aprobar", "uno"], "debe ser un número entero"),
    "pedir-otra-vez": (
        "ana",
        ["cliente", "transferir", JUAN, "luis", "--motivo", "Otra vez"],
        "Juan Pérez ya tiene la transferencia {t} esperando a un coordinador",
        "a3 transferencia aprobar {t}",
    ),
    "fusionar-con-transferencia-pendiente": (
        "carla",
        ["cliente", "fusionar", JUAN_DUPLICADO, JUAN, "--si"],
        "Juan Pérez tiene la transferencia {t} pendiente; resuélvela antes de fusionar.",
    ),
}


@pytest.mark.parametrize("caso", TRANSFERENCIA_RECHAZOS)
def test_transferencia_rechazos(como: Como, db: Path, caso: str) -> None:
    tid = str(_pedir(como))
    login, argv, *fragmentos = TRANSFERENCIA_RECHAZOS[caso]
    _rechazo(
        como, db, login, [a.replace("{t}", tid) for a in argv], *(f.replace("{t}", tid) for f in fragmentos)
    )  # fmt: skip


@pytest.mark.ambos_motores
def test_una_transferencia_resuelta_no_se_vuelve_a_resolver(como: Como, db: Path) -> None:
    tid = str(_pedir(como))
    _ok(como("carla", "transferencia", "aprobar", tid))
    _rechazo(como, db, "carla", ["transferencia", "aprobar", tid], f"La transferencia {tid} ya está aprobada.")
    _rechazo(
        como, db, "carla", ["transferencia", "rechazar", tid, "--motivo", "tarde"],
        f"La transferencia {tid} ya está aprobada.",
    )  # fmt: skip


TRANSFERIR_RECHAZOS = {
    "sin-motivo": ("ana", ["cliente", "transferir", JUAN, "luis"], "Falta la opción --motivo."),
    "motivo-vacio": (
        "ana",
        ["cliente", "transferir", JUAN, "luis", "--motivo", " "],
        "Para transferir un cliente indica el motivo; escríbelo con --motivo.",
    ),
    "a-quien-ya-lo-tiene": (
        "ana",
        ["cliente", "transferir", JUAN, "ana", "--motivo", "x"],
        "Juan Pérez ya es cliente de Ana Torres.",
    ),
    "cliente-ajeno": (
        "ana",
        ["cliente", "transferir", MARIA, "ana", "--motivo", "x"],
        "No existe el cliente con id 3.",
    ),
    "asesor-inexistente": (
        "ana",
        ["cliente", "transferir", JUAN, "nadie", "--motivo", "x"],
        "No existe el asesor «nadie»",
    ),
    "coordinadora-a-otra-plaza": (
        "carla",
        ["cliente", "transferir", JUAN, "pepe", "--motivo", "x"],
        "Pepe Salas es de la plaza Monterrey; solo transfieres dentro de General.",
    ),
    "cliente-de-otra-plaza": (
        "carla",
        ["cliente", "transferir", ROSA, "ana", "--motivo", "x"],
        "No existe el cliente con id 4.",
    ),
}


@pytest.mark.parametrize("caso", TRANSFERIR_RECHAZOS)
def test_transferir_rechazos(como: Como, db: Path, caso: str) -> None:
    login, argv, *fragmentos = TRANSFERIR_RECHAZOS[caso]
    _rechazo(como, db, login, argv, *fragmentos)


def test_transferir_a_un_asesor_de_baja(como: Como, db: Path) -> None:
    _ok(como("carla", "asesor", "add", "tomas", "--nombre", "Tomás Ruiz"))
    _ok(como("carla", "asesor", "baja", "tomas"))
    _rechazo(
        como, db, "ana", ["cliente", "transferir", JUAN, "tomas", "--motivo", "x"],
        "Tomás Ruiz (tomas) está dado de baja; elige otro asesor.",
    )  # fmt: skip


def test_el_suplente_no_pide_transferencias_de_los_clientes_que_cubre(como: Como, db: Path) -> None:
    _ok(como("carla", "suplencia", "add", "ana", "luis", "--hasta", "+5"))
    _rechazo(
        como, db, "luis", ["cliente", "transferir", JUAN, "luis", "--motivo", "Lo atiendo yo"],
        "Solo puedes pedir la transferencia de tus propios clientes.",
    )  # fmt: skip


# ---------------------------------------------------------------- duplicates and merges


@pytest.mark.ambos_motores
def test_duplicados_de_mi_cartera(como: Como) -> None:
    assert _ok(como("ana", "cliente", "duplicados", "--json")).json()["duplicados"] == [
        {
            "a": {"id": 1, "nombre": "Juan Pérez"},
            "b": {"id": 2, "nombre": "Juan Peres"},
            "puntaje": 100,
            "razon": "mismo teléfono 81 2345 6789",
        }
    ]
    assert _ok(como("ana", "cliente", "duplicados")).out == (
        "100%  1 Juan Pérez  ↔  2 Juan Peres  (mismo teléfono 81 2345 6789)\n"
        "Para unir dos: a3 cliente fusionar QUEDA OTRO (un coordinador).\n"
    )
    assert _ok(como("luis", "cliente", "duplicados")).out == "No encontré clientes duplicados.\n"


@pytest.mark.ambos_motores
def test_duplicados_de_la_plaza(como: Como) -> None:
    _ok(como("luis", "cliente", "add", "Maria Lopez", "-e", "maria@correo.com", "--forzar"))
    pares = _ok(como("carla", "cliente", "duplicados", "--asesor", "plaza", "--json")).json()["duplicados"]
    assert [(p["a"]["id"], p["b"]["id"], p["puntaje"]) for p in pares] == [(1, 2, 100), (3, 5, 100)]
    assert pares[1]["razon"] == "mismo nombre"
    # Monterrey's coordinator finds none of General's.
    assert _ok(como("marta", "cliente", "duplicados", "--asesor", "plaza", "--json")).json()["duplicados"] == []


def test_fusionar_sin_si_fuera_de_una_terminal_solo_muestra_el_plan(como: Como, db: Path) -> None:
    antes = volcado(db)
    res = como("carla", "cliente", "fusionar", JUAN, JUAN_DUPLICADO)
    assert res.code == 1
    assert res.out.splitlines() == [
        "Queda 1 Juan Pérez; se le une 2 Juan Peres.",
        "Pasan al que queda: 1 actividad; 1 nota.",
        "  Nombre: Juan Pérez / Juan Peres → queda Juan Pérez",
    ]
    assert res.err == "Error: Para fusionar sin preguntar usa --si.\n"
    assert volcado(db) == antes


def test_fusionar_en_una_terminal_pregunta_y_no_es_no(como: Como, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    antes = volcado(db)
    monkeypatch.setattr(sys, "stdin", Terminal("n\n"))
    res = _ok(como("carla", "cliente", "fusionar", JUAN, JUAN_DUPLICADO, "--tomar", "direccion"))
    assert res.out.endswith("¿Fusionar? [s/N] No se fusionó nada.\n")
    assert volcado(db) == antes
    monkeypatch.setattr(sys, "stdin", Terminal("s\n"))
    res = _ok(como("carla", "cliente", "fusionar", JUAN, JUAN_DUPLICADO))
    assert res.out.endswith("Listo: 2 se fusionó en 1 Juan Pérez; el id 2 ahora lleva a él.\n")


def test_fusionar_con_si(como: Como) -> None:
    res = _ok(como("carla", "cliente", "fusionar", JUAN, JUAN_DUPLICADO, "--si"))
    assert res.out.splitlines()[-1] == "Listo: 2 se fusionó en 1 Juan Pérez; el id 2 ahora lleva a él."
    ficha = _ok(como("ana", "cliente", "show", JUAN_DUPLICADO, "--json")).json()
    assert (ficha["id"], ficha["nombre"], ficha["direccion"]) == (1, "Juan Pérez", "Calle Encino 301")
    historia = _ok(como("ana", "actividad", "list", JUAN, "--json")).json()["actividades"]
    assert [a["tipo"] for a in historia] == ["sistema", "llamada"]
    assert historia[0]["detalle"] == "se le unió el cliente 2 Juan Peres (1 actividad; 1 nota)"
    assert [n["texto"] for n in _ok(como("ana", "nota", "list", JUAN, "--json")).json()["notas"]] == [
        "Prefiere casas de 2 plantas"
    ]
    assert _mis_clientes(como, "ana") == ["Juan Pérez"]
    assert _asesores(como)["ana"]["clientes"] == 1
    assert _ok(como("ana", "cliente", "duplicados")).out == "No encontré clientes duplicados.\n"


def test_fusionar_tomando_campos_del_otro(como: Como) -> None:
    res = _ok(como("carla", "cliente", "fusionar", JUAN, JUAN_DUPLICADO, "--tomar", "Nombre", "--si"))
    assert "  Nombre: Juan Pérez / Juan Peres → queda Juan Peres" in res.out.splitlines()
    assert _ok(como("ana", "cliente", "show", JUAN, "--json")).json()["nombre"] == "Juan Peres"


FUSION_RECHAZOS = {
    "asesor": (
        "ana",
        ["cliente", "fusionar", JUAN, JUAN_DUPLICADO, "--si"],
        "Solo un coordinador puede fusionar clientes.",
    ),
    "consigo-mismo": (
        "carla",
        ["cliente", "fusionar", JUAN, JUAN, "--si"],
        "No se puede fusionar un cliente consigo mismo.",
    ),
    "campo-no-tomable": (
        "carla",
        ["cliente", "fusionar", JUAN, JUAN_DUPLICADO, "--tomar", "telefono", "--si"],
        "No se puede tomar «telefono» del otro registro; se pueden tomar: nombre, email",
    ),
    "cliente-de-otra-plaza": ("carla", ["cliente", "fusionar", JUAN, ROSA, "--si"], "No existe el cliente con id 4."),
    "cliente-inexistente": ("carla", ["cliente", "fusionar", JUAN, "99", "--si"], "No existe el cliente con id 99."),
    "duplicados-plaza-asesor": (
        "ana",
        ["cliente", "duplicados", "--asesor", "plaza"],
        "Solo un coordinador puede ver los clientes de toda la plaza.",
    ),
}


@pytest.mark.parametrize("caso", FUSION_RECHAZOS)
def test_fusion_rechazos(como: Como, db: Path, caso: str) -> None:
    login, argv, *fragmentos = FUSION_RECHAZOS[caso]
    _rechazo(como, db, login, argv, *fragmentos)


# ---------------------------------------------------------------- a3 auditoria


def test_auditoria_de_un_cliente(como: Como) -> None:
    _ok(como("carla", "cliente", "transferir", JUAN, "luis", "--motivo", "Zona"))
    filas = _ok(como("carla", "auditoria", JUAN, "--json")).json()["registros"]
    assert filas[0] == {
        "id": filas[0]["id"],
        "fecha": con_zona("2026-11-23T10:00:00"),
        "asesor": "Carla Ríos",
        "accion": "transferencia",
        "entidad": "cliente",
        "entidad_id": 1,
        "cliente_id": 1,
        "cambios": {"asesor": ["ana", "luis"], "motivo": [None, "Zona"], "tareas": [None, 0]},
        "detalle": None,
    }
    assert {f["cliente_id"] for f in filas} == {1}
    assert filas[-1]["accion"] == "alta"
    assert filas[-1]["asesor"] == "Ana Torres"
    assert filas[-1]["cambios"]["nombre"] == [None, "Juan Pérez"]
    # The text form: newest first, with who.
    primera = _ok(como("carla", "auditoria", JUAN, "--limite", "1")).out
    assert (
        primera
        == "2026-11-23 10:00  Carla Ríos: transferencia de cliente 1: asesor ana → luis; motivo Zona; tareas 0\n"
    )


def test_auditoria_desde_y_limite(como: Como, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("A3_AHORA", "2026-11-25T09:30:00")
    _ok(como("ana", "cliente", "edit", JUAN, "--email", "juan@nuevo.com"))
    filas = _ok(como("ana", "auditoria", "--desde", "2026-11-24", "--json")).json()["registros"]
    assert [(f["fecha"], f["accion"], f["cambios"]) for f in filas] == [
        (con_zona("2026-11-25T09:30:00"), "cambio", {"email": ["juan.perez@correo.com", "juan@nuevo.com"]})
    ]
    assert _ok(como("ana", "auditoria", "--desde", "2026-11-26")).out == "No hay cambios registrados.\n"
    assert (
        _ok(como("ana", "auditoria", JUAN, "--desde", "mañana")).out == "No hay cambios registrados de ese cliente.\n"
    )
    assert len(_ok(como("carla", "auditoria", "--limite", "3", "--json")).json()["registros"]) == 3
    assert len(_ok(como("carla", "auditoria", "-n", "1")).out.splitlines()) == 1


def test_el_asesor_ve_la_auditoria_de_sus_clientes_y_sus_actos(como: Como) -> None:
    filas = _ok(como("ana", "auditoria", "--json")).json()["registros"]
    assert {f["cliente_id"] for f in filas} == {1, 2}
    assert {f["asesor"] for f in filas} == {"Ana Torres"}
    assert {f["cliente_id"] for f in _ok(como("luis", "auditoria", "--json")).json()["registros"]} == {3}


def test_la_coordinadora_ve_la_auditoria_de_su_plaza(como: Como) -> None:
    filas = _ok(como("carla", "auditoria", "--json")).json()["registros"]
    assert {f["cliente_id"] for f in filas if f["cliente_id"]} >= {1, 2, 3}
    assert {"asesor", "cliente", "actividad", "nota"} <= {f["entidad"] for f in filas}


AUDITORIA_RECHAZOS = {
    "fecha-ilegible": ("carla", ["auditoria", "--desde", "ayer-mal"], "La fecha «ayer-mal» no se entiende"),
    "fecha-inexistente": (
        "carla",
        ["auditoria", "--desde", "2026-13-01"],
        "La fecha «2026-13-01» no existe en el calendario.",
    ),
    "limite-cero": ("carla", ["auditoria", "--limite", "0"], "--limite debe estar entre 1 y 10,000."),
    "limite-no-numero": ("carla", ["auditoria", "--limite", "muchos"], "--limite"),
    "cliente-inexistente": ("carla", ["auditoria", "99"], "No existe el cliente con id 99."),
    "cliente-ajeno": ("ana", ["auditoria", MARIA], "No existe el cliente con id 3."),
    "cliente-de-otra-plaza": ("carla", ["auditoria", ROSA], "No existe el cliente con id 4."),
}


@pytest.mark.parametrize("caso", AUDITORIA_RECHAZOS)
def test_auditoria_rechazos(como: Como, db: Path, caso: str) -> None:
    login, argv, *fragmentos = AUDITORIA_RECHAZOS[caso]
    _rechazo(como, db, login, argv, *fragmentos)


# ---------------------------------------------------------------- a3 equipo


def test_equipo_json(como: Como) -> None:
    assert _ok(como("carla", "equipo", "--json")).json() == {
        "plaza": "General",
        "total": 3,
        "asesores": [
            {
                "login": "ana",
                "nombre": "Ana Torres",
                "clientes": 2,
                "actividades_semana": 1,
                "actividades_mes": 1,
                "vencidos": 1,
                "frios": 1,
                "apartados_mes": 0,
                "cubierto_por": [],
                "respuesta_mes": {"valor": None, "unidad": "horas", "respondidos": 0, "sin_responder": 0},
            },
            {
                "login": "carla",
                "nombre": "Carla Ríos",
                "clientes": 0,
                "actividades_semana": 0,
                "actividades_mes": 0,
                "vencidos": 0,
                "frios": 0,
                "apartados_mes": 0,
                "cubierto_por": [],
                "respuesta_mes": {"valor": None, "unidad": "horas", "respondidos": 0, "sin_responder": 0},
            },
            {
                "login": "luis",
                "nombre": "Luis Treviño",
                "clientes": 1,
                "actividades_semana": 0,
                "actividades_mes": 0,
                "vencidos": 0,
                "frios": 0,
                "apartados_mes": 0,
                "cubierto_por": [],
                "respuesta_mes": {"valor": None, "unidad": "horas", "respondidos": 0, "sin_responder": 0},
            },
        ],
        "etapas": {"prospecto": 3, "apartado": 0, "escriturado": 0, "entregado": 0, "cancelado": 0},
        "cancelaciones": [],
        "estancados": 1,
        "dias_estancado": 30,
    }


def test_equipo_con_cancelaciones_suplencia_y_otros_dias(como: Como) -> None:
    _ok(como("luis", "cliente", "etapa", MARIA, "cancelado", "--motivo", "Compró con otra desarrolladora"))
    _ok(como("carla", "suplencia", "add", "luis", "ana", "--hasta", "+2"))
    doc = _ok(como("carla", "equipo", "--json", "--dias-frio", "60", "--estancado", "60")).json()
    assert doc["etapas"] == {"prospecto": 2, "apartado": 0, "escriturado": 0, "entregado": 0, "cancelado": 1}
    assert doc["cancelaciones"] == [{"motivo": "Compró con otra desarrolladora", "clientes": 1}]
    assert (doc["estancados"], doc["dias_estancado"]) == (0, 60)
    filas = {a["login"]: a for a in doc["asesores"]}
    assert filas["ana"]["frios"] == 0  # Juan's first contact is 53 days old
    assert filas["luis"]["cubierto_por"] == ["ana"]


def test_equipo_en_tabla(como: Como) -> None:
    _ok(como("luis", "cliente", "etapa", MARIA, "cancelado", "--motivo", "Sin crédito"))
    lineas = _ok(como("carla", "equipo")).out.splitlines()
    assert lineas[0].strip() == "Plaza General"
    assert lineas[1].split() == [
        "Asesor",
        "Clientes",
        "Act.",
        "semana",
        "Act.",
        "mes",
        "Vencidos",
        "Fríos",
        "Apartados",
        "mes",
        "Respuesta",
    ]
    assert lineas[2].split() == ["Ana", "Torres", "2", "1", "1", "1", "1", "0", "—"]
    assert lineas[4].split() == ["Luis", "Treviño", "1", "0", "0", "0", "0", "0", "—"]
    assert lineas[5].startswith("Respuesta: mediana de este mes, del mensaje del cliente a lo primero que se le envió")
    assert lineas[7:] == [
        "Embudo: prospecto 2 · apartado 0 · escriturado 0 · entregado 0 · cancelado 1",
        "Prospectos con más de 30 días sin apartar: 1",
        "Por qué cancelan:",
        "     1  Sin crédito",
    ]


@pytest.mark.ambos_motores
def test_equipo_dice_cuanto_tarda_en_responder_cada_asesor(como: Como) -> None:
    """Issue 28 point 5: this month's response time to each advisor's clients who wrote,
    and who still waits for an answer."""
    _ok(como("luis", "actividad", "mensaje", MARIA, "--entrante", "--contenido", "¿Precio?", "--fecha", "hoy 08:00"))
    _ok(como("luis", "actividad", "llamada", MARIA, "-r", "no-contestó", "--fecha", "hoy 09:30"))
    _ok(como("luis", "actividad", "email", MARIA, "--entrante", "--asunto", "¿Y el enganche?", "--fecha", "hoy 09:45"))
    filas = {a["login"]: a for a in _ok(como("carla", "equipo", "--json")).json()["asesores"]}
    assert filas["luis"]["respuesta_mes"] == {"valor": 1.5, "unidad": "horas", "respondidos": 1, "sin_responder": 1}
    assert filas["ana"]["respuesta_mes"]["valor"] is None
    tabla = _ok(como("carla", "equipo")).out
    [luis] = [linea for linea in tabla.splitlines() if linea.startswith("Luis")]
    assert luis.split()[-2:] == ["1.5", "h"]
    assert "Clientes que escribieron y esperan respuesta: Luis Treviño 1." in tabla


def test_equipo_de_otra_plaza(como: Como) -> None:
    doc = _ok(como("marta", "equipo", "--json")).json()
    assert doc["plaza"] == "Monterrey"
    assert [(a["login"], a["clientes"]) for a in doc["asesores"]] == [("marta", 0), ("pepe", 1)]
    assert doc["etapas"]["prospecto"] == 1


EQUIPO_RECHAZOS = {
    "asesor": ("ana", ["equipo"], "Solo un coordinador puede ver el trabajo del equipo."),
    "asesor-json": ("luis", ["equipo", "--json"], "Solo un coordinador puede ver el trabajo del equipo."),
    "dias-frio-cero": ("carla", ["equipo", "--dias-frio", "0"], "--dias-frio debe estar entre 1 y 36,500."),
    "estancado-cero": ("carla", ["equipo", "--estancado", "0"], "Los días deben estar entre 1 y 36,500."),
    "estancado-enorme": ("carla", ["equipo", "--estancado", "40000"], "Los días deben estar entre 1 y 36,500."),
}


@pytest.mark.parametrize("caso", EQUIPO_RECHAZOS)
def test_equipo_rechazos(como: Como, db: Path, caso: str) -> None:
    login, argv, *fragmentos = EQUIPO_RECHAZOS[caso]
    _rechazo(como, db, login, argv, *fragmentos)


# ---------------------------------------------------------------- another advisor's lists


def test_la_coordinadora_lista_los_clientes_de_un_asesor_y_de_la_plaza(como: Como) -> None:
    doc = _ok(como("carla", "cliente", "list", "--asesor", "luis", "--json")).json()
    assert doc["total"] == 1
    assert [(c["id"], c["nombre"], c["temperatura"]) for c in doc["clientes"]] == [(3, "María López", "caliente")]
    assert "asesor" not in doc["clientes"][0]  # one advisor's list needs no advisor column
    assert _ok(como("carla", "cliente", "list", "--asesor", "Luis Treviño")).out.splitlines()[0] == (
        "Clientes de Luis Treviño:"
    )
    plaza = _ok(como("carla", "cliente", "list", "--asesor", "plaza", "--json")).json()
    assert [(c["nombre"], c["asesor"]) for c in plaza["clientes"]] == [
        ("Juan Peres", "Ana Torres"),
        ("Juan Pérez", "Ana Torres"),
        ("María López", "Luis Treviño"),
    ]
    assert _mis_clientes(como, "ana", "--asesor", "ana") == ["Juan Peres", "Juan Pérez"]


def test_la_coordinadora_ve_la_agenda_de_un_asesor(como: Como) -> None:
    doc = _ok(como("carla", "hoy", "--asesor", "ana", "--json")).json()
    assert doc["fecha"] == "2026-11-23"
    assert [c["nombre"] for c in doc["contactos_vencidos"]] == ["Juan Pérez"]
    assert doc["totales"]["contactos_vencidos"] == 1
    assert _ok(como("carla", "hoy", "--asesor", "ana")).out.splitlines()[0] == "Agenda de Ana Torres · lunes 2026-11-23"
    assert _ok(como("carla", "hoy", "--asesor", "luis", "--json")).json()["totales"]["contactos_vencidos"] == 0
    assert _ok(como("carla", "hoy", "--json")).json()["totales"]["contactos_vencidos"] == 0  # her own: none
    assert _ok(como("carla", "hoy", "--asesor", "plaza", "--json")).json()["totales"]["contactos_vencidos"] == 1


LISTAS_RECHAZOS = {
    "asesor-lista-a-otro": (
        "ana",
        ["cliente", "list", "--asesor", "luis"],
        "Solo un coordinador (o su suplente) puede ver los clientes de otro asesor.",
    ),
    "asesor-agenda-de-otro": (
        "ana",
        ["hoy", "--asesor", "luis"],
        "Solo un coordinador (o su suplente) puede ver los clientes de otro asesor.",
    ),
    "asesor-lista-la-plaza": (
        "luis",
        ["cliente", "list", "--asesor", "plaza"],
        "Solo un coordinador puede ver los clientes de toda la plaza.",
    ),
    "asesor-agenda-de-la-plaza": (
        "luis",
        ["hoy", "--asesor", "plaza"],
        "Solo un coordinador puede ver los clientes de toda la plaza.",
    ),
    "coordinadora-otra-plaza": (
        "carla",
        ["cliente", "list", "--asesor", "pepe"],
        "Pepe Salas es de la plaza Monterrey; solo ves la plaza General.",
    ),
    "coordinadora-agenda-otra-plaza": (
        "carla",
        ["hoy", "--asesor", "pepe", "--json"],
        "Pepe Salas es de la plaza Monterrey; solo ves la plaza General.",
    ),
    "asesor-inexistente": ("carla", ["hoy", "--asesor", "nadie"], "No existe el asesor «nadie»"),
    "asesor-ambiguo": ("carla", ["cliente", "list", "--asesor", "a"], "coincide con varios asesores"),
}


@pytest.mark.parametrize("caso", LISTAS_RECHAZOS)
def test_listas_de_otro_asesor_rechazos(como: Como, db: Path, caso: str) -> None:
    login, argv, *fragmentos = LISTAS_RECHAZOS[caso]
    _rechazo(como, db, login, argv, *fragmentos)


# ---------------------------------------------------------------- defects


@pytest.mark.ambos_motores
def test_la_coordinadora_no_ve_en_la_auditoria_los_clientes_de_otra_plaza(como: Como) -> None:
    filas = _ok(como("carla", "auditoria", "--json", "--limite", "10000")).json()["registros"]
    assert int(ROSA) not in {f["cliente_id"] for f in filas}
    assert "Rosa Díaz" not in _ok(como("carla", "auditoria", "--limite", "10000")).out


def test_repetir_una_fusion_dice_que_ya_se_fusiono(como: Como, db: Path) -> None:
    _ok(como("carla", "cliente", "fusionar", JUAN, JUAN_DUPLICADO, "--si"))
    _rechazo(como, db, "carla", ["cliente", "fusionar", JUAN, JUAN_DUPLICADO, "--si"], "ya se fusionó")


def test_el_asesor_que_no_existe_sugiere_sin_doble_puntuacion(como: Como, db: Path) -> None:
    antes = volcado(db)
    res = como("carla", "cliente", "transferir", JUAN, "luiz", "--motivo", "x")
    assert_error(res, "No existe el asesor «luiz»; ¿quisiste decir luis")
    assert volcado(db) == antes
    assert res.err.rstrip("\n").endswith("¿quisiste decir luis?")


def test_aprobar_una_solicitud_antigua_en_una_plaza_con_muchas_transferencias(
    como: Como, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    from a3tui import services
    from a3tui.services import asesores, clientes, transferencias
    from a3tui.store import open_store

    tid = _pedir(como)
    store = open_store(str(db))
    try:
        with store.session() as session:
            carla = services.contexto(session, "carla", datetime(2026, 11, 23, 12, 0))
            maria = clientes.get(carla, int(MARIA))
            ana, luis = asesores.get(session, "ana"), asesores.get(session, "luis")
            for i in range(200):
                transferencias.transferir(carla, maria, ana if i % 2 == 0 else luis, "Reparto de la semana")
    finally:
        store.dispose()
    monkeypatch.setenv("A3_AHORA", "2026-11-24T09:00:00")
    res = _ok(como("carla", "transferencia", "aprobar", str(tid)))
    assert res.out == f"Transferencia {tid} aprobada: Juan Pérez ahora es cliente de Luis Treviño.\n"
    assert "Juan Pérez" in _mis_clientes(como, "luis")
