"""The office in the app, by keyboard (issue 11): an advisor asks for a transfer, the
coordinator approves or rejects it, manages advisors and suplencias, merges duplicates,
and anyone reads a client's changes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import col, func, select
from textual.widgets import Checkbox, DataTable, Input, OptionList, Static, TabbedContent

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.clientes import ClientesScreen
from a3tui.app.screens.ficha import FichaScreen
from a3tui.app.screens.fusion import VistaFusion
from a3tui.app.screens.mas import MenuMas
from a3tui.app.screens.oficina import FormularioAsesor, FormularioSuplencia, OficinaScreen
from a3tui.app.screens.transferir import ElegirAsesor, ResolverTransferencia, TransferirCliente
from a3tui.app.widgets.formulario import MensajeError
from a3tui.app.widgets.lista_clientes import ListaClientes
from a3tui.domain import EstadoTransferencia
from a3tui.errors import AsesorDesconocido
from a3tui.models import Actividad, Asesor, Cliente, Suplencia, Tarea, Telefono, Transferencia
from a3tui.services import clientes, transferencias
from a3tui.store import Store
from apoyo.app import columna, en_pantalla, esperar, filas, opciones, pantalla, texto

TAMANO = (80, 24)
# A coordinator's reason, longer than a line at 80 columns.
MOTIVO_LARGO = (
    "Luis ya tiene demasiados clientes este mes y Ana conoce a la familia desde hace años; "
    "que ella siga con la cuenta hasta el apartado"
)


def _cliente(store: Store, cliente_id: int) -> Cliente:
    with store.session() as session:
        c = session.get(Cliente, cliente_id)
        assert c is not None
        return c


def _asesor(store: Store, login: str) -> Asesor:
    with store.session() as session:
        a = session.exec(select(Asesor).where(Asesor.login == login)).one()
        return a


async def _teclas(pilot, *teclas: str) -> None:
    for tecla in teclas:
        await pilot.press(tecla)
        await esperar(pilot)


async def _ficha(pilot, cliente_id: int) -> FichaScreen:
    await _teclas(pilot, "c")
    pilot.app.abrir_ficha(cliente_id)
    await esperar(pilot)
    assert isinstance(pilot.app.screen, FichaScreen)
    return pilot.app.screen


def _pedir_transferencia(store: Store, cliente_id: int, a: str = "luis") -> int:
    with store.session() as session:
        ctx = services.contexto(session, "ana")
        destino = session.exec(select(Asesor).where(Asesor.login == a)).one()
        t = transferencias.transferir(ctx, clientes.get(ctx, cliente_id), destino, "Vive en su zona")
        assert t.id is not None
        return t.id


class TestIdentidad:
    @pytest.mark.ambos_motores
    def test_un_login_desconocido_no_abre_la_aplicacion(self, store: Store) -> None:
        with pytest.raises(AsesorDesconocido, match="a3 asesor add pepe"):
            A3App(store, login="pepe")
        with store.session() as session:
            assert session.exec(select(Asesor).where(Asesor.login == "pepe")).first() is None


class TestTransferir:
    async def test_una_asesora_pide_transferir_desde_la_ficha(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            ficha = await _ficha(pilot, ids["jose"])
            await _teclas(pilot, "m")
            assert isinstance(app.screen, MenuMas)
            await _teclas(pilot, "enter")  # «Transferir a otro asesor», the first
            assert isinstance(app.screen, ElegirAsesor)
            ofrecidos = opciones(app.screen.query_one(OptionList))
            assert not any("(ana)" in o for o in ofrecidos)  # not to whom already has him
            await pilot.press(*"luis")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, TransferirCliente)
            await _teclas(pilot, "enter")  # no motivo: refused inline
            assert "motivo" in texto(app.screen.query_one("#error", MensajeError))
            await pilot.press(*"Vive en Apodaca")
            await _teclas(pilot, "enter")
            assert app.screen is ficha
            assert "transferencia 1 por aprobar" in texto(ficha.query_one("#cabecera", Static))
        assert _cliente(store, ids["jose"]).asesor_id == _asesor(store, "ana").id
        with store.session() as session:
            t = session.get(Transferencia, 1)
            assert t is not None
            assert (t.estado, t.motivo) == (EstadoTransferencia.SOLICITADA, "Vive en Apodaca")

    async def test_la_coordinadora_aprueba_en_la_oficina(self, store: Store, ids: dict[str, int]) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "ana")
            from a3tui.services import tareas

            tareas.add(ctx, "Llamar a José", ctx.hoy, cliente=clientes.get(ctx, ids["jose"]))
        transferencia_id = _pedir_transferencia(store, ids["jose"])
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o")
            assert isinstance(app.screen, OficinaScreen)
            # With a request waiting, the queue is what opens.
            assert app.screen.query_one(TabbedContent).active == "o-transferencias"
            lineas = filas(app.screen.query_one("#t-o-transferencias", DataTable))
            assert "José Ñúñez Pérez" in lineas[0]
            assert "solicitada" in lineas[0]
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, ResolverTransferencia)
            await _teclas(pilot, "ctrl+s")
            assert isinstance(app.screen, OficinaScreen)
            assert "aprobada" in filas(app.screen.query_one("#t-o-transferencias", DataTable))[0]
        luis = _asesor(store, "luis")
        assert _cliente(store, ids["jose"]).asesor_id == luis.id
        with store.session() as session:
            pendientes = session.exec(
                select(Tarea).where(Tarea.cliente_id == ids["jose"], col(Tarea.hecha).is_(False))
            ).all()
            assert {t.asesor_id for t in pendientes} == {luis.id}
            t = session.get(Transferencia, transferencia_id)
            assert t is not None
            assert t.estado == EstadoTransferencia.APROBADA

    async def test_la_coordinadora_rechaza_con_su_motivo(self, store: Store, ids: dict[str, int]) -> None:
        transferencia_id = _pedir_transferencia(store, ids["maria"])
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "enter")
            assert isinstance(app.screen, ResolverTransferencia)
            app.screen.query_one("#motivo-rechazo", Input).focus()
            await pilot.press(*"Ana la conoce desde hace años")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, OficinaScreen)
        assert _cliente(store, ids["maria"]).asesor_id == _asesor(store, "ana").id
        with store.session() as session:
            t = session.get(Transferencia, transferencia_id)
            assert t is not None
            assert (t.estado, t.motivo_rechazo) == (EstadoTransferencia.RECHAZADA, "Ana la conoce desde hace años")

    async def test_el_motivo_escrito_y_enter_rechazan_sin_aprobar(self, store: Store, ids: dict[str, int]) -> None:
        """What a coordinator types when the dialog opens is the rejection's motivo, and
        Enter rejects: nothing approves unless she asks for it (^s)."""
        transferencia_id = _pedir_transferencia(store, ids["maria"])
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "enter")
            assert isinstance(app.screen, ResolverTransferencia)
            await pilot.press(*"Ana la conoce")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, OficinaScreen)
        assert _cliente(store, ids["maria"]).asesor_id == _asesor(store, "ana").id
        with store.session() as session:
            t = session.get(Transferencia, transferencia_id)
            assert t is not None
            assert (t.estado, t.motivo_rechazo) == (EstadoTransferencia.RECHAZADA, "Ana la conoce")

    async def test_enter_sin_motivo_no_decide_nada(self, store: Store, ids: dict[str, int]) -> None:
        transferencia_id = _pedir_transferencia(store, ids["maria"])
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "enter", "enter")
            assert isinstance(app.screen, ResolverTransferencia)
            assert "motivo" in texto(app.screen.query_one("#error", MensajeError))
            assert app.screen.focused is app.screen.query_one("#motivo-rechazo", Input)
        with store.session() as session:
            t = session.get(Transferencia, transferencia_id)
            assert t is not None
            assert t.estado == EstadoTransferencia.SOLICITADA
        assert _cliente(store, ids["maria"]).asesor_id == _asesor(store, "ana").id

    async def test_una_aprobacion_se_deshace_con_u(self, store: Store, ids: dict[str, int]) -> None:
        transferencia_id = _pedir_transferencia(store, ids["maria"])
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "enter", "ctrl+s")
            assert isinstance(app.screen, OficinaScreen)
            assert _cliente(store, ids["maria"]).asesor_id == _asesor(store, "luis").id
            await _teclas(pilot, "u")
            assert "solicitada" in filas(app.screen.query_one("#t-o-transferencias", DataTable))[0]
        assert _cliente(store, ids["maria"]).asesor_id == _asesor(store, "ana").id
        with store.session() as session:
            t = session.get(Transferencia, transferencia_id)
            assert t is not None
            assert (t.estado, t.resuelta_por_id) == (EstadoTransferencia.SOLICITADA, None)

    async def test_quien_pidio_la_transferencia_lee_por_que_se_rechazo(self, store: Store, ids: dict[str, int]) -> None:
        """Issue 28 point 1: the requester reads the whole reason in the app, at 80x24 (the
        list cut it at 60 characters, together with the client's name)."""
        transferencia_id = _pedir_transferencia(store, ids["maria"])
        with store.session() as session:
            ctx = services.contexto(session, "carla")
            transferencias.rechazar(ctx, transferencias.get(ctx, transferencia_id), MOTIVO_LARGO)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o")
            assert f"Rechazada por carla: {MOTIVO_LARGO}" in en_pantalla(pantalla(app))

    async def test_la_coordinadora_lee_entero_el_motivo_con_que_rechazo(
        self, store: Store, ids: dict[str, int]
    ) -> None:
        _pedir_transferencia(store, ids["maria"])
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "enter")
            assert isinstance(app.screen, ResolverTransferencia)
            await pilot.press(*MOTIVO_LARGO)
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, OficinaScreen)
            leido = en_pantalla(pantalla(app))
            assert "María Fernanda González · ana → luis" in leido
            assert "Motivo: Vive en su zona" in leido
            assert f"Rechazada por carla: {MOTIVO_LARGO}" in leido

    async def test_una_asesora_no_decide_transferencias(self, store: Store, ids: dict[str, int]) -> None:
        _pedir_transferencia(store, ids["maria"])
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o")
            oficina = app.screen
            assert isinstance(oficina, OficinaScreen)
            pestanas = oficina.query_one(TabbedContent)
            assert not pestanas.get_tab("o-equipo").display
            assert not pestanas.get_tab("o-duplicados").display
            await _teclas(pilot, "enter")
            assert app.screen is oficina  # nothing to decide for an advisor
        with store.session() as session:
            assert session.exec(select(Transferencia)).one().estado == EstadoTransferencia.SOLICITADA


