"""Shell completion (issue 25, point 6): Typer's own ``--install-completion`` and
``--show-completion`` for bash, zsh and fish, in Spanish; Tab answering with only the
command being typed built; and values from the database: clients' names after a REF,
property keys, advisors' logins and the values of each choice option."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from a3tui import cli
from a3tui.cli import completado
from a3tui.cli.root import build
from apoyo.bases import base_en_revision, revision_de
from apoyo.proceso import a3_exe, entorno, proceso

BASH = shutil.which("bash")
con_bash = pytest.mark.skipif(BASH is None, reason="bash no está instalado")


def _entorno(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = entorno(tmp_path, **extra)
    env["PATH"] = f"{Path(a3_exe()).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def _bash(tmp_path: Path, env: dict[str, str], *lineas: list[str]) -> list[list[str]]:
    """In a real bash with the script of `a3 --show-completion bash` loaded: what Tab offers
    after each line of words (the last word is the one being completed, as typed), each
    value as bash reads it once inserted in the command line (``Juan\\ Pérez`` is one
    argument, «Juan Pérez»; a value that bash would split shows as ``2:Juan``)."""
    assert BASH is not None
    script = proceso(
        [a3_exe(), "--show-completion", "bash"], {**env, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    )
    assert script.code == 0, script.err
    (tmp_path / "a3.sh").write_text(script.out, encoding="utf-8")
    prueba = ["source ./a3.sh"]
    for palabras in lineas:
        prueba.append(f"COMP_WORDS=({' '.join(shlex.quote(p) for p in palabras)}); COMP_CWORD={len(palabras) - 1}")
        prueba.append("_a3_completion a3")
        # Each value as the shell reads it back, one argument per value; inside a quote the
        # user opened, readline puts the value after it and closes it.
        comilla = {'"': '\\"', "'": "'"}.get(palabras[-1][:1], "")
        prueba.append(
            f'for v in "${{COMPREPLY[@]}}"; do eval "set -- {comilla}$v{comilla}"; printf "%s\\t" "$#:$1"; done; echo'
        )
    done = subprocess.run(
        [BASH, "--norc", "-c", "\n".join(prueba)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.stderr == "", done.stderr
    salidas = done.stdout.split("\n")[: len(lineas)]
    return [[v.removeprefix("1:") for v in linea.split("\t") if v] for linea in salidas]


@con_bash
def test_tab_en_bash_completa_comandos_y_opciones(tmp_path: Path) -> None:
    """The script of `a3 --show-completion` in a real bash: Tab after `a3 cliente sh`
    gives `show`, after `a3 tarea add --pri` gives `--prioridad`."""
    env = _entorno(tmp_path)
    assert _bash(tmp_path, env, ["a3", "cliente", "sh"], ["a3", "tarea", "add", "--pri"], ["a3", "cli"]) == [
        ["show"],
        ["--prioridad"],
        ["cliente"],
    ]


def test_zsh_y_fish_completan_con_la_ayuda_en_espanol(tmp_path: Path) -> None:
    zsh = proceso([a3_exe()], _entorno(tmp_path, _A3_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="a3 cliente "))
    assert '"show":"Muestra la ficha de un cliente' in zsh.out, zsh
    fish = proceso(
        [a3_exe()],
        _entorno(
            tmp_path,
            _A3_COMPLETE="complete_fish",
            _TYPER_COMPLETE_ARGS="a3 cliente ",
            _TYPER_COMPLETE_FISH_ACTION="get-args",
        ),
    )
    assert "show\tMuestra la ficha de un cliente" in fish.out.splitlines()[2], fish


def test_install_completion_lo_instala_y_lo_dice_en_espanol(tmp_path: Path) -> None:
    env = _entorno(tmp_path, _TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION="1")
    res = proceso([a3_exe(), "--install-completion", "bash"], env)
    script = tmp_path / ".bash_completions" / "a3.sh"
    assert (res.code, res.err) == (0, "")
    assert res.out.splitlines()[0] == f"Autocompletado de bash instalado en {script}."
    assert "installed in" not in res.out
    assert "_A3_COMPLETE=complete_bash" in script.read_text(encoding="utf-8")
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")


def test_la_ayuda_ofrece_el_autocompletado_en_espanol(tmp_path: Path) -> None:
    res = proceso([a3_exe(), "--help"], _entorno(tmp_path))
    assert "--install-completion" in res.out
    assert "Instala el autocompletado" in res.out
    assert "Install completion" not in res.out


@pytest.mark.parametrize(
    ("variables", "escritas"),
    [
        ({"COMP_WORDS": "a3 cliente sh", "COMP_CWORD": "2"}, ["cliente"]),
        ({"COMP_WORDS": "a3 cli", "COMP_CWORD": "1"}, []),
        ({"_TYPER_COMPLETE_ARGS": "a3 --db x.db tarea "}, ["--db", "x.db", "tarea"]),
        ({"_TYPER_COMPLETE_ARGS": "a3 tarea li"}, ["tarea"]),
        ({"_TYPER_COMPLETE_ARGS": "a3 nota add 'Juan P"}, ["nota", "add"]),
        ({"COMP_WORDS": 'a3\ncliente\nshow\n"Juan P', "COMP_CWORD": "3"}, ["cliente", "show"]),
    ],
    ids=["bash", "bash-primera-palabra", "zsh", "fish-a-media-palabra", "comilla-abierta", "bash-comilla-abierta"],
)
def test_al_completar_se_construye_solo_el_comando_escrito(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], escritas: list[str]
) -> None:
    """Tab answers sooner (and without loading the help's Rich panels) when the command is
    already typed, inside an open quote too: only that command is built."""
    monkeypatch.setenv("_A3_COMPLETE", "complete_bash")
    for nombre, valor in variables.items():
        monkeypatch.setenv(nombre, valor)
    assert cli._escritas_antes_del_tab() == escritas


def test_sin_completar_no_hay_palabras_del_tab(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("_A3_COMPLETE", raising=False)
    assert cli._escritas_antes_del_tab() is None


# ---------------------------------------------------------------- values from the database


@pytest.fixture
def oficina(a3: Any, alta: Any) -> None:
    """Ana (the first advisor: coordinator) with four clients, one of them with every
    character bash would take for its own; a property; Luis, another advisor."""
    for nombre in ("Juan Pérez", "Juana Garza López", "María López", 'Juan "Güero" O\'Brien $HOME'):
        alta(nombre)
    assert a3("propiedad", "add", "CUM-A-12", "--desarrollo", "Cumbres", "--precio", "1,250,000").code == 0
    assert a3("asesor", "add", "luis", "--nombre", "Luis Treviño").code == 0


@con_bash
def test_tab_en_bash_ofrece_nombres_logins_claves_y_valores_de_la_base(tmp_path: Path, db: Path, oficina: None) -> None:
    """Tab after `a3 cliente show jua` offers the names of the database's clients that
    start so (case and accents aside, each one argument however it is written), after
    `--asesor ` the logins, after `--etapa ` the stages."""
    env = _entorno(tmp_path, A3_DB=str(db))
    juanes = ['Juan "Güero" O\'Brien $HOME', "Juan Pérez", "Juana Garza López"]
    assert _bash(
        tmp_path,
        env,
        ["a3", "cliente", "show", "jua"],
        ["a3", "nota", "add", "JUAN\\ P"],
        ["a3", "actividad", "llamada", "lopez"],
        ["a3", "hoy", "--asesor", ""],
        ["a3", "cliente", "list", "--etapa", ""],
        ["a3", "actividad", "llamada", "1", "--resultado", "no"],
        ["a3", "documento", "add", "1", "ine.pdf", "--tipo", "comprobante-de-do"],
        ["a3", "apartado", "crear", "1", "--propiedad", "cum"],
        ["a3", "cliente", "transferir", "1", "l"],
    ) == [
        juanes,
        ["Juan Pérez"],
        ["Juana Garza López", "María López"],
        ["ana", "luis"],
        ["prospecto", "apartado", "escriturado", "entregado", "cancelado"],
        ["no-contestó"],
        ["comprobante de domicilio"],
        ["CUM-A-12"],
        ["luis"],
    ]


@con_bash
def test_tab_dentro_de_comillas_abiertas(tmp_path: Path, db: Path, oficina: None) -> None:
    env = _entorno(tmp_path)
    assert _bash(
        tmp_path,
        env,
        ["a3", "--db", str(db), "cliente", "show", '"juan p'],
        ["a3", "--db", str(db), "cliente", "show", "'juan \""],
        ["a3", "--db", str(db), "cliente", "show", '"juan \\"'],
    ) == [["Juan Pérez"], ['Juan "Güero" O\'Brien $HOME'], ['Juan "Güero" O\'Brien $HOME']]


@con_bash
def test_tab_no_crea_ni_actualiza_bases_ni_muestra_errores(tmp_path: Path) -> None:
    """A database that doesn't exist is not created (nor its folder), an older one is not
    upgraded, and a file that is no database is only read: Tab offers nothing and says
    nothing (``_bash`` checks that nothing reached stderr)."""
    vieja, rota = tmp_path / "vieja.db", tmp_path / "rota.db"
    base_en_revision(vieja, "0001")
    rota.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    env = _entorno(tmp_path)
    lineas = [
        ["a3", "--db", str(ruta), "cliente", "show", ""]
        for ruta in (tmp_path / "nueva.db", tmp_path / "nueva" / "a3.db", vieja, rota)
    ]
    assert _bash(tmp_path, env, *lineas, ["a3", "cliente", "show", ""]) == [[]] * 5
    assert not (tmp_path / "nueva.db").exists()
    assert not (tmp_path / "nueva").exists()
    assert not (tmp_path / "data").exists()  # the default database's folder
    assert revision_de(vieja) == "0001"
    assert rota.read_bytes() == b"SQLite format 3\x00" + b"\xff" * 4000


def test_zsh_y_fish_reciben_los_nombres_sin_comillas_de_bash(tmp_path: Path, db: Path, oficina: None) -> None:
    """zsh and fish quote what they insert themselves: the names go as they are."""
    zsh = proceso(
        [a3_exe()],
        _entorno(tmp_path, A3_DB=str(db), _A3_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="a3 cliente show maria"),
    )
    assert (zsh.code, zsh.err) == (0, "")
    assert '"María López"' in zsh.out
    fish = proceso(
        [a3_exe()],
        _entorno(
            tmp_path,
            A3_DB=str(db),
            _A3_COMPLETE="complete_fish",
            _TYPER_COMPLETE_ARGS="a3 cliente show juan\\ p",
            _TYPER_COMPLETE_FISH_ACTION="get-args",
        ),
    )
    assert fish.out.splitlines() == ["Juan Pérez"], fish


def test_tab_no_importa_sqlalchemy_ni_pydantic(tmp_path: Path, db: Path, oficina: None) -> None:
    """What keeps Tab well under 0.2 s (bench/ measures it): the names come through a plain
    connection, not SQLAlchemy, and the words typed are not converted (Typer imports
    pydantic to convert them)."""
    programa = (
        "import sys\n"
        "from a3tui.cli import run\n"
        "try:\n    run([])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'pydantic', 'rich') if m in sys.modules), file=sys.stderr)\n"
    )
    res = proceso(
        [sys.executable, "-c", programa],
        _entorno(
            tmp_path, A3_DB=str(db), _A3_COMPLETE="complete_bash", COMP_WORDS="a3 cliente show mar", COMP_CWORD="3"
        ),
    )
    assert (res.out, res.err) == ("María\\ López\n", "[]\n")


def test_cada_parametro_completa_lo_que_nombra() -> None:
    """By what each parameter holds, in every command: every REF a client, every CLAVE a
    property (but the new one of `propiedad add`), every LOGIN an advisor (but the new one
    of `asesor add`), every choice option its values; free text, numbers and files nothing."""
    encontrados: dict[tuple[str, str], str | None] = {}

    def recorrer(comando: Any, ruta: str) -> None:
        for param in comando.params:
            es_opcion = param.param_type_name == "option"
            nombre = max(param.opts, key=len) if es_opcion else (param.metavar or "").strip("[]")
            encontrados[(ruta, nombre)] = completado.que_completa(ruta, param)
        for palabra, sub in (getattr(comando, "commands", None) or {}).items():
            recorrer(sub, f"{ruta} {palabra}")

    recorrer(build(), "a3")
    clientes = {clave: que for clave, que in encontrados.items() if clave[1] in ("REF", "QUEDA", "OTRO")}
    assert len(clientes) >= 20
    assert set(clientes.values()) == {"cliente"}
    esperado = {
        ("a3 cliente show", "REF"): "cliente",
        ("a3 nota add", "REF"): "cliente",
        ("a3 auditoria", "REF"): "cliente",
        ("a3 tarea add", "--cliente"): "cliente",
        ("a3 cliente add", "--referido-por"): "cliente",
        ("a3 cliente fusionar", "QUEDA"): "cliente",
        ("a3 propiedad show", "CLAVE"): "propiedad",
        ("a3 propiedad add", "CLAVE"): None,
        ("a3 apartado crear", "--propiedad"): "propiedad",
        ("a3 actividad reunion", "--propiedades"): "propiedades",
        ("a3 hoy", "--asesor"): "asesor",
        ("a3 cliente transferir", "ASESOR"): "asesor",
        ("a3 suplencia add", "SUPLENTE"): "asesor",
        ("a3 asesor baja", "LOGIN"): "asesor",
        ("a3 asesor add", "LOGIN"): None,
        ("a3 cliente list", "--etapa"): "valores",
        ("a3 cliente etapa", "ETAPA"): "valores",
        ("a3 actividad llamada", "--resultado"): "valores",
        ("a3 documento add", "--tipo"): "valores",
        ("a3 tarea add", "--prioridad"): "valores",
        ("a3 cliente add", "--temperatura"): "valores",
        ("a3 exportar tareas", "--como"): "valores",
        ("a3 cliente add", "NOMBRE"): None,
        ("a3 nota add", "TEXTO"): None,
        ("a3 tarea done", "ID"): None,
        ("a3 documento add", "ARCHIVO"): None,
        ("a3", "--db"): None,
    }
    assert {clave: encontrados.get(clave, "falta") for clave in esperado} == esperado


@pytest.mark.parametrize(
    ("comilla", "valor", "esperado"),
    [
        ("", "Juan Pérez", "Juan\\ Pérez"),
        ("", 'O\'Brien "Güero" $HOME `x` (1)', 'O\\\'Brien\\ \\"Güero\\"\\ \\$HOME\\ \\`x\\`\\ \\(1\\)'),
        ("", "CUM-A-12,SJ.1/2", "CUM-A-12,SJ.1/2"),
        ('"', 'Juan "Güero" $x `y` \\', 'Juan \\"Güero\\" \\$x \\`y\\` \\\\'),
        ("'", "O'Brien", "O'\\''Brien"),
        ("", "Juan\tPérez", None),
        ("", "Juan\x1b[31m", None),
    ],
)
def test_cada_valor_va_a_bash_como_bash_lo_lee(comilla: str, valor: str, esperado: str | None) -> None:
    """Quoted as the word being completed is (readline adds the closing quote); a value
    with a control character can't go on one line of bash's answer: it is left out."""
    assert completado.citar_para_bash(valor, comilla) == esperado


def test_un_completador_que_falla_no_ofrece_nada_ni_escribe(capsys: pytest.CaptureFixture[str]) -> None:
    import warnings

    def falla(_ctx: Any, _texto: str) -> list[str]:
        warnings.warn("aviso de una biblioteca", DeprecationWarning, stacklevel=1)
        print("un error de una biblioteca", file=sys.stderr)
        raise RuntimeError("la base se fue")

    assert completado._completador(falla)(None, "ju") == []
    assert capsys.readouterr() == ("", "")


# ---------------------------------------------------------------- team mode


def test_en_modo_equipo_el_asesor_ve_solo_lo_suyo(tmp_path: Path, servidor_pg: Any, store_pg: Any) -> None:
    """Connected as Luis, Tab offers Luis's clients only: the server says who he is
    (A3_ASESOR can't make him Ana) and its row-level security what he sees."""
    from a3tui import services
    from a3tui.services import clientes

    with store_pg.session() as session:
        clientes.add(services.contexto(session, "ana"), "Juan Pérez")
        clientes.add(services.contexto(session, "luis"), "Juana López")
    base = store_pg.engine.url.database
    env = _entorno(tmp_path, A3_ASESOR="ana", _A3_COMPLETE="complete_bash")
    for login, esperado in (("luis", "Juana\\ López\n"), ("ana", "Juan\\ Pérez\n")):
        url = servidor_pg.url(base, usuario=login)
        res = proceso([a3_exe()], {**env, "COMP_WORDS": f"a3 --db {url} cliente show ju", "COMP_CWORD": "5"})
        assert (res.code, res.out, res.err) == (0, esperado, ""), login
