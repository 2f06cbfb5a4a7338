"""The app driven as an advisor drives it: keys in, screens checked (App.run_test at 80x24)."""

from __future__ import annotations

import pytest
from sqlmodel import select
from textual.widgets import Button, DataTable, Input, OptionList, Select, Static, TextArea

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.actividad import RegistrarActividad
from a3tui.app.screens.ayuda import AyudaScreen
from a3tui.app.screens.clientes import ClientesScreen
from a3tui.app.screens.confirmar import Confirmar
from a3tui.app.screens.detalle import Detalle
from a3tui.app.screens.etapa import CambiarEtapa
from a3tui.app.screens.ficha import FichaScreen
from a3tui.app.screens.mis_tareas import MisTareasScreen
from a3tui.app.screens.nuevo_cliente import NuevoCliente
from a3tui.app.screens.tarea import NuevaTarea
from a3tui.app.widgets.barra import BarraSuperior
from a3tui.app.widgets.ficha.tablas import TablaHistorial
from a3tui.app.widgets.formulario import MensajeError
from a3tui.app.widgets.lista_clientes import ListaClientes
from a3tui.models import Actividad, Cliente, Tarea
from a3tui.services import clientes, tareas
from a3tui.store import Store, open_store
from apoyo.app import abrir_ficha, esperar, filas, opciones, resaltar, texto

TAMANO = (80, 24)


def _linea(lista: ListaClientes, y: int) -> str:
    """The text a row of the client list shows."""
    return "".join(segmento.text for segmento in lista.render_line(y))


def _cliente(store: Store, cliente_id: int) -> Cliente:
    with store.session() as session:
        return clientes.get(services.contexto(session, "ana"), cliente_id)


async def _registrar_llamada(pilot, bajar: int) -> None:
    """a, open the result list (space), pick the result, Enter to save."""
    await pilot.press("a")
    await esperar(pilot)
    assert isinstance(pilot.app.screen, RegistrarActividad)
    await pilot.press("space", *(["down"] * bajar), "enter")
    await esperar(pilot)
    await pilot.press("enter")
    await esperar(pilot)