class TestAsesoresYSuplencias:
    async def test_agregar_un_asesor_y_hacerlo_coordinador(self, store: Store) -> None:
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "3", "n")
            assert isinstance(app.screen, FormularioAsesor)
            await pilot.press(*"pedro", "tab", *"Pedro Garza Leal")
            await _teclas(pilot, "ctrl+s")
            assert isinstance(app.screen, OficinaScreen)
            assert any("Pedro Garza Leal" in f for f in filas(app.screen.query_one("#t-o-asesores", DataTable)))
            tabla = app.screen.query_one("#t-o-asesores", DataTable)
            tabla.move_cursor(row=next(i for i, f in enumerate(filas(tabla)) if f.startswith("pedro")))
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, FormularioAsesor)
            app.screen.query_one("#rol").value = "coordinador"
            await _teclas(pilot, "ctrl+s")
        pedro = _asesor(store, "pedro")
        assert (pedro.nombre, pedro.rol.value, pedro.plaza) == ("Pedro Garza Leal", "coordinador", "General")

    async def test_dar_de_baja_pide_transferir_sus_clientes_primero(self, store: Store) -> None:
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "3")
            tabla = app.screen.query_one("#t-o-asesores", DataTable)
            tabla.move_cursor(row=next(i for i, f in enumerate(filas(tabla)) if f.startswith("ana")))
            await _teclas(pilot, "enter")
            formulario = app.screen
            assert isinstance(formulario, FormularioAsesor)
            formulario.query_one("#baja").focus()
            await _teclas(pilot, "enter")
            assert app.screen is formulario
            assert "transfiérelos" in texto(formulario.query_one("#error", MensajeError))
        assert _asesor(store, "ana").activo

    async def test_nombrar_suplente_y_la_suplente_ve_esos_clientes(self, store: Store, ids: dict[str, int]) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "carla")
            luis = session.exec(select(Asesor).where(Asesor.login == "luis")).one()
            transferencias.transferir(ctx, clientes.get(ctx, ids["pedro"]), luis, "Reparto")
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "4", "s")
            assert isinstance(app.screen, FormularioSuplencia)
            await pilot.press(*"luis", "tab", *"ana", "tab", "tab", *"+7", "tab", *"Vacaciones")
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, OficinaScreen)
            assert (
                "ana (ana) cubre a luis (luis) (Vacaciones)"
                in filas(app.screen.query_one("#t-o-suplencias", DataTable))[0]
            )
        with store.session() as session:
            s = session.exec(select(Suplencia)).one()
            assert (s.desde.isoformat(), s.hasta.isoformat(), s.motivo) == ("2026-11-23", "2026-11-30", "Vacaciones")
        # Ana's list now has Luis's client, with the advisor named.
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "c")
            lista = app.screen.query_one(ListaClientes)
            assert lista.asesores is not None
            nombres = [lista.fila(i).nombre for i in range(lista.total)]  # type: ignore[union-attr]
            assert "Pedro Garza Leal" in nombres


