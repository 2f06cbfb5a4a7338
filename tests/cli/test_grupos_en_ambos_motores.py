"""Every command group of `a3`, once on each engine: a short round of what an advisor or a
coordinator types, through the real command, on a SQLite file and on PostgreSQL.

Most command-line tests run on SQLite only (what they check does not depend on the
engine); this module keeps one round per group on PostgreSQL too, and fails when a new
group is added to the CLI without one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from a3tui.cli.root import COMANDOS
from apoyo.proceso import Resultado

A3 = Callable[..., Resultado]
DATOS = Path(__file__).resolve().parents[1] / "datos"


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, (res.out, res.err)
    return res


def _cliente(a3: A3) -> None:
    _ok(
        a3(
            "cliente",
            "add",
            "Juan Pérez",
            "--telefono",
            "81 2345 6789",
            "--email",
            "juan@correo.com",
            "--primer-contacto",
            "2026-10-01",
        )
    )
    assert "Juan Pérez" in _ok(a3("cliente", "list", "--buscar", "perez")).out
    _ok(a3("cliente", "temperatura", "1", "caliente"))
    assert "caliente" in _ok(a3("cliente", "show", "perez")).out


def _propiedad(a3: A3) -> None:
    _ok(
        a3(
            "propiedad",
            "add",
            "CUM-A-12",
            "--desarrollo",
            "Cumbres Elite",
            "--modelo",
            "Roble",
            "--precio",
            "1,250,000",
        )
    )


# For each top-level command: what to type, in order (a round starts on a database with
# client 1 «Juan Pérez» of «ana», the test office of «carla», «ana» and «luis»; a command
# that starts with «carla:» is typed by the coordinator), and a word the last command's
# output must hold.
RONDAS: dict[str, tuple[list[list[str]], str]] = {
    "cliente": ([["cliente", "edit", "1", "--direccion", "Av. Juárez 10"], ["cliente", "show", "1"]], "Juárez"),
    "actividad": (
        [["actividad", "llamada", "perez", "--resultado", "no-contesto"], ["cliente", "show", "1"]],
        "contestó",
    ),
    "nota": ([["nota", "add", "1", "Solo puede pagar $10,000 de enganche"], ["nota", "list", "1"]], "enganche"),
    "tarea": (
        [
            ["tarea", "add", "Confirmar cita", "--vence", "viernes", "--cliente", "1"],
            ["tarea", "posponer", "1"],  # the day after it falls due
            ["tarea", "list"],
        ],
        "Confirmar cita",
    ),
    "propiedad": ([["propiedad", "list", "--buscar", "cumbres"]], "CUM-A-12"),
    "apartado": (
        [["apartado", "crear", "perez", "--propiedad", "CUM-A-12", "--monto", "25,000"], ["apartado", "list"]],
        "CUM-A-12",
    ),
    "documento": (
        [["documento", "add", "perez", "{tmp}/documento.pdf", "--tipo", "ine"], ["documento", "list", "1"]],
        "documento.pdf",
    ),
    "hoy": ([["tarea", "add", "Llamar a Juan", "--vence", "hoy", "--cliente", "1"], ["hoy"]], "Llamar a Juan"),
    "siguiente": ([["siguiente"]], "Juan Pérez"),
    "recordatorios": ([["recordatorios", "--contar"]], "0"),
    "asesor": ([["carla:", "asesor", "add", "marta", "--nombre", "Marta Ruiz"], ["asesor", "list"]], "Marta Ruiz"),
    "suplencia": (
        [
            ["carla:", "suplencia", "add", "ana", "luis", "--desde", "2026-12-01", "--hasta", "2026-12-15"],
            ["carla:", "suplencia", "list"],
        ],
        "2026-12-15",
    ),
    "transferencia": (
        [["cliente", "transferir", "perez", "luis", "--motivo", "Vive en su zona"], ["transferencia", "list"]],
        "Vive en su zona",
    ),
    "auditoria": ([["auditoria", "perez"]], "Juan Pérez"),
    "equipo": ([["carla:", "equipo"]], "Ana"),
    "reporte": ([["reporte", "clientes"]], "prospecto"),
    "metricas": ([["metricas", "--json"]], "{"),
    "importar": ([["importar", "vcard", "{tmp}/agenda.vcf"]], "Agregad"),
    "exportar": ([["exportar", "vcard", "--salida", "{tmp}/contactos.vcf"]], ""),
    "ajuste": ([["carla:", "ajuste", "cadencia", "prospecto/caliente", "2"], ["ajuste", "cadencia"]], "prospecto"),
    "caso": (
        [
            ["carla:", "ajuste", "sla", "garantia", "4"],
            ["caso", "abrir", "perez", "--tipo", "garantia", "--descripcion", "Falla el calentador"],
            ["caso", "nota", "C-2026-0001", "El técnico va el jueves"],
            ["caso", "resolver", "C-2026-0001", "--resolucion", "Se cambió el calentador"],
            ["caso", "cerrar", "C-2026-0001"],
            ["caso", "list", "--todos"],
        ],
        "cerrado",
    ),
    "db": ([["db", "path"]], ""),
    "demo": ([["--db", "{tmp}/demo.db", "demo", "--clientes", "20"]], ""),
}


def test_cada_grupo_de_la_linea_de_comandos_tiene_su_ronda() -> None:
    assert sorted(RONDAS) == sorted(COMANDOS)


@pytest.mark.ambos_motores
@pytest.mark.parametrize("grupo", sorted(RONDAS))
def test_la_ronda_del_grupo_funciona_en_cada_motor(
    a3: A3, grupo: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # «carla» created the database, so she coordinates it and added «ana» and «luis».
    # The sample files are copied: a3 writes reports beside what it imports.
    shutil.copyfile(DATOS / "intercambio" / "agenda.vcf", tmp_path / "agenda.vcf")
    shutil.copyfile(DATOS / "documento.pdf", tmp_path / "documento.pdf")
    monkeypatch.setenv("A3_ASESOR", "carla")
    _ok(a3("asesor", "add", "ana", "--nombre", "Ana"))
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis"))
    monkeypatch.setenv("A3_ASESOR", "ana")
    _cliente(a3)
    _propiedad(a3)
    ordenes, palabra = RONDAS[grupo]
    res = None
    for orden in ordenes:
        quien = "carla" if orden[0] == "carla:" else "ana"
        monkeypatch.setenv("A3_ASESOR", quien)
        argv = orden[1:] if quien == "carla" else orden
        res = _ok(a3(*(parte.replace("{tmp}", str(tmp_path)) for parte in argv)))
    assert res is not None
    assert palabra in res.out, res.out
