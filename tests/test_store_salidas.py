"""Where a3 writes an output (issue 26, point 5): a regular file is replaced all at once;
standard output (``-``), a FIFO or a character device are written in place and never
replaced by a regular file; a symbolic link is followed; anything else is refused with
a Spanish sentence. Every trial is a FIFO, device node, link or socket of the test's own
temporary folder."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from a3tui import archivos
from a3tui import store as store_module
from a3tui.errors import ArchivoInvalido
from a3tui.store import Store
from apoyo.fifo import LectorFifo
from apoyo.proceso import a3


def _nodo_nulo(ruta: Path) -> Path:
    """A character device node (the null device's numbers) in the test's own folder."""
    try:
        os.mknod(ruta, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
        os.close(os.open(ruta, os.O_WRONLY))
    except OSError as exc:  # not root, or a folder mounted nodev
        pytest.skip(f"no se puede crear un dispositivo de prueba aquí: {exc}")
    return ruta


@pytest.fixture
def carpeta(tmp_path: Path) -> Path:
    """An empty folder of the test's own (tmp_path also holds the test's home)."""
    salidas = tmp_path / "salidas"
    salidas.mkdir()
    return salidas


def test_una_fifo_se_escribe_en_su_lugar(carpeta: Path) -> None:
    lector = LectorFifo(carpeta / "tubo")
    archivos.guardar_archivo(carpeta / "tubo", b"hola", sobrescribir=True)
    assert lector.leido() == b"hola"
    assert stat.S_ISFIFO(os.lstat(carpeta / "tubo").st_mode)


def test_una_fifo_no_pide_sobrescribir(carpeta: Path) -> None:
    lector = LectorFifo(carpeta / "tubo")
    archivos.guardar_archivo(carpeta / "tubo", b"hola")
    assert lector.leido() == b"hola"


def test_un_dispositivo_se_escribe_en_su_lugar(carpeta: Path) -> None:
    nulo = _nodo_nulo(carpeta / "nulo")
    archivos.guardar_archivo(nulo, b"hola", sobrescribir=True)
    modo = os.lstat(nulo).st_mode
    assert stat.S_ISCHR(modo)
    assert stat.S_IMODE(modo) == 0o600


def test_un_enlace_se_sigue_y_se_queda(carpeta: Path) -> None:
    real = carpeta / "real.csv"
    real.write_bytes(b"antes")
    enlace = carpeta / "enlace.csv"
    enlace.symlink_to(real.name)
    archivos.guardar_archivo(enlace, b"despues", sobrescribir=True)
    assert enlace.is_symlink()
    assert real.read_bytes() == b"despues"
    assert sorted(p.name for p in carpeta.iterdir()) == ["enlace.csv", "real.csv"]


def test_un_enlace_a_un_archivo_existente_pide_sobrescribir(carpeta: Path) -> None:
    (carpeta / "real.csv").write_bytes(b"antes")
    (carpeta / "enlace.csv").symlink_to("real.csv")
    with pytest.raises(ArchivoInvalido, match="Ya existe"):
        archivos.guardar_archivo(carpeta / "enlace.csv", b"despues")
    assert (carpeta / "real.csv").read_bytes() == b"antes"


def test_un_enlace_colgante_crea_su_destino(carpeta: Path) -> None:
    (carpeta / "enlace.csv").symlink_to("nuevo.csv")
    archivos.guardar_archivo(carpeta / "enlace.csv", b"hola")
    assert (carpeta / "enlace.csv").is_symlink()
    assert (carpeta / "nuevo.csv").read_bytes() == b"hola"
    assert stat.S_IMODE((carpeta / "nuevo.csv").stat().st_mode) == 0o600


def test_un_enlace_en_circulo_se_rechaza(carpeta: Path) -> None:
    (carpeta / "a").symlink_to("b")
    (carpeta / "b").symlink_to("a")
    with pytest.raises(ArchivoInvalido, match="enlace simbólico que no lleva a ningún archivo"):
        archivos.guardar_archivo(carpeta / "a", b"hola", sobrescribir=True)
    assert (carpeta / "a").is_symlink()


def test_un_socket_se_rechaza_sin_tocarlo(carpeta: Path) -> None:
    ruta = carpeta / "s"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(ruta))
        with pytest.raises(ArchivoInvalido, match="no es un archivo"):
            archivos.guardar_archivo(ruta, b"hola", sobrescribir=True)
        assert stat.S_ISSOCK(os.lstat(ruta).st_mode)


def test_guion_es_la_salida_estandar(
    carpeta: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    monkeypatch.chdir(carpeta)
    assert archivos.guardar_archivo(Path("-"), b"hola") == Path("-")
    assert capsysbinary.readouterr().out == b"hola"
    assert list(carpeta.iterdir()) == []


def test_retirar_una_salida_no_borra_la_fifo_ni_el_enlace(carpeta: Path) -> None:
    os.mkfifo(carpeta / "tubo")
    (carpeta / "enlace").symlink_to("creado")
    (carpeta / "creado").write_bytes(b"a medias")
    archivos.retirar_salida(carpeta / "tubo")
    archivos.retirar_salida(carpeta / "enlace")
    assert sorted(p.name for p in carpeta.iterdir()) == ["enlace", "tubo"]


def test_respaldo_en_una_fifo(store_sqlite: Store, carpeta: Path) -> None:
    lector = LectorFifo(carpeta / "tubo")
    store_module.backup(store_sqlite, carpeta / "tubo")
    assert lector.leido().startswith(b"SQLite format 3\x00")
    assert stat.S_ISFIFO(os.lstat(carpeta / "tubo").st_mode)
    assert store_module.ultimo_respaldo(store_sqlite.path) != carpeta / "tubo"


def test_respaldo_en_un_dispositivo(store_sqlite: Store, carpeta: Path) -> None:
    nulo = _nodo_nulo(carpeta / "nulo")
    store_module.backup(store_sqlite, nulo)
    assert stat.S_ISCHR(os.lstat(nulo).st_mode)


def test_respaldo_por_un_enlace_colgante(store_sqlite: Store, carpeta: Path) -> None:
    (carpeta / "enlace.db").symlink_to("respaldo.db")
    store_module.backup(store_sqlite, carpeta / "enlace.db")
    assert (carpeta / "enlace.db").is_symlink()
    assert store_module.check_file(carpeta / "respaldo.db") == store_module.SCHEMA_HEAD


# ---------------------------------------------------------------- the mode of a replaced file


def _exportar(carpeta: Path, destino: Path, *extra: str) -> None:
    """`a3 exportar clientes` into ``destino`` through the real command, from a database
    of one client beside ``carpeta``."""
    base = carpeta.parent
    for argv in (("cliente", "add", "Ana López"), ("exportar", "clientes", "-f", "csv", "-o", destino, *extra)):
        res = a3(base, "--db", base / "a3.db", *argv)
        assert res.code == 0, res.out + res.err


@pytest.mark.parametrize("modo", [0o644, 0o640, 0o444])
def test_un_archivo_reemplazado_conserva_sus_permisos(carpeta: Path, modo: int) -> None:
    # The temporary file mkstemp makes is 0600: renamed over a file others read, it locked
    # them out (issue 26, point 5).
    destino = carpeta / "clientes.csv"
    destino.write_bytes(b"antes")
    destino.chmod(modo)
    _exportar(carpeta, destino, "--sobrescribir")
    assert destino.read_bytes().startswith("\ufeffID,".encode()), destino.read_bytes()[:40]
    assert stat.S_IMODE(destino.stat().st_mode) == modo


def test_un_archivo_reemplazado_conserva_su_dueno(carpeta: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("solo root puede dar un archivo a otro usuario")
    destino = carpeta / "clientes.csv"
    destino.write_bytes(b"antes")
    os.chown(destino, 65534, 65534)
    destino.chmod(0o664)
    _exportar(carpeta, destino, "--sobrescribir")
    estado = destino.stat()
    assert (estado.st_uid, estado.st_gid, stat.S_IMODE(estado.st_mode)) == (65534, 65534, 0o664)


def test_un_archivo_nuevo_es_solo_del_dueno(carpeta: Path) -> None:
    _exportar(carpeta, carpeta / "clientes.csv")
    assert stat.S_IMODE((carpeta / "clientes.csv").stat().st_mode) == 0o600