class TestFusionar:
    @pytest.mark.ambos_motores
    async def test_la_coordinadora_fusiona_un_duplicado_sin_perder_nada(
        self, store: Store, ids: dict[str, int]
    ) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "ana")
            from a3tui.services import actividades

            copia = clientes.add(ctx, "José Núñez", telefonos=["8123456789"], email="jose2@correo.mx", forzar=True)
            actividades.llamada(ctx, copia, "no-contestó")
            copia_id = copia.id
        with store.session() as session:
            antes = session.exec(
                select(func.count())
                .select_from(Actividad)
                .where(col(Actividad.cliente_id).in_((ids["jose"], copia_id)))
            ).one()
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "5")
            lineas = filas(app.screen.query_one("#t-o-duplicados", DataTable))
            assert "mismo teléfono" in lineas[0]
            await _teclas(pilot, "enter")
            vista = app.screen
            assert isinstance(vista, VistaFusion)
            assert vista.plan is not None
            assert "1 actividad" in texto(vista.query_one("#fusion-mover", Static))
            caja = vista.query_one("#tomar-email", Checkbox)
            caja.value = True
            await _teclas(pilot, "ctrl+s")
            assert isinstance(app.screen, OficinaScreen)
        with store.session() as session:
            despues = session.exec(
                select(func.count()).select_from(Actividad).where(Actividad.cliente_id == ids["jose"])
            ).one()
            assert despues == antes + 1  # the moved call, plus the merge's own history line
            otro = session.get(Cliente, copia_id)
            assert otro is not None
            assert otro.fusionado_en_id == ids["jose"]
            assert session.get(Cliente, ids["jose"]).email == "jose2@correo.mx"  # type: ignore[union-attr]
            assert session.exec(select(Telefono).where(Telefono.cliente_id == ids["jose"])).all()

    async def test_una_asesora_no_fusiona(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _ficha(pilot, ids["jose"])
            await _teclas(pilot, "F")
            await pilot.press(*" ñ")
            await esperar(pilot)
            app.screen.query_one(Input).value = "maria"
            await esperar(pilot)
            await _teclas(pilot, "enter")
            assert isinstance(app.screen, VistaFusion)
            assert "Solo un coordinador" in texto(app.screen.query_one("#error", MensajeError))


class TestCambios:
    async def test_la_ficha_muestra_quien_cambio_que(self, store: Store, ids: dict[str, int]) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "ana")
            clientes.edit(ctx, clientes.get(ctx, ids["maria"]), email="mafer.nuevo@correo.mx")
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            ficha = await _ficha(pilot, ids["maria"])
            await _teclas(pilot, "9")
            lineas = filas(ficha.query_one("#t-cambios", DataTable))
            assert "ana" in lineas[0]
            assert "cambio de cliente" in lineas[0]
            assert "email mafer@correo" in lineas[0]
            await _teclas(pilot, "enter")
            assert "mafer.nuevo@correo.mx" in " ".join(texto(s) for s in app.screen.query(Static))


