"""Every example the command-line help gives runs as written.

The examples are read from the built command tree (the ``Ejemplo:``/``Ejemplos:`` of each
command's help and epilog, separated by « · »), not from the source files: what is tested
is what `a3 … --help` shows. Each one runs through the real command (in this process,
``a3tui.cli.run``), split as a shell splits it, on a fresh copy of one office where what
the examples name exists (built once per module): Juan Pérez (id 12, the only client
«perez» finds) and his duplicate 47, properties CUM-A-12 and CUM-B-03, advisors luis and
carmen, apartado 3, document 4, note 4, task 7, message 31 waiting for the client's
answer, suplencia 3, transfer 4 waiting for a coordinator, service cases C-2026-0001 (past
due) and C-2026-0002, and the files the examples import in the working directory (also
HOME). The user is ana, who coordinates the office.

An example passes when it exits 0 with no trace of a bug. One that needs something first
(a task done before it is reopened) runs the example that does it before; one that by
design asks on a terminal gets one answering «s»; one that opens the app or needs a
PostgreSQL server runs with only that part stood in for, and says so in its test id.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from apoyo.bases import cerrar_wal, copiar_base
from apoyo.entorno import Terminal, aislar
from apoyo.proceso import AHORA, ASESOR, Resultado, a3_exe, en_proceso, entorno, proceso, sin_sorpresas

DATOS = Path(__file__).resolve().parents[1] / "datos"
SEPARADOR = " · "


# ---------------------------------------------------------------- the examples of the help


def ejemplos_de_la_ayuda() -> dict[str, list[str]]:
    """Every example of the help, each with the commands whose help gives it («a3 cliente
    etapa»), in the order `a3 --help` lists them."""
    from a3tui.cli.root import build

    ejemplos: dict[str, list[str]] = {}

    def recorrer(comando: Any, ruta: str) -> None:
        for texto in (comando.help or "", comando.epilog or ""):
            for parrafo in re.findall(r"Ejemplos?:\s*(.+?)(?:\n\s*\n|\Z)", texto, flags=re.S):
                for ejemplo in parrafo.split(SEPARADOR):
                    ejemplos.setdefault(" ".join(ejemplo.split()), []).append(ruta)
        for nombre, sub in getattr(comando, "commands", {}).items():
            recorrer(sub, f"{ruta} {nombre}")

    recorrer(build(), "a3")
    return ejemplos


EJEMPLOS = ejemplos_de_la_ayuda()


@dataclass(frozen=True)
class Trato:
    """How an example that can't simply run on a fresh copy of the office is run."""

    # What the example takes as done: examples (or commands) run first, on the same copy.
    antes: tuple[str, ...] = ()
    # The office («oficina»); a new database with only ana («nueva»: for an example that
    # adds what the office already has); or no database file at all («ninguna»).
    base: str = "oficina"
    # The example asks on a terminal (by design, without --si): the answer typed there.
    responde: str | None = None
    # What is stood in for, and why (the example runs with that part replaced).
    simulado: str | None = None
    # Run as a real process: its standard output goes to a file (``> ARCHIVO``), bytes and all.
    proceso: bool = False

    def nota(self) -> str:
        partes = [f"después de «{a}»" for a in self.antes]
        if self.base == "nueva":
            partes.append("en una base nueva")
        if self.base == "ninguna":
            partes.append("sin base")
        if self.responde is not None:
            partes.append(f"responde «{self.responde}» en la terminal")
        if self.simulado is not None:
            partes.append(self.simulado)
        if self.proceso:
            partes.append("como proceso aparte, con su salida en el archivo")
        return f" ⟨{'; '.join(partes)}⟩" if partes else ""


PREGUNTA = Trato(responde="s")
APARTA_A_PEREZ = "a3 apartado crear perez --propiedad CUM-A-12 --monto 25,000"
NUEVA = Trato(base="nueva")
RESUELVE_EL_CASO = "a3 caso resolver C-2026-0001 --resolucion 'Se cambió el calentador'"
SIN_APLICACION = "sin abrir la aplicación (pide una terminal): se comprueba que se pidió abrirla"

