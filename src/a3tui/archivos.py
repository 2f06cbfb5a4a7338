"""The files a3 writes besides the database, and the one way it writes them.

- Where they go: the default database file, a3's state folder and its error log, and the
  private folders for what the app hands the advisor (documents, opened files).
- The one atomic writer (``escritura_atomica``, and ``colocar`` for a file built some other
  way, such as a verified copy of the database): a file is built under a hidden temporary
  name beside its destination, synced, linked (or renamed over the file it replaces) into
  place, and the folder is synced, so a kill, a full disk or a power cut leave the old
  file or the new one, never part of one. Exports, reports, a new database and every
  backup land through it.
- The rules for an output path (``revisar_salida``, ``escribir_archivo``): a regular file is
  replaced all at once, standard output, a FIFO or a device are written in place, a
  symbolic link is followed, anything else is refused with a Spanish sentence.
- The error log (``log_error``): owner-only and rotated.

It knows nothing of databases: the store, the services, the CLI and the app all use it
(see ARCHITECTURE.md, «Layers»).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from a3tui.errors import A3Error, ArchivoInvalido, BaseDeDatosInvalida

APP_NAME = "a3"

# The error log: rotated when it passes this size, keeping this many older files.
LOG_MAXIMO = 1_000_000
LOG_ANTERIORES = 2


# ---------------------------------------------------------------- paths and private files


def default_path() -> Path:
    """The default database file in the user's data folder."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "a3.db"


def state_path() -> Path:
    """a3's folder in the user's state directory (log, list of backups)."""
    from platformdirs import user_state_path

    return user_state_path(APP_NAME, appauthor=False)


def log_path() -> Path:
    """File where unexpected errors are written (the CLI names it to the user)."""
    return state_path() / "log" / "a3.log"


def carpeta_privada(carpeta: Path) -> Path:
    """Create ``carpeta`` (and the missing folders above it) readable only by the owner.

    Folders that already exist are left as they are, except a3's own (its name is
    ``a3`` or it lies inside one), which are made owner-only again.
    """
    faltan: list[Path] = []
    actual = carpeta
    while not actual.exists():
        faltan.append(actual)
        if actual.parent == actual:
            break
        actual = actual.parent
    for nueva in reversed(faltan):
        with suppress(FileExistsError):
            nueva.mkdir(mode=0o700)
        os.chmod(nueva, 0o700)
    propia = APP_NAME in carpeta.parts[-3:] and carpeta.stat().st_uid == os.geteuid()
    if propia and stat.S_IMODE(carpeta.stat().st_mode) != 0o700:
        os.chmod(carpeta, 0o700)
    return carpeta


