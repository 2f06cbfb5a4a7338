"""Backups and restores that can be trusted: each restore keeps its own safety copy, no
write is lost to a restore running beside it, two restores at once don't break the
database, and a backup never touches a file that is not its own."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from apoyo.bases import integridad, modo, nombres, revision_de
from apoyo.proceso import Resultado, assert_error, o_saltar

from . import escenarios

A3 = Callable[..., Resultado]


def _copias(db: Path) -> list[Path]:
    return sorted(db.parent.glob(f"{db.name}.antes-de-restaurar-*.bak"))


def test_dos_restauraciones_en_el_mismo_segundo_guardan_dos_copias(a3: A3, tres: Path, tmp_path: Path) -> None:
    respaldo = tmp_path / "respaldo.db"
    assert a3("db", "backup", respaldo).code == 0
    assert a3("cliente", "add", "Beto Ruiz").code == 0
    assert a3("db", "restore", respaldo).code == 0
    assert a3("cliente", "add", "Carla Díaz").code == 0
    assert a3("db", "restore", respaldo).code == 0  # A3_AHORA: the same second
    copias = _copias(tres)
    assert len(copias) == 2, [c.name for c in copias]
    contenidos = [nombres(c) for c in copias]
    assert any("Beto Ruiz" in n and "Carla Díaz" not in n for n in contenidos), contenidos
    assert any("Carla Díaz" in n and "Beto Ruiz" not in n for n in contenidos), contenidos
    for copia in copias:
        assert modo(copia) == 0o600
        assert integridad(copia) == "ok"


def test_restauraciones_seguidas_cuentan_una_copia_cada_una(a3: A3, tres: Path, tmp_path: Path) -> None:
    respaldo = tmp_path / "respaldo.db"
    assert a3("db", "backup", respaldo).code == 0
    for _ in range(4):
        assert a3("db", "restore", respaldo).code == 0
    assert len(_copias(tres)) == 4


def test_escritores_durante_restauraciones_no_pierden_altas(tmp_path: Path, exe: str) -> None:
    cifra = o_saltar(escenarios.restaurar_con_escritores, tmp_path, 3, 2)
    assert cifra.ok, cifra.informe()


def test_dos_restauraciones_a_la_vez_no_rompen_la_base(tmp_path: Path, exe: str) -> None:
    cifra = o_saltar(escenarios.restauraciones_concurrentes, tmp_path, 3)
    assert cifra.ok, cifra.informe()


# ---------------------------------------------------------------- backup's own files


def _huella(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), modo(path)


def test_respaldo_no_toca_un_tmp_ajeno(a3: A3, tres: Path, tmp_path: Path) -> None:
    destino = tmp_path / "copia.db"
    ajeno = tmp_path / "copia.db.tmp"
    ajeno.write_text("borrador de la tesis\n", encoding="utf-8")
    os.chmod(ajeno, 0o644)
    antes = _huella(ajeno)
    res = a3("db", "backup", destino)
    assert ajeno.exists(), "a3 borró un archivo .tmp que no era suyo"
    assert _huella(ajeno) == antes
    if res.code == 0:
        assert revision_de(destino) is not None
        assert integridad(destino) == "ok"
    else:
        assert_error(res)


def test_restaurar_no_toca_un_tmp_ajeno_junto_a_la_base(a3: A3, tres: Path, tmp_path: Path) -> None:
    """The safety copy is a backup too: a `.tmp` beside it that a3 did not make stays."""
    respaldo = tmp_path / "respaldo.db"
    assert a3("db", "backup", respaldo).code == 0
    ajenos = [tmp_path / "a3.db.tmp"] + [
        tmp_path / f"{c.name}.tmp" for c in [tmp_path / "a3.db.antes-de-restaurar-20261123-100000.bak"]
    ]
    for ajeno in ajenos:
        ajeno.write_text("no es de a3\n", encoding="utf-8")
        os.chmod(ajeno, 0o644)
    antes = [_huella(a) for a in ajenos]
    res = a3("db", "restore", respaldo)
    assert [a.name for a in ajenos if not a.exists()] == [], "a3 borró archivos .tmp que no eran suyos"
    assert [_huella(a) for a in ajenos] == antes
    if res.code != 0:
        assert_error(res)


def test_respaldo_no_sobrescribe_una_copia_de_restauracion(a3: A3, tres: Path, tmp_path: Path) -> None:
    """A backup file named like the safety copy a restore will take: the restore keeps it."""
    respaldo = tmp_path / "a3.db.antes-de-restaurar-20261123-100000.bak"
    assert a3("db", "backup", respaldo).code == 0
    assert a3("cliente", "add", "Beto Ruiz").code == 0  # the database now differs from the backup
    antes = _huella(respaldo)
    res = a3("db", "restore", respaldo)
    if res.code != 0:
        assert_error(res)
    assert _huella(respaldo) == antes
