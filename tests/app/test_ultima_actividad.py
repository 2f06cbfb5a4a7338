"""What counts as the client's last activity in the app (issue 28 point 4): a document the
client handed over is, a system entry is not."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.documento import NuevoDocumento
from a3tui.services import clientes
from a3tui.store import Store
from apoyo.app import abrir_ficha, esperar, texto

TAMANO = (80, 24)
PDF = (Path(__file__).resolve().parents[1] / "datos" / "documento.pdf").read_bytes()


async def test_un_documento_agregado_en_la_ficha_es_su_ultima_actividad(store: Store, tmp_path: Path) -> None:
    """d in the ficha of a client never contacted, the INE's path, Enter: the header says
    «última actividad: hoy», no longer «nunca»; the next contact stays where it was."""
    ine = tmp_path / "ine.pdf"
    ine.write_bytes(PDF)
    with store.session() as session:
        nuevo = clientes.add(services.contexto(session, "ana"), "Tomás Ibarra", telefonos=["8112345678"])
        assert nuevo.id is not None
        cliente_id = nuevo.id
    app = A3App(store)
    async with app.run_test(size=TAMANO) as pilot:
        await esperar(pilot)
        ficha = await abrir_ficha(pilot, cliente_id)
        antes = texto(ficha.query_one("#cabecera", Static))
        assert "última actividad: nunca" in antes
        await pilot.press("d")
        await esperar(pilot)
        assert isinstance(app.screen, NuevoDocumento)
        await pilot.press(*str(ine), "enter")
        await esperar(pilot)
        assert app.screen is ficha
        cabecera = texto(ficha.query_one("#cabecera", Static))
        assert "última actividad: hoy" in cabecera
        proximo = next(linea for linea in antes.splitlines() if linea.startswith("Próximo contacto"))
        assert cabecera.splitlines()[-1].startswith(proximo.split(" · ")[0])
