"""Snapshots of every screen at 80x24 and at a wide size, on the fixed data and clock of
tests/apoyo/cartera.py. One behaviour per snapshot; the keys of the user are pressed in run_before.

Update after a deliberate change with ``pytest tests/app --snapshot-update`` and look at
the SVGs under tests/app/__snapshots__/ before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from a3tui.app.app import A3App
from a3tui.store import Store
from apoyo.app import esperar, sin_parpadeo

ESTRECHA = (80, 24)
ANCHA = (140, 40)


Paso = str | tuple[str, ...] | Callable[[Pilot], Awaitable[None]]


def teclas(*pasos: Paso) -> Callable[[Pilot], Awaitable[None]]:
    """run_before that presses each step's keys (or runs it) and lets the app settle after each."""

    async def run_before(pilot: Pilot) -> None:
        await esperar(pilot)
        for paso in pasos:
            if callable(paso):
                await paso(pilot)
            else:
                await pilot.press(*((paso,) if isinstance(paso, str) else paso))
            await esperar(pilot)
        sin_parpadeo(pilot)
        await pilot.pause()

    return run_before


def ficha(cliente_id: int) -> tuple[Paso, ...]:
    """The client list (c), then a client's ficha opened as the list opens it (searching
    for a client has its own snapshots in TestClientes)."""

    async def abrir(pilot: Pilot) -> None:
        pilot.app.abrir_ficha(cliente_id)  # type: ignore[attr-defined]

    return ("c", abrir)


class TestMisTareas:
    def test_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas())

    def test_ancha(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ANCHA, run_before=teclas())

    def test_tema_claro(self, snap_compare, store: Store) -> None:
        async def claro(pilot: Pilot) -> None:
            pilot.app.theme = "textual-light"
            await teclas()(pilot)

        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=claro)

    def test_sin_color(self, snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas())

    def test_16_colores(self, snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        """TERM=xterm: the terminal's own red, yellow and green for the alerts."""
        monkeypatch.setenv("TERM", "xterm")
        monkeypatch.delenv("COLORTERM")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas())

    def test_consola_linux(self, snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        """TERM=linux: 16 colours and ASCII symbols (the console font has no ◐ or ▐▌)."""
        monkeypatch.setenv("TERM", "linux")
        monkeypatch.delenv("COLORTERM")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas())


class TestClientes:
    def test_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("c"))

    def test_ancha(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ANCHA, run_before=teclas("c"))

    def test_busqueda_sin_acentos(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("c", ("slash", *"nunez")))

    def test_filtro_prospectos_calientes(self, snap_compare, store: Store) -> None:
        assert snap_compare(
            A3App(store),
            terminal_size=ESTRECHA,
            run_before=teclas("c", "slash", "tab", "enter", "down", "enter", "tab", "enter", "down", "enter", "escape"),
        )

    def test_sin_color(self, snap_compare, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("c", "down", "down"))


class TestFicha:
    def test_historial_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"])))

    def test_historial_ancha(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ANCHA, run_before=teclas(*ficha(ids["jose"])))

    def test_datos_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "1"))

    def test_notas_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "3"))

    def test_tareas_ancha(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ANCHA, run_before=teclas(*ficha(ids["jose"]), "4"))

    def test_apartados_vacios_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "5"))

    def test_tras_registrar_llamada_la_alerta_es_verde(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        pasos = teclas(*ficha(ids["jose"]), "a", "down", "enter", "enter")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)


class TestRegistrarActividad:
    def test_llamada_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "a"))

    def test_llamar_despues_propone_tarea_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        pasos = teclas(*ficha(ids["jose"]), "a", "l")  # «Contestó, llamar después» by its letter
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_reunion_ancha(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        pasos = teclas(*ficha(ids["jose"]), "a", ("shift+tab", "shift+tab"), "r")  # Tipo: «Reunión» by its letter
        assert snap_compare(A3App(store), terminal_size=ANCHA, run_before=pasos)


class TestTerminales:
    def test_casilla_sin_color_80x24(self, snap_compare, store: Store, ids, monkeypatch: pytest.MonkeyPatch) -> None:
        """NO_COLOR: the follow-up box reads ▐ ▌ unticked and ▐X▌ ticked (l proposes the task)."""
        monkeypatch.setenv("NO_COLOR", "1")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "a", "l"))

    def test_ficha_consola_linux_80x24(self, snap_compare, store: Store, ids, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("TERM", "linux")
        monkeypatch.delenv("COLORTERM")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "a"))