def anexar_privado(path: Path, texto: str) -> None:
    """Append ``texto`` to ``path``, created owner-only (whatever the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        if stat.S_IMODE(os.fstat(fd).st_mode) != 0o600:
            os.fchmod(fd, 0o600)
        os.write(fd, texto.encode("utf-8", "backslashreplace"))
    finally:
        os.close(fd)


def log_error(exc: BaseException, origen: str) -> Path | None:
    """Append ``exc``'s traceback to the log file; return the file, or None if it can't be written.

    The CLI and the app show one Spanish line for a bug and point here for the details.
    ``origen`` names the command (never its arguments: they hold clients' data), SQL
    parameters are hidden by the engine, and the file is owner-only and rotated at
    ``LOG_MAXIMO`` bytes.
    """
    import traceback
    from datetime import datetime

    path = log_path()
    try:
        carpeta_privada(path.parent)
        _rotar(path)
        detalle = "".join(traceback.format_exception(exc))[-20_000:]
        anexar_privado(path, f"--- {datetime.now().isoformat()} a3 {origen}\n{detalle}")
    except (OSError, ValueError):
        return None
    return path


def _rotar(path: Path) -> None:
    try:
        if path.stat().st_size < LOG_MAXIMO:
            return
    except FileNotFoundError:
        return
    for n in range(LOG_ANTERIORES, 0, -1):
        anterior = path.with_name(f"{path.name}.{n - 1}" if n > 1 else path.name)
        if anterior.exists():
            os.replace(anterior, path.with_name(f"{path.name}.{n}"))


# ---------------------------------------------------------------- the atomic writer


# Why the operating system refused a file, as the user reads it.
MOTIVOS_DE_ERROR = {
    errno.ENOENT: "no existe",
    errno.EACCES: "no tienes permiso para usarlo",
    errno.EPERM: "no tienes permiso para usarlo",
    errno.EROFS: "está en un disco de solo lectura",
    errno.ENOSPC: "no hay espacio en el disco",
    errno.EDQUOT: "se acabó tu cuota de disco",
    errno.ENAMETOOLONG: "el nombre es demasiado largo",
    errno.EISDIR: "es una carpeta",
    errno.ENOTDIR: "una parte de la ruta no es una carpeta",
    errno.EEXIST: "ya existe",
    errno.ELOOP: "la ruta tiene demasiados enlaces",
    errno.EIO: "el disco falló",
}


def motivo_del_error(exc: OSError) -> str:
    """Why the operating system refused a file, in Spanish (its own words for a rare error)."""
    return MOTIVOS_DE_ERROR.get(exc.errno or 0, exc.strerror or "error del sistema")


def prefijo_temporal(nombre: str) -> str:
    """How a temporary file beside ``nombre`` starts its (hidden) name: with ``nombre``, cut
    so that the whole name stays within the 255 bytes most file systems take (a name the
    user may give in full must not fail for the temporary one)."""
    corto = nombre.encode("utf-8", "surrogateescape")[:200].decode("utf-8", "ignore")
    return f".{corto}."


def _sincronizar_carpeta(carpeta: Path) -> None:
    """Make the names in ``carpeta`` durable (a new link survives a power cut); best effort."""
    try:
        fd = os.open(carpeta, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def colocar(
    tmp: Path, destino: Path, *, reemplazar: bool = False, nombre: Path | None = None, sin_enlaces: bool = False
) -> None:
    """Put the finished file ``tmp`` (its content already synced) at ``destino`` in one step,
    then sync the folder so the new name survives a power cut.

    Without ``reemplazar``, a hard link: an existing ``destino`` is never touched
    (FileExistsError), and ``tmp`` keeps its name for its owner to remove. ``sin_enlaces``:
    on a file system without hard links, a rename instead when ``destino`` does not exist
    yet (it may then replace a file created in the same instant by another process).

    With ``reemplazar``, a rename over ``destino``, which must be a regular file or
    nothing: checked at the last moment, anything else (it changed since it was checked)
    is refused with ArchivoInvalido naming ``nombre`` (how the user named it).
    """
    if reemplazar:
        with suppress(FileNotFoundError):
            if not stat.S_ISREG(os.lstat(destino).st_mode):
                raise ArchivoInvalido(f"{nombre or destino} cambió mientras a3 escribía; no se reemplazó.")
        os.replace(tmp, destino)
    else:
        try:
            os.link(tmp, destino)
        except FileExistsError:
            raise
        except OSError as exc:
            if not sin_enlaces or exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
                raise
            if destino.exists():
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(destino)) from None
            os.replace(tmp, destino)
    _sincronizar_carpeta(destino.parent)


@dataclass(frozen=True)
class Temporal:
    """The file ``escritura_atomica`` hands its block: its hidden name and, open for writing, the file."""

    ruta: Path
    archivo: BinaryIO


@contextmanager
def escritura_atomica(
    destino: Path,
    *,
    reemplazar: bool = False,
    marca: str = "",
    sufijo: str = "",
    nombre: Path | None = None,
    sin_enlaces: bool = False,
) -> Iterator[Temporal]:
    """The one atomic writer: a new owner-only file under a hidden name beside ``destino``
    (``.<destino>.<marca>XXXX<sufijo>``) for the block to fill, through ``archivo`` or, once
    it has closed ``archivo``, through ``ruta`` (as SQLite does). When the block ends
    without an error the content is synced to disk and ``colocar`` puts the file at
    ``destino`` (its rules for ``reemplazar``, ``nombre`` and ``sin_enlaces``); an error in
    the block leaves ``destino`` as it was. The hidden name is removed in every case.
    """
    fd, nombre_tmp = tempfile.mkstemp(
        prefix=f"{prefijo_temporal(destino.name)}{marca}", suffix=sufijo, dir=destino.parent
    )
    tmp = Path(nombre_tmp)
    try:
        archivo = os.fdopen(fd, "wb")
        try:
            yield Temporal(tmp, archivo)
            if archivo.closed:  # another writer filled it by its name
                with open(tmp, "rb") as lleno:
                    os.fsync(lleno.fileno())
            else:
                archivo.flush()
                os.fsync(archivo.fileno())
        finally:
            archivo.close()
        colocar(tmp, destino, reemplazar=reemplazar, nombre=nombre, sin_enlaces=sin_enlaces)
    finally:
        tmp.unlink(missing_ok=True)


# ---------------------------------------------------------------- outputs


# The name that means standard output wherever a3 takes an output file (``--salida -``).
SALIDA_ESTANDAR = "-"


def es_salida_estandar(destino: Path | str | None) -> bool:
    """True when ``destino`` is ``-``: the bytes go to standard output, not to a file."""
    return destino is not None and str(destino) == SALIDA_ESTANDAR


@dataclass(frozen=True)
class Salida:
    """Where an output goes, as ``revisar_salida`` found it.

    ``tipo`` is ``estandar`` (``-``), ``especial`` (a FIFO or a terminal or other character
    device: written in place, never replaced), ``archivo`` (an existing regular file) or
    ``nueva`` (no file yet). ``real`` is where an ordinary file is written: a symbolic
    link is followed to its target, and the link stays.
    """

    ruta: Path
    real: Path
    tipo: str

    @property
    def en_su_lugar(self) -> bool:
        """Written into what is already there (standard output, a FIFO, a device)."""
        return self.tipo in ("estandar", "especial")


def revisar_salida(destino: Path, *, sobrescribir: bool = False, pista_cli: str | None = None) -> Salida:
    """What writing to ``destino`` means, checked before any work is done: the one rule
    for every file a3 writes (exports, reports, sheets, drafts, error reports, backups).

    A regular file (or a new name) is replaced all at once; a FIFO or a character device
    is written in place; a symbolic link is followed; ``-`` is standard output.

    Raises ArchivoInvalido for a folder, a block device, a socket, a link that leads
    nowhere, a missing folder, or an existing file without ``sobrescribir`` (with
    ``pista_cli``, the command's way to replace it, when it has one).
    """
    destino = destino.expanduser()
    if es_salida_estandar(destino):
        return Salida(destino, destino, "estandar")
    try:
        estado = os.stat(destino)  # follows symbolic links
    except FileNotFoundError:
        estado = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ArchivoInvalido(
                f"{destino} es un enlace simbólico que no lleva a ningún archivo; elige otro nombre."
            ) from None
        raise ArchivoInvalido(_no_se_pudo_escribir(exc, destino)) from None
    if estado is not None and (stat.S_ISFIFO(estado.st_mode) or stat.S_ISCHR(estado.st_mode)):
        return Salida(destino, destino, "especial")
    if estado is not None and stat.S_ISDIR(estado.st_mode):
        raise ArchivoInvalido(f"{destino} es una carpeta; indica el nombre del archivo.")
    if estado is not None and stat.S_ISBLK(estado.st_mode):
        raise ArchivoInvalido(
            f"{destino} es un disco (un dispositivo de bloques); a3 no escribe en él. Elige un archivo."
        )
    if estado is not None and not stat.S_ISREG(estado.st_mode):
        raise ArchivoInvalido(f"{destino} no es un archivo (es un socket u otro objeto especial); elige un archivo.")
    # The target of a link (even one that doesn't exist yet) is what gets written.
    real = Path(os.path.realpath(destino)) if destino.is_symlink() else destino
    if not real.parent.is_dir():
        raise ArchivoInvalido(f"La carpeta {real.parent} no existe; créala primero.")
    if estado is not None and not sobrescribir:
        raise ArchivoInvalido(f"Ya existe {destino}; elige otro nombre.", pista_cli=pista_cli)
    return Salida(destino, real, "archivo" if estado is not None else "nueva")


def _no_se_pudo_escribir(exc: OSError, destino: Path) -> str:
    return f"No se pudo escribir {destino}: {motivo_del_error(exc)}."


def escribir_archivo(
    destino: Path, escribir: Callable[[BinaryIO], object], *, sobrescribir: bool = False, pista_cli: str | None = None
) -> Path:
    """Write what ``escribir(archivo)`` writes to ``destino`` (see ``revisar_salida``) and
    return the path the user named.

    A regular file is written to a private temporary file beside it, synced, and linked
    (or, with ``sobrescribir``, renamed) into place, so a failure leaves nothing
    half-written and an existing file is kept unless ``sobrescribir``. A new file is
    owner-only, as every file a3 creates; a file it replaces keeps its permission bits
    (and its owner and group, where a3 may set them): a3 never changes the mode of a file
    it did not create. Standard
    output, a FIFO or a character device are written in place: renaming over them would
    put a regular file where the device was. A reader that stops reading (a closed pipe)
    is not an error of the file and passes through as BrokenPipeError.

    Raises ArchivoInvalido as ``revisar_salida`` does, or when the disk refuses the file.
    """
    salida = revisar_salida(destino, sobrescribir=sobrescribir, pista_cli=pista_cli)
    try:
        if salida.tipo == "estandar":
            sys.stdout.flush()
            escribir(sys.stdout.buffer)
            sys.stdout.buffer.flush()
            return salida.ruta
        if salida.tipo == "especial":
            # No O_CREAT: if the device went away meanwhile, nothing is created instead.
            with os.fdopen(os.open(salida.ruta, os.O_WRONLY), "wb") as archivo:
                escribir(archivo)
            return salida.ruta
        _escribir_regular(salida, escribir, sobrescribir=sobrescribir, pista_cli=pista_cli)
    except (A3Error, BrokenPipeError):
        raise
    except OSError as exc:
        raise ArchivoInvalido(_no_se_pudo_escribir(exc, salida.ruta)) from None
    return salida.ruta


def _escribir_regular(
    salida: Salida, escribir: Callable[[BinaryIO], object], *, sobrescribir: bool, pista_cli: str | None
) -> None:
    try:
        with escritura_atomica(salida.real, reemplazar=sobrescribir, sufijo=".tmp", nombre=salida.ruta) as tmp:
            escribir(tmp.archivo)
            tmp.archivo.flush()
            if sobrescribir:
                _como_el_reemplazado(tmp.archivo.fileno(), salida.real)
    except FileExistsError:
        raise ArchivoInvalido(f"Ya existe {salida.ruta}; elige otro nombre.", pista_cli=pista_cli) from None


def _como_el_reemplazado(fd: int, real: Path) -> None:
    """Give the temporary file ``fd`` the permission bits of the regular file ``real`` it is
    about to replace, and its owner and group where this process may (root, or a group the
    user is in): mkstemp made it 0600, and the replaced file's readers must still read it.
    Only the read, write and execute bits travel (never set-user-ID and the like). Nothing
    to do for a new file."""
    try:
        anterior = os.lstat(real)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(anterior.st_mode):
        return  # checked again, and refused, just before the rename
    nuestro = os.fstat(fd)
    if (nuestro.st_uid, nuestro.st_gid) != (anterior.st_uid, anterior.st_gid):
        for dueno in (anterior.st_uid, -1):
            try:
                os.fchown(fd, dueno, anterior.st_gid)
                break
            except PermissionError:
                continue
    os.fchmod(fd, stat.S_IMODE(anterior.st_mode) & 0o777)


def guardar_archivo(destino: Path, datos: bytes, *, sobrescribir: bool = False, pista_cli: str | None = None) -> Path:
    """Write ``datos`` to ``destino`` with ``escribir_archivo``'s rules; return the path."""
    return escribir_archivo(
        destino, lambda archivo: archivo.write(datos), sobrescribir=sobrescribir, pista_cli=pista_cli
    )


def retirar_salida(destino: Path) -> None:
    """Take back a file ``escribir_archivo`` wrote for work that then failed: the regular
    file (a link's target, not the link) is removed; what went to standard output, a FIFO
    or a device can't be taken back, and those are left alone."""
    if es_salida_estandar(destino):
        return
    real = Path(os.path.realpath(destino))
    with suppress(OSError):
        if stat.S_ISREG(os.stat(real).st_mode):
            real.unlink()


def archivo_nuevo(carpeta: Path, nombre: str) -> Path:
    """A name in ``carpeta`` that is free: ``nombre``, else ``nombre-2``, ``nombre-3``…"""
    base = Path(nombre)
    for n in range(1, 1000):
        candidato = carpeta / (nombre if n == 1 else f"{base.stem}-{n}{base.suffix}")
        if not candidato.exists():
            return candidato
    raise BaseDeDatosInvalida(f"Hay demasiados archivos llamados {nombre} en {carpeta}.")


def carpeta_de_documentos() -> Path:
    """Where the app writes what it hands the advisor (technical sheets, e-mail drafts,
    opened documents): a private folder under the user's documents."""
    from platformdirs import user_documents_path

    return carpeta_privada(user_documents_path() / APP_NAME)


def carpeta_de_abiertos() -> Path:
    """Where an opened document is written (owner-only, in the user's cache)."""
    from platformdirs import user_cache_path

    return carpeta_privada(user_cache_path(APP_NAME, appauthor=False) / "documentos")
