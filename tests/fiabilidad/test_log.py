"""The error log: where a bug's details go. It is private (0600 in a 0700 folder, whatever
the umask), it holds no client data typed on the command line, and it does not grow
without bound."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from apoyo.bases import modo
from apoyo.proceso import Resultado, a3, en_proceso, entorno, proceso

NOMBRE = "Zacarías Secreto"
NOTA = "Debe cuarenta mil al banco"
OTRA_NOTA = "Diagnóstico confidencial"


def _sin_tabla_de_notas(db: Path) -> None:
    """Lose the note table, as tests/cli/test_proceso.py loses the client table: writing a
    note is then an unexpected error whose SQL statement (and the parameters SQLAlchemy
    reports with it) carries the note the user typed."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute("DROP TABLE nota")
    con.commit()
    con.close()


def _log(base: Path) -> Path:
    return base / "state" / "a3" / "log" / "a3.log"


def _error_inesperado(res: Resultado, log: Path) -> None:
    """Exit 1, one line on stderr naming the log, nothing on stdout, no traceback."""
    assert res.code == 1, res
    assert res.out == "", res
    (linea,) = res.err.splitlines()
    assert linea.startswith("Error: "), linea
    assert "Traceback" not in res.err
    assert str(log) in linea, (str(log), linea)


def test_log_es_privado_aun_con_umask_000(tmp_path: Path, tres: Path, exe: str) -> None:
    _sin_tabla_de_notas(tres)
    res = proceso(
        [exe, "--db", str(tres), "cliente", "add", NOMBRE, "--telefono", "8187654000", "--nota", NOTA],
        entorno(tmp_path),
        umask=0,
    )
    log = _log(tmp_path)
    _error_inesperado(res, log)
    assert modo(log) == 0o600, oct(modo(log))
    assert modo(log.parent) == 0o700, oct(modo(log.parent))


def test_log_no_guarda_lo_que_el_usuario_escribio(tmp_path: Path, tres: Path, exe: str) -> None:
    _sin_tabla_de_notas(tres)
    log = _log(tmp_path)
    res = a3(tmp_path, "--db", tres, "cliente", "add", NOMBRE, "--telefono", "8187654000", "--nota", NOTA)
    _error_inesperado(res, log)
    res = a3(tmp_path, "--db", tres, "nota", "add", "1", OTRA_NOTA)
    _error_inesperado(res, log)
    texto = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" in texto  # the details are there…
    for dato in ("Zacarías", "Secreto", "Zacar", NOTA, "cuarenta mil", OTRA_NOTA, "confidencial", "8187654000"):
        assert dato not in texto, dato  # …but not the client's data


def test_log_se_rota_al_pasar_de_un_mega(tres: Path) -> None:
    """Earlier errors left the log near 1 MB; more errors rotate it instead of growing it."""
    _sin_tabla_de_notas(tres)
    log = Path(os.environ["XDG_STATE_HOME"]) / "a3" / "log" / "a3.log"
    res = en_proceso("nota", "add", "1", "Primera")
    assert res.code == 1, res
    assert str(log) in res.err, res
    entrada = log.read_bytes()
    assert entrada
    with open(log, "ab") as archivo:
        while archivo.tell() < 1_040_000:
            archivo.write(entrada)
    for _ in range(400):
        res = en_proceso("nota", "add", "1", "Otra")
        assert res.code == 1, res
        if sum(p.stat().st_size for p in log.parent.iterdir()) > 1_300_000:
            break
    archivos = sorted(log.parent.iterdir())
    assert len(archivos) <= 6, [p.name for p in archivos]
    for archivo in archivos:
        assert archivo.stat().st_size <= 1_100_000, (archivo.name, archivo.stat().st_size)
        assert modo(archivo) == 0o600, (archivo.name, oct(modo(archivo)))
    assert log.exists(), log.stat().st_size
    assert log.stat().st_size < 1_000_000, log.stat().st_size
