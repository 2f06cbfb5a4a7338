"""The office's people: who may act (identity), advisors and coordinators managed by a
coordinator, the last coordinator's protection, suplencias (a suplente sees and works the
titular's clients only on the covered dates), and whose portfolio the lists show."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import func, select

from a3tui import services
from a3tui import store as store_module
from a3tui.domain import Rol
from a3tui.errors import AsesorDesconocido, ClienteNoEncontrado, DatoInvalido, NoEncontrado, SinPermiso
from a3tui.models import Asesor, Suplencia
from a3tui.services import Cartera, actividades, asesores, clientes, tareas

HOY = date(2026, 11, 23)


def _contar_asesores(session) -> int:
    return int(session.exec(select(func.count()).select_from(Asesor)).one())


def _en(ctx, login: str, momento: datetime | None = None):
    """The context of ``login`` in the same session, at ``momento`` (default: the test's clock)."""
    return services.contexto(ctx.session, login, momento or ctx.ahora)


def _monterrey(ctx_coordinadora) -> tuple[Asesor, Asesor]:
    """A second plaza: «marta» coordinates Monterrey, where «pepe» works."""
    pepe = asesores.add(ctx_coordinadora, "pepe", nombre="Pepe Salas", plaza="Monterrey")
    marta = asesores.add(ctx_coordinadora, "marta", nombre="Marta Garza", plaza="Monterrey", rol="coordinador")
    return marta, pepe


@pytest.fixture
def nueva(tmp_path: Path):
    """A database nobody has used yet (no advisors at all)."""
    opened = store_module.open_store(str(tmp_path / "nueva.db"))
    yield opened
    opened.dispose()


# ---------------------------------------------------------------- identity


def test_quien_crea_la_base_es_su_primer_coordinador(nueva, ahora):
    with nueva.session() as session:
        ctx = services.contexto(session, "pedro", ahora)
        assert ctx.asesor.login == "pedro"
        assert ctx.asesor.rol == Rol.COORDINADOR
        assert ctx.es_coordinador
        assert ctx.asesor.creado == ahora


def test_en_una_base_personal_el_creador_puede_hacerlo_todo(nueva, ahora):
    with nueva.session() as session:
        ctx = services.contexto(session, "pedro", ahora)
        luis = asesores.add(ctx, "luis", nombre="Luis")
        asesores.add_suplencia(ctx, luis, ctx.asesor, HOY, HOY + timedelta(days=3))
        cliente = clientes.add(ctx, "Juan Pérez")
        assert asesores.cartera_de(ctx, "plaza").plaza == "General"
        assert clientes.get(ctx, cliente.id).id == cliente.id


def test_el_segundo_login_de_una_base_nueva_no_se_crea_solo(nueva, ahora):
    with nueva.session() as session:
        services.contexto(session, "pedro", ahora)
    with nueva.session() as session, pytest.raises(AsesorDesconocido, match="a3 asesor add maria"):
        services.contexto(session, "maria", ahora)
    with nueva.session() as session:
        assert [a.login for a in session.exec(select(Asesor)).all()] == ["pedro"]


@pytest.mark.ambos_motores
def test_login_desconocido_se_rechaza_nombrando_el_comando_que_lo_agrega(store, ahora):
    with store.session() as session, pytest.raises(AsesorDesconocido) as error:
        services.contexto(session, "anna", ahora)
    mensaje = error.value.mensaje
    assert mensaje.startswith("«anna» no es asesor de esta base de datos")
    assert 'a3 asesor add anna --nombre "Tu nombre"' in mensaje


def test_login_desconocido_no_crea_ningun_asesor(store, ahora):
    with store.session() as session:
        antes = _contar_asesores(session)
    with store.session() as session, pytest.raises(AsesorDesconocido):
        services.contexto(session, "anna", ahora)
    with store.session() as session:
        assert _contar_asesores(session) == antes
        assert session.exec(select(Asesor).where(Asesor.login == "anna")).first() is None


def test_login_que_no_sirve_como_login_se_sugiere_como_LOGIN(store, ahora):
    with store.session() as session, pytest.raises(AsesorDesconocido) as error:
        services.contexto(session, "Juan Pérez", ahora)
    assert "a3 asesor add LOGIN --nombre" in error.value.mensaje
    assert "Juan Pérez" in error.value.mensaje


def test_asesor_dado_de_baja_no_puede_actuar(store, ahora):
    with store.session() as session:
        coordinadora = services.contexto(session, "carla", ahora)
        asesores.baja(coordinadora, asesores.get(session, "luis"))
    with store.session() as session, pytest.raises(AsesorDesconocido) as error:
        services.contexto(session, "luis", ahora)
    assert "dado de baja" in error.value.mensaje
    assert "a3 asesor reactivar luis" in error.value.mensaje


def test_asesor_reactivado_vuelve_a_actuar(store, ahora):
    with store.session() as session:
        coordinadora = services.contexto(session, "carla", ahora)
        luis = asesores.baja(coordinadora, asesores.get(session, "luis"))
        asesores.reactivar(coordinadora, luis)
    with store.session() as session:
        assert services.contexto(session, "luis", ahora).asesor.login == "luis"


@pytest.mark.ambos_motores
def test_asesor_agregado_con_mayusculas_puede_actuar_con_su_login(store, ahora):
    with store.session() as session:
        asesores.add(services.contexto(session, "carla", ahora), "Pedro", nombre="Pedro Ruiz")
    with store.session() as session:
        assert services.contexto(session, "Pedro", ahora).asesor.nombre == "Pedro Ruiz"


# ---------------------------------------------------------------- adding advisors


def test_coordinadora_agrega_asesor_con_su_plaza_por_omision(ctx_coordinadora):
    nuevo = asesores.add(ctx_coordinadora, "  Marta ", nombre=" Marta Garza ", telefono="81 2345 6789")
    assert (nuevo.login, nuevo.nombre) == ("marta", "Marta Garza")
    assert nuevo.rol == Rol.ASESOR
    assert nuevo.plaza == "General"
    assert nuevo.telefono == "8123456789"
    assert nuevo.activo
    assert nuevo.creado == ctx_coordinadora.ahora


def test_coordinadora_agrega_coordinador_de_otra_plaza(ctx_coordinadora):
    nuevo = asesores.add(ctx_coordinadora, "marta", nombre="Marta", plaza="Monterrey", rol="Coordinador")
    assert (nuevo.rol, nuevo.plaza) == (Rol.COORDINADOR, "Monterrey")


def test_asesor_no_puede_agregar_asesores(ctx):
    antes = _contar_asesores(ctx.session)
    with pytest.raises(SinPermiso, match=r"^Solo un coordinador puede agregar asesores\.$"):
        asesores.add(ctx, "marta", nombre="Marta")
    assert _contar_asesores(ctx.session) == antes


def test_login_repetido_se_rechaza(ctx_coordinadora):
    with pytest.raises(DatoInvalido, match=r"Ya existe el asesor luis: luis\.$"):
        asesores.add(ctx_coordinadora, "LUIS", nombre="Otro Luis")


def test_login_de_un_asesor_dado_de_baja_dice_como_reactivarlo(ctx_coordinadora):
    asesores.baja(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "luis"))
    with pytest.raises(DatoInvalido, match="reactívalo con a3 asesor reactivar luis"):
        asesores.add(ctx_coordinadora, "luis", nombre="Luis")


