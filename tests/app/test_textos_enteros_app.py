"""Issue 28 point 9: at 80x24 the app cut what the advisor has to read at the edge of its
column or field: an address in the ficha's Datos, a task, why an apartado was cancelled,
a document's or a property's name, a property's address in the inventory. Each is read
here on the screen as drawn, whole."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from a3tui import services
from a3tui.app.app import A3App
from a3tui.app.screens.clientes import ClientesScreen
from a3tui.app.screens.inventario import InventarioScreen
from a3tui.app.screens.mis_tareas import ListaDelDia
from a3tui.models import Cliente
from a3tui.services import actividades, apartados, clientes, documentos, envios, propiedades, tareas
from a3tui.store import Store
from apoyo.app import abrir_ficha, columna, dialogo, en_pantalla, esperar, pantalla, resaltar

TAMANO = (80, 24)
DIRECCION = (
    "Privada de los Fresnos 1234 interior 5, Colonia Residencial Cumbres Tercer Sector, Monterrey, N.L., C.P. 64610"
)
# 70 characters: every list at 80 columns cuts it.
NOMBRE_LARGO = "María de los Ángeles Guadalupe Villarreal Garza de la Fuente y Treviño"


def _con_ana(store: Store, accion: Any) -> Any:
    with store.session() as session:
        return accion(services.contexto(session, "ana"))


async def _pestana(pilot: Pilot[Any], tecla: str) -> None:
    await pilot.press(tecla)
    await esperar(pilot)


class TestFicha:
    async def test_la_direccion_larga_se_lee_entera_en_datos(self, store: Store, ids: dict[str, int]) -> None:
        _con_ana(store, lambda ctx: clientes.edit(ctx, clientes.get(ctx, ids["jose"]), direccion=DIRECCION))
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["jose"])
            await _pestana(pilot, "1")
            assert f"Dirección {DIRECCION} Primer contacto" in en_pantalla(pantalla(app))

    async def test_la_direccion_se_corrige_y_enter_la_guarda(self, store: Store, ids: dict[str, int]) -> None:
        """The address field wraps (it is no longer an Input), and still behaves as the form's
        other fields: Enter saves, and no line break gets into the address."""
        _con_ana(store, lambda ctx: clientes.edit(ctx, clientes.get(ctx, ids["jose"]), direccion=DIRECCION))
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            ficha = await abrir_ficha(pilot, ids["jose"])
            await _pestana(pilot, "1")
            await pilot.press("tab", "tab", "tab", "tab")  # Nombre, Teléfonos, Email, Dirección
            assert ficha.focused is ficha.query_one("#d-direccion")
            await pilot.press(*" (casa azul)", "enter")
            await esperar(pilot)
        with store.session() as session:
            cliente = session.get(Cliente, ids["jose"])
            assert cliente is not None
            assert cliente.direccion == DIRECCION + " (casa azul)"

    async def test_una_tarea_larga_se_lee_entera(self, store: Store, ids: dict[str, int]) -> None:
        tarea = "Enviar la cotización de la casa modelo Olivo con el plan de pagos a 15 años y el enganche diferido"
        _con_ana(store, lambda ctx: tareas.add(ctx, tarea, ctx.hoy, cliente=clientes.get(ctx, ids["jose"])))
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["jose"])
            await _pestana(pilot, "4")
            assert tarea in columna(pantalla(app), "Descripción", "Prioridad")

    async def test_el_motivo_de_un_apartado_cancelado_se_lee_entero(self, store: Store, ids: dict[str, int]) -> None:
        motivo = "El banco le negó el crédito hipotecario y no quiso esperar otra precalificación"

        def cancelar(ctx: Any) -> None:
            apartado = clientes.apartado_activo(ctx, clientes.get(ctx, ids["sofia"]))
            assert apartado is not None
            apartados.cancelar(ctx, apartado, motivo)

        _con_ana(store, cancelar)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["sofia"])
            await _pestana(pilot, "5")
            leido = columna(pantalla(app), "Propiedad", "Monto")
            assert f"CUM-A-12 · Cumbres Elite Roble Motivo: {motivo}" in leido

    async def test_el_nombre_largo_de_un_documento_se_lee_entero(self, store: Store, ids: dict[str, int]) -> None:
        nombre = "estado-de-cuenta-banorte-octubre-2026-roberto-cantu-elizondo.pdf"

        def subir(ctx: Any) -> None:
            cliente = clientes.get(ctx, ids["roberto"])
            documentos.add(ctx, cliente, nombre, b"%PDF-1.4 estado de cuenta", "pdf", "otro")

        _con_ana(store, subir)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["roberto"])
            await _pestana(pilot, "6")
            assert nombre in columna(pantalla(app), "Archivo", "Tamaño").replace(" ", "")

    async def test_una_propiedad_mostrada_se_lee_entera(self, store: Store, ids: dict[str, int]) -> None:
        def mostrar(ctx: Any) -> None:
            propiedad = propiedades.add(
                ctx, "RES-B-101", desarrollo="Residencial Bosques de las Lomas Poniente", modelo="Encino Grande",
                precio_centavos=250_000_000,
            )  # fmt: skip
            envios.compartir(ctx, propiedad, clientes.get(ctx, ids["jose"]), "en-persona")

        _con_ana(store, mostrar)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await abrir_ficha(pilot, ids["jose"])
            await _pestana(pilot, "7")
            leido = columna(pantalla(app), "Propiedad", "Precio")
            assert "RES-B-101 · Residencial Bosques de las Lomas Poniente Encino Grande" in leido


def _con_nombre_largo(store: Store, tarea: str | None = None) -> tuple[int, int | None]:
    """A client with a long name who wrote today (so «Llamar ahora» lists her), and
    ``tarea`` for her today: their ids."""

    def crear(ctx: Any) -> tuple[int, int | None]:
        cliente = clientes.add(
            ctx, NOMBRE_LARGO, telefonos=["8111111111"], email="mariadelosangeles.villarreal@correo.mx",
            temperatura="caliente",
        )  # fmt: skip
        actividades.mensaje(ctx, cliente, contenido="¿Me manda precios?", entrante=True)
        hecha = tareas.add(ctx, tarea, ctx.hoy, cliente=cliente) if tarea else None
        ctx.session.commit()
        assert cliente.id is not None
        return cliente.id, hecha.id if hecha else None

    return _con_ana(store, crear)  # type: ignore[no-any-return]


def _abajo_del_todo(lineas: list[str]) -> str:
    """The two lines above the footer (the highlighted row's detail line), as one paragraph."""
    return en_pantalla(lineas[-3:-1])


class TestMisTareas:
    async def test_la_tarea_y_el_nombre_largos_se_leen_enteros_bajo_la_lista(self, store: Store) -> None:
        tarea = "Enviar la cotización de la casa modelo Olivo con el plan a 15 años"
        _, tarea_id = _con_nombre_largo(store, tarea)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(ListaDelDia)
            renglon = next(linea for linea in pantalla(app) if "Enviar la cotización de la casa model" in linea)
            # The row cuts both.
            assert tarea not in renglon
            assert NOMBRE_LARGO not in renglon
            await resaltar(pilot, lista, lista.get_option_index(f"tarea-{tarea_id}"))
            await esperar(pilot)
            assert _abajo_del_todo(pantalla(app)) == f"{tarea} · {NOMBRE_LARGO}"

    async def test_el_nombre_y_la_razon_de_llamar_ahora_se_leen_enteros(self, store: Store) -> None:
        cliente_id, _ = _con_nombre_largo(store)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            lista = app.screen.query_one(ListaDelDia)
            indice = next(i for i, o in enumerate(lista.options) if (o.id or "").startswith(f"llamar-{cliente_id}-"))
            await resaltar(pilot, lista, indice)
            await esperar(pilot)
            assert (
                _abajo_del_todo(pantalla(app))
                == f"{NOMBRE_LARGO} · te escribió hoy: responder · caliente · contacto para hoy"
            )


class TestClientes:
    async def test_el_nombre_largo_se_lee_entero_con_su_email(self, store: Store) -> None:
        _con_nombre_largo(store)
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await pilot.press("c", "/", *"guadalupe")
            await esperar(pilot)
            assert isinstance(app.screen, ClientesScreen)
            lineas = pantalla(app)
            assert NOMBRE_LARGO not in en_pantalla(lineas[:-3])  # the list's column cuts it
            assert _abajo_del_todo(lineas) == f"{NOMBRE_LARGO} · mariadelosangeles.villarreal@correo.mx · caliente"


class TestInventario:
    async def test_la_direccion_de_la_propiedad_se_lee_entera(self, store: Store) -> None:
        direccion = "Av. Paseo de los Leones 2400, manzana A lote 12, Cumbres Elite 5o Sector, Monterrey"
        _con_ana(
            store,
            lambda ctx: propiedades.edit(ctx, propiedades.get(ctx, "CUM-A-12"), direccion=direccion),
        )
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            await pilot.press("i")
            await esperar(pilot)
            assert isinstance(app.screen, InventarioScreen)
            assert f"CUM-A-12 · Cumbres Elite Roble · {direccion}" in en_pantalla(pantalla(app)[-4:])


class TestDetalle:
    async def test_una_ruta_larga_se_lee_entera_y_queda_hasta_cerrarla(self, store: Store) -> None:
        """What the advisor must read or copy (a saved file's path) goes in a dialog that
        stays and shows it whole, not in a toast that cuts it and goes away; it is also
        copied to the clipboard."""
        from a3tui.app.screens.detalle import Detalle

        ruta = "/home/asesora/Documentos/a3/reportes/reporte-de-clientes-prospectos-2026-11-01-a-2026-11-23.xlsx"
        app = A3App(store)
        async with app.run_test(size=TAMANO) as pilot:
            await esperar(pilot)
            app.push_screen(Detalle("Reporte guardado", f"38 clientes en:\n{ruta}", copiar=ruta))
            await esperar(pilot)
            assert ruta in dialogo(pantalla(app)).replace(" ", "")
            assert app.clipboard == ruta
            await pilot.press("escape")
            await esperar(pilot)
            assert not isinstance(app.screen, Detalle)
