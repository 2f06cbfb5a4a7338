"""The `a3` command line: parse → service → print.

Start-up cost matters (`a3 cliente add` from a shell prompt must answer at once), so this
package imports only Typer at load time; services, SQLModel and Textual are imported
inside the commands that use them.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from typing import Any

# Groups whose bare name prints their help (so the Spanish help texts are loaded first).
GRUPOS = ("cliente", "actividad", "nota", "tarea", "propiedad", "apartado", "documento", "ajuste", "db")


def main(argv: list[str] | None = None) -> None:
    """Run `a3` and exit: expected errors are one Spanish sentence on stderr and exit code 1
    (2 when the command line itself is wrong: an unknown option, a missing argument…)."""
    # A file name or an argument that is not UTF-8 must print, not crash the printing.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    code = run(sys.argv[1:] if argv is None else argv)
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _sin_lector()
        code = 1
    sys.exit(code)


def _sin_lector() -> None:
    """The reader of the output is gone (`a3 … | head -1`): what is left to print goes nowhere,
    and Python's own flush at exit does not fail again with a traceback. The exit code is 1,
    as Click gives when the pipe breaks inside a command: the output was cut."""
    try:
        destino = sys.stdout.fileno()
    except (OSError, ValueError, io.UnsupportedOperation):
        return  # not a real file (tests capture it): nothing to flush at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, destino)
    finally:
        os.close(devnull)


def run(argv: list[str]) -> int:
    """Run `a3` with ``argv``; return the exit code (used by tests and benchmarks)."""
    from typer import exceptions as typer_exceptions

    from a3tui.cli.root import COMANDOS, build
    from a3tui.cli.typer_privado import excepciones_de_click
    from a3tui.errors import A3Error

    click_exceptions = excepciones_de_click()

    # Only the command named is built (Typer's cost grows with every command registered);
    # help at the root, no command or an unknown one get them all.
    escritas = _escritas_antes_del_tab()
    palabras = argv if escritas is None else escritas
    nombre = comando(palabras).partition(" ")[0]
    solo = nombre if nombre in COMANDOS and not _ayuda_antes(palabras, nombre) else None
    command = build(solo)
    if escritas is None and (not argv or argv[-1] in GRUPOS or any(arg in ("-h", "--help") for arg in argv)):
        from a3tui.cli.typer_es import traducir_ayuda

        traducir_ayuda()
    if "--install-completion" in argv:
        return _instalar_completado(command, argv)
    try:
        result = command.main(args=argv, prog_name="a3", standalone_mode=False)
    except A3Error as exc:
        _error(exc.mensaje_cli)
        return 1
    except typer_exceptions.Exit as exc:
        return exc.exit_code
    except typer_exceptions.Abort:
        _error("Cancelado.")
        return 1
    except click_exceptions.NoArgsIsHelpError:
        return 0  # Typer already printed the group's help
    except click_exceptions.UsageError as exc:
        from a3tui.cli.mensajes import usage_error

        _error(usage_error(exc, argv))
        return 2  # Click's convention: the command line was wrong, nothing was tried
    except KeyboardInterrupt:
        _error("Interrumpido.")
        return 130
    except BrokenPipeError:
        _sin_lector()
        return 1
    except Exception as exc:
        from a3tui.store import traducir_error

        traducido = traducir_error(exc)
        if traducido is not None:  # the disk or the database, not a bug
            _error(traducido.mensaje_cli)
            return 1
        if os.environ.get("A3_DEBUG"):
            raise
        return _unexpected(exc, argv)  # a bug: one line for the user, the traceback in the log
    return result if isinstance(result, int) else 0


def _instalar_completado(command: Any, argv: list[str]) -> int:
    """`a3 --install-completion [SHELL]`: Typer installs it and says so in English; the
    user reads it in Spanish."""
    import re

    salida = io.StringIO()
    try:
        with contextlib.redirect_stdout(salida):
            command.main(args=argv, prog_name="a3", standalone_mode=False)
        code = 0
    except SystemExit as exc:  # Typer's callback ends the program once it is done
        code = exc.code if isinstance(exc.code, int) else 0
    except Exception as exc:  # an unknown shell, a file it can't write
        _error(f"No se pudo instalar el autocompletado: {exc}.")
        return 1
    texto = re.sub(r"(\w+) completion installed in (.+)", r"Autocompletado de \1 instalado en \2.", salida.getvalue())
    texto = texto.replace(
        "Completion will take effect once you restart the terminal",
        "Funciona en las terminales que abras desde ahora (o en esta, después de `exec $SHELL`).",
    )
    sys.stdout.write(texto)
    return code


def _escritas_antes_del_tab() -> list[str] | None:
    """When the shell asks for completions (Typer's ``_A3_COMPLETE``), the words already
    typed in full after ``a3``: with a command among them, only that one is built (and no
    help panels are loaded), about 30–40 ms of CPU less than building every command (Tab
    takes ~0.1 s of CPU in all, bench/). None when a3 is not completing."""
    if not os.environ.get("_A3_COMPLETE"):
        return None
    if "COMP_WORDS" in os.environ:  # bash: the words, and which one the cursor is on
        palabras, _abierta = _partir(os.environ["COMP_WORDS"])
        try:
            return palabras[1 : int(os.environ.get("COMP_CWORD", len(palabras)))]
        except ValueError:
            return []
    linea = os.environ.get("_TYPER_COMPLETE_ARGS", "")  # zsh and fish: the line so far
    palabras, abierta = _partir(linea)
    return palabras[1:] if linea.endswith(" ") and not abierta else palabras[1:-1]


def _partir(linea: str) -> tuple[list[str], bool]:
    """The words of ``linea`` as the shell reads them, and whether the last one is still
    inside an open quote (``nota add "Juan P``: that word is the one being completed)."""
    import shlex

    lex = shlex.shlex(linea, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    palabras: list[str] = []
    try:
        palabras.extend(lex)
    except ValueError:  # the end came inside a quote: the word so far is the last
        palabras.append(lex.token)
        return palabras, True
    return palabras, False


def _ayuda_antes(argv: list[str], nombre: str) -> bool:
    """Whether -h/--help comes before the command's name (`a3 -h cliente`: the root's help)."""
    for arg in argv:
        if arg == nombre:
            return False
        if arg in ("-h", "--help"):
            return True
    return False


def _error(mensaje: str) -> None:
    from a3tui.domain import imprimible

    print(f"Error: {imprimible(mensaje)}", file=sys.stderr)


def comando(argv: list[str]) -> str:
    """The command a line of arguments runs («cliente add»), without its values: the log
    keeps what is needed to find a bug, not the clients' data typed after it."""
    palabras: list[str] = []
    saltar = False
    for arg in argv:
        if saltar:
            saltar = False
            continue
        if arg == "--db":
            saltar = True
            continue
        if arg.startswith("-"):
            continue
        if not (arg.isascii() and arg.isalpha() and arg.islower()) or len(palabras) == 2:
            break
        palabras.append(arg)
    return " ".join(palabras) or "(sin comando)"


def _unexpected(exc: BaseException, argv: list[str]) -> int:
    from a3tui.archivos import log_error

    path = log_error(exc, comando(argv))
    where = f"; los detalles están en {path}" if path else ""
    _error(f"ocurrió un error inesperado ({type(exc).__name__}){where}. Usa A3_DEBUG=1 para ver el detalle.")
    return 1