@pytest.mark.parametrize("login", ["juan pérez", "", "-luis", "a" * 33, "luis;rm"])
def test_login_invalido_se_rechaza(ctx_coordinadora, login):
    with pytest.raises(DatoInvalido, match="no es válido"):
        asesores.add(ctx_coordinadora, login, nombre="Alguien")


def test_asesor_sin_nombre_o_con_rol_desconocido_se_rechaza(ctx_coordinadora):
    with pytest.raises(DatoInvalido, match="nombre del asesor"):
        asesores.add(ctx_coordinadora, "marta", nombre="   ")
    with pytest.raises(DatoInvalido, match="rol"):
        asesores.add(ctx_coordinadora, "marta", nombre="Marta", rol="gerente")
    assert ctx_coordinadora.session.exec(select(Asesor).where(Asesor.login == "marta")).first() is None


# ---------------------------------------------------------------- editing, baja, reactivar


def test_asesor_cambia_su_propio_nombre_y_telefono(ctx):
    asesores.edit(ctx, ctx.asesor, nombre="Ana Torres", telefono="55 1234 5678")
    assert (ctx.asesor.nombre, ctx.asesor.telefono) == ("Ana Torres", "5512345678")


def test_asesor_quita_su_telefono_con_texto_vacio(ctx):
    asesores.edit(ctx, ctx.asesor, telefono="55 1234 5678")
    asesores.edit(ctx, ctx.asesor, telefono="")
    assert ctx.asesor.telefono is None


