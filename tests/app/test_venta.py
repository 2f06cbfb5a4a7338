"""The sale in the app, by keyboard (issue 10): inventory, sharing, a meeting with the
property shown, the reservation, its documents, escriturado (refused while a document is
missing), entregado, and a cancelled reservation freeing its property."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select
from textual.widgets import Input, OptionList, Select, Static

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.actividad import RegistrarActividad
from a3tui.app.screens.apartado import MenuApartado, NuevoApartado, PasoDeApartado
from a3tui.app.screens.compartir import CompartirPropiedad, ResultadoCompartir
from a3tui.app.screens.confirmar import Confirmar
from a3tui.app.screens.documento import MenuDocumento, NuevoDocumento, SugerirRuta
from a3tui.app.screens.elegir import ElegirCliente, ElegirPropiedad
from a3tui.app.screens.ficha import FichaScreen
from a3tui.app.screens.inventario import FormularioPropiedad, InventarioScreen, VerPropiedad
from a3tui.app.widgets.formulario import MensajeError
from a3tui.domain import EstadoApartado, EstadoPropiedad, Etapa, MedioEnvio, TipoActividad
from a3tui.models import Actividad, Apartado, Cliente, Documento, PasoEtapa, Propiedad, PropiedadMostrada
from a3tui.services import clientes
from a3tui.store import Store
from apoyo.app import abrir_ficha, dialogo, esperar, filas, opciones, pantalla, texto
from apoyo.cartera import AHORA

TAMANO = (80, 24)
# A real PNG and PDF: a document's content is checked, not only its first bytes.
DATOS = Path(__file__).resolve().parents[1] / "datos"
PNG = (DATOS / "imagen.png").read_bytes()
PDF = (DATOS / "documento.pdf").read_bytes()


def _propiedad(store: Store, clave: str) -> Propiedad | None:
    with store.session() as session:
        return session.exec(select(Propiedad).where(Propiedad.clave == clave)).first()


def _cliente(store: Store, cliente_id: int) -> Cliente:
    with store.session() as session:
        cliente = session.get(Cliente, cliente_id)
        assert cliente is not None
        return cliente


def _apartados(store: Store, cliente_id: int) -> list[Apartado]:
    with store.session() as session:
        return list(session.exec(select(Apartado).where(Apartado.cliente_id == cliente_id)).all())


async def _teclas(pilot, *teclas: str) -> None:
    for tecla in teclas:
        await pilot.press(tecla)
        await esperar(pilot)


async def _elegir(pilot, busqueda: str) -> None:
    """In a picker: type, wait for the answer, Enter."""
    assert isinstance(pilot.app.screen, (ElegirCliente, ElegirPropiedad))
    await pilot.press(*busqueda)
    await esperar(pilot)
    await pilot.press("enter")
    await esperar(pilot)


def _tabla_inventario(app: A3App) -> list[str]:
    assert isinstance(app.screen, InventarioScreen)
    return filas(app.screen.tabla)


class TestInventario:
    @pytest.mark.ambos_motores
    async def test_i_abre_el_inventario_con_precios_y_estados(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i")
            lineas = _tabla_inventario(app)
            assert len(lineas) == 3
            assert any("CUM-A-12" in f and "$1,250,000" in f and "apartada" in f for f in lineas)
            assert any("VAL-B-03" in f and "vendida" in f for f in lineas)
            assert any("CUM-C-07" in f and "disponible" in f for f in lineas)
            assert texto(app.screen.query_one("#resumen", Static)) == "3 propiedades"

    @pytest.mark.ambos_motores
    async def test_buscar_mientras_se_escribe_y_filtrar_por_estado(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "slash")
            await pilot.press(*"nogal")
            await esperar(pilot)
            lineas = _tabla_inventario(app)
            assert len(lineas) == 1
            assert "CUM-C-07" in lineas[0]
            await _teclas(pilot, "escape", "escape")  # out of the box, then Esc clears the filters
            assert len(_tabla_inventario(app)) == 3
            assert isinstance(app.screen, InventarioScreen)
            await _teclas(pilot, "slash", "tab", "enter", "down", "enter")  # the estado filter: disponible
            lineas = _tabla_inventario(app)
            assert len(lineas) == 1
            assert "disponible" in lineas[0]
            assert "disponible" in texto(app.screen.query_one("#resumen", Static))
            await _teclas(pilot, "enter", "down", "enter")
            assert all("apartada" in f for f in _tabla_inventario(app))

    async def test_nueva_propiedad_con_su_precio(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "n")
            assert isinstance(app.screen, FormularioPropiedad)
            await pilot.press(*"pdz-a-1", "tab", *"Puerta de Zapopan", "tab", *"Nogal", "tab", *"1,632,000")
            await pilot.press("tab", "2", "tab", "2", "tab", *"90.5")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, InventarioScreen)
            nueva = _propiedad(store, "PDZ-A-1")
            assert nueva is not None
            assert (nueva.precio_centavos, nueva.recamaras, nueva.m2) == (163_200_000, 2, 90.5)
            assert any("PDZ-A-1" in f and "$1,632,000" in f for f in _tabla_inventario(app))

    async def test_precio_absurdo_se_explica_en_el_formulario(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "n")
            await pilot.press(*"PDZ-A-9", "tab", *"Puerta de Zapopan", "tab", "tab", *"-5")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, FormularioPropiedad)
            error = app.screen.query_one("#error", MensajeError)
            assert error.display
            assert "precio" in texto(error).lower()
            assert _propiedad(store, "PDZ-A-9") is None

    async def test_clave_repetida_se_explica(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "n")
            await pilot.press(*"cum-a-12", "tab", *"Otro")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, FormularioPropiedad)
            assert "CUM-A-12" in texto(app.screen.query_one("#error", MensajeError))

    async def test_enter_muestra_la_propiedad_y_m_la_modifica(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "slash")
            await pilot.press(*"cum-a-12")
            await esperar(pilot)
            await _teclas(pilot, "enter", "enter")  # leave the box, open the row
            assert isinstance(app.screen, VerPropiedad)
            contenido = " ".join(texto(s) for s in app.screen.query(Static))
            assert "Ana Sofía Martínez" in contenido
            assert "activo" in contenido
            await _teclas(pilot, "m", "enter")  # Más → Modificar, the first
            assert isinstance(app.screen, FormularioPropiedad)
            precio = app.screen.query_one("#precio", Input)
            precio.value = "1,300,000"
            await _teclas(pilot, "ctrl+s")
            propiedad = _propiedad(store, "CUM-A-12")
            assert propiedad is not None
            assert propiedad.precio_centavos == 130_000_000


class TestCompartir:
    async def test_whatsapp_desde_el_inventario(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "slash")
            await pilot.press(*"nogal")
            await esperar(pilot)
            await _teclas(pilot, "escape", "p")
            assert isinstance(app.screen, ElegirCliente)
            await _elegir(pilot, "jose")
            assert isinstance(app.screen, CompartirPropiedad)
            app.screen.query_one("#mensaje", Input).value = "Te la puedo mostrar el sábado a las 11, ¿te queda bien?"
            await _teclas(pilot, "ctrl+s")
            assert isinstance(app.screen, ResultadoCompartir)
            enlace = app.screen.compartida.enlace
            assert enlace is not None
            assert enlace.startswith("https://wa.me/528123456789?text=")
            assert app.clipboard == enlace
            # The link whole on screen, to copy it by hand where the clipboard doesn't reach
            # (it was cut with «…» at 300 characters).
            assert len(enlace) > 300
            assert enlace in dialogo(pantalla(app)).replace(" ", "")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, InventarioScreen)
        with store.session() as session:
            mostrada = session.exec(select(PropiedadMostrada).where(PropiedadMostrada.cliente_id == ids["jose"])).one()
            assert mostrada.medio == MedioEnvio.WHATSAPP

    async def test_el_selector_propone_la_ultima_ficha_y_enter_la_elige(
        self, store: Store, ids: dict[str, int]
    ) -> None:
        """Issue 28 point 7: the client in context (whose ficha was open) comes first and chosen."""
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await _teclas(pilot, "i", "slash")
            await pilot.press(*"nogal")
            await esperar(pilot)
            await _teclas(pilot, "escape", "p")
            assert isinstance(app.screen, ElegirCliente)
            primera = opciones(app.screen.query_one(OptionList))[0]
            assert primera.startswith("Pedro Garza Leal · 81 1112 2233 · prospecto · última ficha")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, CompartirPropiedad)
            assert app.screen.cliente_id == ids["pedro"]

    async def test_si_varios_coinciden_pregunta_cual(self, store: Store, ids: dict[str, int]) -> None:
        """«lu» + Enter doesn't take the first of Lucía and Luis: the cursor goes to the list."""
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "slash")
            await pilot.press(*"nogal")
            await esperar(pilot)
            await _teclas(pilot, "escape", "v")
            selector = app.screen
            assert isinstance(selector, ElegirCliente)
            await pilot.press("l", "u", "enter")  # typed ahead of the search: decided when it answers
            await esperar(pilot)
            assert app.screen is selector
            assert app.focused is selector.query_one(OptionList)
            assert texto(selector.query_one("#elegir-ayuda", Static)).startswith("Coinciden 2: elige con las flechas")
            await _teclas(pilot, "down", "enter")
            assert isinstance(app.screen, NuevoApartado)
            assert app.screen.cliente_id == ids["luis"]

    async def test_el_nombre_completo_elige_aunque_otros_coincidan(self, store: Store, ids: dict[str, int]) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "ana", AHORA)
            junior = clientes.add(ctx, "Pedro Garza Leal Jr", telefonos=["8111122244"])
            session.commit()
            junior_id = junior.id
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "slash")
            await pilot.press(*"nogal")
            await esperar(pilot)
            await _teclas(pilot, "escape", "p")
            await _elegir(pilot, "pedro garza leal jr")  # one match: chosen
            assert isinstance(app.screen, CompartirPropiedad)
            assert app.screen.cliente_id == junior_id
            await _teclas(pilot, "escape", "p")
            await _elegir(pilot, "pedro garza leal")  # both match; the whole name is one of them
            assert isinstance(app.screen, CompartirPropiedad)
            assert app.screen.cliente_id == ids["pedro"]

    async def test_pdf_desde_la_ficha_queda_en_propiedades(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            ficha = await abrir_ficha(pilot, ids["jose"])
            await _teclas(pilot, "7", "p")
            await _elegir(pilot, "nogal")
            assert isinstance(app.screen, CompartirPropiedad)
            await _teclas(pilot, "space", "down", "down", "enter")  # open: WhatsApp → Email → PDF
            await _teclas(pilot, "ctrl+s")
            assert isinstance(app.screen, ResultadoCompartir)
            archivo = app.screen.archivo
            assert archivo is not None
            assert archivo.read_bytes().startswith(b"%PDF")
            await _teclas(pilot, "enter")
            assert app.screen is ficha
            propiedades = filas(ficha.query_one("#t-propiedades"))
            assert any("CUM-C-07" in f and "pdf" in f for f in propiedades)
            historial = filas(ficha.query_one("#t-historial"))
            assert any("CUM-C-07" in f for f in historial)

    async def test_la_reunion_elige_la_propiedad_mostrada(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await abrir_ficha(pilot, ids["jose"])
            app.push_screen(RegistrarActividad(ids["jose"], "José Ñúñez Pérez", tipo="reunión"))
            await esperar(pilot)
            formulario = app.screen
            assert isinstance(formulario, RegistrarActividad)
            formulario.query_one("#resultado-reunion", Select).value = "muy-interesado"
            formulario.query_one("#elegir-propiedad").focus()
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, ElegirPropiedad)
            await _elegir(pilot, "roble")
            assert app.screen is formulario
            assert formulario.query_one("#propiedades", Input).value == "CUM-A-12"
            await _teclas(pilot, "ctrl+s")
            assert isinstance(app.screen, FichaScreen)
        with store.session() as session:
            reunion = session.exec(
                select(Actividad).where(Actividad.cliente_id == ids["jose"], Actividad.tipo == TipoActividad.REUNION)
            ).one()
            mostrada = session.exec(select(PropiedadMostrada).where(PropiedadMostrada.actividad_id == reunion.id)).one()
            assert mostrada.medio == MedioEnvio.EN_PERSONA


class TestLaVentaCompleta:
    async def test_apartar_documentos_escriturar_entregar(
        self, store: Store, ids: dict[str, int], tmp_path: Path
    ) -> None:
        ine = tmp_path / "ine.png"
        ine.write_bytes(PNG)
        luz = tmp_path / "recibo luz.pdf"
        luz.write_bytes(PDF)
        jose = ids["jose"]
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            ficha = await abrir_ficha(pilot, jose)

            # v: the picker offers only what is available.
            await _teclas(pilot, "v")
            assert isinstance(app.screen, ElegirPropiedad)
            await pilot.press(*"cum")
            await esperar(pilot)
            ofrecidas = opciones(app.screen.query_one(OptionList))
            assert len(ofrecidas) == 1
            assert "CUM-C-07" in ofrecidas[0]
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, NuevoApartado)
            await pilot.press(*"30,000")
            await _teclas(pilot, "enter")
            assert app.screen is ficha
            assert _cliente(store, jose).etapa == Etapa.APARTADO
            propiedad = _propiedad(store, "CUM-C-07")
            assert propiedad is not None
            assert propiedad.estado == EstadoPropiedad.APARTADA
            cabecera = texto(ficha.query_one("#cabecera", Static))
            assert "apartado" in cabecera
            assert "CUM-C-07 (activo)" in cabecera

            # Escriturar without documents: refused inline, nothing changes.
            await _teclas(pilot, "5", "enter")
            assert isinstance(app.screen, MenuApartado)
            await _teclas(pilot, "enter")  # «Escriturar», the first button
            assert isinstance(app.screen, PasoDeApartado)
            await _teclas(pilot, "ctrl+s")
            error = app.screen.query_one("#error", MensajeError)
            assert error.display
            assert "INE" in texto(error)
            assert "comprobante" in texto(error)
            assert _apartados(store, jose)[0].estado == EstadoApartado.ACTIVO
            await _teclas(pilot, "escape")

            # d: the INE (Enter in the path saves with the first type) and the proof of address.
            await _teclas(pilot, "6")
            assert "Falta para escriturar" in texto(ficha.query_one("#falta-documentos", Static))
            await _teclas(pilot, "d")
            assert isinstance(app.screen, NuevoDocumento)
            await pilot.press(*str(ine))
            await _teclas(pilot, "enter")
            assert app.screen is ficha
            await _teclas(pilot, "d")
            await pilot.press(*str(luz), "tab")
            await _teclas(pilot, "space", "down", "enter")  # open: INE → comprobante de domicilio
            await pilot.press(*(AHORA.date() - timedelta(days=15)).isoformat())  # choosing moved on
            await _teclas(pilot, "enter")
            assert app.screen is ficha
            assert not ficha.query_one("#falta-documentos", Static).display
            documentos = filas(ficha.query_one("#t-documentos"))
            assert any("ine.png" in f for f in documentos)
            assert any("recibo luz.pdf" in f for f in documentos)

            # Now the escritura goes through, then the delivery.
            await _teclas(pilot, "5", "enter", "enter", "ctrl+s")
            assert app.screen is ficha
            assert _cliente(store, jose).etapa == Etapa.ESCRITURADO
            propiedad = _propiedad(store, "CUM-C-07")
            assert propiedad is not None
            assert propiedad.estado == EstadoPropiedad.VENDIDA
            await _teclas(pilot, "5", "enter")
            assert isinstance(app.screen, MenuApartado)
            await _teclas(pilot, "enter", "ctrl+s")  # «Entregar»
            assert _cliente(store, jose).etapa == Etapa.ENTREGADO
            assert _apartados(store, jose)[0].estado == EstadoApartado.ENTREGADO
        with store.session() as session:
            guardados = session.exec(select(Documento).where(Documento.cliente_id == jose)).all()
            assert sorted(d.tamano for d in guardados) == sorted([len(PNG), len(PDF)])

    async def test_cancelar_el_apartado_libera_la_propiedad(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            ficha = await abrir_ficha(pilot, ids["sofia"])
            await _teclas(pilot, "5", "enter")
            assert isinstance(app.screen, MenuApartado)
            await _teclas(pilot, "tab", "enter")  # «Cancelar apartado»
            assert isinstance(app.screen, PasoDeApartado)
            await _teclas(pilot, "enter")  # no motivo: refused inline
            assert "motivo" in texto(app.screen.query_one("#error", MensajeError)).lower()
            await pilot.press(*"Le negaron el crédito")
            await _teclas(pilot, "enter")
            assert app.screen is ficha
        propiedad = _propiedad(store, "CUM-A-12")
        assert propiedad is not None
        assert propiedad.estado == EstadoPropiedad.DISPONIBLE
        apartado = _apartados(store, ids["sofia"])[0]
        assert apartado.estado == EstadoApartado.CANCELADO
        assert _cliente(store, ids["sofia"]).etapa == Etapa.CANCELADO  # seed: «se canceló el apartado»

    async def test_cambiar_etapa_de_un_prospecto_ofrece_apartar(self, store: Store, ids: dict[str, int]) -> None:
        """Issue 28 point 7: the dialog doesn't offer «apartado» to refuse it; v reserves."""
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            ficha = await abrir_ficha(pilot, ids["pedro"])
            await _teclas(pilot, "e")
            assert app.screen.query_one("#apartar").display
            await _teclas(pilot, "v")
            assert isinstance(app.screen, ElegirPropiedad)
            assert app.screen.solo_disponibles
            await _elegir(pilot, "nogal")
            assert isinstance(app.screen, NuevoApartado)
            await pilot.press(*"20000")
            await _teclas(pilot, "ctrl+s")
            assert app.screen is ficha
            assert "apartado" in texto(ficha.query_one("#cabecera", Static))
        assert _cliente(store, ids["pedro"]).etapa == Etapa.APARTADO
        assert _propiedad(store, "CUM-C-07").estado == EstadoPropiedad.APARTADA  # type: ignore[union-attr]

    async def test_apartar_desde_el_inventario(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "slash")
            await pilot.press(*"nogal")
            await esperar(pilot)
            await _teclas(pilot, "escape", "v")
            await _elegir(pilot, "maria")
            assert isinstance(app.screen, NuevoApartado)
            await pilot.press(*"0")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, NuevoApartado)  # a zero amount is refused inline
            assert app.screen.query_one("#error", MensajeError).display
            app.screen.query_one("#monto", Input).value = "20000"
            await _teclas(pilot, "ctrl+s")
            assert isinstance(app.screen, InventarioScreen)
            assert any("CUM-C-07" in f and "apartada" in f for f in _tabla_inventario(app))
        assert _cliente(store, ids["maria"]).etapa == Etapa.APARTADO

    async def test_una_propiedad_apartada_no_se_vuelve_a_apartar(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "i", "slash")
            await pilot.press(*"roble")
            await esperar(pilot)
            await _teclas(pilot, "escape", "v")
            assert isinstance(app.screen, InventarioScreen)  # no picker: it says why
            assert any("apartada" in n.message for n in app._notifications)