TRATOS: dict[str, Trato] = {
    # They add what the office already has.
    'a3 cliente add "Juan Pérez" --telefono 8123456789': NUEVA,
    'a3 cliente add "Juan Pérez" --telefono "81 2345 6789" --email juan@correo.com --temperatura caliente': NUEVA,
    'a3 propiedad add CUM-A-12 --desarrollo "Cumbres" --modelo Roble --precio 1,250,000': NUEVA,
    'a3 propiedad add CUM-A-12 --desarrollo "Cumbres" --modelo Roble --precio 1,250,000 --recamaras 3': NUEVA,
    'a3 asesor add luis --nombre "Luis Treviño" --plaza Monterrey': NUEVA,
    # They ask before deleting or merging (the same examples with --si don't).
    "a3 nota borrar 4": PREGUNTA,
    "a3 tarea borrar 7": PREGUNTA,
    "a3 cliente fusionar 12 47": PREGUNTA,
    # They undo or follow what another example did.
    "a3 tarea reabrir 7": Trato(antes=("a3 tarea done 7",)),
    "a3 apartado entregar 3": Trato(antes=("a3 apartado escriturar 3",)),
    "a3 asesor reactivar luis": Trato(antes=("a3 asesor baja luis",)),
    "a3 transferencia deshacer 4": Trato(antes=("a3 transferencia aprobar 4",)),
    "a3 caso cerrar C-2026-0001": Trato(antes=(RESUELVE_EL_CASO,)),
    "a3 caso reabrir C-2026-0001 --motivo 'Volvió la gotera'": Trato(antes=(RESUELVE_EL_CASO,)),
    # Crédito is a step of apartado (README: after «a3 apartado crear perez …»).
    "a3 cliente paso perez credito": Trato(antes=(APARTA_A_PEREZ,)),
    "a3 cliente paso perez credito --no": Trato(antes=(APARTA_A_PEREZ, "a3 cliente paso perez credito")),
    "a3 cliente etapa perez prospecto": Trato(
        antes=('a3 cliente etapa perez cancelado --motivo "Compró con otra desarrolladora"',)
    ),
    # The shell writes its output to a file: the bytes of a real process's standard output.
    "a3 exportar clientes --formato json > clientes.json": Trato(proceso=True),
    # They open the full-screen app, or need sudo and a PostgreSQL server.
    "a3 --db demo.db demo --clientes 200 --abrir": Trato(base="ninguna", simulado=SIN_APLICACION),
    "sudo -u postgres a3 --db postgresql:///a3 db preparar-equipo carla": Trato(
        base="ninguna",
        simulado=(
            "sin sudo ni servidor PostgreSQL: se comprueba lo que se le pide a store_pg.preparar_equipo "
            "(de verdad lo prueba tests/cli/test_ataques_equipo.py)"
        ),
    ),
}


def _id(ejemplo: str) -> str:
    return ejemplo + TRATOS.get(ejemplo, Trato()).nota()


# ---------------------------------------------------------------- as a shell reads it


# What a shell does to a word outside single quotes that the in-process run would not:
# $ and ` expand (in double quotes too), an unquoted * ? [ globs, { } expand in braces.
_ESPECIALES_SIEMPRE = "$`"
_ESPECIALES_SIN_COMILLAS = "*?[]{}!;&|<"


def lo_que_el_shell_cambiaria(ejemplo: str) -> list[str]:
    """The characters of ``ejemplo`` a POSIX shell would act on rather than pass to a3."""
    malos: list[str] = []
    comilla = ""
    for caracter in ejemplo:
        if comilla == "'":
            comilla = "" if caracter == "'" else comilla
        elif comilla == '"':
            if caracter == '"':
                comilla = ""
            elif caracter in _ESPECIALES_SIEMPRE:
                malos.append(caracter)
        elif caracter in "'\"":
            comilla = caracter
        elif caracter in _ESPECIALES_SIEMPRE + _ESPECIALES_SIN_COMILLAS:
            malos.append(caracter)
    if comilla:
        malos.append(f"comilla {comilla} sin cerrar")
    return malos


@dataclass(frozen=True)
class Linea:
    """A command line as the shell hands it to `a3`: its arguments, and where standard output goes."""

    argv: list[str]
    salida: Path | None = None


