"""a3's own printing of lines and tables (`a3tui.cli.salida`): the layout Rich's console gave
the commands before (checked against Rich itself), the colours and width it chose, and
stored text that can't drive the terminal."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table

from a3tui.cli.salida import Consola, Tabla, Texto, envolver, imprimir

PALABRAS = [
    "Juan",
    "Pérez",
    "María José",
    "cotización",
    "Residencial San Jerónimo",
    "—",
    "● vencida hace 10 días 09:00",
    "Supercalifragilisticoespialidoso",
    "6691234567",
    "漢字テキスト",
    "Ñandú",
    "🏠 casa",
    "x" * 25,
    "a",
]

celdas = st.lists(st.sampled_from(PALABRAS), max_size=4).map(" ".join)
columnas = st.tuples(
    st.sampled_from(["Id", "Nombre", "Teléfono", "Descripción", "", "Próximo contacto"]),
    st.booleans(),  # right-justified
    st.booleans(),  # folds long words
    st.booleans(),  # never wraps
)


def _rich(
    cols: list[tuple[str, bool, bool, bool]], filas: list[list[str]], ancho: int, **opciones: object
) -> list[str]:
    tabla = Table(box=None, header_style="bold", pad_edge=False, **opciones)  # type: ignore[arg-type]
    for nombre, derecha, doblar, sin_cortes in cols:
        tabla.add_column(
            nombre,
            justify="right" if derecha else "left",
            overflow="fold" if doblar else "ellipsis",
            no_wrap=sin_cortes,
        )
    for fila in filas:
        tabla.add_row(*fila)
    salida = io.StringIO()
    Console(file=salida, width=ancho, color_system=None, highlight=False, markup=False, emoji=False).print(tabla)
    return [linea.rstrip() for linea in salida.getvalue().split("\n")[:-1]]


def _a3(cols: list[tuple[str, bool, bool, bool]], filas: list[list[str]], ancho: int, **opciones: object) -> list[str]:
    tabla = Tabla(**opciones)  # type: ignore[arg-type]
    for nombre, derecha, doblar, sin_cortes in cols:
        tabla.columna(nombre, derecha=derecha, doblar=doblar, sin_cortes=sin_cortes)
    for fila in filas:
        tabla.fila(*fila)
    return [linea.plano for linea in tabla.en_columnas(ancho)]


@settings(max_examples=300, deadline=None)
@given(data=st.data(), cols=st.lists(columnas, min_size=1, max_size=7), titulo=st.booleans())
def test_una_tabla_se_ve_como_la_dibujaba_rich(data: st.DataObject, cols: list, titulo: bool) -> None:
    """Same widths, wrapping, folding, «…» and alignment as Rich at any terminal width that
    leaves each column a few cells (trailing spaces aside: a3 doesn't print them)."""
    filas = data.draw(st.lists(st.lists(celdas, min_size=len(cols), max_size=len(cols)), max_size=5))
    ancho = data.draw(st.integers(min_value=8 * len(cols), max_value=200))
    encabezados = data.draw(st.booleans())
    nombre = "Plaza Culiacán de Rosales" if titulo else None
    rich = _rich(cols, filas, ancho, show_header=encabezados, title=nombre, title_justify="left")
    assert _a3(cols, filas, ancho, encabezados=encabezados, titulo=nombre) == rich


@settings(max_examples=200, deadline=None)
@given(texto=st.lists(st.sampled_from([*PALABRAS, "\n", "  "]), max_size=12).map(" ".join), ancho=st.integers(1, 120))
def test_una_linea_larga_se_parte_como_la_partia_rich(texto: str, ancho: int) -> None:
    salida = io.StringIO()
    Console(file=salida, width=ancho, color_system=None, highlight=False, markup=False, emoji=False).print(texto)
    rich = [linea.rstrip() for linea in salida.getvalue().split("\n")[:-1]]
    assert [linea.sin_espacio_final().plano for linea in envolver(Texto(texto), ancho)] == rich


def test_a_40_columnas_parte_el_nombre_y_alinea_el_id() -> None:
    tabla = Tabla()
    tabla.columna("Id", derecha=True, estilo="dim")
    tabla.columna("Nombre", doblar=True)
    tabla.columna("Teléfono", sin_cortes=True)
    tabla.fila("7", "María Guadalupe Hernández de la Fuente Villarreal", "669 123 4567")
    tabla.fila("1234", "Ana", "—")
    assert [linea.plano for linea in tabla.lineas(40)] == [
        "  Id  Nombre                Teléfono",
        "   7  María Guadalupe       669 123 4567",
        "      Hernández de la",
        "      Fuente Villarreal",
        "1234  Ana                   —",
    ]


def test_una_celda_con_caracteres_de_control_no_llega_a_la_terminal() -> None:
    tabla = Tabla()
    tabla.columna("Nombre")
    tabla.fila("Juan \x1b[2J\x07Pérez")
    assert "\x1b" not in "".join(linea.plano for linea in tabla.lineas(80))
    assert "\x1b" not in (Texto("a\x1b]0;x\x07b") + "\x9b").plano


def _terminal(monkeypatch: pytest.MonkeyPatch, tty: bool, **env: str) -> Consola:
    for nombre in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS"):
        monkeypatch.delenv(nombre, raising=False)
    for nombre, valor in env.items():
        monkeypatch.setenv(nombre, valor)
    salida = io.StringIO()
    salida.isatty = lambda: tty  # type: ignore[method-assign]
    monkeypatch.setattr("sys.stdout", salida)
    return Consola.actual()


def test_en_una_terminal_pinta_negritas_y_colores(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _terminal(monkeypatch, True, TERM="xterm-256color", COLUMNS="100")
    assert terminal.ancho == 100
    assert terminal.pintar(Texto("vencida", "bold red") + " ok") == "\x1b[1;31mvencida\x1b[0m ok"


def test_no_color_quita_los_colores_y_deja_las_negritas(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _terminal(monkeypatch, True, TERM="xterm", NO_COLOR="1")
    assert terminal.pintar(Texto("vencida", "bold red") + Texto("hoy", "yellow")) == "\x1b[1mvencida\x1b[0mhoy"


@pytest.mark.parametrize(("tty", "env"), [(False, {}), (True, {"TERM": "dumb"}), (False, {"NO_COLOR": "1"})])
def test_sin_terminal_o_en_una_tonta_no_hay_secuencias(
    monkeypatch: pytest.MonkeyPatch, tty: bool, env: dict[str, str]
) -> None:
    assert _terminal(monkeypatch, tty, **env).pintar(Texto("vencida", "bold red")) == "vencida"


def test_force_color_pinta_aunque_la_salida_sea_un_archivo(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _terminal(monkeypatch, False, FORCE_COLOR="1").pintar(Texto("x", "dim")) == "\x1b[2mx\x1b[0m"


def test_imprimir_une_textos_con_un_espacio_y_cada_tabla_en_su_linea(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    tabla = Tabla(encabezados=False)
    tabla.columna()
    tabla.columna(derecha=True)
    tabla.fila("Clientes", "1,001")
    imprimir(Texto("Juan Pérez", "bold"), Texto("  (id 3)", "dim"))
    imprimir(Texto("Recordatorios (3): Llamar a Juan · Enviar cotización", "bold"), tabla)
    assert capsys.readouterr().out == (
        "Juan Pérez   (id 3)\nRecordatorios (3): Llamar a\nJuan · Enviar cotización\nClientes  1,001\n"
    )
