"""The files a3 writes besides the database (a3tui.archivos): the one atomic writer every
file goes through, and the error log. The rules for an output path (FIFOs, devices,
links) are in test_store_salidas.py."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

import pytest

from a3tui import archivos
from a3tui import store as store_module
from a3tui.errors import ArchivoInvalido


def _modo(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def carpeta(tmp_path: Path) -> Path:
    """An empty folder of the test's own (tmp_path also holds the test's home)."""
    salidas = tmp_path / "salidas"
    salidas.mkdir()
    return salidas


# ---------------------------------------------------------------- the atomic writer


def test_escritura_atomica_pone_el_archivo_entero_y_solo_del_dueno(carpeta: Path) -> None:
    anterior = os.umask(0)
    try:
        with archivos.escritura_atomica(carpeta / "a.csv") as tmp:
            assert tmp.ruta.parent == carpeta
            assert tmp.ruta.name.startswith(".a.csv.")
            assert not (carpeta / "a.csv").exists()
            tmp.archivo.write(b"hola")
    finally:
        os.umask(anterior)
    assert (carpeta / "a.csv").read_bytes() == b"hola"
    assert _modo(carpeta / "a.csv") == 0o600
    assert [p.name for p in carpeta.iterdir()] == ["a.csv"]


def test_un_error_a_media_escritura_no_deja_nada(carpeta: Path) -> None:
    with pytest.raises(RuntimeError), archivos.escritura_atomica(carpeta / "a.csv") as tmp:
        tmp.archivo.write(b"la mitad")
        raise RuntimeError("falla")
    assert list(carpeta.iterdir()) == []


def test_sin_reemplazar_un_archivo_existente_se_queda_como_estaba(carpeta: Path) -> None:
    (carpeta / "a.csv").write_bytes(b"antes")
    with pytest.raises(FileExistsError), archivos.escritura_atomica(carpeta / "a.csv") as tmp:
        tmp.archivo.write(b"despues")
    assert (carpeta / "a.csv").read_bytes() == b"antes"
    assert [p.name for p in carpeta.iterdir()] == ["a.csv"]


def test_lo_que_otro_escribe_por_su_nombre_tambien_se_coloca(carpeta: Path) -> None:
    """A block may close the file and have another writer fill it by its name (SQLite does)."""
    with archivos.escritura_atomica(carpeta / "a.db", marca="nueva-") as tmp:
        assert tmp.ruta.name.startswith(".a.db.nueva-")
        tmp.archivo.close()
        tmp.ruta.write_bytes(b"contenido")
    assert (carpeta / "a.db").read_bytes() == b"contenido"
    assert [p.name for p in carpeta.iterdir()] == ["a.db"]


def test_lo_que_deja_de_ser_un_archivo_mientras_se_escribe_no_se_reemplaza(carpeta: Path) -> None:
    """``sobrescribir`` replaces a regular file; if the name becomes a FIFO (or anything
    else) while a3 writes, it is left alone, checked at the last moment."""
    destino = carpeta / "reporte.csv"
    destino.write_bytes(b"antes")

    def escribir(archivo: BinaryIO) -> None:
        archivo.write(b"despues")
        destino.unlink()
        os.mkfifo(destino)

    with pytest.raises(ArchivoInvalido, match="cambió mientras a3 escribía; no se reemplazó"):
        archivos.escribir_archivo(destino, escribir, sobrescribir=True)
    assert stat.S_ISFIFO(os.lstat(destino).st_mode)
    assert [p.name for p in carpeta.iterdir()] == ["reporte.csv"]


def _sin_enlaces_duros(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file system that refuses hard links (some network and USB file systems)."""

    def link(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EPERM, os.strerror(errno.EPERM))

    monkeypatch.setattr(archivos.os, "link", link)


def test_sin_enlaces_duros_se_renombra_solo_si_se_pide(carpeta: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _sin_enlaces_duros(monkeypatch)
    with pytest.raises(PermissionError), archivos.escritura_atomica(carpeta / "a.csv") as tmp:
        tmp.archivo.write(b"hola")
    assert list(carpeta.iterdir()) == []
    with archivos.escritura_atomica(carpeta / "a.csv", sin_enlaces=True) as tmp:
        tmp.archivo.write(b"hola")
    assert (carpeta / "a.csv").read_bytes() == b"hola"
    with pytest.raises(FileExistsError), archivos.escritura_atomica(carpeta / "a.csv", sin_enlaces=True) as tmp:
        tmp.archivo.write(b"otra")
    assert (carpeta / "a.csv").read_bytes() == b"hola"
    assert [p.name for p in carpeta.iterdir()] == ["a.csv"]


def test_una_base_nueva_se_crea_en_un_disco_sin_enlaces_duros(carpeta: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _sin_enlaces_duros(monkeypatch)
    store = store_module.open_store(str(carpeta / "a3.db"))
    try:
        assert store.is_empty()
    finally:
        store.dispose()
    assert [p.name for p in carpeta.iterdir() if not p.name.endswith(("-wal", "-shm"))] == ["a3.db"]


# ---------------------------------------------------------------- the error log


def _falla() -> BaseException:
    try:
        raise RuntimeError("falla de prueba")
    except RuntimeError as exc:
        return exc


def test_log_error_anota_el_traceback_en_el_archivo_de_registro() -> None:
    path = archivos.log_error(_falla(), "cliente add")
    assert path == archivos.log_path()
    texto = path.read_text(encoding="utf-8")
    assert "a3 cliente add" in texto
    assert "RuntimeError: falla de prueba" in texto


def test_log_es_solo_del_dueno_aun_con_umask_abierta() -> None:
    anterior = os.umask(0)
    try:
        path = archivos.log_error(_falla(), "cliente add")
    finally:
        os.umask(anterior)
    assert path is not None
    assert _modo(path) == 0o600
    assert _modo(path.parent) == 0o700
    assert _modo(path.parent.parent) == 0o700


def test_log_se_rota_al_pasar_el_tamano_maximo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archivos, "LOG_MAXIMO", 2000)
    for _ in range(40):
        path = archivos.log_error(_falla(), "cliente add")
    assert path is not None
    nombres = sorted(p.name for p in path.parent.iterdir())
    assert nombres == ["a3.log", "a3.log.1", "a3.log.2"]
    assert all((path.parent / n).stat().st_size < 2000 + 5000 for n in nombres)


def test_log_anota_el_comando_sin_sus_datos() -> None:
    from a3tui.cli import comando

    assert comando(["--db", "x.db", "cliente", "add", "zacarias", "--nota", "secreto"]) == "cliente add"
    assert comando(["nota", "add", "perez", "Texto privado"]) == "nota add"
    assert comando([]) == "(sin comando)"