def leer_linea(ejemplo: str, casa: Path) -> Linea:
    """Split ``ejemplo`` as a shell does: quotes, ``~`` at the start of a word is HOME,
    ``> ARCHIVO`` redirects; ``sudo -u USUARIO`` is dropped (the in-process run is as
    ana). Fails on what a shell would change (see lo_que_el_shell_cambiaria)."""
    cambios = lo_que_el_shell_cambiaria(ejemplo)
    assert not cambios, f"un shell cambiaría {cambios} en: {ejemplo}"
    lexer = shlex.shlex(ejemplo, posix=True, punctuation_chars=">")
    lexer.whitespace_split = True
    palabras = list(lexer)
    salida = None
    if ">" in palabras:
        donde = palabras.index(">")
        assert donde == len(palabras) - 2, f"solo se entiende «> ARCHIVO» al final: {ejemplo}"
        salida = casa / palabras[-1]
        palabras = palabras[:donde]
    if palabras[:3] == ["sudo", "-u", "postgres"]:
        palabras = palabras[3:]
    assert palabras[0] == "a3", f"un ejemplo empieza con a3: {ejemplo}"
    argv = [str(casa / p[2:]) if p.startswith("~/") else str(casa) if p == "~" else p for p in palabras[1:]]
    return Linea(argv, salida)


def _db_del_ejemplo(argv: list[str]) -> str | None:
    return argv[argv.index("--db") + 1] if "--db" in argv else None


def escritos(linea: Linea) -> list[Path]:
    """The files ``linea`` writes by name (``--salida``/``-o``, a backup's DESTINO, ``>``):
    they are not there before it runs, as a3 rightly won't overwrite them."""
    argv = linea.argv
    nombres = [argv[i + 1] for i, a in enumerate(argv[:-1]) if a in ("--salida", "-o")]
    nombres += [argv[i + 2] for i in range(len(argv) - 2) if argv[i : i + 2] == ["db", "backup"]]
    return [Path(n) for n in nombres] + ([linea.salida] if linea.salida is not None else [])


# ---------------------------------------------------------------- the office they run on


@dataclass
class Escenario:
    """The office (a closed database file), a new database with only ana, and the files
    the examples read (put in each example's HOME)."""

    oficina: Path
    nueva: Path
    archivos: Path


CLIENTES_CSV = (
    "Nombre,Cel. personal,Correo\nRosa Elena Garza,8130001000,rosa.garza@correo.mx\nHéctor Villarreal,8130001001,\n"
)
LISTA_CSV = (
    "Clave,Desarrollo,Modelo,Precio lista,Recámaras\n"
    'CUM-D-01,Cumbres Elite,Encino,"$1,390,000",3\n'
    'CUM-D-02,Cumbres Elite,Olivo,"$1,120,000",2\n'
)


def _archivos(carpeta: Path) -> None:
    """The files the examples import or attach, and the folders they write into."""
    intercambio = DATOS / "intercambio"
    for nombre in ("contactos.xlsx", "agenda.vcf", "Chat de WhatsApp con Juan Pérez.txt"):
        shutil.copyfile(intercambio / nombre, carpeta / nombre)
    shutil.copyfile(intercambio / "agenda.vcf", carpeta / "contactos.vcf")
    shutil.copyfile(intercambio / "Chat de WhatsApp con Juan Pérez.txt", carpeta / "_chat.txt")
    shutil.copyfile(DATOS / "precios.xlsx", carpeta / "precios.xlsx")
    shutil.copyfile(DATOS / "documento.pdf", carpeta / "ine.pdf")
    shutil.copyfile(DATOS / "documento.pdf", carpeta / "recibo-luz.pdf")
    shutil.copyfile(DATOS / "foto.jpg", carpeta / "recibo.jpg")
    (carpeta / "clientes.csv").write_text(CLIENTES_CSV, encoding="utf-8")
    (carpeta / "lista.csv").write_text(LISTA_CSV, encoding="utf-8")
    # The folders the examples write into are the user's: a3 writes into a folder that
    # exists (one that doesn't is taken for a file's name, trailing / or not).
    for nombre in ("respaldos", "Calendario", "reportes", "fichas"):
        (carpeta / nombre).mkdir()


