"""The advisor's day in the app (issue 13): lists picked by their letter, the two call flows
counted in keys, Esc that asks before losing an edit, inbound contacts, appointments and
the messages waiting for an answer."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlmodel import select
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.actividad import RegistrarActividad
from a3tui.app.screens.confirmar import Confirmar
from a3tui.app.screens.elegir import ElegirPropiedad
from a3tui.app.screens.etapa import CambiarEtapa
from a3tui.app.screens.ficha import FichaScreen
from a3tui.app.screens.mis_tareas import MisTareasScreen
from a3tui.app.widgets.ficha.datos import FormularioDatos
from a3tui.app.widgets.formulario import MensajeError
from a3tui.domain import LugarReunion, TipoActividad
from a3tui.models import Actividad, Cliente, PropiedadMostrada, Tarea
from a3tui.services import actividades, clientes, siguiente
from a3tui.store import Store
from apoyo.app import abrir_ficha, esperar, opciones, resaltar, texto
from apoyo.cartera import AHORA

TAMANO = (80, 24)
VIERNES = date(2026, 11, 27)  # AHORA is Monday 2026-11-23


def _ultima(store: Store, cliente_id: int) -> Actividad:
    with store.session() as session:
        actividad = session.exec(
            select(Actividad).where(Actividad.cliente_id == cliente_id).order_by(Actividad.id.desc())  # type: ignore[union-attr]
        ).first()
        assert actividad is not None
        return actividad


def _cuantas(store: Store, cliente_id: int) -> int:
    with store.session() as session:
        return len(session.exec(select(Actividad.id).where(Actividad.cliente_id == cliente_id)).all())


def _tareas(store: Store, cliente_id: int) -> list[Tarea]:
    with store.session() as session:
        return list(session.exec(select(Tarea).where(Tarea.cliente_id == cliente_id)).all())


class TestLlamadas:
    @pytest.mark.ambos_motores
    async def test_contesto_llamar_el_viernes_en_cinco_teclas(self, store: Store) -> None:
        with store.session() as session:
            primero = siguiente.siguiente(services.contexto(session, "ana"), 1)[0]
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            assert app.screen.query_one(OptionList).highlighted == 1  # «Llamar ahora»'s first client
            # activity · «Contestó, llamar después» by its letter · on to when · v(iernes) · save
            teclas = ["a", "l", "enter", "v", "enter"]
            await pilot.press("a")
            await esperar(pilot)
            assert isinstance(app.screen, RegistrarActividad)
            await pilot.press(*teclas[1:])
            await esperar(pilot)
            assert not isinstance(app.screen, RegistrarActividad)
            assert len(teclas) <= 5
        ultima = _ultima(store, primero.id)
        assert ultima.resultado is not None
        assert ultima.resultado.value == "contestó-llamar-después"
        pendientes = [t for t in _tareas(store, primero.id) if not t.hecha and t.vence == VIERNES]
        assert [t.descripcion for t in pendientes] == [f"Llamar a {primero.nombre}"]

    async def test_la_lista_de_resultados_empieza_cerrada_y_la_letra_elige(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("a")
            await esperar(pilot)
            resultado = app.screen.query_one("#resultado-llamada", Select)
            assert app.focused is resultado
            assert not resultado.expanded
            await pilot.press("n")
            assert resultado.value == "no-contestó"
            assert app.focused is resultado  # a letter picks; it doesn't move on
            await pilot.press("c", "c")  # the same letter again: the next option it names
            assert resultado.value == "contestó-llamar-después"
            await pilot.press("enter")  # Enter on a chosen value moves on
            await esperar(pilot)
            assert app.focused is app.screen.query_one("#tarea-vence", Input)

    async def test_elegir_en_la_lista_abierta_pasa_al_siguiente_campo(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("e")
            await esperar(pilot)
            assert isinstance(app.screen, CambiarEtapa)
            await pilot.press("space", "enter")  # open the list, choose cancelado (the only hand change)
            await esperar(pilot)
            assert app.screen.query_one("#etapa", Select).value == "cancelado"
            assert app.focused is app.screen.query_one("#motivo", Input)


class TestEscPregunta:
    async def test_esc_sin_cambios_cierra_y_con_cambios_pregunta(self, store: Store, ids) -> None:
        antes = _cuantas(store, ids["pedro"])
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            ficha = await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("a")
            await esperar(pilot)
            await pilot.press("escape")  # nothing typed: closes at once
            await esperar(pilot)
            assert app.screen is ficha

            await pilot.press("a")
            await esperar(pilot)
            await pilot.press("n", "tab", "tab", "tab", *"Buzón lleno")  # a result and a note
            await pilot.press("escape")
            await esperar(pilot)
            assert isinstance(app.screen, Confirmar)
            await pilot.press("escape")  # Esc Esc: keeps editing, nothing lost
            await esperar(pilot)
            assert isinstance(app.screen, RegistrarActividad)
            assert app.screen.query_one("#nota", Input).value == "Buzón lleno"

            await pilot.press("escape")
            await pilot.pause(Confirmar.PAUSA + 0.1)
            assert app.focused is not None
            assert app.focused.id == "no"
            await pilot.press("left", "enter")  # «Descartar»
            await esperar(pilot)
            assert app.screen is ficha
        assert _cuantas(store, ids["pedro"]) == antes  # discarded: nothing written

    async def test_esc_en_la_ficha_con_datos_sin_guardar_pregunta(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            ficha = await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("1")
            await esperar(pilot)
            await pilot.press("tab")
            nombre = ficha.query_one("#d-nombre", Input)
            nombre.focus()
            await pilot.press("end", *" Jr")
            await pilot.press("escape", "escape")  # leave the field, then leave the ficha
            await esperar(pilot)
            assert isinstance(app.screen, Confirmar)
            await pilot.press("escape")  # keep editing
            await esperar(pilot)
            assert app.screen is ficha
            assert ficha.query_one(FormularioDatos).cambios() == {"nombre": "Pedro Garza Leal Jr"}
            ficha.load()  # a reload (another process wrote) keeps the edit
            assert ficha.query_one("#d-nombre", Input).value == "Pedro Garza Leal Jr"
            await pilot.press("ctrl+s")
            await esperar(pilot)
            await pilot.press("escape")  # saved: nothing to ask
            await esperar(pilot)
            assert not isinstance(app.screen, (Confirmar, FichaScreen))
        with store.session() as session:
            cliente = session.get(Cliente, ids["pedro"])
            assert cliente is not None
            assert cliente.nombre == "Pedro Garza Leal Jr"


class TestEntrantesYCitas:
    async def test_llamada_entrante_sin_resultado(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["carmen"])
            await pilot.press("a")
            await esperar(pilot)
            await pilot.press("shift+tab", "e")  # Quién: «El cliente a mí» by its letter
            assert app.screen.query_one("#quien", Select).value is True
            await pilot.press("ctrl+s")
            await esperar(pilot)
            assert not isinstance(app.screen, RegistrarActividad)
        ultima = _ultima(store, ids["carmen"])
        assert ultima.entrante
        assert ultima.resultado is None

    async def test_mensaje_del_cliente_no_pregunta_si_respondio(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("a")
            await esperar(pilot)
            await pilot.press("shift+tab", "shift+tab", "m")  # Tipo: Mensaje
            assert app.screen.query_one("#campo-respondio").display
            app.screen.query_one("#quien", Select).value = True
            await esperar(pilot)
            assert not app.screen.query_one("#campo-respondio").display

    async def test_reunion_futura_se_agenda_y_la_reunion_la_cierra(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("a")
            await esperar(pilot)
            await pilot.press("shift+tab", "shift+tab", "r")  # Tipo: Reunión
            app.screen.query_one("#lugar", Select).value = "videollamada"
            app.screen.query_one("#fecha", Input).value = "viernes 10:00"
            await pilot.press("ctrl+s")
            await esperar(pilot)
            assert not isinstance(app.screen, RegistrarActividad)
            await pilot.press("escape")
            await esperar(pilot)
            await pilot.press("t")  # Mis tareas
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)
            lineas = opciones(app.screen.query_one(OptionList))
            assert any("Reunión con Pedro Garza Leal (vide" in linea for linea in lineas), lineas
        (cita,) = _tareas(store, ids["pedro"])
        assert cita.cita
        assert cita.vence == VIERNES
        assert cita.hora == time(10, 0)
        with store.session() as session:
            ctx = services.contexto(session, "ana", AHORA.replace(day=27, hour=11))
            registro = actividades.reunion(ctx, clientes.get(ctx, ids["pedro"]), "muy-interesado")
            assert [c.id for c in registro.citas_cerradas] == [cita.id]
            session.commit()


class TestCitasConPropiedades:
    """Issue 28, point 6: a future Fecha makes the meeting a cita, and the form asks what a
    cita has (place, properties to show, a note); `a` on the cita starts its meeting."""

    async def test_fecha_futura_pide_lo_de_una_cita_y_guarda_las_propiedades(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("a")
            await esperar(pilot)
            formulario = app.screen
            assert isinstance(formulario, RegistrarActividad)
            await pilot.press("shift+tab", "shift+tab", "r")  # Tipo: Reunión
            # Resultado · Lugar · Propiedades · Buscar… · Siguientes pasos
            await pilot.press("tab", "tab", "tab", "tab", "tab", *"Llevar planos")
            assert formulario.query_one("#con-tarea", Checkbox).value  # the steps propose a task…
            await pilot.press("tab", *"viernes 10:00")  # Fecha
            await esperar(pilot)
            for campo in ("resultado-reunion", "pasos", "tarea-descripcion", "tarea-vence"):
                assert not formulario.query_one(f"#campo-{campo}").display, campo
            assert not formulario.query_one("#con-tarea").display  # …that a cita doesn't have yet
            assert str(formulario.query_one("#campo-propiedades Label", Label).content) == "Por mostrar"
            assert str(formulario.query_one("#guardar", Button).label) == "Agendar ^s"

            await pilot.press("shift+tab")  # Siguientes pasos is hidden: straight to «Buscar…»
            assert app.focused is formulario.query_one("#elegir-propiedad", Button)
            for busqueda, claves in (("roble", "CUM-A-12"), ("nogal", "CUM-A-12, CUM-C-07")):
                await pilot.press("enter")
                await esperar(pilot)
                assert isinstance(app.screen, ElegirPropiedad)
                await pilot.press(*busqueda)
                await esperar(pilot)
                await pilot.press("enter")
                await esperar(pilot)
                assert app.screen is formulario
                assert formulario.query_one("#propiedades", Input).value == claves
                # Back on «Buscar…»: Enter picks the next one.
                assert app.focused is formulario.query_one("#elegir-propiedad", Button)
            await pilot.press("ctrl+s")
            await esperar(pilot)
            assert not isinstance(app.screen, RegistrarActividad)
        (cita,) = _tareas(store, ids["pedro"])  # the cita, and no follow-up task
        assert cita.cita
        assert (cita.vence, cita.hora) == (VIERNES, time(10, 0))
        assert cita.propiedades == "CUM-A-12, CUM-C-07"
        assert cita.descripcion == "Reunión con Pedro Garza Leal para mostrar CUM-A-12, CUM-C-07"
        assert _cuantas(store, ids["pedro"]) == 0  # nothing happened yet

    async def test_a_en_una_cita_abre_su_reunion_con_lugar_y_propiedades(self, store: Store, ids) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "ana", AHORA)
            cita = actividades.reunion_o_cita(
                ctx, clientes.get(ctx, ids["pedro"]), None, lugar="oficina", propiedades=["CUM-C-07"],
                fecha=AHORA.replace(hour=17),
            )  # fmt: skip
            session.commit()
            cita_id = cita.id
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(OptionList)
            lineas = opciones(lista)
            fila = next(i for i, linea in enumerate(lineas) if "Reunión con Pedro Garza Leal (of" in linea)
            await resaltar(pilot, lista, fila)
            await pilot.press("a")
            await esperar(pilot)
            formulario = app.screen
            assert isinstance(formulario, RegistrarActividad)
            assert formulario.query_one("#tipo", Select).value == "reunión"
            assert formulario.query_one("#lugar", Select).value == "oficina"
            assert formulario.query_one("#propiedades", Input).value == "CUM-C-07"
            assert app.focused is formulario.query_one("#resultado-reunion", Select)
            await pilot.press("m", "ctrl+s")  # «Muy interesado», save
            await esperar(pilot)
            # The meeting closed its cita: nothing to ask about it.
            assert isinstance(app.screen, MisTareasScreen)
        reunion = _ultima(store, ids["pedro"])
        assert reunion.tipo == TipoActividad.REUNION
        assert reunion.lugar == LugarReunion.OFICINA
        with store.session() as session:
            mostradas = session.exec(
                select(PropiedadMostrada).where(PropiedadMostrada.actividad_id == reunion.id)
            ).all()
            assert len(mostradas) == 1
            hecha = session.get(Tarea, cita_id)
            assert hecha is not None
            assert hecha.hecha


class TestFormularios:
    """Issue 28, point 7: Tab after choosing, date fields, the cursor on the field in error."""

    async def test_tab_tras_elegir_no_se_salta_un_campo(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("e")
            await esperar(pilot)
            formulario = app.screen
            assert isinstance(formulario, CambiarEtapa)
            await pilot.press("space", "enter")  # choose in the open list: on to Motivo
            await esperar(pilot)
            motivo = formulario.query_one("#motivo", Input)
            assert app.focused is motivo
            await pilot.press("tab")  # the habit of other forms: it stays on Motivo
            assert app.focused is motivo
            await pilot.press("tab")  # a Tab meant as one moves on
            assert app.focused is not motivo

            await pilot.press("escape")
            await esperar(pilot)
            await pilot.press("a")
            await esperar(pilot)
            await pilot.press("i", "enter", "tab")  # «Contestó, interesado», on to Duración, Tab
            await esperar(pilot)
            assert app.focused is app.screen.query_one("#duracion", Input)

    async def test_escribir_en_una_fecha_la_corrige_sin_borrarla(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("a")
            await esperar(pilot)
            await pilot.press("n", "tab", "tab", *"2026-11-20 16:30")  # Duración, Fecha
            fecha = app.screen.query_one("#fecha", Input)
            assert app.focused is fecha
            await pilot.press("shift+tab", "tab")  # away and back
            assert app.focused is fecha
            await pilot.press("backspace", "backspace", *"45")
            assert fecha.value == "2026-11-20 16:45"

    async def test_el_error_lleva_el_cursor_a_su_campo(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("a")
            await esperar(pilot)
            formulario = app.screen
            await pilot.press("tab", "tab", "ctrl+s")  # down to Fecha, save without a result
            await esperar(pilot)
            assert formulario.query_one("#error", MensajeError).display
            resultado = formulario.query_one("#resultado-llamada", Select)
            assert app.focused is resultado
            await pilot.press("n", "tab", *"900", "tab", "tab", *"Buzón lleno", "ctrl+s")  # 900 min, a note
            await esperar(pilot)
            assert app.focused is formulario.query_one("#duracion", Input)
            await pilot.press("ctrl+u", "5", "ctrl+s")
            await esperar(pilot)
            assert not isinstance(app.screen, RegistrarActividad)
        ultima = _ultima(store, ids["pedro"])
        assert (ultima.duracion_min, ultima.nota) == (5, "Buzón lleno")


class TestPendientesDeRespuesta:
    async def test_mis_tareas_los_lista_y_x_dice_que_ya_respondio(self, store: Store, ids) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "ana", AHORA)
            enviado = actividades.mensaje(
                ctx, clientes.get(ctx, ids["pedro"]), contenido="Tres opciones en Cumbres", respondio=False
            ).actividad
            session.commit()
            enviado_id = enviado.id
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(OptionList)
            lineas = opciones(lista)
            titulo = next(i for i, linea in enumerate(lineas) if linea.startswith("── Pendientes de respuesta"))
            assert "Pedro Garza Leal" in lineas[titulo + 1]
            assert "Tres opciones en Cumbres" in lineas[titulo + 1]
            lista.highlighted = titulo + 1
            await pilot.press("x")
            await esperar(pilot)
            assert not any("Pendientes de respuesta" in linea for linea in opciones(lista))
        with store.session() as session:
            actividad = session.get(Actividad, enviado_id)
            assert actividad is not None
            assert actividad.respondio is True

    async def test_enter_abre_la_ficha_del_cliente(self, store: Store, ids) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "ana", AHORA)
            actividades.email(ctx, clientes.get(ctx, ids["ernesto"]), asunto="Cotización", respondio=False)
            session.commit()
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(OptionList)
            lineas = opciones(lista)
            lista.highlighted = next(i for i, linea in enumerate(lineas) if "«Cotización»" in linea)
            await pilot.press("enter")
            await esperar(pilot)
            assert isinstance(app.screen, FichaScreen)
            assert "Ernesto" in texto(app.screen.query_one("#cabecera", Static))


class TestDesdeUnaTarea:
    async def test_la_llamada_de_una_tarea_ofrece_cerrarla(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(OptionList)
            lineas = opciones(lista)
            lista.highlighted = next(i for i, linea in enumerate(lineas) if "Enviar cotización de la casa" in linea)
            await pilot.press("a", "i", "enter", "enter")  # contestó, interesado
            await esperar(pilot)
            assert isinstance(app.screen, Confirmar)
            await pilot.pause(Confirmar.PAUSA + 0.1)
            assert app.focused is not None
            assert app.focused.id == "si"  # closing a task is undone with x: «Sí, hecha» first
            await pilot.press("enter")
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)
        (tarea,) = [t for t in _tareas(store, ids["jose"]) if t.descripcion.startswith("Enviar cotización")]
        assert tarea.hecha

    async def test_desde_llamar_ahora_no_pregunta_por_tareas(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await pilot.press("a", "n", "enter", "enter")
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)

    async def test_los_siguientes_pasos_proponen_la_tarea(self, store: Store, ids) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("a")
            await esperar(pilot)
            await pilot.press("shift+tab", "shift+tab", "r")  # Tipo: Reunión
            formulario = app.screen
            formulario.query_one("#pasos", Input).value = "Enviar cotización del modelo Roble"
            await esperar(pilot)
            assert formulario.query_one("#tarea-descripcion", Input).value == "Enviar cotización del modelo Roble"
            formulario.query_one("#tarea-descripcion", Input).value = "Mi propia tarea"
            formulario.query_one("#pasos", Input).value = "Otra cosa"
            await esperar(pilot)
            assert formulario.query_one("#tarea-descripcion", Input).value == "Mi propia tarea"