@pytest.mark.parametrize("cambio", [{"rol": "coordinador"}, {"plaza": "Monterrey"}])
def test_asesor_no_cambia_su_rol_ni_su_plaza(ctx, cambio):
    with pytest.raises(SinPermiso, match="Solo un coordinador puede cambiar el rol, la plaza"):
        asesores.edit(ctx, ctx.asesor, **cambio)
    assert (ctx.asesor.rol, ctx.asesor.plaza) == (Rol.ASESOR, "General")


def test_asesor_no_cambia_los_datos_de_otro(ctx):
    luis = asesores.get(ctx.session, "luis")
    with pytest.raises(SinPermiso):
        asesores.edit(ctx, luis, nombre="Luis Cambiado")
    assert luis.nombre == "luis"


def test_coordinadora_cambia_rol_y_plaza_de_otro(ctx_coordinadora):
    luis = asesores.edit(
        ctx_coordinadora, asesores.get(ctx_coordinadora.session, "luis"), rol="coordinador", plaza="Saltillo"
    )
    assert (luis.rol, luis.plaza) == (Rol.COORDINADOR, "Saltillo")


def test_el_unico_coordinador_no_puede_dejar_de_serlo(ctx_coordinadora):
    with pytest.raises(DatoInvalido, match=r"carla es el único coordinador; nombra otro antes"):
        asesores.edit(ctx_coordinadora, ctx_coordinadora.asesor, rol="asesor")
    assert ctx_coordinadora.asesor.rol == Rol.COORDINADOR


def test_con_otro_coordinador_activo_si_puede_dejar_de_serlo(ctx_coordinadora):
    asesores.edit(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "ana"), rol="coordinador")
    asesores.edit(ctx_coordinadora, ctx_coordinadora.asesor, rol="asesor")
    assert ctx_coordinadora.asesor.rol == Rol.ASESOR


def test_otro_coordinador_dado_de_baja_no_cuenta_como_coordinador(ctx_coordinadora):
    ana = asesores.edit(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "ana"), rol="coordinador")
    asesores.baja(ctx_coordinadora, ana)
    with pytest.raises(DatoInvalido, match="único coordinador"):
        asesores.edit(ctx_coordinadora, ctx_coordinadora.asesor, rol="asesor")


def test_baja_de_un_asesor_sin_clientes(ctx_coordinadora):
    luis = asesores.baja(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "luis"))
    assert not luis.activo


def test_baja_de_un_asesor_con_clientes_pide_transferirlos(ctx_coordinadora, ctx_luis):
    clientes.add(ctx_luis, "Juan Pérez")
    clientes.add(ctx_luis, "Rosa Díaz")
    luis = asesores.get(ctx_coordinadora.session, "luis")
    with pytest.raises(DatoInvalido, match="luis todavía tiene 2 clientes; transfiérelos antes") as error:
        asesores.baja(ctx_coordinadora, luis)
    assert "a3 cliente list --asesor luis" in error.value.mensaje_cli
    assert "a3 cliente transferir" in error.value.mensaje_cli
    assert luis.activo