def _hasta(session: Any, modelo: Any, siguiente: int, relleno: Callable[[int], object]) -> None:
    """Add ``relleno`` rows of ``modelo`` until the next one gets id ``siguiente``."""
    from sqlalchemy import func
    from sqlmodel import select

    while True:
        ultimo = session.exec(select(func.max(modelo.id))).one() or 0
        assert ultimo < siguiente, f"{modelo.__name__} ya pasó del id {siguiente}"
        if ultimo == siguiente - 1:
            return
        relleno(ultimo + 1)


def _oficina(path: Path) -> None:
    """The office the examples name, written through the services at the tests' clock:
    enough of everything that each example finds something to show or change."""
    from a3tui import services
    from a3tui import store as store_module
    from a3tui.models import Actividad, Cliente, Documento, Nota, Tarea
    from a3tui.services import (
        actividades,
        apartados,
        asesores,
        casos,
        clientes,
        documentos,
        notas,
        propiedades,
        tareas,
        transferencias,
    )

    ahora = datetime.fromisoformat(AHORA)
    hoy = ahora.date()
    pdf = (DATOS / "documento.pdf").read_bytes()
    store = store_module.open_store(str(path))
    try:
        with store.session() as session:
            ana = services.contexto(session, ASESOR, ahora)  # the first advisor: she coordinates
            luis = asesores.add(ana, "luis", nombre="Luis Treviño")
            carmen = asesores.add(ana, "carmen", nombre="Carmen Ríos")

            # Prospects of every temperature; those from 13 on were met 40 days ago and
            # never contacted since (fríos).
            def prospecto(i: int) -> object:
                return clientes.add(
                    ana, f"Prospecto {i:02d}", telefonos=[str(8140000000 + i)],
                    temperatura=("caliente", "tibio", "frío")[i % 3],
                    primer_contacto=hoy - timedelta(days=40 if i > 12 else 1),
                )  # fmt: skip

            _hasta(session, Cliente, 12, prospecto)
            juan = clientes.add(ana, "Juan Pérez", telefonos=["81 1234 0012"], email="juan@correo.com")
            _hasta(session, Cliente, 47, prospecto)
            otro_juan = clientes.add(
                ana, "Juan P. Garza", telefonos=["8112340012"], email="jpg@trabajo.mx",
                direccion="Av. Constitución 100, Monterrey", forzar=True,
            )  # fmt: skip
            assert (juan.id, otro_juan.id) == (12, 47)
            roberto = clientes.add(ana, "Roberto Cantú", telefonos=["8199988877"])
            lucia = clientes.add(ana, "Lucía Herrera", telefonos=["8144455566"])
            lucia_id = lucia.id

            propiedades.add(
                ana, "CUM-A-12", desarrollo="Cumbres Elite", modelo="Roble", precio_centavos=125_000_000,
                recamaras=3, plantas=2, m2=120,
            )  # fmt: skip
            propiedades.add(
                ana, "CUM-B-03", desarrollo="Cumbres Elite", modelo="Encino", precio_centavos=98_000_000, recamaras=2
            )
            valle = [
                propiedades.add(ana, f"VAL-A-0{i}", desarrollo="Valle Alto", precio_centavos=90_000_000)
                for i in (1, 2, 3)
            ]
            for i in (1, 2):
                apartados.crear(ana, clientes.get(ana, i), valle[i - 1], 2_000_000, fecha=hoy - timedelta(days=20))
            apartado = apartados.crear(ana, roberto, valle[2], 2_500_000, fecha=hoy - timedelta(days=10))
            assert apartado.id == 3

            # Roberto has what the escritura asks for (INE, a recent proof of address).
            documentos.add(ana, roberto, "ine.pdf", pdf, "pdf", "ine")
            documentos.add(
                ana, roberto, "luz.pdf", pdf + b"%luz", "pdf", "comprobante-domicilio",
                fecha_documento=hoy - timedelta(days=20),
            )  # fmt: skip
            _hasta(
                session, Documento, 4,
                lambda i: documentos.add(ana, roberto, f"otro-{i}.pdf", pdf + str(i).encode(), "pdf", "otro"),
            )  # fmt: skip
            documento = documentos.add(ana, roberto, "nomina.pdf", pdf + b"%nomina", "pdf", "comprobante-ingresos")
            assert documento.id == 4
            documentos.add(ana, juan, "identificacion.pdf", pdf + b"%juan", "pdf", "otro")

            _hasta(session, Nota, 4, lambda i: notas.add(ana, roberto, f"Nota {i}"))
            assert notas.add(ana, juan, "Solo puede pagar $10,000 de enganche").id == 4

            tareas.add(ana, "Enviar la cotización", hoy - timedelta(days=2), cliente=roberto)  # overdue
            _hasta(session, Tarea, 7, lambda i: tareas.add(ana, f"Tarea {i}", hoy + timedelta(days=i)))
            assert tareas.add(ana, "Llamar a Juan", hoy, cliente=juan).id == 7

            asesores.add_suplencia(ana, carmen, luis, date(2026, 10, 1), date(2026, 10, 15), "vacaciones")
            asesores.add_suplencia(ana, luis, carmen, date(2026, 11, 2), date(2026, 11, 6), "curso")
            assert asesores.add_suplencia(ana, carmen, luis, date(2026, 12, 20), date(2026, 12, 31)).id == 3

            # Ana moves three clients to carmen herself (luis keeps none: he can be given de baja).
            for cliente in (clientes.get(ana, 3), clientes.get(ana, 4), lucia):
                transferencias.transferir(ana, cliente, carmen, "Vive en su zona")

            _hasta(
                session, Actividad, 31,
                lambda i: actividades.llamada(
                    ana, clientes.get(ana, 5 + i % 7), "contestó-interesado", fecha=ahora - timedelta(days=1 + i % 9)
                ),
            )  # fmt: skip
            mensaje = actividades.mensaje(
                ana, juan, contenido="Le envié 3 opciones en Cumbres", respondio=False,
                fecha=ahora - timedelta(days=2),
            )  # fmt: skip
            assert mensaje.actividad.id == 31
        with store.session() as session:
            # Carmen asks to give Lucía back to ana: transfer 4 waits for a coordinator.
            como_carmen = services.contexto(session, "carmen", ahora)
            pedida = transferencias.transferir(
                como_carmen, clientes.get(como_carmen, lucia_id), asesores.get(session, ASESOR),
                "Ana ya conoce a la familia",
            )  # fmt: skip
            assert pedida.id == 4
        with store.session() as session:
            # Service cases: C-2026-0001, Juan's complaint opened five days ago (past its two
            # days); C-2026-0002, a question of one of carmen's clients.
            antes = services.contexto(session, ASESOR, ahora - timedelta(days=5))
            queja = casos.abrir(antes, clientes.get(antes, 12), "queja", "Gotera en la recámara")
            consulta = casos.abrir(antes, clientes.get(antes, 3), "consulta", "¿Cuándo se paga el predial?")
            assert (casos.folio(queja), casos.folio(consulta)) == ("C-2026-0001", "C-2026-0002")
    finally:
        store.dispose()
    cerrar_wal(path)