class TestMisTareas:
    @pytest.mark.ambos_motores
    async def test_abre_en_mis_tareas_con_tareas_clientes_y_kpis(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)
            lineas = opciones(app.screen.query_one(OptionList))
            assert any("Tareas vencidas · 1" in linea for linea in lineas)
            assert any("Enviar cotización" in linea and "● hace 2 días" in linea for linea in lineas)
            assert any("● vencido" in linea and "Pedro Garza Leal" in linea for linea in lineas)
            kpis = [texto(app.screen.query_one(f"#kpi-{n}", Static)) for n in range(4)]
            assert kpis[0].startswith("Tasa de conversión")
            assert "meta > 30%" in kpis[0]
            # The sample portfolio: 2 of 9 prospects reserved, 52 days on average, no activity
            # this week (the sample's calls are older), 2 cold clients.
            assert "22% ✗ no cumple" in kpis[0]
            assert "52 días ✗ no cumple" in kpis[1]
            assert "0 en curso" in kpis[2]  # a Monday: the week's target is not failed yet
            assert kpis[3].startswith("Clientes fríos")
            assert "2 ✓ cumple" in kpis[3]

    async def test_una_base_vacia_abre_sin_errores(self, tmp_path) -> None:
        app = A3App(open_store(str(tmp_path / "vacia.db")))
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lineas = opciones(app.screen.query_one(OptionList))
            assert lineas[0] == "── Tareas vencidas · nada pendiente"
            await pilot.press("c")
            await esperar(pilot)
            lista = app.screen.query_one(ListaClientes)
            assert lista.total == 0
            # Issue 28 point 7: no client yet, not «no client with this filter».
            assert texto(app.screen.query_one("#resumen", Static)) == "Ningún cliente todavía"
            assert _linea(lista, 0).strip() == "Todavía no tienes clientes: agrega el primero con n."

    async def test_tarea_de_hoy_aparece_y_se_marca_hecha_con_una_tecla(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await pilot.press("g")
            await esperar(pilot)
            assert isinstance(app.screen, NuevaTarea)
            await pilot.press(*"Llamar al notario", "enter")
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)
            agenda = app.screen.query_one(OptionList)
            lineas = opciones(agenda)
            hoy = lineas.index(next(linea for linea in lineas if linea.startswith("── Tareas de hoy")))
            nueva = next(i for i, linea in enumerate(lineas) if "Llamar al notario" in linea)
            assert nueva > hoy
            assert "◐ hoy" in lineas[nueva]
            await resaltar(pilot, agenda, nueva)
            await pilot.press("x")
            await esperar(pilot)
            # It stays where it was, shown done, the cursor on it (issue 28): x again reopens it.
            assert "✓ hecha" in opciones(agenda)[nueva]
            assert agenda.highlighted == nueva
        with store.session() as session:
            tarea = session.exec(select(Tarea).where(Tarea.descripcion == "Llamar al notario")).one()
            assert tarea.hecha

    async def test_x_dos_veces_en_mis_tareas_reabre_la_misma_tarea(self, store: Store) -> None:
        """Issue 28: the second x used to complete the next task (the done one vanished)."""
        with store.session() as session:
            ctx = services.contexto(session, "ana")
            for descripcion in ("Primera de hoy", "Segunda de hoy"):
                tareas.add(ctx, descripcion, ctx.hoy)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            agenda = app.screen.query_one(OptionList)
            primera = next(i for i, linea in enumerate(opciones(agenda)) if "Primera de hoy" in linea)
            titulo = max(i for i, linea in enumerate(opciones(agenda)[:primera]) if linea.startswith("── "))
            antes = opciones(agenda)[titulo]
            pendientes = int(antes.rsplit("· ", 1)[1])
            await resaltar(pilot, agenda, primera)
            await pilot.press("x")
            await esperar(pilot)
            assert "✓ hecha" in opciones(agenda)[primera]
            assert any("x la reabre" in n.message for n in app._notifications)
            # The section's title counts the row apart: one pending less, one done here (it
            # counted one less over as many rows as before).
            assert opciones(agenda)[titulo] == f"{antes.rsplit(' · ', 1)[0]} · {pendientes - 1} · 1 hecha"
            await pilot.press("x")
            await esperar(pilot)
            assert "✓ hecha" not in opciones(agenda)[primera]
            assert agenda.highlighted == primera
            await pilot.press("c")  # leaving the screen: a task done here leaves the list
            await esperar(pilot)
            await pilot.press("t")
            await esperar(pilot)
        with store.session() as session:
            hechas = {t.descripcion: t.hecha for t in session.exec(select(Tarea)).all()}
        assert hechas["Primera de hoy"] is False
        assert hechas["Segunda de hoy"] is False

    async def test_enter_en_un_cliente_abre_su_ficha(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            agenda = app.screen.query_one(OptionList)
            pedro = next(i for i, linea in enumerate(opciones(agenda)) if "Pedro Garza Leal" in linea)
            await resaltar(pilot, agenda, pedro)
            await pilot.press("enter")
            await esperar(pilot)
            assert isinstance(app.screen, FichaScreen)
            assert app.screen.cliente_id == ids["pedro"]
            await pilot.press("escape")
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)