class TestFormularios:
    def test_nuevo_cliente_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("c", "n"))

    def test_telefono_repetido_pregunta_80x24(self, snap_compare, store: Store) -> None:
        async def respuesta_lista(pilot: Pilot) -> None:
            from a3tui.app.screens.confirmar import Confirmar

            await pilot.pause(Confirmar.PAUSA + 0.2)  # the question takes answers after its pause

        pasos = teclas("c", "n", ("J", "u", "a", "n", "tab", *"8123456789", "enter"), respuesta_lista)
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_cancelar_sin_motivo_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        pasos = teclas(*ficha(ids["pedro"]), "e", ("space", "down", "enter"), "ctrl+s")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_nueva_tarea_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("g", tuple("Llamar al notario")))


class TestAyuda:
    def test_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("c", "question_mark"))

    def test_ancha(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ANCHA, run_before=teclas("question_mark"))


class TestVenta:
    """The sale's screens (issue 10): inventory, pickers, share, reservation, documents, steps."""

    def test_inventario_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("i"))

    def test_inventario_ancha(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ANCHA, run_before=teclas("i"))

    def test_inventario_buscando_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("i", ("slash", *"cumbres")))

    def test_ver_propiedad_80x24(self, snap_compare, store: Store) -> None:
        pasos = teclas("i", ("slash", *"roble"), "enter", "enter")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_nueva_propiedad_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("i", "n"))

    def test_elegir_cliente_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("i", "p", tuple("ma")))

    def test_compartir_80x24(self, snap_compare, store: Store) -> None:
        pasos = teclas("i", ("slash", *"nogal"), "escape", "p", tuple("jose"), "enter")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_enlace_de_whatsapp_80x24(self, snap_compare, store: Store) -> None:
        pasos = teclas("i", ("slash", *"nogal"), "escape", "p", tuple("jose"), "enter", "ctrl+s")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_elegir_propiedad_disponible_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "v"))

    def test_nuevo_apartado_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        pasos = teclas(*ficha(ids["jose"]), "v", "enter", tuple("25,000"))
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_apartados_activo_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["sofia"]), "5"))

    def test_menu_de_apartado_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        pasos = teclas(*ficha(ids["sofia"]), "5", "enter")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_escriturar_sin_documentos_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        pasos = teclas(*ficha(ids["sofia"]), "5", "enter", "enter", "ctrl+s")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_documentos_faltantes_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["sofia"]), "6"))

    def test_documentos_completos_ancha(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ANCHA, run_before=teclas(*ficha(ids["roberto"]), "6"))

    def test_nuevo_documento_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["sofia"]), "d"))

    def test_propiedades_mostradas_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        pasos = teclas(*ficha(ids["jose"]), "7", "p", tuple("nogal"), "enter", "ctrl+s", "enter")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_pasos_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["sofia"]), "8"))


def _con_la_sesion(store: Store, accion: Callable[..., object], login: str = "ana") -> None:
    """Prepare data as ``login`` would (through the services), before the app opens."""
    from a3tui import services

    with store.session() as session:
        accion(services.contexto(session, login))


def _pedir_transferencia(store: Store, cliente_id: int) -> None:
    from a3tui.services import asesores, clientes, transferencias

    def pedir(ctx) -> None:  # type: ignore[no-untyped-def]
        luis = asesores.get(ctx.session, "luis")
        transferencias.transferir(ctx, clientes.get(ctx, cliente_id), luis, "Vive en Apodaca, cerca de Luis")

    _con_la_sesion(store, pedir)


def _duplicar(store: Store) -> None:
    from a3tui.services import clientes

    _con_la_sesion(
        store,
        lambda ctx: clientes.add(ctx, "José Núñez", telefonos=["8123456789"], email="jose2@correo.mx", forzar=True),
    )