def _cuantos(modelo: Any) -> Any:
    from sqlalchemy import func
    from sqlmodel import select

    return select(func.count()).select_from(modelo)


@pytest.fixture(scope="module")
def escenario(tmp_path_factory: pytest.TempPathFactory) -> Escenario:
    from a3tui import services
    from a3tui import store as store_module

    carpeta = tmp_path_factory.mktemp("ejemplos")
    oficina, nueva, archivos = carpeta / "oficina.db", carpeta / "nueva.db", carpeta / "casa"
    archivos.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        aislar(mp, carpeta, oficina)
        _oficina(oficina)
        store = store_module.open_store(str(nueva))
        with store.session() as session:
            services.contexto(session, ASESOR, datetime.fromisoformat(AHORA))
        store.dispose()
        cerrar_wal(nueva)
        _archivos(archivos)
        # The backups the restore examples name, as `a3 db backup` writes them.
        for nombre in ("clientes.db", "a3-2026-11-23.db"):
            res = en_proceso("--db", oficina, "db", "backup", archivos / "respaldos" / nombre)
            assert res.code == 0, res.err
    return Escenario(oficina, nueva, archivos)


# ---------------------------------------------------------------- running them


def test_la_ayuda_da_ejemplos_de_cada_comando() -> None:
    """The collector reads the help (a change in how examples are written would leave
    this file testing nothing), and every command that runs something shows one."""
    from a3tui.cli.root import build

    assert len(EJEMPLOS) > 140
    con_ejemplo = {ruta for rutas in EJEMPLOS.values() for ruta in rutas}
    sin: list[str] = []

    def recorrer(comando: Any, ruta: str) -> None:
        subcomandos = getattr(comando, "commands", {})
        if not subcomandos and ruta not in con_ejemplo:
            sin.append(ruta)
        for nombre, sub in subcomandos.items():
            recorrer(sub, f"{ruta} {nombre}")

    recorrer(build(), "a3")
    assert sin == []