class TestClientes:
    @pytest.mark.ambos_motores
    async def test_busca_sin_acentos_y_abre_la_ficha(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            lista = app.screen.query_one(ListaClientes)
            assert lista.total == 9
            await pilot.press("slash", *"nunez")
            await esperar(pilot)
            assert lista.total == 2  # José Ñúñez Pérez and Ernesto Salazar Núñez
            await pilot.press(*" jose")
            await esperar(pilot)
            assert lista.total == 1
            assert lista.fila_actual is not None
            assert lista.fila_actual.nombre == "José Ñúñez Pérez"
            await pilot.press("enter", "enter")
            await esperar(pilot)
            assert isinstance(app.screen, FichaScreen)
            assert app.screen.cliente_id == ids["jose"]
            assert "José Ñúñez Pérez" in texto(app.screen.query_one("#cabecera", Static))

    async def test_busca_por_digitos_del_telefono(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await pilot.press("slash", *"7776 66")
            await esperar(pilot)
            lista = app.screen.query_one(ListaClientes)
            assert lista.total == 1
            assert lista.fila_actual.nombre == "Ernesto Salazar Núñez"

    async def test_filtros_por_etapa_temperatura_y_frios(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            lista = app.screen.query_one(ListaClientes)
            # The filters are reached with Tab from the search box (e and r change the client).
            await pilot.press("slash", "tab", "enter", "down", "enter")  # etapa: prospecto
            await esperar(pilot)
            assert lista.total == 6
            assert lista.filtro.etapa is not None
            await pilot.press("tab", "enter", "down", "enter")  # temperatura: caliente
            await esperar(pilot)
            assert {lista.fila(i).nombre for i in range(lista.total)} == {  # type: ignore[union-attr]
                "José Ñúñez Pérez",
                "Luis Ángel Treviño",
            }
            await pilot.press("escape")  # back to the list
            await esperar(pilot)
            await pilot.press("escape", "f")  # Esc clears the filters; then only the cold ones
            await esperar(pilot)
            nombres = {lista.fila(i).nombre for i in range(lista.total)}  # type: ignore[union-attr]
            assert nombres == {"Carmen Ríos Salinas", "Pedro Garza Leal"}
            assert "sin actividad en 7 días" in texto(app.screen.query_one("#resumen", Static))

    async def test_las_teclas_no_actuan_mientras_se_escribe(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await pilot.press("slash", *"ctqna")
            await esperar(pilot)
            assert isinstance(app.screen, ClientesScreen)
            assert app.screen.query_one("#buscar", Input).value == "ctqna"
            await pilot.press("escape")  # leaves the box (and clears it); keys act again
            await pilot.press("t")
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)

    async def test_nuevo_cliente_con_telefono_repetido_ofrece_guardarlo_igual(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            await pilot.press("n")
            await esperar(pilot)
            assert isinstance(app.screen, NuevoCliente)
            await pilot.press(*"Josefina Pérez", "tab", *"81 2345 6789", "enter")
            await esperar(pilot)
            assert isinstance(app.screen, Confirmar)
            pregunta = " ".join(texto(s) for s in app.screen.query(Static))
            assert "Ya existe un cliente con ese teléfono: 1 José Ñúñez Pérez" in pregunta
            assert "--forzar" not in pregunta
            await pilot.pause(Confirmar.PAUSA + 0.1)
            assert isinstance(app.screen, Confirmar)
            assert app.focused is not None
            assert app.focused.id == "no"  # «Revisar», the harmless one
            await pilot.press("left", "enter")  # «Guardar de todos modos»
            await esperar(pilot)
            assert isinstance(app.screen, ClientesScreen)
            lista = app.screen.query_one(ListaClientes)
            assert lista.fila_actual is not None
            assert lista.fila_actual.nombre == "Josefina Pérez"  # the new one, in view
        with store.session() as session:
            assert len(clientes.list_(services.contexto(session, "ana"), clientes.Filtro(), limit=50)) == 10

    async def test_el_cliente_nuevo_se_ve_aunque_la_busqueda_lo_ocultara_con_un_aviso(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c", "slash", *"roberto", "enter")  # a search the new client is not in
            await esperar(pilot)
            lista = app.screen.query_one(ListaClientes)
            assert lista.total == 1
            await pilot.press("n")
            await esperar(pilot)
            avisos = len(app._notifications)
            await pilot.press(*"Zoila Ramírez", "tab", *"8120002222", "ctrl+s")
            await esperar(pilot)
            assert isinstance(app.screen, ClientesScreen)
            nuevos = list(app._notifications)[avisos:]
            assert [n.title for n in nuevos] == ["Cliente agregado"]  # one notice, not two
            assert app.screen.query_one("#buscar", Input).value == "Zoila Ramírez"
            assert lista.fila_actual is not None
            assert lista.fila_actual.nombre == "Zoila Ramírez"
            assert "Zoila Ramírez" in _linea(lista, lista.cursor)
            await pilot.press("escape")  # the search gives way to every client again
            await esperar(pilot)
            assert lista.total == 10

    async def test_un_homonimo_pregunta_y_revisar_vuelve_al_nombre(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c", "n")
            await esperar(pilot)
            formulario = app.screen
            assert isinstance(formulario, NuevoCliente)
            await pilot.press(*"PEDRO garza leal", "tab", *"5510002000", "ctrl+s")
            await esperar(pilot)
            assert isinstance(app.screen, Confirmar)
            pregunta = " ".join(texto(s) for s in app.screen.query(Static))
            assert "Ya existe un cliente con ese nombre: 5 Pedro Garza Leal" in pregunta
            await pilot.pause(Confirmar.PAUSA + 0.1)
            await pilot.press("enter")  # «Revisar»: back to the name
            await esperar(pilot)
            assert app.screen is formulario
            assert app.focused is formulario.query_one("#nombre", Input)
            await pilot.press("ctrl+s")
            await esperar(pilot)
            await pilot.pause(Confirmar.PAUSA + 0.1)
            await pilot.press("left", "enter")  # «Guardar de todos modos»: another Pedro
            await esperar(pilot)
            assert isinstance(app.screen, ClientesScreen)
        with store.session() as session:
            pedros = clientes.list_(services.contexto(session, "ana"), clientes.Filtro(buscar="pedro garza"))
            assert [p.nombre for p in pedros] == ["Pedro Garza Leal", "PEDRO garza leal"]

    async def test_un_telefono_malo_lleva_el_cursor_al_telefono(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c", "n")
            await esperar(pilot)
            await pilot.press(*"Zoila Ramírez", "tab", *"123", "tab", "tab", "ctrl+s")
            await esperar(pilot)
            formulario = app.screen
            assert isinstance(formulario, NuevoCliente)
            assert "teléfono" in texto(formulario.query_one(MensajeError))
            assert app.focused is formulario.query_one("#telefonos", Input)

    async def test_nuevo_cliente_sin_nombre_muestra_el_error_en_el_formulario(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c", "n")
            await esperar(pilot)
            await pilot.press("ctrl+s")
            await esperar(pilot)
            assert isinstance(app.screen, NuevoCliente)
            assert "El nombre no puede estar vacío." in texto(app.screen.query_one(MensajeError))


class TestFicha:
    async def test_llamada_aparece_en_historial_y_la_alerta_pasa_a_verde(
        self, store: Store, ids: dict[str, int]
    ) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            ficha = await abrir_ficha(pilot, ids["jose"])
            assert "● vencido" in texto(ficha.query_one("#cabecera", Static))
            await _registrar_llamada(pilot, bajar=1)  # contestó-interesado
            assert app.screen is ficha
            cabecera = texto(ficha.query_one("#cabecera", Static))
            assert "○ al día" in cabecera
            assert "última actividad: hoy" in cabecera
            historial = filas(ficha.query_one("#t-historial", TablaHistorial))
            assert historial[0].startswith("2026-11-23 10:00 | Llamada: contestó, interesado")

    async def test_tras_una_llamada_sin_respuesta_dice_que_se_intento(self, store: Store, ids: dict[str, int]) -> None:
        """Issue 28: «vencido · última actividad: hoy» read as if nobody had tried."""
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            ficha = await abrir_ficha(pilot, ids["jose"])
            await _registrar_llamada(pilot, bajar=3)  # no contestó
            cabecera = texto(ficha.query_one("#cabecera", Static))
            assert "● vencido" in cabecera
            assert "intentado hoy (no contestó)" in cabecera, cabecera
            assert "última actividad" not in cabecera

    async def test_enter_en_el_historial_muestra_la_actividad_completa(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["jose"])
            await pilot.press("tab", "enter")
            await esperar(pilot)
            assert isinstance(app.screen, Detalle)
            assert "Busca casa de 3 recámaras" in " ".join(texto(s) for s in app.screen.query(Static))
            await pilot.press("escape")
            assert isinstance(app.screen, FichaScreen)

    async def test_llamar_despues_propone_la_tarea_en_el_mismo_paso(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            ficha = await abrir_ficha(pilot, ids["pedro"])
            await _registrar_llamada(pilot, bajar=2)  # contestó-llamar-después
            await pilot.press("4")
            tareas_tabla = filas(ficha.query_one("#t-tareas", DataTable))
            assert any("2026-11-24" in fila and "Llamar a Pedro Garza Leal" in fila for fila in tareas_tabla)

    async def test_tres_llamadas_sin_respuesta_ofrecen_marcar_frio(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await _registrar_llamada(pilot, bajar=3)  # no-contestó
            await _registrar_llamada(pilot, bajar=3)
            await _registrar_llamada(pilot, bajar=3)
            assert isinstance(app.screen, Confirmar)
            await pilot.pause(Confirmar.PAUSA + 0.1)
            assert app.focused is not None
            assert app.focused.id == "no"  # «Dejar así», the default
            await pilot.press("left", "enter")  # «Marcar frío»
            await esperar(pilot)
            assert isinstance(app.screen, FichaScreen)
            assert "frío" in texto(app.screen.query_one("#cabecera", Static))
        assert _cliente(store, ids["pedro"]).temperatura == "frío"

    @pytest.mark.ambos_motores
    async def test_cancelar_sin_motivo_muestra_el_error_y_no_cambia_nada(
        self, store: Store, ids: dict[str, int]
    ) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["pedro"])
            await pilot.press("e")
            await esperar(pilot)
            assert isinstance(app.screen, CambiarEtapa)
            # Issue 28: a prospect's only hand change is cancelado (apartado, always refused
            # here, was the first choice); the dialog offers the apartado instead (v).
            etapas = app.screen.query_one("#etapa", Select)
            assert [valor for _texto, valor in etapas._options] == ["cancelado"]
            assert str(app.screen.query_one("#apartar", Button).label) == "Apartar una propiedad… v"
            await pilot.press("space", "enter")  # open the list, choose cancelado: on to Motivo
            await pilot.press("ctrl+s")
            await esperar(pilot)
            assert isinstance(app.screen, CambiarEtapa)
            error = texto(app.screen.query_one(MensajeError))
            assert "motivo" in error
            assert error.startswith("✗ Para cancelar un cliente")
            assert _cliente(store, ids["pedro"]).etapa == "prospecto"
            await pilot.press(*"Ya no busca casa", "enter")  # choosing moved on to Motivo
            await esperar(pilot)
            assert isinstance(app.screen, FichaScreen)
            historial = filas(app.screen.query_one("#t-historial", TablaHistorial))
            assert "Cambio de etapa: prospecto → cancelado (motivo: Ya no b" in historial[0]
        assert _cliente(store, ids["pedro"]).etapa == "cancelado"

    async def test_nota_y_tarea_desde_la_ficha(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            ficha = await abrir_ficha(pilot, ids["maria"])
            await pilot.press("n")
            await esperar(pilot)
            app.screen.query_one(TextArea).insert("Quiere ver casas en Apodaca")
            await pilot.press("ctrl+s")
            await esperar(pilot)
            await pilot.press("3")
            assert "Quiere ver casas en Apodaca" in opciones(ficha.query_one("#notas-scroll", OptionList))[0]
            await pilot.press("g", *"Mandar fotos", "tab", *"mañana", "enter")
            await esperar(pilot)
            await pilot.press("4")
            assert any("Mandar fotos" in fila for fila in filas(ficha.query_one("#t-tareas", DataTable)))

    async def test_datos_invalidos_se_muestran_junto_al_formulario(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            ficha = await abrir_ficha(pilot, ids["maria"])
            await pilot.press("1", "tab", "tab", "tab")
            assert ficha.focused is ficha.query_one("#d-email", Input)
            await pilot.press(*"mafer@", "enter")
            await esperar(pilot)
            assert "El email «mafer@» no es válido" in texto(ficha.query_one("#error-datos", MensajeError))
            await pilot.press(*"nuevo.mx", "enter")
            await esperar(pilot)
            assert not ficha.query_one("#error-datos", MensajeError).display
        assert _cliente(store, ids["maria"]).email == "mafer@nuevo.mx"

    async def test_temperatura_de_un_cliente_que_no_es_prospecto_da_error(
        self, store: Store, ids: dict[str, int]
    ) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["roberto"])
            await pilot.press("r")
            await esperar(pilot)
            await pilot.press("ctrl+s")
            await esperar(pilot)
            assert "La temperatura solo aplica a prospectos" in texto(app.screen.query_one(MensajeError))


class TestTeclas:
    async def test_ayuda_lista_las_teclas_de_todas_las_pantallas(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("question_mark")
            await esperar(pilot)
            assert isinstance(app.screen, AyudaScreen)
            ayuda = "\n".join(texto(s) for s in app.screen.query(Static))
            for titulo in (
                "Mis tareas",
                "Clientes",
                "Ficha del cliente",
                "Inventario",
                "Formularios",
                "En todas las pantallas",
            ):
                assert titulo in ayuda
            for descripcion in (
                "Buscar",
                "Nuevo cliente",
                "Actividad",
                "Etapa",
                "Temperatura",
                "Nueva nota",
                "Hecha",
                "Salir",
            ):
                assert descripcion in ayuda
            await pilot.press("escape")
            assert isinstance(app.screen, MisTareasScreen)

    async def test_la_paleta_de_comandos_tiene_las_acciones_de_la_pantalla(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            titulos = {comando.title for comando in app.get_system_commands(app.screen)}
            assert {"Buscar", "Nuevo", "Actividad", "Abrir ficha", "Mis tareas", "Ayuda", "Salir"} <= titulos

    async def test_un_comando_de_la_paleta_hace_lo_mismo_que_su_tecla(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            nuevo = next(c for c in app.get_system_commands(app.screen) if c.title == "Nuevo")
            await nuevo.callback()
            await esperar(pilot)
            assert isinstance(app.screen, NuevoCliente)

    async def test_la_barra_superior_marca_la_seccion(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            assert app.screen.query_one(BarraSuperior).seccion == "tareas"
            await pilot.press("c")
            assert app.screen.query_one(BarraSuperior).seccion == "clientes"

    async def test_q_sale(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("q")
            await pilot.pause()
        assert app.return_code == 0


class TestUnaTeclaUnSignificado:
    """e and r change the highlighted client's stage and temperature in the client list, as
    in the ficha; Esc clears the list's filters before leaving it (issue 13)."""

    async def test_e_en_la_lista_cambia_la_etapa_del_cliente(self, store: Store) -> None:
        from a3tui.app.screens.etapa import CambiarEtapa
        from a3tui.app.screens.temperatura import CambiarTemperatura

        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            lista = app.screen.query_one(ListaClientes)
            nombre = lista.fila_actual.nombre  # type: ignore[union-attr]
            await pilot.press("e")
            await esperar(pilot)
            assert isinstance(app.screen, CambiarEtapa)
            assert nombre in " ".join(texto(s) for s in app.screen.query(Static))
            await pilot.press("escape", "r")
            await esperar(pilot)
            assert isinstance(app.screen, CambiarTemperatura)

    async def test_esc_quita_los_filtros_y_luego_sale(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            lista = app.screen.query_one(ListaClientes)
            todos = lista.total
            await pilot.press("f")
            await esperar(pilot)
            assert lista.total < todos
            await pilot.press("escape")
            await esperar(pilot)
            assert lista.total == todos
            assert isinstance(app.screen, ClientesScreen)
            await pilot.press("escape")
            await esperar(pilot)
            assert not isinstance(app.screen, ClientesScreen)

    async def test_j_y_k_mueven_en_mis_tareas(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            agenda = app.screen.query_one(OptionList)
            antes = agenda.highlighted
            await pilot.press("j")
            assert agenda.highlighted != antes
            await pilot.press("k")
            assert agenda.highlighted == antes

    async def test_x_en_un_cliente_de_mis_tareas_explica_que_hacer(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            agenda = app.screen.query_one(OptionList)
            pantalla = app.screen
            cliente = next(
                i
                for i in range(agenda.option_count)
                if pantalla._renglones.get(agenda.get_option_at_index(i).id or "")
                and pantalla._renglones[agenda.get_option_at_index(i).id or ""].tarea_id is None
            )  # type: ignore[attr-defined]
            agenda.highlighted = cliente
            await pilot.press("x")
            await esperar(pilot)
            assert any("es un cliente, no una tarea" in n.message for n in app._notifications)


class TestTextosUnaVez:
    async def test_la_cabecera_de_un_cancelado_dice_sin_seguimiento_una_vez(
        self, store: Store, ids: dict[str, int]
    ) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "ana")
            from a3tui.services import clientes

            clientes.cambiar_etapa(ctx, clientes.get(ctx, ids["maria"]), "cancelado", "Compró en otro lado")
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            app.abrir_ficha(ids["maria"])
            await esperar(pilot)
            cabecera = texto(app.screen.query_one("#cabecera", Static))
            assert cabecera.count("sin seguimiento") == 1

    async def test_un_tablero_vacio_no_repite_sin_datos(self, tmp_path) -> None:
        from a3tui.store import open_store

        vacia = open_store(str(tmp_path / "vacia.db"))
        try:
            app = A3App(vacia)
            async with app.run_test(size=TAMANO) as pilot:
                await esperar(pilot)
                textos = [texto(s) for s in app.screen.query(Static)]
                assert not any(t.count("sin datos") > 1 for t in textos)
                assert any("sin datos" in t for t in textos)
        finally:
            vacia.dispose()


class TestPreguntasSeguras:
    async def test_un_enter_escrito_antes_de_la_pregunta_no_la_contesta(self, store: Store, monkeypatch) -> None:
        # A long pause so that a loaded machine can't let it pass before the key arrives.
        monkeypatch.setattr(Confirmar, "PAUSA", 3.0)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await pilot.press("c")
            await esperar(pilot)
            await pilot.press("n")
            await esperar(pilot)
            # Typed in one burst: the save, then an Enter meant for nothing in particular.
            await pilot.press(*"Josefina Pérez", "tab", *"81 2345 6789", "enter", "enter", "enter")
            await esperar(pilot)
            assert isinstance(app.screen, Confirmar)
            assert all(b.disabled for b in app.screen.query("Button"))
        with store.session() as session:
            assert session.exec(select(Cliente).where(Cliente.nombre == "Josefina Pérez")).first() is None


class TestContactar:
    async def test_el_vence_del_seguimiento_se_escribe_sin_sumarse_a_manana(
        self, store: Store, ids: dict[str, int]
    ) -> None:
        """Issue 28 point 7: the follow-up's Vence came with «mañana» written; as a date field
        that typing corrects, «viernes» typed there read «mañanaviernes». Empty means mañana."""
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["jose"])
            await pilot.press("a")
            await esperar(pilot)
            assert isinstance(app.screen, RegistrarActividad)
            app.screen.query_one("#con-tarea").value = True
            await esperar(pilot)
            vence = app.screen.query_one("#tarea-vence", Input)
            vence.focus()
            await pilot.press(*"viernes")
            assert vence.value == "viernes"

    async def test_w_da_el_enlace_de_whatsapp_y_l_el_del_telefono(self, store: Store, ids: dict[str, int]) -> None:
        from a3tui.app.screens.contactar import Contactar

        app = A3App(store)
        copiado: list[str] = []
        app.copy_to_clipboard = copiado.append  # type: ignore[method-assign]
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["jose"])
            with store.session() as session:
                antes = len(session.exec(select(Actividad)).all())
            await pilot.press("w")
            await esperar(pilot)
            assert isinstance(app.screen, Contactar)
            assert app.screen.enlace.startswith("https://wa.me/528123456789?text=Hola%20Jos")
            await pilot.press("escape", "l")
            await esperar(pilot)
            assert isinstance(app.screen, Contactar)
            assert app.screen.enlace == "tel:+528123456789"
            assert copiado[-1] == "tel:+528123456789"
            with store.session() as session:
                assert len(session.exec(select(Actividad)).all()) == antes  # nothing logged


class TestTareasDesdeLaApp:
    async def test_mas_pospone_a_manana_y_supr_borra_tras_preguntar(self, store: Store) -> None:
        from datetime import date

        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            agenda = app.screen.query_one(OptionList)
            pantalla = app.screen
            primera = next(
                i for i in range(agenda.option_count) if (agenda.get_option_at_index(i).id or "").startswith("tarea-")
            )
            agenda.highlighted = primera
            tarea_id = pantalla._renglones[agenda.get_option_at_index(primera).id or ""].tarea_id  # type: ignore[attr-defined]
            await pilot.press("plus")
            await esperar(pilot)
            with store.session() as session:
                assert session.get(Tarea, tarea_id).vence == date(2026, 11, 24)  # type: ignore[union-attr]
            agenda.highlighted = next(
                i for i in range(agenda.option_count) if agenda.get_option_at_index(i).id == f"tarea-{tarea_id}"
            )
            await pilot.press("delete")
            await pilot.pause(Confirmar.PAUSA + 0.1)
            assert isinstance(app.screen, Confirmar)
            await pilot.press("enter")  # «Conservar», the default
            await esperar(pilot)
            with store.session() as session:
                assert session.get(Tarea, tarea_id) is not None
            await pilot.press("delete")
            await pilot.pause(Confirmar.PAUSA + 0.1)
            await pilot.press("left", "enter")  # «Borrar»
            await esperar(pilot)
            with store.session() as session:
                assert session.get(Tarea, tarea_id) is None

    async def test_enter_en_una_tarea_abre_su_formulario_y_la_mueve_a_otra_fecha(self, store: Store) -> None:
        """Issue 28: a task could only go to tomorrow in the app. Enter opens its form: any
        date (earlier too), «viernes 10:00» as date and time, the reminder switch."""
        from datetime import date, time

        with store.session() as session:
            ctx = services.contexto(session, "ana")
            # It has an hour: «viernes 10:00» typed in Vence replaces it (it was refused as
            # «two different hours» against the one the form opened with).
            tarea_id = tareas.add(ctx, "Mover esta", ctx.hoy, hora=time(17, 45)).id
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            agenda = app.screen.query_one(OptionList)
            fila = next(i for i, linea in enumerate(opciones(agenda)) if "Mover esta" in linea)
            await resaltar(pilot, agenda, fila)
            await pilot.press("enter")
            await esperar(pilot)
            assert isinstance(app.screen, NuevaTarea), [n.message for n in app._notifications]
            assert app.screen.query_one("#vence", Input).has_focus
            await pilot.press("ctrl+u", *"viernes 10:00", "tab", "tab", "tab", "space", "ctrl+s")
            await esperar(pilot)
            assert isinstance(app.screen, MisTareasScreen)
            assert any("vence en 4 días 10:00 (2026-11-27)" in n.message for n in app._notifications)
        with store.session() as session:
            tarea = session.get(Tarea, tarea_id)
            assert tarea is not None
            assert (tarea.vence, tarea.hora, tarea.recordatorio) == (date(2026, 11, 27), time(10, 0), False)

    async def test_el_vence_de_una_tarea_se_corrige_sin_borrarlo(self, store: Store) -> None:
        """Issue 28 point 7: opened to move the task, its date is proposed and typing replaces
        it; reached again with Tab, typing corrects it (it replaced the whole date)."""
        with store.session() as session:
            ctx = services.contexto(session, "ana")
            tareas.add(ctx, "Corregir la fecha", ctx.hoy)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            agenda = app.screen.query_one(OptionList)
            fila = next(i for i, linea in enumerate(opciones(agenda)) if "Corregir la fecha" in linea)
            await resaltar(pilot, agenda, fila)
            await pilot.press("enter")
            await esperar(pilot)
            assert isinstance(app.screen, NuevaTarea)
            vence = app.screen.query_one("#vence", Input)
            await pilot.press(*"+2")
            assert vence.value == "+2"  # the proposed date, replaced
            await pilot.press("tab", "shift+tab", "0")
            assert vence.value == "+20"  # reached with Tab: corrected, not replaced

    async def test_x_sobre_una_tarea_hecha_la_reabre(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["jose"])
            await pilot.press("4")
            await esperar(pilot)
            tabla = app.screen.query_one("#t-tareas", DataTable)
            await pilot.press("x")
            await esperar(pilot)
            assert "✓ hecha" in filas(tabla)[0]
            await pilot.press("x")
            await esperar(pilot)
            assert "✓ hecha" not in filas(tabla)[0]
            assert any("Pendiente otra vez" in n.message for n in app._notifications)
