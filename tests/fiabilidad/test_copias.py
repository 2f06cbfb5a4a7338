"""Every copy a3 makes (a backup, the safety copy before a restore or an upgrade) gets its
name only once it is whole and checked; a copy cut short, as older versions could leave
one, is never recommended and is refused for what it is."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from apoyo.proceso import Resultado, assert_error, o_saltar

from . import escenarios

A3 = Callable[..., Resultado]

# SQLite's online backup, one page per step, killed after some pages: the copy older
# versions of a3 left when killed mid-copy (a file with part of the pages and the -journal
# of the unfinished transaction beside it).
_COPIA_CORTADA = r"""
import os, sqlite3, sys
fuente, destino, paginas = sys.argv[1], sys.argv[2], int(sys.argv[3])
src = sqlite3.connect(fuente)
dst = sqlite3.connect(destino)
dst.execute("PRAGMA cache_size = 5")  # pages reach the file as they are copied
def progreso(estado, faltan, total):
    if total - faltan >= paginas:
        os._exit(9)
src.backup(dst, pages=1, progress=progreso)
"""


def _copia_cortada(fuente: Path, destino: Path, paginas: int = 40) -> None:
    subprocess.run([sys.executable, "-c", _COPIA_CORTADA, str(fuente), str(destino), str(paginas)], check=False)
    assert destino.exists()
    assert Path(f"{destino}-journal").exists()


def _danar(db: Path) -> None:
    datos = db.read_bytes()
    db.write_bytes(datos[: len(datos) * 99 // 100])  # shorter than its header says


def test_copia_cortada_no_se_restaura_ni_se_recomienda(a3: A3, grande: Path, tmp_path: Path) -> None:
    buena = tmp_path / "respaldos" / "buena.db"
    buena.parent.mkdir()
    assert a3("db", "backup", buena).code == 0
    cortada = grande.with_name(f"{grande.name}.antes-de-restaurar-20261124-090000.bak")
    _copia_cortada(grande, cortada)
    ahora = time.time()
    os.utime(buena, (ahora - 3600, ahora - 3600))  # the cut copy is the newest file

    assert_error(a3("db", "restore", cortada), "incompleto")

    _danar(grande)
    res = a3("cliente", "list")
    assert_error(res, "dañada", str(buena))
    assert cortada.name not in res.err


def test_kill9_durante_las_copias_no_deja_respaldos_falsos(tmp_path: Path, exe: str) -> None:
    cifra = o_saltar(escenarios.kill_copias, tmp_path, 6)
    assert cifra.ok, cifra.informe()


def test_respaldo_con_el_nombre_mas_largo_que_el_disco_acepta_se_guarda(a3: A3, tres: Path, tmp_path: Path) -> None:
    """255 bytes is a valid name: the temporary file a3 writes first must not be what fails."""
    destino = tmp_path / ("r" * 252 + ".db")
    res = a3("db", "backup", destino)
    assert res.code == 0, res
    assert destino.is_file()


def test_la_copia_siguiente_quita_lo_que_dejo_una_copia_matada_con_otro_nombre(
    a3: A3, tres: Path, tmp_path: Path
) -> None:
    """A backup killed after linking its name leaves the same copy under its «incompleta»
    name; the next backup, into another name of the folder, removes it (seen in the long
    reliability run: the leftover stayed)."""
    respaldos = tmp_path / "respaldos"
    respaldos.mkdir()
    assert a3("db", "backup", respaldos / "copia.db").code == 0
    resto = respaldos / ".copia.db.incompleta-1lzuk76k"
    os.link(respaldos / "copia.db", resto)
    hace_un_minuto = time.time() - 60
    os.utime(resto, (hace_un_minuto, hace_un_minuto))

    assert a3("db", "backup", respaldos / "otra.db").code == 0
    assert sorted(p.name for p in respaldos.iterdir()) == ["copia.db", "otra.db"]