def test_baja_de_un_asesor_con_un_cliente_en_singular(ctx_coordinadora, ctx_luis):
    clientes.add(ctx_luis, "Juan Pérez")
    with pytest.raises(DatoInvalido, match="todavía tiene 1 cliente;"):
        asesores.baja(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "luis"))


def test_asesor_no_puede_dar_de_baja(ctx):
    with pytest.raises(SinPermiso, match="dar de baja"):
        asesores.baja(ctx, asesores.get(ctx.session, "luis"))


def test_coordinadora_no_se_da_de_baja_a_si_misma(ctx_coordinadora):
    with pytest.raises(DatoInvalido, match="No puedes darte de baja a ti mismo"):
        asesores.baja(ctx_coordinadora, ctx_coordinadora.asesor)
    assert ctx_coordinadora.asesor.activo


def test_baja_dos_veces_se_rechaza(ctx_coordinadora):
    luis = asesores.baja(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "luis"))
    with pytest.raises(DatoInvalido, match="ya está dado de baja"):
        asesores.baja(ctx_coordinadora, luis)


def test_reactivar_es_de_coordinador_y_solo_a_quien_esta_de_baja(ctx, ctx_coordinadora):
    luis = asesores.get(ctx.session, "luis")
    with pytest.raises(DatoInvalido, match="está activo"):
        asesores.reactivar(ctx_coordinadora, luis)
    asesores.baja(ctx_coordinadora, luis)
    with pytest.raises(SinPermiso, match="reactivar"):
        asesores.reactivar(ctx, luis)
    assert not luis.activo


# ---------------------------------------------------------------- the list of advisors


def test_lista_de_asesores_con_sus_clientes(ctx, ctx_luis, ctx_coordinadora):
    clientes.add(ctx, "Juan Pérez")
    clientes.add(ctx, "Rosa Díaz")
    clientes.add(ctx_luis, "María López")
    filas = {f.asesor.login: f.clientes for f in asesores.list_(ctx)}
    assert filas == {"ana": 2, "carla": 0, "luis": 1}


def test_lista_de_asesores_no_cuenta_los_registros_fusionados(ctx, ctx_coordinadora):
    from a3tui.services import fusion

    juan = clientes.add(ctx, "Juan Pérez")
    otro = clientes.add(ctx, "Juan Perez", forzar=True)
    fusion.fusionar(ctx_coordinadora, juan, otro)
    assert {f.asesor.login: f.clientes for f in asesores.list_(ctx)}["ana"] == 1


def test_lista_de_asesores_omite_a_los_de_baja_salvo_con_todos(ctx_coordinadora):
    asesores.baja(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "luis"))
    assert "luis" not in [f.asesor.login for f in asesores.list_(ctx_coordinadora)]
    assert "luis" in [f.asesor.login for f in asesores.list_(ctx_coordinadora, todos=True)]


def test_lista_de_asesores_dice_quien_cubre_a_quien_hoy(ctx_coordinadora):
    session = ctx_coordinadora.session
    asesores.add_suplencia(ctx_coordinadora, asesores.get(session, "ana"), asesores.get(session, "luis"), HOY, HOY)
    filas = {f.asesor.login: f for f in asesores.list_(ctx_coordinadora)}
    assert filas["luis"].cubre == ("ana",)
    assert filas["ana"].cubierto_por == ("luis",)
    assert filas["carla"].cubre == filas["carla"].cubierto_por == ()


def test_una_suplencia_futura_no_sale_como_de_hoy(ctx_coordinadora):
    session = ctx_coordinadora.session
    manana = HOY + timedelta(days=1)
    asesores.add_suplencia(
        ctx_coordinadora, asesores.get(session, "ana"), asesores.get(session, "luis"), manana, manana
    )
    assert {f.asesor.login: f.cubre for f in asesores.list_(ctx_coordinadora)}["luis"] == ()


