"""Cursor moves send little down the wire (issue 14): a table row is a few colour runs, not
one per cell, and still answers a click; the day's list repaints the rows it moves between."""

from __future__ import annotations

from textual.app import App, ComposeResult

from a3tui.app.widgets.lista_ligera import ListaLigera
from a3tui.app.widgets.tabla_ligera import TablaLigera
from apoyo.app import esperar, espiar_repintados


class _Tabla(App[None]):
    def compose(self) -> ComposeResult:
        yield TablaLigera(cursor_type="row")

    def on_mount(self) -> None:
        tabla = self.query_one(TablaLigera)
        tabla.add_columns("Clave", "Desarrollo", "Precio", "Recámaras")
        for i in range(30):
            tabla.add_row(f"CUM-A-{i}", "Cumbres Elite", f"${i},000", "3")


async def test_una_fila_son_pocas_corridas_de_color_y_conservan_la_fila() -> None:
    app = _Tabla()
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        tabla = app.query_one(TablaLigera)
        strip = tabla.render_line(3)
        segmentos = [s for s in strip if s.text]
        assert len(segmentos) <= 2  # one colour run (plus the padding at most), not 4 cells
        assert all(s.style is not None and s.style.meta.get("row") == 2 for s in segmentos)
        assert "CUM-A-2" in "".join(s.text for s in segmentos)


async def test_un_clic_elige_la_fila() -> None:
    app = _Tabla()
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        await pilot.click(TablaLigera, offset=(20, 6))
        await esperar(pilot)
        assert app.query_one(TablaLigera).cursor_row == 5


class _Lista(App[None]):
    def compose(self) -> ComposeResult:
        yield ListaLigera(*[f"Opción {i}" for i in range(40)])


async def test_mover_el_cursor_repinta_dos_renglones(monkeypatch) -> None:
    app = _Lista()
    async with app.run_test(size=(80, 24)) as pilot:
        lista = app.query_one(ListaLigera)
        lista.focus()
        await esperar(pilot)
        repintados = espiar_repintados(lista, monkeypatch)
        await pilot.press("down")
        await esperar(pilot)
        assert lista.highlighted == 1
        assert repintados
        assert all(len(r) == 1 and r[0].height == 1 for r in repintados)  # never the whole list
        assert {r[0].y for r in repintados} == {0, 1}
