"""The demo database: realistic, deterministic, and consistent with what the services write."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import select

from a3tui import demo, domain, services
from a3tui.models import (
    Actividad,
    Apartado,
    Cliente,
    ClienteTermino,
    Nota,
    Propiedad,
    PropiedadTermino,
    Tarea,
    Telefono,
)
from a3tui.services import agenda, clientes
from a3tui.store import Store, open_store
from apoyo.pg import MOTORES, ServidorPG, borrar_base, crear_base, sin_servidor

AHORA = datetime(2026, 11, 23, 10, 0)
N = 60


def _generar(path: Path, seed: int = 7) -> tuple[Store, demo.Resumen]:
    store = open_store(str(path))
    return store, demo.generate(store, clientes=N, seed=seed, login="ana", ahora=AHORA)


@pytest.fixture(scope="module", params=MOTORES)
def generada(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, demo.Resumen]]:
    """The demo written once per module, in a SQLite file and in a PostgreSQL database."""
    if request.param == "sqlite":
        store, resumen = _generar(tmp_path_factory.mktemp("demo") / "x.db")
        yield store, resumen
        store.dispose()
        return
    servidor: ServidorPG = request.getfixturevalue("servidor_pg")
    if not servidor.disponible:
        sin_servidor(servidor.razon)
    base = crear_base(servidor, "a3_demo", request.getfixturevalue("_plantilla_vacia_pg"))
    store = open_store(str(base))
    yield store, demo.generate(store, clientes=N, seed=7, login="ana", ahora=AHORA)
    store.dispose()
    borrar_base(base)


@pytest.fixture
def ctx(generada: tuple[Store, demo.Resumen]) -> Iterator[services.Contexto]:
    """Ana's context on the demo database; rolled back so each test sees the generated data."""
    store, _ = generada
    with store.engine.connect() as conn:
        trans = conn.begin()
        from sqlmodel import Session

        with Session(bind=conn) as session:
            yield services.contexto(session, "ana", AHORA)
        trans.rollback()


def _count(ctx: services.Contexto, model: type) -> int:
    return ctx.session.exec(select(func.count()).select_from(model)).one()


def test_resumen_cuenta_lo_que_se_escribio(ctx: services.Contexto, generada: tuple[Store, demo.Resumen]) -> None:
    _, resumen = generada
    assert resumen.clientes == N == _count(ctx, Cliente)
    assert resumen.actividades == _count(ctx, Actividad) > N
    assert resumen.notas == _count(ctx, Nota) > 0
    assert resumen.tareas == _count(ctx, Tarea) > 0
    assert resumen.propiedades == _count(ctx, Propiedad) > 0
    assert resumen.apartados == _count(ctx, Apartado) > 0


def test_misma_semilla_mismos_clientes(tmp_path: Path, ctx: services.Contexto) -> None:
    otra, _ = _generar(tmp_path / "x.db")
    distinta, _ = _generar(tmp_path / "y.db", seed=8)
    try:
        consulta = select(Cliente.nombre, Cliente.email, Cliente.proximo_contacto).order_by(Cliente.id)
        originales = ctx.session.exec(consulta).all()
        with otra.session() as session:
            assert session.exec(consulta).all() == originales
        with distinta.session() as session:
            assert session.exec(consulta).all() != originales
    finally:
        otra.dispose()
        distinta.dispose()


def test_seguimiento_igual_al_que_calculan_los_servicios(ctx: services.Contexto) -> None:
    consulta = select(Cliente.id, Cliente.ultima_actividad, Cliente.proximo_contacto).order_by(Cliente.id)
    antes = ctx.session.exec(consulta).all()
    assert clientes.recalcular_seguimiento(ctx) == 0
    assert ctx.session.exec(consulta).all() == antes
    assert any(fila[1] is not None for fila in antes)


def test_indice_de_busqueda_igual_al_de_los_servicios(ctx: services.Contexto) -> None:
    for cliente in ctx.session.exec(select(Cliente)).all():
        numeros = clientes.telefonos_de(ctx, cliente)
        terminos = set(
            ctx.session.exec(select(ClienteTermino.termino).where(ClienteTermino.cliente_id == cliente.id)).all()
        )
        assert terminos == domain.terminos_busqueda(cliente.nombre, cliente.email, numeros)
        assert cliente.nombre_orden == " ".join(domain.words(cliente.nombre))


def test_indice_del_inventario_igual_al_de_los_servicios(ctx: services.Contexto) -> None:
    propiedades = ctx.session.exec(select(Propiedad)).all()
    assert propiedades
    for p in propiedades:
        terminos = set(
            ctx.session.exec(select(PropiedadTermino.termino).where(PropiedadTermino.propiedad_id == p.id)).all()
        )
        assert terminos == domain.terminos_propiedad(p.clave, p.desarrollo, p.modelo, p.direccion)


def test_telefonos_validos_de_mexico_y_sin_duplicados(ctx: services.Contexto) -> None:
    numeros = ctx.session.exec(select(Telefono.numero)).all()
    assert len(numeros) >= N
    assert len(set(numeros)) == len(numeros)
    for numero in numeros:
        assert domain.normalize_telefono(numero) == numero


def test_busqueda_sin_acentos_encuentra_apellido_con_acento(ctx: services.Contexto) -> None:
    con_acento = [
        c for c in ctx.session.exec(select(Cliente)).all() if any(p != domain.fold(p) for p in c.nombre.split()[-2:])
    ]
    assert con_acento
    cliente = con_acento[0]
    apellido = next(p for p in cliente.nombre.split()[-2:] if p != domain.fold(p))
    filas = clientes.list_(ctx, clientes.Filtro(buscar=domain.fold(apellido)), limit=N)
    assert cliente.id in [f.id for f in filas]