# ---------------------------------------------------------------- suplencias


def _cubrir(ctx_coordinadora, desde: date = HOY, hasta: date = HOY + timedelta(days=4)) -> Suplencia:
    """«luis» covers «ana» from ``desde`` to ``hasta``."""
    session = ctx_coordinadora.session
    return asesores.add_suplencia(
        ctx_coordinadora, asesores.get(session, "ana"), asesores.get(session, "luis"), desde, hasta, "vacaciones"
    )


def test_coordinadora_nombra_un_suplente(ctx_coordinadora):
    s = _cubrir(ctx_coordinadora)
    luis, ana = asesores.get(ctx_coordinadora.session, "luis"), asesores.get(ctx_coordinadora.session, "ana")
    assert (s.titular_id, s.suplente_id) == (ana.id, luis.id)
    assert (s.desde, s.hasta, s.motivo) == (HOY, date(2026, 11, 27), "vacaciones")
    assert s.creada_por_id == ctx_coordinadora.asesor_id


def test_asesor_no_puede_nombrar_suplente(ctx):
    with pytest.raises(SinPermiso, match="nombrar un suplente"):
        asesores.add_suplencia(ctx, ctx.asesor, asesores.get(ctx.session, "luis"), HOY, HOY)
    assert ctx.session.exec(select(Suplencia)).first() is None


def test_suplente_de_si_mismo_se_rechaza(ctx_coordinadora):
    ana = asesores.get(ctx_coordinadora.session, "ana")
    with pytest.raises(DatoInvalido, match="El suplente debe ser otro asesor"):
        asesores.add_suplencia(ctx_coordinadora, ana, ana, HOY, HOY)


def test_suplente_dado_de_baja_se_rechaza(ctx_coordinadora):
    luis = asesores.baja(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "luis"))
    with pytest.raises(DatoInvalido, match=r"luis \(luis\) está dado de baja"):
        asesores.add_suplencia(ctx_coordinadora, asesores.get(ctx_coordinadora.session, "ana"), luis, HOY, HOY)


def test_suplencia_que_termina_antes_de_empezar_se_rechaza(ctx_coordinadora):
    with pytest.raises(DatoInvalido, match="anterior a la inicial"):
        _cubrir(ctx_coordinadora, HOY, HOY - timedelta(days=1))


def test_suplencia_de_mas_de_un_ano_se_rechaza(ctx_coordinadora):
    with pytest.raises(DatoInvalido, match="a lo más un año"):
        _cubrir(ctx_coordinadora, HOY, HOY + timedelta(days=367))
    assert _cubrir(ctx_coordinadora, HOY, HOY + timedelta(days=366)).hasta == date(2027, 11, 24)


def test_lista_de_suplencias_vigentes_y_proximas_la_mas_nueva_primero(ctx_coordinadora):
    pasada = _cubrir(ctx_coordinadora, date(2026, 11, 1), date(2026, 11, 5))
    vigente = _cubrir(ctx_coordinadora, date(2026, 11, 20), date(2026, 11, 25))
    proxima = _cubrir(ctx_coordinadora, date(2026, 12, 1), date(2026, 12, 5))
    assert [f.suplencia.id for f in asesores.list_suplencias(ctx_coordinadora)] == [proxima.id, vigente.id]
    assert [f.suplencia.id for f in asesores.list_suplencias(ctx_coordinadora, pasadas=True)] == [
        proxima.id,
        vigente.id,
        pasada.id,
    ]
    [fila, _] = asesores.list_suplencias(ctx_coordinadora)
    assert (fila.titular, fila.suplente) == ("ana (ana)", "luis (luis)")
    assert fila.vigente_en == "2026-12-01 a 2026-12-05"


