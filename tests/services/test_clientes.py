"""Clients: add, edit, duplicates, lookup, search, scope, stage and temperature changes, lists."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select

from a3tui import services
from a3tui.domain import Alerta, Etapa, Temperatura
from a3tui.errors import ClienteNoEncontrado, DatoInvalido, Duplicado, ReferenciaAmbigua
from a3tui.models import Actividad, Cliente, Nota
from a3tui.services import actividades, asesores, clientes

from .ayuda import apartar, documentos_completos, volcado

HOY = date(2026, 11, 23)


def _buscar(ctx, texto: str) -> list[str]:
    return [f.nombre for f in clientes.list_(ctx, clientes.Filtro(buscar=texto))]


def _sistema(ctx, cliente) -> list[Actividad]:
    return [e.actividad for e in actividades.list_(ctx, cliente) if e.actividad.tipo == "sistema"]


# ---------------------------------------------------------------- add


@pytest.mark.ambos_motores
def test_cliente_nuevo_es_prospecto_tibio_del_asesor(ctx):
    cliente = clientes.add(ctx, "Ana García")
    assert cliente.etapa == "prospecto"
    assert cliente.temperatura == "tibio"
    assert cliente.asesor_id == ctx.asesor.id
    assert cliente.primer_contacto == HOY


def test_cliente_nuevo_toma_la_plaza_del_asesor(ctx):
    ctx.asesor.plaza = "Monterrey"
    assert clientes.add(ctx, "Ana García").plaza == "Monterrey"


def test_cliente_nuevo_se_contacta_segun_su_cadencia(ctx):
    assert clientes.add(ctx, "Ana García").proximo_contacto == HOY + timedelta(days=7)


def test_cliente_nuevo_caliente_se_contacta_en_3_dias(ctx):
    assert clientes.add(ctx, "Ana García", temperatura="caliente").proximo_contacto == HOY + timedelta(days=3)


def test_cliente_nuevo_con_primer_contacto_pasado_cuenta_desde_ahi(ctx):
    cliente = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 1))
    assert cliente.proximo_contacto == date(2026, 11, 8)


def test_cliente_nuevo_guarda_telefono_normalizado_sin_repetir(ctx):
    cliente = clientes.add(ctx, "Ana García", telefonos=["81 2345 6789", "+52 1 81 2345 6789", "55-1234-5678"])
    assert clientes.telefonos_de(ctx, cliente) == ["8123456789", "5512345678"]


def test_cliente_nuevo_guarda_email_normalizado(ctx):
    assert clientes.add(ctx, "Ana García", email=" Ana@Example.COM ").email == "ana@example.com"


def test_cliente_nuevo_con_telefono_invalido_es_rechazado(ctx):
    with pytest.raises(DatoInvalido):
        clientes.add(ctx, "Ana García", telefonos=["812345678"])
    assert ctx.session.exec(select(Cliente)).all() == []


def test_cliente_nuevo_con_email_invalido_es_rechazado(ctx):
    with pytest.raises(DatoInvalido):
        clientes.add(ctx, "Ana García", email="ana@")


def test_cliente_nuevo_sin_nombre_es_rechazado(ctx):
    with pytest.raises(DatoInvalido):
        clientes.add(ctx, "   ")


def test_cliente_nuevo_no_puede_empezar_cancelado(ctx):
    with pytest.raises(DatoInvalido, match="cancelado"):
        clientes.add(ctx, "Ana García", etapa="cancelado")


def test_cliente_nuevo_apartado_no_tiene_temperatura(ctx):
    cliente = clientes.add(ctx, "Ana García", etapa="apartado", primer_contacto=date(2026, 11, 20))
    assert cliente.temperatura is None
    assert cliente.fecha_apartado == date(2026, 11, 20)
    assert cliente.proximo_contacto == date(2026, 11, 22)


def test_temperatura_en_cliente_nuevo_no_prospecto_es_rechazada(ctx):
    with pytest.raises(DatoInvalido, match="solo aplica a prospectos"):
        clientes.add(ctx, "Ana García", etapa="apartado", temperatura="caliente")


@pytest.mark.ambos_motores
def test_origen_se_acepta_sin_acentos_ni_mayusculas(ctx):
    assert clientes.add(ctx, "Ana García", origen="Redes-Sociales").origen == "redes sociales"


def test_origen_desconocido_es_rechazado(ctx):
    with pytest.raises(DatoInvalido, match="origen"):
        clientes.add(ctx, "Ana García", origen="volante")


def test_referido_por_otro_cliente_pone_origen_referido(ctx):
    beto = clientes.add(ctx, "Beto Ruiz")
    ana = clientes.add(ctx, "Ana García", referido_por="beto")
    assert ana.referido_por_id == beto.id
    assert ana.origen == "referido"


def test_nota_al_agregar_cliente_queda_en_sus_notas(ctx):
    cliente = clientes.add(ctx, "Ana García", nota="Prefiere casas de 2 plantas")
    notas = ctx.session.exec(select(Nota).where(Nota.cliente_id == cliente.id)).all()
    assert [n.texto for n in notas] == ["Prefiere casas de 2 plantas"]


# ---------------------------------------------------------------- duplicates


@pytest.mark.ambos_motores
def test_telefono_repetido_en_otro_formato_es_duplicado(ctx):
    ana = clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    with pytest.raises(Duplicado) as exc:
        clientes.add(ctx, "Ana G.", telefonos=["+52 81 2345-6789"])
    assert exc.value.existente_id == ana.id
    assert exc.value.existente_nombre == "Ana García"
    assert "Ana García" in str(exc.value)
    assert "teléfono" in str(exc.value)


@pytest.mark.ambos_motores
def test_email_repetido_con_otras_mayusculas_es_duplicado(ctx):
    ana = clientes.add(ctx, "Ana García", email="ana@example.com")
    with pytest.raises(Duplicado) as exc:
        clientes.add(ctx, "Otra Ana", email="ANA@Example.com")
    assert exc.value.existente_id == ana.id
    assert "email" in str(exc.value)


@pytest.mark.ambos_motores
def test_duplicado_no_se_guarda(ctx):
    clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    with pytest.raises(Duplicado):
        clientes.add(ctx, "Ana G.", telefonos=["8123456789"])
    assert [c.nombre for c in ctx.session.exec(select(Cliente)).all()] == ["Ana García"]


@pytest.mark.ambos_motores
def test_forzar_permite_guardar_un_duplicado(ctx):
    clientes.add(ctx, "Ana García", telefonos=["8123456789"], email="ana@example.com")
    otra = clientes.add(ctx, "Ana García hija", telefonos=["8123456789"], email="ana@example.com", forzar=True)
    assert otra.id is not None
    assert clientes.telefonos_de(ctx, otra) == ["8123456789"]


@pytest.mark.ambos_motores
def test_duplicado_de_otro_asesor_nombra_al_asesor(ctx, ctx_luis):
    clientes.add(ctx_luis, "Beto Ruiz", telefonos=["8123456789"])
    with pytest.raises(Duplicado) as exc:
        clientes.add(ctx, "Roberto Ruiz", telefonos=["81 2345 6789"])
    assert "Beto Ruiz" in str(exc.value)
    assert "luis" in str(exc.value)


@pytest.mark.ambos_motores
def test_cliente_fusionado_no_cuenta_como_duplicado(ctx):
    viejo = clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    nuevo = clientes.add(ctx, "Ana García López")
    viejo.fusionado_en_id = nuevo.id
    ctx.session.add(viejo)
    ctx.session.flush()
    assert clientes.add(ctx, "Ana G.", telefonos=["8123456789"]).id is not None


@pytest.mark.ambos_motores
def test_el_mismo_nombre_sin_acentos_ni_mayusculas_es_duplicado(ctx):
    """Issue 28 point 7: a namesake gets the warning phones and e-mails get."""
    maria = clientes.add(ctx, "María López", telefonos=["8123456789"])
    with pytest.raises(Duplicado) as exc:
        clientes.add(ctx, "  MARIA   lopez ", telefonos=["5512345678"])
    assert exc.value.existente_id == maria.id
    assert exc.value.mensaje == f"Ya existe un cliente con ese nombre: {maria.id} María López."
    assert exc.value.campo == "nombre"
    assert [c.nombre for c in ctx.session.exec(select(Cliente)).all()] == ["María López"]
    otra = clientes.add(ctx, "Maria Lopez", telefonos=["5512345678"], forzar=True)  # «it is another person»
    assert otra.id != maria.id


def test_un_nombre_en_otro_alfabeto_se_compara_como_se_escribio(ctx):
    clientes.add(ctx, "Дмитрий Иванов")
    assert clientes.add(ctx, "王小明").id is not None  # its folded name is empty too: not the same
    with pytest.raises(Duplicado, match="ese nombre"):
        clientes.add(ctx, "Дмитрий  Иванов")


def test_un_nombre_parecido_no_es_el_mismo(ctx):
    clientes.add(ctx, "María López")
    assert clientes.add(ctx, "María López Garza").id is not None


def test_el_homonimo_de_un_cliente_que_no_trabajo_no_se_avisa(ctx, ctx_luis):
    """Names are not unique: only those of the clients the advisor works are asked about
    (a phone or e-mail, which is, is checked in the whole office)."""
    clientes.add(ctx_luis, "Beto Ruiz")
    assert clientes.add(ctx, "Beto Ruiz").id is not None


def test_el_homonimo_fusionado_no_cuenta(ctx):
    viejo = clientes.add(ctx, "Ana García")
    nuevo = clientes.add(ctx, "Ana García López")
    viejo.fusionado_en_id = nuevo.id
    ctx.session.add(viejo)
    ctx.session.flush()
    assert clientes.add(ctx, "Ana Garcia").id is not None


@pytest.mark.parametrize(
    ("datos", "campo"),
    [
        ({"nombre": " "}, "nombre"),
        ({"telefonos": ["123"]}, "telefonos"),
        ({"email": "no-es-correo"}, "email"),
        ({"email": "ana@example.com"}, "email"),  # another client's
        ({"telefonos": ["81 2345 6789"]}, "telefonos"),  # another client's
        ({"primer_contacto": date(2030, 1, 1)}, "primer_contacto"),
        ({"referido_por": "nadie con ese nombre"}, "referido_por"),
    ],
    ids=["nombre", "telefono", "email", "email-repetido", "telefono-repetido", "primer-contacto", "referido"],
)
def test_cada_error_del_alta_nombra_su_campo(ctx, datos, campo):
    """The form puts the cursor on the field the error is about (A3Error.campo)."""
    clientes.add(ctx, "Ana García", telefonos=["8123456789"], email="ana@example.com")
    argumentos = {"nombre": "Beto Ruiz", **datos}
    with pytest.raises((DatoInvalido, Duplicado, ClienteNoEncontrado)) as exc:
        clientes.add(ctx, argumentos.pop("nombre"), **argumentos)
    assert exc.value.campo == campo


@pytest.mark.ambos_motores
def test_editar_con_telefono_de_otro_cliente_es_duplicado(ctx):
    ana = clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    beto = clientes.add(ctx, "Beto Ruiz", telefonos=["5512345678"])
    with pytest.raises(Duplicado) as exc:
        clientes.edit(ctx, beto, telefonos=["81 2345 6789"])
    assert exc.value.existente_id == ana.id


@pytest.mark.ambos_motores
def test_editar_con_email_de_otro_cliente_es_duplicado(ctx):
    clientes.add(ctx, "Ana García", email="ana@example.com")
    beto = clientes.add(ctx, "Beto Ruiz")
    with pytest.raises(Duplicado):
        clientes.edit(ctx, beto, email="ana@example.com")


@pytest.mark.ambos_motores
def test_editar_conservando_su_propio_telefono_no_es_duplicado(ctx):
    ana = clientes.add(ctx, "Ana García", telefonos=["8123456789"], email="ana@example.com")
    clientes.edit(ctx, ana, telefonos=["5512345678", "8123456789"], email="ana@example.com")
    assert clientes.telefonos_de(ctx, ana) == ["5512345678", "8123456789"]


# ---------------------------------------------------------------- edit


def test_editar_reemplaza_los_telefonos(ctx):
    ana = clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    clientes.edit(ctx, ana, telefonos=["55 1234 5678"])
    assert clientes.telefonos_de(ctx, ana) == ["5512345678"]


def test_editar_telefonos_reindexa_la_busqueda(ctx):
    ana = clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    clientes.edit(ctx, ana, telefonos=["55 1234 5678"])
    assert _buscar(ctx, "1234 5678") == ["Ana García"]
    assert _buscar(ctx, "812 345") == []


def test_editar_con_lista_de_telefonos_vacia_los_quita(ctx):
    ana = clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    clientes.edit(ctx, ana, telefonos=[])
    assert clientes.telefonos_de(ctx, ana) == []
    assert _buscar(ctx, "812 345") == []
    assert _buscar(ctx, "garcia") == ["Ana García"]


def test_editar_con_email_vacio_lo_borra(ctx):
    ana = clientes.add(ctx, "Ana García", email="ana@example.com")
    clientes.edit(ctx, ana, email="")
    assert ana.email is None
    assert _buscar(ctx, "ana@example.com") == []


def test_editar_sin_email_lo_conserva(ctx):
    ana = clientes.add(ctx, "Ana García", email="ana@example.com")
    clientes.edit(ctx, ana, direccion="Av. Constitución 100")
    assert ana.email == "ana@example.com"
    assert ana.direccion == "Av. Constitución 100"


def test_editar_nombre_reindexa_la_busqueda_y_conserva_telefonos(ctx):
    ana = clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    clientes.edit(ctx, ana, nombre="Ana Martínez")
    assert _buscar(ctx, "martinez") == ["Ana Martínez"]
    assert _buscar(ctx, "garcia") == []
    assert _buscar(ctx, "345 6789") == ["Ana Martínez"]
    assert ana.nombre_orden == "ana martinez"


def test_editar_direccion_vacia_la_borra(ctx):
    ana = clientes.add(ctx, "Ana García", direccion="Calle 1")
    clientes.edit(ctx, ana, direccion="")
    assert ana.direccion is None


def test_editar_origen_vacio_lo_borra(ctx):
    ana = clientes.add(ctx, "Ana García", origen="publicidad")
    clientes.edit(ctx, ana, origen="")
    assert ana.origen is None


def test_editar_referido_por_si_mismo_es_invalido(ctx):
    ana = clientes.add(ctx, "Ana García")
    with pytest.raises(DatoInvalido, match="sí mismo"):
        clientes.edit(ctx, ana, referido_por=str(ana.id))


def test_editar_plaza_vacia_es_invalido(ctx):
    ana = clientes.add(ctx, "Ana García")
    with pytest.raises(DatoInvalido):
        clientes.edit(ctx, ana, plaza="  ")


def test_editar_primer_contacto_futuro_es_invalido(ctx):
    ana = clientes.add(ctx, "Ana García")
    with pytest.raises(DatoInvalido, match="futura"):
        clientes.edit(ctx, ana, primer_contacto=HOY + timedelta(days=1))


def test_editar_primer_contacto_recalcula_proximo_contacto(ctx):
    ana = clientes.add(ctx, "Ana García")
    clientes.edit(ctx, ana, primer_contacto=date(2026, 11, 10))
    assert ana.proximo_contacto == date(2026, 11, 17)


@pytest.mark.ambos_motores
def test_editar_invalido_no_cambia_nada_en_la_base(store, ahora):
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        clientes.add(ctx, "Ana García", telefonos=["8123456789"], email="ana@example.com")
    antes = volcado(store)
    with pytest.raises(DatoInvalido), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        ana = clientes.resolve(ctx, "ana garcia")
        clientes.edit(ctx, ana, nombre="Ana Martínez", email="", primer_contacto=HOY + timedelta(days=3))
    assert volcado(store) == antes


# ---------------------------------------------------------------- resolve


@pytest.mark.ambos_motores
def test_resolver_por_id(ctx):
    ana = clientes.add(ctx, "Ana García")
    assert clientes.resolve(ctx, str(ana.id)) is ana


@pytest.mark.ambos_motores
def test_resolver_por_id_inexistente(ctx):
    with pytest.raises(ClienteNoEncontrado):
        clientes.resolve(ctx, "999")


@pytest.mark.ambos_motores
def test_resolver_por_nombre_exacto_sin_acentos_gana_a_parciales(ctx):
    ana = clientes.add(ctx, "Ana García")
    clientes.add(ctx, "Ana García López")
    assert clientes.resolve(ctx, "ANA GARCIA") is ana


@pytest.mark.ambos_motores
def test_resolver_por_parte_unica_del_nombre(ctx):
    clientes.add(ctx, "Ana García")
    beto = clientes.add(ctx, "Beto Ruiz")
    assert clientes.resolve(ctx, "ruiz") is beto


@pytest.mark.ambos_motores
def test_resolver_por_telefono(ctx):
    clientes.add(ctx, "Ana García", telefonos=["5512345678"])
    beto = clientes.add(ctx, "Beto Ruiz", telefonos=["8123456789"])
    assert clientes.resolve(ctx, "8123456789") is beto
    assert clientes.resolve(ctx, "81 2345 6789") is beto


@pytest.mark.ambos_motores
def test_resolver_por_email(ctx):
    ana = clientes.add(ctx, "Ana García", email="ana@example.com")
    clientes.add(ctx, "Beto Ruiz", email="beto@example.com")
    assert clientes.resolve(ctx, "ana@example.com") is ana


@pytest.mark.ambos_motores
def test_resolver_ambiguo_lista_los_candidatos(ctx):
    ana = clientes.add(ctx, "Ana García")
    anita = clientes.add(ctx, "Ana Martínez")
    clientes.add(ctx, "Beto Ruiz")
    with pytest.raises(ReferenciaAmbigua) as exc:
        clientes.resolve(ctx, "ana")
    assert exc.value.candidatos == [(ana.id, "Ana García"), (anita.id, "Ana Martínez")]
    assert "Ana García" in str(exc.value)
    assert "Ana Martínez" in str(exc.value)


@pytest.mark.ambos_motores
def test_resolver_homonimos_exactos_es_ambiguo(ctx):
    clientes.add(ctx, "Ana García")
    clientes.add(ctx, "Ana García", forzar=True)
    with pytest.raises(ReferenciaAmbigua) as exc:
        clientes.resolve(ctx, "ana garcia")
    assert len(exc.value.candidatos) == 2


@pytest.mark.ambos_motores
def test_resolver_con_muchos_candidatos_muestra_diez_y_otros(ctx):
    for i in range(12):
        clientes.add(ctx, f"Ana Cliente {chr(ord('a') + i)}")
    with pytest.raises(ReferenciaAmbigua) as exc:
        clientes.resolve(ctx, "ana")
    assert len(exc.value.candidatos) == 10
    assert "y otros" in str(exc.value)


@pytest.mark.ambos_motores
def test_resolver_sin_coincidencias(ctx):
    clientes.add(ctx, "Ana García")
    with pytest.raises(ClienteNoEncontrado, match="zapata"):
        clientes.resolve(ctx, "zapata")


@pytest.mark.ambos_motores
def test_resolver_texto_vacio_es_invalido(ctx):
    with pytest.raises(DatoInvalido):
        clientes.resolve(ctx, "  ")


@pytest.mark.ambos_motores
def test_resolver_solo_puntuacion_no_elige_a_nadie(ctx):
    clientes.add(ctx, "Ana García")
    with pytest.raises((ClienteNoEncontrado, DatoInvalido)):
        clientes.resolve(ctx, "¿?")


# ---------------------------------------------------------------- search


@pytest.mark.ambos_motores
def test_buscar_sin_acentos_encuentra_con_acentos(ctx):
    clientes.add(ctx, "José Pérez")
    assert _buscar(ctx, "perez") == ["José Pérez"]


@pytest.mark.ambos_motores
def test_buscar_ignora_mayusculas_y_acentos(ctx):
    clientes.add(ctx, "José Pérez")
    assert _buscar(ctx, "PÉREZ") == ["José Pérez"]
    assert _buscar(ctx, "JoSe") == ["José Pérez"]


@pytest.mark.ambos_motores
def test_buscar_con_acento_encuentra_sin_acento(ctx):
    clientes.add(ctx, "Jose Perez")
    assert _buscar(ctx, "Pérez") == ["Jose Perez"]


@pytest.mark.ambos_motores
def test_buscar_por_inicio_de_palabra(ctx):
    clientes.add(ctx, "Ñandú Martínez")
    assert _buscar(ctx, "nan mart") == ["Ñandú Martínez"]


@pytest.mark.ambos_motores
def test_buscar_varias_palabras_exige_todas(ctx):
    clientes.add(ctx, "José Pérez")
    clientes.add(ctx, "José López")
    clientes.add(ctx, "María Pérez")
    assert _buscar(ctx, "jose per") == ["José Pérez"]


@pytest.mark.ambos_motores
def test_buscar_varias_palabras_en_cualquier_orden(ctx):
    clientes.add(ctx, "José Pérez")
    assert _buscar(ctx, "perez jose") == ["José Pérez"]


@pytest.mark.ambos_motores
def test_buscar_por_email_completo(ctx):
    clientes.add(ctx, "Ana García", email="ana.garcia@example.com")
    clientes.add(ctx, "Beto Ruiz", email="beto@example.com")
    assert _buscar(ctx, "Ana.Garcia@Example.com") == ["Ana García"]


@pytest.mark.ambos_motores
def test_buscar_por_parte_del_email(ctx):
    clientes.add(ctx, "Ana", email="agarcia@correo.mx")
    clientes.add(ctx, "Beto", email="beto@example.com")
    assert _buscar(ctx, "correo") == ["Ana"]


@pytest.mark.ambos_motores
@pytest.mark.parametrize("consulta", ["812 345", "345 6789", "8123456789", "81-2345-6789", "+52 81 2345 6789", "2345"])
def test_buscar_por_cualquier_tramo_de_digitos_del_telefono(ctx, consulta):
    clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    clientes.add(ctx, "Beto Ruiz", telefonos=["5598765432"])
    assert _buscar(ctx, consulta) == ["Ana García"]


@pytest.mark.ambos_motores
def test_buscar_por_telefono_secundario(ctx):
    clientes.add(ctx, "Ana García", telefonos=["5598765432", "8123456789"])
    assert _buscar(ctx, "812 345") == ["Ana García"]


@pytest.mark.ambos_motores
def test_buscar_telefono_con_prefijo_521_lo_encuentra(ctx):
    clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    assert _buscar(ctx, "+52 1 81 2345 6789") == ["Ana García"]


@pytest.mark.ambos_motores
def test_buscar_sin_coincidencias_no_da_nada(ctx):
    clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    assert _buscar(ctx, "zapata") == []
    assert _buscar(ctx, "999 999") == []


def test_contar_con_busqueda(ctx):
    clientes.add(ctx, "Ana García")
    clientes.add(ctx, "Ana López")
    clientes.add(ctx, "Beto Ruiz")
    assert clientes.count(ctx, clientes.Filtro(buscar="ana")) == 2


# ---------------------------------------------------------------- scope


@pytest.mark.ambos_motores
def test_otro_asesor_no_ve_mis_clientes(ctx, ctx_luis):
    clientes.add(ctx, "Ana García")
    clientes.add(ctx_luis, "Beto Ruiz")
    assert [f.nombre for f in clientes.list_(ctx_luis, clientes.Filtro())] == ["Beto Ruiz"]
    assert clientes.count(ctx_luis, clientes.Filtro()) == 1


@pytest.mark.ambos_motores
def test_otro_asesor_no_encuentra_mis_clientes_al_buscar(ctx, ctx_luis):
    clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    assert _buscar(ctx_luis, "garcia") == []
    assert _buscar(ctx_luis, "812 345") == []


def test_otro_asesor_no_abre_mi_cliente_por_id(ctx, ctx_luis):
    ana = clientes.add(ctx, "Ana García")
    with pytest.raises(ClienteNoEncontrado):
        clientes.get(ctx_luis, ana.id)
    with pytest.raises(ClienteNoEncontrado):
        clientes.resolve(ctx_luis, str(ana.id))


def test_otro_asesor_no_resuelve_mi_cliente_por_nombre(ctx, ctx_luis):
    clientes.add(ctx, "Ana García")
    with pytest.raises(ClienteNoEncontrado):
        clientes.resolve(ctx_luis, "ana garcia")


def test_coordinador_ve_los_clientes_de_su_plaza(ctx, ctx_luis, ctx_coordinadora):
    clientes.add(ctx, "Ana García")
    clientes.add(ctx_luis, "Beto Ruiz")
    plaza = asesores.ver(ctx_coordinadora, "plaza")
    assert [f.nombre for f in clientes.list_(plaza, clientes.Filtro())] == ["Ana García", "Beto Ruiz"]
    # By default a coordinator's lists are their own clients.
    assert clientes.list_(ctx_coordinadora, clientes.Filtro()) == []


@pytest.mark.ambos_motores
def test_coordinador_no_ve_clientes_de_otra_plaza(ctx, ctx_luis, ctx_coordinadora):
    clientes.add(ctx, "Ana García")
    clientes.add(ctx_luis, "Beto Ruiz", plaza="Saltillo")
    plaza = asesores.ver(ctx_coordinadora, "plaza")
    assert [f.nombre for f in clientes.list_(plaza, clientes.Filtro())] == ["Ana García"]


def test_coordinador_abre_cliente_de_su_plaza(ctx, ctx_coordinadora):
    ana = clientes.add(ctx, "Ana García")
    assert clientes.get(ctx_coordinadora, ana.id).nombre == "Ana García"


def test_cliente_fusionado_no_aparece_en_la_lista(ctx):
    viejo = clientes.add(ctx, "Ana García")
    nuevo = clientes.add(ctx, "Ana García López")
    viejo.fusionado_en_id = nuevo.id
    ctx.session.add(viejo)
    ctx.session.flush()
    assert [f.nombre for f in clientes.list_(ctx, clientes.Filtro())] == ["Ana García López"]


# ---------------------------------------------------------------- stage changes


def test_cambio_de_etapa_queda_en_el_historial(ctx):
    ana = clientes.add(ctx, "Ana García")
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="sin crédito")
    [entrada] = _sistema(ctx, ana)
    assert entrada.evento == "cambio-etapa"
    assert entrada.detalle == "prospecto → cancelado (motivo: sin crédito)"
    assert entrada.fecha == ctx.ahora
    assert entrada.asesor_id == ctx.asesor.id


@pytest.mark.ambos_motores
def test_etapa_se_acepta_sin_acentos_ni_mayusculas(ctx):
    ana = clientes.add(ctx, "Ana García")
    assert clientes.cambiar_etapa(ctx, ana, "CANCELADO", motivo="x").etapa == "cancelado"


def test_etapa_desconocida_es_invalida(ctx):
    ana = clientes.add(ctx, "Ana García")
    with pytest.raises(DatoInvalido):
        clientes.cambiar_etapa(ctx, ana, "vendido")


@pytest.mark.parametrize(
    ("etapa", "fragmento"),
    [("apartado", "registrar su apartado"), ("APARTADO", "registrar su apartado")],
)
def test_pasar_a_apartado_a_mano_es_invalido_y_dice_como(ctx, etapa, fragmento):
    ana = clientes.add(ctx, "Ana García")
    with pytest.raises(DatoInvalido, match=fragmento) as error:
        clientes.cambiar_etapa(ctx, ana, etapa)
    assert "a3 apartado crear" in error.value.mensaje_cli
    assert ana.etapa == "prospecto"


def test_escriturar_y_entregar_a_mano_son_invalidos(ctx):
    ana = clientes.add(ctx, "Ana García")
    apartar(ctx, ana)
    with pytest.raises(DatoInvalido, match="escriturar su apartado"):
        clientes.cambiar_etapa(ctx, ana, "escriturado")
    assert ana.etapa == "apartado"


def test_saltar_etapas_es_invalido(ctx):
    ana = clientes.add(ctx, "Ana García")
    with pytest.raises(DatoInvalido, match="No se puede pasar de prospecto a escriturado"):
        clientes.cambiar_etapa(ctx, ana, "escriturado")
    assert ana.etapa == "prospecto"


def test_regresar_de_apartado_a_prospecto_es_invalido(ctx):
    ana = clientes.add(ctx, "Ana García", etapa="apartado")
    with pytest.raises(DatoInvalido):
        clientes.cambiar_etapa(ctx, ana, "prospecto")


def test_pasar_a_apartado_registra_la_fecha_de_apartado(ctx):
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 1))
    apartar(ctx, ana)
    assert ana.fecha_apartado == HOY


def test_cancelar_guarda_el_motivo_en_cliente_e_historial(ctx):
    ana = clientes.add(ctx, "Ana García")
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="  no  obtuvo crédito ")
    assert ana.etapa == "cancelado"
    assert ana.motivo_cancelacion == "no obtuvo crédito"
    [entrada] = _sistema(ctx, ana)
    assert entrada.detalle == "prospecto → cancelado (motivo: no obtuvo crédito)"


def test_cancelar_quita_el_proximo_contacto(ctx):
    ana = clientes.add(ctx, "Ana García")
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="compró en otro lado")
    assert ana.proximo_contacto is None


def test_cancelar_sin_motivo_es_invalido(ctx):
    ana = clientes.add(ctx, "Ana García")
    with pytest.raises(DatoInvalido, match="motivo"):
        clientes.cambiar_etapa(ctx, ana, "cancelado")


def test_cancelar_sin_motivo_deja_la_base_exactamente_igual(store, ahora):
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        clientes.add(ctx, "Ana García", telefonos=["8123456789"])
    antes = volcado(store)
    with pytest.raises(DatoInvalido), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        clientes.cambiar_etapa(ctx, clientes.resolve(ctx, "ana garcia"), "cancelado", motivo="   ")
    assert volcado(store) == antes
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        ana = clientes.resolve(ctx, "ana garcia")
        assert ana.etapa == "prospecto"
        assert ana.motivo_cancelacion is None
        assert actividades.list_(ctx, ana) == []


def test_cancelar_desde_cualquier_etapa(ctx):
    for etapa in ("apartado", "escriturado", "entregado"):
        cliente = clientes.add(ctx, f"Cliente {etapa}", etapa=etapa)
        clientes.cambiar_etapa(ctx, cliente, "cancelado", motivo="se mudó")
        assert cliente.etapa == "cancelado"


def test_cancelado_se_reactiva_como_prospecto(ctx):
    ana = clientes.add(ctx, "Ana García", temperatura="caliente")
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="sin presupuesto")
    clientes.cambiar_etapa(ctx, ana, "prospecto")
    assert ana.etapa == "prospecto"
    assert ana.motivo_cancelacion is None
    assert ana.temperatura == "caliente"
    assert ana.proximo_contacto == HOY + timedelta(days=3)
    assert sorted(a.detalle for a in _sistema(ctx, ana)) == sorted(
        ["prospecto → cancelado (motivo: sin presupuesto)", "cancelado → prospecto"]
    )


def test_cancelado_sin_temperatura_se_reactiva_tibio(ctx):
    ana = clientes.add(ctx, "Ana García", etapa="apartado")
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="sin crédito")
    clientes.cambiar_etapa(ctx, ana, "prospecto")
    assert ana.temperatura == "tibio"
    assert ana.proximo_contacto == HOY + timedelta(days=7)


def test_cancelado_no_puede_pasar_directo_a_apartado(ctx):
    ana = clientes.add(ctx, "Ana García")
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="sin crédito")
    with pytest.raises(DatoInvalido):
        clientes.cambiar_etapa(ctx, ana, "apartado")


def test_cambio_de_etapa_no_cuenta_como_contacto(ctx):
    ana = clientes.add(ctx, "Ana García")
    apartar(ctx, ana)
    assert ana.ultima_actividad is None


@pytest.mark.parametrize(("hasta", "dias"), [("apartado", 2), ("escriturado", 7), ("entregado", 30)])
def test_proximo_contacto_tras_cambio_de_etapa(ctx, hasta, dias):
    from a3tui.services import apartados

    ana = clientes.add(ctx, "Ana García")
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 20, 12, 0))
    apartado = apartar(ctx, ana)
    if hasta != "apartado":
        documentos_completos(ctx, ana)
        apartados.escriturar(ctx, apartado)
    if hasta == "entregado":
        apartados.entregar(ctx, apartado)
    assert ana.etapa == hasta
    assert ana.proximo_contacto == date(2026, 11, 20) + timedelta(days=dias)


# ---------------------------------------------------------------- temperature


@pytest.mark.parametrize(("temperatura", "dias"), [("caliente", 3), ("frio", 21), ("FRÍO", 21)])
def test_proximo_contacto_tras_cambio_de_temperatura(ctx, temperatura, dias):
    ana = clientes.add(ctx, "Ana García")
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 20, 12, 0))
    clientes.cambiar_temperatura(ctx, ana, temperatura)
    assert ana.proximo_contacto == date(2026, 11, 20) + timedelta(days=dias)


def test_cambio_de_temperatura_queda_en_el_historial(ctx):
    ana = clientes.add(ctx, "Ana García")
    clientes.cambiar_temperatura(ctx, ana, "caliente")
    [entrada] = _sistema(ctx, ana)
    assert entrada.evento == "cambio-temperatura"
    assert entrada.detalle == "tibio → caliente"


def test_temperatura_igual_a_la_actual_es_invalida(ctx):
    ana = clientes.add(ctx, "Ana García", temperatura="frío")
    with pytest.raises(DatoInvalido, match="ya es frío"):
        clientes.cambiar_temperatura(ctx, ana, "frio")


def test_temperatura_de_cliente_no_prospecto_es_invalida(ctx):
    ana = clientes.add(ctx, "Ana García", etapa="apartado")
    with pytest.raises(DatoInvalido, match="solo aplica a prospectos"):
        clientes.cambiar_temperatura(ctx, ana, "caliente")


def test_temperatura_desconocida_es_invalida(ctx):
    ana = clientes.add(ctx, "Ana García")
    with pytest.raises(DatoInvalido):
        clientes.cambiar_temperatura(ctx, ana, "templado")


# ---------------------------------------------------------------- list: alerts


def _alertas(ctx) -> dict[str, Alerta | None]:
    return {f.nombre: f.alerta for f in clientes.list_(ctx, clientes.Filtro())}


def test_lista_marca_rojo_el_contacto_vencido(ctx):
    clientes.add(ctx, "Ana García", primer_contacto=HOY - timedelta(days=8))
    assert _alertas(ctx) == {"Ana García": Alerta.ROJO}


def test_lista_marca_amarillo_el_contacto_de_hoy(ctx):
    clientes.add(ctx, "Ana García", primer_contacto=HOY - timedelta(days=7))
    assert _alertas(ctx) == {"Ana García": Alerta.AMARILLO}


def test_lista_marca_amarillo_el_contacto_de_manana(ctx):
    clientes.add(ctx, "Ana García", primer_contacto=HOY - timedelta(days=6))
    assert _alertas(ctx) == {"Ana García": Alerta.AMARILLO}


def test_lista_marca_verde_el_cliente_al_dia(ctx):
    clientes.add(ctx, "Ana García", primer_contacto=HOY - timedelta(days=5))
    assert _alertas(ctx) == {"Ana García": Alerta.VERDE}


def test_lista_no_marca_alerta_a_cancelados(ctx):
    ana = clientes.add(ctx, "Ana García", primer_contacto=HOY - timedelta(days=30))
    clientes.cambiar_etapa(ctx, ana, "cancelado", motivo="se mudó")
    assert _alertas(ctx) == {"Ana García": None}


def test_registrar_una_llamada_pone_en_verde_al_cliente_vencido(ctx):
    ana = clientes.add(ctx, "Ana García", primer_contacto=HOY - timedelta(days=30))
    actividades.llamada(ctx, ana, "contestó-interesado")
    assert _alertas(ctx) == {"Ana García": Alerta.VERDE}


def _clientes_por_alerta(ctx) -> None:
    clientes.add(ctx, "Rojo", primer_contacto=HOY - timedelta(days=8))
    clientes.add(ctx, "Amarillo hoy", primer_contacto=HOY - timedelta(days=7))
    clientes.add(ctx, "Amarillo mañana", primer_contacto=HOY - timedelta(days=6))
    clientes.add(ctx, "Verde", primer_contacto=HOY - timedelta(days=5))
    cancelado = clientes.add(ctx, "Cancelado", primer_contacto=HOY - timedelta(days=30))
    clientes.cambiar_etapa(ctx, cancelado, "cancelado", motivo="se mudó")


@pytest.mark.parametrize(
    ("alerta", "nombres"),
    [
        (Alerta.ROJO, ["Rojo"]),
        (Alerta.AMARILLO, ["Amarillo hoy", "Amarillo mañana"]),
        (Alerta.VERDE, ["Verde"]),
    ],
)
def test_filtrar_por_alerta(ctx, alerta, nombres):
    _clientes_por_alerta(ctx)
    filas = clientes.list_(ctx, clientes.Filtro(alertas=(alerta,)))
    assert sorted(f.nombre for f in filas) == sorted(nombres)
    assert all(f.alerta is alerta for f in filas)


def test_filtrar_por_varias_alertas(ctx):
    _clientes_por_alerta(ctx)
    filas = clientes.list_(ctx, clientes.Filtro(alertas=(Alerta.ROJO, Alerta.VERDE)))
    assert sorted(f.nombre for f in filas) == ["Rojo", "Verde"]


@pytest.mark.ambos_motores
def test_ordenar_por_proximo_contacto_pone_primero_lo_mas_vencido(ctx):
    _clientes_por_alerta(ctx)
    filas = clientes.list_(ctx, clientes.Filtro(orden="proximo"))
    assert [f.nombre for f in filas] == ["Rojo", "Amarillo hoy", "Amarillo mañana", "Verde", "Cancelado"]


@pytest.mark.ambos_motores
def test_orden_desconocido_es_invalido(ctx):
    with pytest.raises(DatoInvalido, match="orden"):
        clientes.list_(ctx, clientes.Filtro(orden="edad"))


def test_filtrar_por_etapa(ctx):
    clientes.add(ctx, "Ana García")
    clientes.add(ctx, "Beto Ruiz", etapa="apartado")
    assert [f.nombre for f in clientes.list_(ctx, clientes.Filtro(etapa=Etapa.APARTADO))] == ["Beto Ruiz"]


def test_filtrar_por_temperatura(ctx):
    clientes.add(ctx, "Ana García", temperatura="caliente")
    clientes.add(ctx, "Beto Ruiz")
    filas = clientes.list_(ctx, clientes.Filtro(temperatura=Temperatura.CALIENTE))
    assert [f.nombre for f in filas] == ["Ana García"]


@pytest.mark.ambos_motores
def test_lista_se_pagina(ctx):
    for letra in "abcde":
        clientes.add(ctx, f"Cliente {letra}")
    pagina = clientes.list_(ctx, clientes.Filtro(), offset=2, limit=2)
    assert [f.nombre for f in pagina] == ["Cliente c", "Cliente d"]


@pytest.mark.ambos_motores
def test_lista_ordena_por_nombre_sin_importar_acentos(ctx):
    for nombre in ("Óscar", "Beto", "Ángel", "carla"):
        clientes.add(ctx, nombre)
    assert [f.nombre for f in clientes.list_(ctx, clientes.Filtro())] == ["Ángel", "Beto", "carla", "Óscar"]


def test_fila_muestra_el_telefono_principal(ctx):
    clientes.add(ctx, "Ana García", telefonos=["5512345678", "8123456789"])
    [fila] = clientes.list_(ctx, clientes.Filtro())
    assert fila.telefono == "5512345678"


# ---------------------------------------------------------------- cold clients


def _frios(ctx, **kwargs) -> list[str]:
    return sorted(f.nombre for f in clientes.list_(ctx, clientes.Filtro(frios=True, **kwargs)))


def test_cliente_sin_actividad_7_dias_es_frio(ctx):
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 16, 9, 0))
    assert _frios(ctx) == ["Ana García"]


def test_cliente_con_actividad_hace_6_dias_no_es_frio(ctx):
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 17, 18, 0))
    assert _frios(ctx) == []


def test_cliente_nunca_contactado_desde_hace_mas_de_7_dias_es_frio(ctx):
    clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 10))
    assert _frios(ctx) == ["Ana García"]


def test_cliente_nuevo_de_hoy_no_es_frio(ctx):
    clientes.add(ctx, "Ana García")
    assert _frios(ctx) == []


def test_cliente_con_primer_contacto_hace_7_dias_sin_actividad_es_frio(ctx):
    clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 16))
    assert _frios(ctx) == ["Ana García"]


def test_cliente_con_actividad_hace_7_dias_por_la_tarde_es_frio(ctx):
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 16, 17, 0))
    assert _frios(ctx) == ["Ana García"]


def test_dias_de_frio_son_configurables(ctx):
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 11, 1))
    actividades.llamada(ctx, ana, "contestó-interesado", fecha=datetime(2026, 11, 19, 9, 0))
    assert _frios(ctx) == []
    assert _frios(ctx, dias=3) == ["Ana García"]


def test_clientes_no_prospectos_no_son_frios(ctx):
    for etapa in ("apartado", "escriturado", "entregado"):
        clientes.add(ctx, f"Cliente {etapa}", etapa=etapa, primer_contacto=date(2026, 10, 1))
    cancelado = clientes.add(ctx, "Cliente cancelado", primer_contacto=date(2026, 10, 1))
    clientes.cambiar_etapa(ctx, cancelado, "cancelado", motivo="se mudó")
    clientes.add(ctx, "Prospecto olvidado", primer_contacto=date(2026, 10, 1))
    assert _frios(ctx) == ["Prospecto olvidado"]


def test_clientes_frios_de_otro_asesor_no_cuentan(ctx, ctx_luis):
    clientes.add(ctx_luis, "Beto Ruiz", primer_contacto=date(2026, 10, 1))
    assert _frios(ctx) == []


def test_cambio_de_temperatura_no_saca_a_un_prospecto_de_frios(ctx):
    ana = clientes.add(ctx, "Ana García", primer_contacto=date(2026, 10, 1))
    clientes.cambiar_temperatura(ctx, ana, "caliente")
    assert _frios(ctx) == ["Ana García"]


# ---------------------------------------------------------------- ficha


def test_ficha_muestra_referidos_y_quien_lo_refirio(ctx):
    beto = clientes.add(ctx, "Beto Ruiz")
    ana = clientes.add(ctx, "Ana García", referido_por=str(beto.id))
    ficha_beto = clientes.ficha(ctx, beto)
    ficha_ana = clientes.ficha(ctx, ana)
    assert ficha_beto.referidos == [(ana.id, "Ana García")]
    assert ficha_ana.referido_por == (beto.id, "Beto Ruiz")


def test_ficha_muestra_telefonos_alerta_y_cadencia(ctx):
    ana = clientes.add(ctx, "Ana García", telefonos=["8123456789"], temperatura="caliente")
    ficha = clientes.ficha(ctx, ana)
    assert ficha.telefonos == ["8123456789"]
    assert ficha.dias_cadencia == 3
    assert ficha.alerta is Alerta.VERDE
    assert ficha.asesor == ctx.asesor.nombre


def test_conteo_con_tope_deja_de_contar_en_el_tope(ctx):
    for i in range(5):
        clientes.add(ctx, f"Pérez Número {i}")
    filtro = clientes.Filtro(buscar="perez")
    assert clientes.count(ctx, filtro) == 5
    assert clientes.count(ctx, filtro, hasta=3) == 3
    assert clientes.count(ctx, filtro, hasta=10) == 5


@pytest.mark.ambos_motores
def test_orden_inactivo_pone_primero_a_los_nunca_contactados_y_luego_al_mas_antiguo(ctx):
    nunca = clientes.add(ctx, "Nunca Contactado", primer_contacto=date(2026, 11, 1))
    viejo = clientes.add(ctx, "Contacto Viejo", primer_contacto=date(2026, 10, 1))
    reciente = clientes.add(ctx, "Contacto Reciente", primer_contacto=date(2026, 10, 1))
    actividades.llamada(ctx, viejo, "no-contestó", fecha=datetime(2026, 11, 2, 9, 0))
    actividades.llamada(ctx, reciente, "no-contestó", fecha=datetime(2026, 11, 10, 9, 0))
    filas = clientes.list_(ctx, clientes.Filtro(orden="inactivo"))
    assert [f.id for f in filas] == [nunca.id, viejo.id, reciente.id]


def test_busqueda_de_varias_palabras_exige_todas(ctx):
    clientes.add(ctx, "María José Treviño")
    clientes.add(ctx, "María Fernanda López")
    clientes.add(ctx, "José Luis María Garza")
    assert sorted(_buscar(ctx, "maria jose")) == ["José Luis María Garza", "María José Treviño"]
    assert _buscar(ctx, "maria jose trev") == ["María José Treviño"]


@pytest.mark.ambos_motores
def test_duplicado_no_nombra_banderas_de_la_linea_de_comandos(ctx):
    clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])
    with pytest.raises(Duplicado) as error:
        clientes.add(ctx, "Juan P.", telefonos=["81 2345 6789"])
    assert "--" not in error.value.mensaje
    assert error.value.mensaje_cli.endswith("usa --forzar si de verdad es otra persona.")


def test_busqueda_de_una_letra_o_dos_digitos_filtra_igual(ctx):
    clientes.add(ctx, "María José Treviño", telefonos=["8123456789"])
    clientes.add(ctx, "Pedro Páramo", telefonos=["5512345678"])
    clientes.add(ctx, "José Luis Garza", telefonos=["3312345678"])
    assert _buscar(ctx, "p") == ["Pedro Páramo"]
    assert _buscar(ctx, "81") == ["María José Treviño"]
    assert sorted(_buscar(ctx, "j")) == ["José Luis Garza", "María José Treviño"]
    assert clientes.count(ctx, clientes.Filtro(buscar="j")) == 2


def test_busqueda_mezcla_palabra_y_letra_exige_ambas(ctx):
    clientes.add(ctx, "María José Treviño")
    clientes.add(ctx, "María Fernanda López")
    assert _buscar(ctx, "maria j") == ["María José Treviño"]
    assert _buscar(ctx, "f maria") == ["María Fernanda López"]