def test_busqueda_por_digitos_del_telefono(ctx: services.Contexto) -> None:
    cliente_id, numero = ctx.session.exec(select(Telefono.cliente_id, Telefono.numero).limit(1)).one()
    consulta = f"{numero[2:5]} {numero[5:8]}"
    filas = clientes.list_(ctx, clientes.Filtro(buscar=consulta), limit=N)
    assert cliente_id in [f.id for f in filas]


def test_agenda_tiene_tareas_de_hoy_y_vencidas(ctx: services.Contexto) -> None:
    dia = agenda.hoy(ctx)
    assert dia.tareas_hoy.total > 0
    assert dia.tareas_vencidas.total > 0
    assert dia.contactos_vencidos.total > 0


def test_etapas_con_su_historial(ctx: services.Contexto) -> None:
    etapas = {c.etapa for c in ctx.session.exec(select(Cliente)).all()}
    assert {"prospecto", "cancelado"} <= etapas
    assert etapas & {"apartado", "escriturado", "entregado"}
    for cliente in ctx.session.exec(select(Cliente).where(Cliente.etapa != "prospecto")).all():
        cambios = ctx.session.exec(
            select(Actividad.detalle).where(Actividad.cliente_id == cliente.id, Actividad.evento == "cambio-etapa")
        ).all()
        assert any(d.split(" (")[0].endswith(f"→ {cliente.etapa}") for d in cambios)
        if cliente.etapa == "cancelado":
            assert cliente.motivo_cancelacion
            assert cliente.proximo_contacto is None
        else:
            assert cliente.fecha_apartado is not None


def test_actividades_nunca_en_el_futuro(ctx: services.Contexto) -> None:
    ultima = ctx.session.exec(select(func.max(Actividad.fecha))).one()
    assert ultima <= AHORA


def test_las_reuniones_dicen_lo_mismo_que_su_resultado(ctx: services.Contexto) -> None:
    """No «no le gustó» meeting with «le gustaron los acabados», nor in a sale that went on."""
    reuniones = ctx.session.exec(
        select(Actividad.resultado, Actividad.nota, Cliente.etapa)
        .join(Cliente, Cliente.id == Actividad.cliente_id)  # type: ignore[arg-type]
        .where(Actividad.tipo == domain.TipoActividad.REUNION)
    ).all()
    assert reuniones
    for resultado, nota, etapa in reuniones:
        if resultado == domain.ResultadoReunion.NO_LE_GUSTO:
            assert etapa not in (domain.Etapa.APARTADO, domain.Etapa.ESCRITURADO, domain.Etapa.ENTREGADO)
            assert "Le gustaron" not in (nota or "")
        else:
            assert nota not in ("Los acabados no le convencieron", "Le pareció pequeño el patio")


def test_las_propiedades_compartidas_se_registran_como_las_registra_el_servicio(ctx: services.Contexto) -> None:
    """Issue 28: the demo wrote each property it shared as a system entry, while `propiedad
    compartir` logs a message or an e-mail (a contact, the last activity, one of the week's).
    The demo's are what the service writes for the same property and medio."""
    from a3tui.models import PropiedadMostrada
    from a3tui.services import envios

    enviadas = ctx.session.exec(
        select(PropiedadMostrada, Actividad, Propiedad)
        .join(Actividad, Actividad.id == PropiedadMostrada.actividad_id)  # type: ignore[arg-type]
        .join(Propiedad, Propiedad.id == PropiedadMostrada.propiedad_id)  # type: ignore[arg-type]
        .where(PropiedadMostrada.medio != domain.MedioEnvio.EN_PERSONA)
        .order_by(PropiedadMostrada.id)  # type: ignore[arg-type]
    ).all()
    assert {m.medio for m, _, _ in enviadas} == {
        domain.MedioEnvio.WHATSAPP,
        domain.MedioEnvio.EMAIL,
        domain.MedioEnvio.PDF,
    }
    for mostrada, actividad, propiedad in enviadas:
        envio = domain.envio_de_ficha(propiedad.clave, propiedad.desarrollo, propiedad.modelo, mostrada.medio)
        assert actividad.tipo in (domain.TipoActividad.MENSAJE, domain.TipoActividad.EMAIL)
        assert (actividad.tipo, actividad.contenido) == (envio.tipo, envio.contenido)
        assert actividad.asunto == (envio.asunto if envio.tipo == domain.TipoActividad.EMAIL else None)
        assert (actividad.entrante, actividad.respondio, actividad.fecha) == (False, None, mostrada.fecha)
    for medio in (domain.MedioEnvio.WHATSAPP, domain.MedioEnvio.EMAIL):
        mostrada, actividad, propiedad = next(
            (m, a, p)
            for m, a, p in enviadas
            if m.medio == medio
            and (c := clientes.get(ctx, m.cliente_id)).etapa != domain.Etapa.CANCELADO
            and (c.email or medio != domain.MedioEnvio.EMAIL)
        )
        hecha = envios.compartir(ctx, propiedad, clientes.get(ctx, mostrada.cliente_id), medio.value)
        del_servicio = ctx.session.get(Actividad, hecha.mostrada.actividad_id)
        assert del_servicio is not None
        assert (del_servicio.tipo, del_servicio.asunto, del_servicio.contenido) == (
            actividad.tipo,
            actividad.asunto,
            actividad.contenido,
        )