def test_quitar_una_suplencia_en_curso_la_termina_ayer(ctx_coordinadora):
    s = _cubrir(ctx_coordinadora, date(2026, 11, 20), date(2026, 11, 30))
    asesores.quitar_suplencia(ctx_coordinadora, s.id)
    assert (s.desde, s.hasta) == (date(2026, 11, 20), date(2026, 11, 22))
    assert asesores.cubiertos(ctx_coordinadora.session, s.suplente_id, HOY) == ()


def test_quitar_una_suplencia_que_no_empieza_la_borra(ctx_coordinadora):
    s = _cubrir(ctx_coordinadora, date(2026, 12, 1), date(2026, 12, 5))
    asesores.quitar_suplencia(ctx_coordinadora, s.id)
    assert ctx_coordinadora.session.get(Suplencia, s.id) is None


def test_quitar_una_suplencia_terminada_se_rechaza(ctx_coordinadora):
    s = _cubrir(ctx_coordinadora, date(2026, 11, 1), date(2026, 11, 5))
    with pytest.raises(DatoInvalido, match="ya terminó el 2026-11-05"):
        asesores.quitar_suplencia(ctx_coordinadora, s.id)


def test_quitar_suplencia_es_de_coordinador(ctx, ctx_coordinadora):
    s = _cubrir(ctx_coordinadora)
    with pytest.raises(SinPermiso, match="quitar una suplencia"):
        asesores.quitar_suplencia(ctx, s.id)
    assert s.hasta == date(2026, 11, 27)


@pytest.mark.parametrize("suplencia_id", [999, 0, -1])
def test_quitar_suplencia_inexistente(ctx_coordinadora, suplencia_id):
    with pytest.raises(NoEncontrado, match=f"No existe la suplencia {suplencia_id}"):
        asesores.quitar_suplencia(ctx_coordinadora, suplencia_id)


# ---------------------------------------------------------------- what a suplente sees and does


@pytest.fixture
def de_ana(ctx):
    """A client of «ana» with an open task."""
    juan = clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])
    tareas.add(ctx, "Enviar cotización", HOY, cliente=juan)
    return juan


def test_suplente_ve_al_cliente_del_titular_en_las_fechas_cubiertas(ctx_coordinadora, de_ana):
    _cubrir(ctx_coordinadora)
    luis = _en(ctx_coordinadora, "luis")
    assert luis.cubiertos == (de_ana.asesor_id,)
    assert clientes.get(luis, de_ana.id).id == de_ana.id
    assert clientes.resolve(luis, "juan").id == de_ana.id
    assert [f.id for f in clientes.list_(luis, clientes.Filtro())] == [de_ana.id]
    assert [f.tarea.descripcion for f in tareas.list_(luis, "hoy")] == ["Enviar cotización"]


@pytest.mark.ambos_motores
def test_suplente_no_ve_al_cliente_antes_de_la_suplencia(ctx_coordinadora, de_ana):
    _cubrir(ctx_coordinadora, date(2026, 11, 24), date(2026, 11, 27))
    luis = _en(ctx_coordinadora, "luis")
    assert luis.cubiertos == ()
    with pytest.raises(ClienteNoEncontrado):
        clientes.get(luis, de_ana.id)
    assert clientes.list_(luis, clientes.Filtro()) == []
    assert tareas.list_(luis, "todas") == []


@pytest.mark.ambos_motores
def test_suplente_no_ve_al_cliente_despues_de_la_suplencia(ctx_coordinadora, de_ana):
    _cubrir(ctx_coordinadora, date(2026, 11, 16), date(2026, 11, 22))
    luis = _en(ctx_coordinadora, "luis")
    with pytest.raises(ClienteNoEncontrado):
        clientes.get(luis, de_ana.id)
    with pytest.raises(NoEncontrado):
        tareas.done(luis, tareas.list_(_en(luis, "ana"), "hoy")[0].tarea.id)