class TestCartera:
    async def test_la_coordinadora_cambia_a_la_plaza_con_p(self, store: Store, ids: dict[str, int]) -> None:
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "c")
            pantalla = app.screen
            assert isinstance(pantalla, ClientesScreen)
            lista = pantalla.query_one(ListaClientes)
            assert lista.total == 0  # carla has no clients of her own
            await _teclas(pilot, "P")
            assert lista.total == len(ids)
            assert lista.asesores is not None
            assert "Plaza General" in texto(pantalla.query_one("#resumen", Static))
            await _teclas(pilot, "P")  # then each advisor
            assert lista.asesores is None

    async def test_una_asesora_sin_suplencias_no_tiene_cartera_que_cambiar(self, store: Store) -> None:
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "c")
            activas = [a.binding.key for a in app.screen.active_bindings.values()]
            assert "P" not in activas


class TestTextosEnteros:
    """Issue 28 point 9: at 80 columns the office cut names and reasons at their column's
    edge («Luis Treviño Garza (lo cubr»); they wrap in it now, and read whole."""

    @staticmethod
    def _suplencia(store: Store, motivo: str) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "carla")
            from a3tui.services import asesores

            luis = asesores.edit(ctx, asesores.get(session, "luis"), nombre="Luis Alberto Treviño Garza")
            ana = asesores.edit(ctx, asesores.get(session, "ana"), nombre="Ana Sofía Martínez de la Garza")
            asesores.add_suplencia(ctx, luis, ana, ctx.hoy, ctx.hoy + timedelta(days=7), motivo)

    async def test_el_equipo_dice_entero_quien_cubre_a_quien(self, store: Store) -> None:
        self._suplencia(store, "Vacaciones")
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "1")
            assert "Luis Alberto Treviño Garza (lo cubre ana)" in columna(pantalla(app), "Asesor", "Clientes")

    async def test_los_asesores_dicen_entero_a_quien_cubren(self, store: Store) -> None:
        self._suplencia(store, "Vacaciones")
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "3")
            assert "Ana Sofía Martínez de la Garza · cubre a luis" in columna(pantalla(app), "Nombre", "Rol")

    async def test_una_suplencia_se_lee_entera_con_su_motivo(self, store: Store) -> None:
        motivo = "Curso de crédito hipotecario en la Ciudad de México, toda la semana"
        self._suplencia(store, motivo)
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "4")
            assert (
                f"Ana Sofía Martínez de la Garza (ana) cubre a Luis Alberto Treviño Garza (luis) ({motivo})"
                in columna(pantalla(app), "Quién cubre a quién")
            )

    async def test_un_duplicado_dice_entero_por_que_se_parece(self, store: Store, ids: dict[str, int]) -> None:
        with store.session() as session:
            ctx = services.contexto(session, "ana")
            clientes.add(ctx, "Jose Nunez Perez", telefonos=["81 2345 6789"], forzar=True)
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "5")
            lineas = pantalla(app)
            assert "José Ñúñez Pérez ↔" in columna(lineas, "Clientes", "Por qué")
            assert "mismo teléfono 81 2345 6789" in columna(lineas, "Por qué")