class TestOficina:
    """The office as its coordinator (carla) sees it, and a transfer as an advisor asks it."""

    def test_equipo_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=teclas("o", "1"))

    def test_equipo_ancha(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store, login="carla"), terminal_size=ANCHA, run_before=teclas("o", "1"))

    def test_transferencia_por_aprobar_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        _pedir_transferencia(store, ids["jose"])
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=teclas("o"))

    def test_resolver_transferencia_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        _pedir_transferencia(store, ids["jose"])
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=teclas("o", "enter"))

    def test_asesores_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=teclas("o", "3"))

    def test_editar_asesor_80x24(self, snap_compare, store: Store) -> None:
        pasos = teclas("o", "3", "end", "enter")
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=pasos)

    def test_nuevo_asesor_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=teclas("o", "3", "n"))

    def test_nombrar_suplente_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=teclas("o", "4", "s"))

    def test_duplicados_80x24(self, snap_compare, store: Store) -> None:
        _duplicar(store)
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=teclas("o", "5"))

    def test_fusion_lado_a_lado_80x24(self, snap_compare, store: Store) -> None:
        _duplicar(store)
        pasos = teclas("o", "5", "enter")
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=pasos)

    def test_fusion_lado_a_lado_ancha(self, snap_compare, store: Store) -> None:
        _duplicar(store)
        pasos = teclas("o", "5", "enter")
        assert snap_compare(A3App(store, login="carla"), terminal_size=ANCHA, run_before=pasos)

    def test_menu_mas_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "m"))

    def test_elegir_asesor_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "T"))

    def test_transferir_pide_motivo_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        pasos = teclas(*ficha(ids["jose"]), "T", tuple("luis"), "enter", "enter")
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_transferencia_pedida_en_la_cabecera_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        _pedir_transferencia(store, ids["jose"])
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"])))

    def test_cambios_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        from a3tui.services import clientes

        _con_la_sesion(
            store, lambda ctx: clientes.edit(ctx, clientes.get(ctx, ids["maria"]), email="mafer.nuevo@correo.mx")
        )
        pasos = teclas(*ficha(ids["maria"]), "9")
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=pasos)

    def test_clientes_de_la_plaza_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=teclas("c", "P"))


class TestReportes:
    def test_metricas_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("R"))

    def test_metricas_del_mes_ancha(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ANCHA, run_before=teclas("R", "2"))


class TestAlcance:
    """What the app reaches since issue 28, point 10."""

    def test_apartados_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("V"))

    def test_ajustes_de_seguimiento_80x24(self, snap_compare, store: Store) -> None:
        assert snap_compare(A3App(store, login="carla"), terminal_size=ESTRECHA, run_before=teclas("A"))

    def test_frios_con_sus_dias_80x24(self, snap_compare, store: Store) -> None:
        pasos = teclas("c", "f", ("slash", "tab", "tab", "tab", "tab", "5"))
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=pasos)

    def test_notas_con_la_resaltada_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "3", "down"))


def _casos_de_muestra(store: Store, ids: dict[str, int]) -> None:
    """Three open cases of Ana's clients: one past due, one due tomorrow, one with time."""
    from datetime import timedelta

    from a3tui import services
    from a3tui.services import casos, clientes
    from apoyo.cartera import AHORA

    for dias, cliente, tipo, prioridad, descripcion in (
        (0, "maria", "sugerencia", "baja", "Más áreas verdes en el fraccionamiento"),
        (5, "jose", "queja", "alta", "Gotera en la recámara principal"),
        (1, "roberto", "consulta", "normal", "¿Cuándo le entregan las escrituras?"),
    ):
        with store.session() as session:
            ctx = services.contexto(session, "ana", AHORA - timedelta(days=dias))
            casos.abrir(ctx, clientes.get(ctx, ids[cliente]), tipo, descripcion, prioridad=prioridad)


class TestServicio:
    """Service cases in the app (issue 30 point 7)."""

    def test_servicio_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        _casos_de_muestra(store, ids)
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("S"))

    def test_menu_de_un_caso_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        _casos_de_muestra(store, ids)
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas("S", "enter"))

    def test_pestana_casos_80x24(self, snap_compare, store: Store, ids: dict[str, int]) -> None:
        _casos_de_muestra(store, ids)
        assert snap_compare(A3App(store), terminal_size=ESTRECHA, run_before=teclas(*ficha(ids["jose"]), "0"))