def test_cada_trato_especial_es_de_un_ejemplo_de_la_ayuda() -> None:
    """An example whose text changed must not keep a special treatment it no longer needs."""
    assert sorted(set(TRATOS) - set(EJEMPLOS)) == []
    assert sorted({a for t in TRATOS.values() for a in t.antes} - set(EJEMPLOS)) == []


# What a command says when it found nothing to show or change: on the office every
# example finds something (an example that can't, such as one dated in the future, is wrong).
_NADA = re.compile(r"^(No hay |Nada |Nadie |Ningún cliente cambia)", re.M)


def sin_nada(res: Resultado) -> list[str]:
    """Why ``res`` reads as an answer about nothing (empty list when it shows something)."""
    import json

    malos = _NADA.findall(res.out)
    if res.out.startswith("{"):
        datos = json.loads(res.out)
        if datos.get("total") == 0:
            malos.append('"total": 0')
    return malos


def _correr(linea: Linea, monkeypatch: pytest.MonkeyPatch, trato: Trato = Trato()) -> Resultado:
    if trato.responde is not None:
        monkeypatch.setattr(sys, "stdin", Terminal(trato.responde + "\n"))
    if trato.proceso:
        casa = Path.cwd()
        res = proceso([a3_exe(), *linea.argv], entorno(casa, A3_DB=os.environ["A3_DB"]), cwd=casa)
    else:
        res = en_proceso(*linea.argv)
    if linea.salida is not None:
        linea.salida.write_text(res.out, encoding="utf-8")
    return res


@pytest.mark.parametrize("ejemplo", list(EJEMPLOS), ids=[_id(e) for e in EJEMPLOS])
def test_el_ejemplo_corre_tal_como_se_lee(
    ejemplo: str, escenario: Escenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    trato = TRATOS.get(ejemplo, Trato())
    casa = tmp_path / "home"  # HOME (tests/conftest.py) and the working directory
    shutil.copytree(escenario.archivos, casa, dirs_exist_ok=True)
    monkeypatch.chdir(casa)
    linea = leer_linea(ejemplo, casa)
    for escrito in escritos(linea):
        if (casa / escrito).is_file():
            (casa / escrito).unlink()
    db = Path(_db_del_ejemplo(linea.argv) or casa / "a3.db")
    monkeypatch.setenv("A3_DB", str(db))
    if trato.base != "ninguna":
        copiar_base(escenario.nueva if trato.base == "nueva" else escenario.oficina, db)
    pedidos: list[tuple[Any, ...]] = []
    if trato.simulado == SIN_APLICACION:
        monkeypatch.setattr("a3tui.app.run", lambda *args: pedidos.append(("app", *args)))
    elif trato.simulado is not None:

        def preparar_equipo(url: str, duena: str) -> Iterator[str]:
            pedidos.append(("preparar_equipo", url, duena))
            yield "Base preparada."

        monkeypatch.setattr("a3tui.store_pg.preparar_equipo", preparar_equipo)

    for previo in trato.antes:
        antes = _correr(leer_linea(previo, casa), monkeypatch)
        assert antes.code == 0, (previo, antes)
    res = _correr(linea, monkeypatch, trato)

    assert (res.code, res.err) == (0, ""), res.out
    assert not sin_sorpresas(res, linea.argv)
    assert not sin_nada(res), res.out
    if trato.responde is not None:
        assert "[s/N]" in res.out, res.out  # it did ask
    if trato.simulado == SIN_APLICACION:
        assert pedidos == [("app", str(db))]
    elif trato.simulado is not None:
        assert pedidos == [("preparar_equipo", "postgresql:///a3", "carla")]