def test_suplente_ve_al_cliente_el_primer_y_el_ultimo_dia(ctx_coordinadora, de_ana):
    _cubrir(ctx_coordinadora, date(2026, 11, 25), date(2026, 11, 27))
    for dia in (25, 27):
        luis = _en(ctx_coordinadora, "luis", datetime(2026, 11, dia, 9, 0))
        assert clientes.get(luis, de_ana.id).id == de_ana.id
    for dia in (24, 28):
        luis = _en(ctx_coordinadora, "luis", datetime(2026, 11, dia, 9, 0))
        with pytest.raises(ClienteNoEncontrado):
            clientes.get(luis, de_ana.id)


def test_suplente_registra_actividad_a_su_nombre(ctx_coordinadora, de_ana):
    _cubrir(ctx_coordinadora)
    luis = _en(ctx_coordinadora, "luis")
    registro = actividades.llamada(luis, clientes.get(luis, de_ana.id), "contestó-interesado")
    assert registro.actividad.asesor_id == luis.asesor_id
    assert registro.actividad.cliente_id == de_ana.id
    assert de_ana.asesor_id != luis.asesor_id  # the client stays the titular's


def test_suplente_termina_la_tarea_del_titular(ctx_coordinadora, de_ana):
    _cubrir(ctx_coordinadora)
    luis = _en(ctx_coordinadora, "luis")
    [fila] = tareas.list_(luis, "hoy")
    assert tareas.done(luis, fila.tarea.id).hecha


def test_titular_sigue_viendo_a_sus_clientes_mientras_lo_cubren(ctx_coordinadora, de_ana):
    _cubrir(ctx_coordinadora)
    ana = _en(ctx_coordinadora, "ana")
    assert clientes.get(ana, de_ana.id).id == de_ana.id


@pytest.mark.ambos_motores
def test_el_titular_no_ve_los_clientes_de_su_suplente(ctx_coordinadora, ctx_luis, de_ana):
    de_luis = clientes.add(ctx_luis, "María López")
    _cubrir(ctx_coordinadora)
    ana = _en(ctx_coordinadora, "ana")
    with pytest.raises(ClienteNoEncontrado):
        clientes.get(ana, de_luis.id)


@pytest.mark.ambos_motores
def test_quien_no_es_suplente_no_ve_al_cliente(ctx_coordinadora, de_ana):
    asesores.add(ctx_coordinadora, "pepe", nombre="Pepe")
    _cubrir(ctx_coordinadora)
    pepe = _en(ctx_coordinadora, "pepe")
    with pytest.raises(ClienteNoEncontrado):
        clientes.get(pepe, de_ana.id)


# ---------------------------------------------------------------- whose portfolio the lists show


def test_la_cartera_por_omision_es_la_propia_y_la_de_quien_cubre(ctx_coordinadora, de_ana):
    _cubrir(ctx_coordinadora)
    luis = _en(ctx_coordinadora, "luis")
    assert asesores.cartera_de(luis, None) == luis.cartera
    assert set(luis.cartera.asesor_ids) == {luis.asesor_id, de_ana.asesor_id}
    assert asesores.cartera_de(luis, "  ").titulo == "mis clientes"


def test_coordinadora_ve_la_plaza(ctx, ctx_luis, ctx_coordinadora):
    juan = clientes.add(ctx, "Juan Pérez")
    maria = clientes.add(ctx_luis, "María López")
    for palabra in ("plaza", "Todos", "equipo"):
        assert asesores.cartera_de(ctx_coordinadora, palabra) == Cartera(plaza="General", titulo="plaza General")
    vista = asesores.ver(ctx_coordinadora, "plaza")
    assert {f.id for f in clientes.list_(vista, clientes.Filtro())} == {juan.id, maria.id}