class TestEquipo:
    @pytest.mark.ambos_motores
    async def test_el_equipo_dice_cuanto_tarda_en_responder_cada_asesor(
        self, store: Store, ids: dict[str, int]
    ) -> None:
        """Issue 28 point 5: `a3 equipo` gives each advisor's response time this month and who
        still waits for an answer; the app's Oficina → Equipo says the same, in its words."""
        from a3tui.services import actividades

        with store.session() as session:
            ctx = services.contexto(session, "ana")
            jose, maria = clientes.get(ctx, ids["jose"]), clientes.get(ctx, ids["maria"])
            actividades.mensaje(ctx, jose, contenido="¿Precios?", entrante=True, fecha=ctx.ahora - timedelta(hours=5))
            actividades.mensaje(ctx, jose, contenido="Le mandé precios", fecha=ctx.ahora - timedelta(hours=2))
            actividades.mensaje(
                ctx, maria, contenido="¿Sigue libre?", entrante=True, fecha=ctx.ahora - timedelta(hours=1)
            )
            session.commit()
        app = A3App(store, login="carla")
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await _teclas(pilot, "o", "1")
            lineas = pantalla(app)
            assert "Respuesta" in next(linea for linea in lineas if linea.startswith(" Asesor"))
            por_asesor = {
                f.split(" | ")[0]: f.split(" | ")[-1] for f in filas(app.screen.query_one("#t-o-equipo", DataTable))
            }
            assert por_asesor == {"ana": "3 h", "carla": "—", "luis": "—"}
            assert (
                "Respuesta: mediana de este mes, del mensaje del cliente a lo primero que se le envió "
                "(meta < 24 horas). Clientes que escribieron y esperan respuesta: ana 1."
            ) in en_pantalla(lineas)


async def test_las_fechas_de_una_suplencia_se_escriben_sin_borrar_lo_que_traian(store: Store) -> None:
    """Issue 28 point 7: Desde came with «hoy» written in it; as a date field that typing
    corrects (not replaces), «+1» typed there read «hoy+1». It starts empty and means hoy."""
    app = A3App(store, login="carla")
    async with app.run_test(size=(80, 24)) as pilot:
        await esperar(pilot)
        await pilot.press("o", "4", "s")
        await esperar(pilot)
        assert isinstance(app.screen, FormularioSuplencia)
        desde = app.screen.query_one("#desde", Input)
        desde.focus()
        await pilot.press("+", "1")
        assert desde.value == "+1"