class TestDocumentosYPasos:
    async def test_abrir_y_borrar_un_documento(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            ficha = await abrir_ficha(pilot, ids["roberto"])
            await _teclas(pilot, "6", "enter")
            assert isinstance(app.screen, MenuDocumento)
            primero = app.screen.fila
            await _teclas(pilot, "enter")  # «Abrir»: a private copy, its path copied
            ruta = Path(app.clipboard)
            assert ruta.name.endswith(primero.nombre_archivo)
            assert (
                ruta.read_bytes()
                == {"luz.pdf": b"%PDF-1.4 recibo de roberto", "ine.jpg": b"\xff\xd8\xff\xe0 ine de roberto"}[
                    primero.nombre_archivo
                ]
            )
            assert ruta.stat().st_mode & 0o077 == 0
            await _teclas(pilot, "tab", "enter")  # «Borrar» asks first
            assert isinstance(app.screen, Confirmar)
            await _teclas(pilot, "enter")
            assert app.screen is ficha
            documentos = filas(ficha.query_one("#t-documentos"))
            assert len(documentos) == 1
            assert primero.nombre_archivo not in documentos[0]

    async def test_la_ruta_se_completa_mientras_se_escribe(self, tmp_path: Path) -> None:
        (tmp_path / "comprobante-luz.pdf").write_bytes(PDF)
        (tmp_path / "carpeta").mkdir()
        sugerir = SugerirRuta()
        assert await sugerir.get_suggestion(f"{tmp_path}/comp") == f"{tmp_path}/comprobante-luz.pdf"
        assert await sugerir.get_suggestion(f"{tmp_path}/car") == f"{tmp_path}/carpeta/"
        assert await sugerir.get_suggestion(f"{tmp_path}/nada") is None

    async def test_un_archivo_que_no_es_pdf_ni_imagen_se_rechaza(
        self, store: Store, ids: dict[str, int], tmp_path: Path
    ) -> None:
        falso = tmp_path / "ine.pdf"
        falso.write_text("no soy un pdf")
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await abrir_ficha(pilot, ids["sofia"])
            await _teclas(pilot, "d")
            await pilot.press(*str(falso))
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, NuevoDocumento)
            assert "PDF" in texto(app.screen.query_one("#error", MensajeError))
        with store.session() as session:
            assert not session.exec(select(Documento).where(Documento.cliente_id == ids["sofia"])).all()

    async def test_marcar_un_paso_a_mano(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            ficha = await abrir_ficha(pilot, ids["sofia"])
            await _teclas(pilot, "8")
            lista = ficha.query_one("#l-pasos", OptionList)
            assert opciones(lista)[1] == "[ ] Dar seguimiento al trámite de crédito"
            await _teclas(pilot, "down", "space")
            assert opciones(lista)[1] == "[x] Dar seguimiento al trámite de crédito"
            assert lista.highlighted == 1
        with store.session() as session:
            paso = session.exec(select(PasoEtapa).where(col(PasoEtapa.cliente_id) == ids["sofia"])).one()
            assert (paso.clave, paso.hecho) == ("credito", True)

    async def test_el_pie_muestra_las_teclas_de_la_pestana(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            ficha = await abrir_ficha(pilot, ids["jose"])
            visibles = lambda: [a.binding.key for a in ficha.active_bindings.values() if a.binding.show]  # noqa: E731
            assert "v" not in visibles()
            await _teclas(pilot, "5")
            assert visibles()[0] == "v"
            await _teclas(pilot, "6")
            assert visibles()[0] == "d"
            assert "v" not in visibles()
            await _teclas(pilot, "2", "v")  # works on every tab
            assert isinstance(app.screen, ElegirPropiedad)