def test_coordinadora_ve_a_un_asesor_de_su_plaza(ctx, ctx_luis, ctx_coordinadora):
    clientes.add(ctx, "Juan Pérez")
    maria = clientes.add(ctx_luis, "María López")
    cartera = asesores.cartera_de(ctx_coordinadora, "luis")
    assert cartera.asesor_ids == (ctx_luis.asesor_id,)
    assert cartera.titulo == "luis"
    assert [f.id for f in clientes.list_(ctx_coordinadora, clientes.Filtro(asesor="luis"))] == [maria.id]


def test_el_propio_login_es_mis_clientes(ctx):
    assert asesores.cartera_de(ctx, "ana") == Cartera(asesor_ids=(ctx.asesor_id,), titulo="mis clientes")


@pytest.mark.ambos_motores
def test_asesor_no_ve_la_plaza(ctx):
    with pytest.raises(SinPermiso, match="ver los clientes de toda la plaza"):
        asesores.cartera_de(ctx, "plaza")


@pytest.mark.ambos_motores
def test_asesor_no_ve_a_otro_asesor(ctx, ctx_luis):
    clientes.add(ctx_luis, "María López")
    with pytest.raises(
        SinPermiso, match=r"^Solo un coordinador \(o su suplente\) puede ver los clientes de otro asesor\.$"
    ):
        asesores.cartera_de(ctx, "luis")
    with pytest.raises(SinPermiso):
        clientes.list_(ctx, clientes.Filtro(asesor="luis"))


def test_suplente_ve_la_cartera_del_titular(ctx_coordinadora, de_ana):
    _cubrir(ctx_coordinadora)
    luis = _en(ctx_coordinadora, "luis")
    cartera = asesores.cartera_de(luis, "ana")
    assert cartera.asesor_ids == (de_ana.asesor_id,)
    assert [f.id for f in clientes.list_(asesores.ver(luis, "ana"), clientes.Filtro())] == [de_ana.id]


@pytest.mark.ambos_motores
def test_coordinadora_no_ve_a_un_asesor_de_otra_plaza(ctx_coordinadora):
    _monterrey(ctx_coordinadora)
    with pytest.raises(SinPermiso, match=r"Pepe Salas es de la plaza Monterrey; solo ves la plaza General\."):
        asesores.cartera_de(ctx_coordinadora, "pepe")


@pytest.mark.ambos_motores
def test_coordinadora_no_ve_los_clientes_de_otra_plaza(ctx_coordinadora):
    _monterrey(ctx_coordinadora)
    pepe = _en(ctx_coordinadora, "pepe")
    suyo = clientes.add(pepe, "Cliente de Monterrey")
    carla = _en(ctx_coordinadora, "carla")
    with pytest.raises(ClienteNoEncontrado):
        clientes.get(carla, suyo.id)
    assert clientes.list_(asesores.ver(carla, "plaza"), clientes.Filtro()) == []
    marta = _en(ctx_coordinadora, "marta")
    assert [f.id for f in clientes.list_(asesores.ver(marta, "plaza"), clientes.Filtro())] == [suyo.id]


def test_asesor_desconocido_en_la_cartera_sugiere_el_parecido(ctx_coordinadora):
    with pytest.raises(NoEncontrado, match="No existe el asesor «luiz»; ¿quisiste decir luis"):
        asesores.cartera_de(ctx_coordinadora, "luiz")


def test_lo_que_la_coordinadora_lista_de_un_asesor_lo_puede_abrir(ctx_coordinadora):
    ana = _en(ctx_coordinadora, "ana")
    juan = clientes.add(ana, "Juan Pérez")
    carla = _en(ctx_coordinadora, "carla")
    asesores.edit(carla, asesores.get(carla.session, "ana"), plaza="Monterrey")  # Monterrey has no coordinator yet
    _monterrey(ctx_coordinadora)
    marta = _en(ctx_coordinadora, "marta")
    listados = [f.id for f in clientes.list_(marta, clientes.Filtro(asesor="ana"))]
    for cliente_id in listados:
        clientes.get(marta, cliente_id)
    assert listados == [juan.id]
