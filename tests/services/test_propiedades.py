"""The inventory: adding and editing properties, finding them by key, the list and its
filters, sharing a property with a client (WhatsApp, e-mail, PDF, in person) and importing
a developer's price list."""

from __future__ import annotations

import email
import io
from datetime import date
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from sqlmodel import col, func, select

from a3tui import services
from a3tui.domain import EstadoPropiedad, MedioEnvio, TipoActividad
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.models import Actividad, Propiedad, PropiedadMostrada
from a3tui.services import actividades, apartados, clientes, envios, expediente, propiedades, reportes
from a3tui.services.propiedades import FilaDePrecios, FiltroPropiedades

from .ayuda import volcado

HOY = date(2026, 11, 23)


def _casa(ctx, clave: str = "CUM-A-12", **datos) -> Propiedad:
    """Cumbres, modelo Roble: $1,250,000, 3 recámaras, 120.5 m² (unless ``datos`` says otherwise)."""
    valores = {
        "desarrollo": "Cumbres",
        "modelo": "Roble",
        "precio_centavos": 125_000_000,
        "recamaras": 3,
        "plantas": 2,
        "m2": 120.5,
        "direccion": "Av. Roble 12, Monterrey",
    }
    valores.update(datos)
    return propiedades.add(ctx, clave, **valores)


def _juan(ctx, **datos):
    datos.setdefault("telefonos", ["81 2345 6789"])
    datos.setdefault("email", "juan.perez@correo.com")
    return clientes.add(ctx, "Juan Pérez", **datos)


def _claves(ctx, **filtro) -> list[str]:
    return [f.clave for f in propiedades.list_(ctx, FiltroPropiedades(**filtro))]


def _mostradas(ctx) -> list[PropiedadMostrada]:
    return list(ctx.session.exec(select(PropiedadMostrada).order_by(col(PropiedadMostrada.id))).all())


def _texto_whatsapp(enlace: str) -> str:
    return parse_qs(urlsplit(enlace).query)["text"][0]


# ---------------------------------------------------------------- add


@pytest.mark.ambos_motores
def test_propiedad_nueva_queda_disponible(ctx):
    assert _casa(ctx).estado == EstadoPropiedad.DISPONIBLE


def test_propiedad_nueva_guarda_sus_datos(ctx):
    casa = _casa(ctx)
    assert (casa.desarrollo, casa.modelo, casa.precio_centavos, casa.recamaras, casa.plantas, casa.m2) == (
        "Cumbres",
        "Roble",
        125_000_000,
        3,
        2,
        120.5,
    )
    assert casa.direccion == "Av. Roble 12, Monterrey"


@pytest.mark.ambos_motores
def test_clave_se_guarda_en_mayusculas_y_sin_espacios_de_mas(ctx):
    assert _casa(ctx, "  cum-a-12 ").clave == "CUM-A-12"


def test_propiedad_nueva_toma_la_plaza_del_asesor(ctx):
    ctx.asesor.plaza = "Saltillo"
    assert _casa(ctx).plaza == "Saltillo"


def test_clave_repetida_se_rechaza_y_dice_como_editarla(ctx):
    _casa(ctx)
    with pytest.raises(DatoInvalido, match="Ya existe la propiedad CUM-A-12") as error:
        _casa(ctx, "cum-a-12", precio_centavos=130_000_000)
    assert "a3 propiedad edit CUM-A-12" in error.value.mensaje


@pytest.mark.parametrize("clave", ["CUM#12", "-CUM-12", "", "   ", "X" * 41])
def test_clave_invalida_se_rechaza(ctx, clave):
    with pytest.raises(DatoInvalido, match="clave"):
        _casa(ctx, clave)


def test_propiedad_sin_desarrollo_se_rechaza(ctx):
    with pytest.raises(DatoInvalido, match="desarrollo"):
        _casa(ctx, desarrollo="  ")


@pytest.mark.parametrize(
    "centavos",
    [-125_000_000, 0, 4_999_999, 50_000_000_100],
    ids=["negativo", "cero", "menos-de-50-mil", "mas-de-500-millones"],
)
def test_precio_negativo_o_absurdo_se_rechaza(ctx, centavos):
    with pytest.raises(DatoInvalido, match=r"El precio debe estar entre \$50,000 y \$500,000,000"):
        _casa(ctx, precio_centavos=centavos)


def test_propiedad_sin_precio_se_acepta(ctx):
    assert _casa(ctx, precio_centavos=None).precio_centavos is None


@pytest.mark.parametrize(("campo", "valor"), [("recamaras", -1), ("recamaras", 21), ("plantas", 0), ("plantas", 11)])
def test_recamaras_o_plantas_fuera_de_rango_se_rechazan(ctx, campo, valor):
    with pytest.raises(DatoInvalido, match="debe"):
        _casa(ctx, **{campo: valor})


def test_el_mensaje_de_recamaras_fuera_de_rango_concuerda_en_plural(ctx):
    with pytest.raises(DatoInvalido, match="Las recámaras deben estar entre 0 y 20"):
        _casa(ctx, recamaras=-1)


@pytest.mark.parametrize("m2", [-5, 0, 9.99, 100_001])
def test_m2_absurdos_se_rechazan(ctx, m2):
    with pytest.raises(DatoInvalido, match="m²"):
        _casa(ctx, m2=m2)


@pytest.mark.ambos_motores
def test_propiedad_rechazada_no_cambia_nada_en_la_base(store, ahora):
    with store.session() as session:
        _casa(services.contexto(session, "ana", ahora))
    antes = volcado(store)
    with pytest.raises(DatoInvalido), store.session() as session:
        _casa(services.contexto(session, "ana", ahora), "CUM-A-14", precio_centavos=-1)
    assert volcado(store) == antes


# ---------------------------------------------------------------- edit


def test_editar_cambia_solo_lo_indicado(ctx):
    casa = _casa(ctx)
    propiedades.edit(ctx, casa, precio_centavos=129_000_000)
    assert casa.precio_centavos == 129_000_000
    assert (casa.modelo, casa.recamaras, casa.m2) == ("Roble", 3, 120.5)


def test_editar_con_texto_vacio_borra_el_modelo(ctx):
    casa = _casa(ctx)
    propiedades.edit(ctx, casa, modelo="")
    assert casa.modelo is None


def test_editar_el_modelo_lo_vuelve_buscable(ctx):
    casa = _casa(ctx, direccion=None)
    propiedades.edit(ctx, casa, modelo="Encino")
    assert _claves(ctx, buscar="encino") == ["CUM-A-12"]
    assert _claves(ctx, buscar="roble") == []


@pytest.mark.ambos_motores
def test_editar_con_precio_invalido_no_cambia_nada_en_la_base(store, ahora):
    with store.session() as session:
        _casa(services.contexto(session, "ana", ahora))
    antes = volcado(store)
    with pytest.raises(DatoInvalido), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        casa = propiedades.get(ctx, "CUM-A-12")
        propiedades.edit(ctx, casa, modelo="Encino", precio_centavos=-5)
    assert volcado(store) == antes


# ---------------------------------------------------------------- get by key


@pytest.mark.ambos_motores
def test_buscar_por_clave_ignora_mayusculas_y_espacios(ctx):
    casa = _casa(ctx)
    assert propiedades.get(ctx, "  cum-a-12 ") is casa


def test_clave_inexistente_sugiere_las_mas_parecidas(ctx):
    _casa(ctx, "CUM-A-12")
    _casa(ctx, "CUM-A-14")
    _casa(ctx, "VAL-B-201", desarrollo="Valle Alto")
    with pytest.raises(NoEncontrado, match="«CUM-A12»") as error:
        propiedades.get(ctx, "CUM-A12")
    assert "¿quisiste decir CUM-A-12" in error.value.mensaje
    assert "VAL-B-201" not in error.value.mensaje


@pytest.mark.ambos_motores
def test_clave_sin_parecidas_dice_como_buscarla(ctx):
    _casa(ctx)
    with pytest.raises(NoEncontrado, match="No existe la propiedad con clave «ZZZ-999»") as error:
        propiedades.get(ctx, "ZZZ-999")
    assert "a3 propiedad list --buscar" in error.value.mensaje_cli


# ---------------------------------------------------------------- list


@pytest.fixture
def inventario(ctx):
    """Four units in two developments, one reserved."""
    _casa(ctx, "CUM-A-14", precio_centavos=140_000_000, recamaras=3)
    _casa(ctx, "CUM-A-12")
    _casa(
        ctx, "VAL-B-201", desarrollo="Valle Alto", modelo="Ciprés", precio_centavos=189_000_000, recamaras=4,
        direccion="Calle Encino 201, García",
    )  # fmt: skip
    sj = _casa(ctx, "SJ-101", desarrollo="Colinas de San José", modelo="Nogal", precio_centavos=98_000_000, recamaras=2)
    apartados.crear(ctx, clientes.add(ctx, "Rosa Díaz"), sj, 2_000_000)
    return ctx


@pytest.mark.ambos_motores
def test_lista_ordena_por_desarrollo_y_clave(inventario):
    assert _claves(inventario) == ["SJ-101", "CUM-A-12", "CUM-A-14", "VAL-B-201"]


@pytest.mark.ambos_motores
def test_lista_filtra_por_desarrollo_sin_importar_mayusculas(inventario):
    assert _claves(inventario, desarrollo="valle") == ["VAL-B-201"]


@pytest.mark.ambos_motores
def test_lista_filtra_por_desarrollo_sin_importar_acentos(inventario):
    assert _claves(inventario, desarrollo="san jose") == ["SJ-101"]


def test_lista_por_desarrollo_toma_el_porcentaje_como_texto(inventario):
    assert _claves(inventario, desarrollo="%") == []


def test_lista_filtra_por_estado(inventario):
    assert _claves(inventario, estado=EstadoPropiedad.APARTADA) == ["SJ-101"]
    assert "SJ-101" not in _claves(inventario, estado=EstadoPropiedad.DISPONIBLE)


def test_lista_filtra_por_precio_maximo_incluyendolo(inventario):
    assert _claves(inventario, precio_max_centavos=125_000_000) == ["SJ-101", "CUM-A-12"]


def test_lista_filtra_por_recamaras(inventario):
    assert _claves(inventario, recamaras=3) == ["CUM-A-12", "CUM-A-14"]


@pytest.mark.ambos_motores
def test_buscar_ignora_acentos_y_mayusculas(inventario):
    assert _claves(inventario, buscar="JOSE") == ["SJ-101"]
    assert _claves(inventario, buscar="cipres") == ["VAL-B-201"]


@pytest.mark.ambos_motores
def test_buscar_encuentra_por_direccion(inventario):
    assert _claves(inventario, buscar="encino") == ["VAL-B-201"]


@pytest.mark.ambos_motores
def test_buscar_encuentra_por_parte_de_la_clave(inventario):
    assert _claves(inventario, buscar="a-14") == ["CUM-A-14"]


@pytest.mark.ambos_motores
def test_buscar_solo_puntuacion_no_encuentra_nada(inventario):
    assert _claves(inventario, buscar="%*") == []


def test_contar_cuenta_lo_que_el_filtro_muestra(inventario):
    assert propiedades.count(inventario, FiltroPropiedades(desarrollo="cumbres")) == 2


# ---------------------------------------------------------------- sharing


def test_compartir_por_whatsapp_da_un_enlace_wa_me_al_telefono_del_cliente(ctx):
    compartida = envios.compartir(ctx, _casa(ctx), _juan(ctx), "whatsapp")
    assert compartida.enlace is not None
    assert compartida.enlace.startswith("https://wa.me/528123456789?text=")


def test_el_mensaje_de_whatsapp_dice_desarrollo_modelo_precio_recamaras_y_m2(ctx):
    compartida = envios.compartir(ctx, _casa(ctx), _juan(ctx), "WhatsApp")
    texto = _texto_whatsapp(compartida.enlace or "")
    assert texto.startswith("Hola Juan,")
    for parte in ("Cumbres", "modelo Roble", "CUM-A-12", "$1,250,000", "3 recámaras", "120.5 m²"):
        assert parte in texto, (parte, texto)


def test_el_mensaje_de_whatsapp_lleva_el_mensaje_del_asesor(ctx):
    compartida = envios.compartir(ctx, _casa(ctx), _juan(ctx), "whatsapp", mensaje="Tiene jardín & cochera")
    assert "Tiene jardín & cochera" in _texto_whatsapp(compartida.enlace or "")


def test_compartir_por_whatsapp_usa_el_primer_telefono_del_cliente(ctx):
    juan = _juan(ctx, telefonos=["55 1234 5678", "81 2345 6789"])
    compartida = envios.compartir(ctx, _casa(ctx), juan, "whatsapp")
    assert (compartida.enlace or "").startswith("https://wa.me/525512345678?")


def test_compartir_por_whatsapp_sin_telefono_se_rechaza_sin_cambiar_nada(store, ahora):
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        _casa(ctx)
        clientes.add(ctx, "Juan Pérez", email="juan@correo.com")
    antes = volcado(store)
    with pytest.raises(DatoInvalido, match="no tiene teléfono"), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        envios.compartir(ctx, propiedades.get(ctx, "CUM-A-12"), clientes.resolve(ctx, "juan"), "whatsapp")
    assert volcado(store) == antes


def test_compartir_por_email_da_un_borrador_eml_con_la_ficha_en_pdf(ctx):
    compartida = envios.compartir(ctx, _casa(ctx), _juan(ctx), "email")
    assert compartida.nombre_archivo is not None
    assert compartida.nombre_archivo.endswith(".eml")
    correo = email.message_from_bytes(compartida.archivo or b"")
    assert correo["To"] == "juan.perez@correo.com"
    assert "CUM-A-12" in correo["Subject"]
    [adjunto] = [p for p in correo.walk() if p.get_content_type() == "application/pdf"]
    assert adjunto.get_filename() == "ficha-CUM-A-12.pdf"
    assert adjunto.get_payload(decode=True).startswith(b"%PDF")


def test_el_borrador_lleva_la_fecha_del_reloj_de_a3(ctx):
    """The draft's Date is the share's moment (a3's clock), not the machine's."""
    from email.utils import parsedate_to_datetime

    compartida = envios.compartir(ctx, _casa(ctx), _juan(ctx), "email")
    fecha = parsedate_to_datetime(email.message_from_bytes(compartida.archivo or b"")["Date"])
    assert fecha.replace(tzinfo=None) == ctx.ahora


def test_el_cuerpo_del_email_describe_la_propiedad(ctx):
    compartida = envios.compartir(ctx, _casa(ctx), _juan(ctx), "email")
    correo = email.message_from_bytes(compartida.archivo or b"")
    [cuerpo] = [p for p in correo.walk() if p.get_content_type() == "text/plain"]
    texto = cuerpo.get_payload(decode=True).decode("utf-8")
    assert "$1,250,000" in texto
    assert "3 recámaras" in texto


def test_compartir_por_email_da_un_enlace_mailto(ctx):
    compartida = envios.compartir(ctx, _casa(ctx), _juan(ctx), "email")
    enlace = compartida.enlace or ""
    assert enlace.startswith("mailto:juan.perez@correo.com?subject=")
    assert "$1,250,000" in unquote(enlace)


def test_compartir_por_email_sin_email_se_rechaza(ctx):
    juan = _juan(ctx, email=None)
    with pytest.raises(DatoInvalido, match="no tiene email"):
        envios.compartir(ctx, _casa(ctx), juan, "email")
    assert _mostradas(ctx) == []


@pytest.mark.ambos_motores
def test_compartir_por_pdf_da_una_ficha_de_una_pagina_con_los_datos_y_el_asesor(ctx):
    from pypdf import PdfReader

    ctx.asesor.nombre = "Ana Torres"
    compartida = envios.compartir(ctx, _casa(ctx), _juan(ctx), "pdf")
    assert compartida.nombre_archivo == "ficha-CUM-A-12.pdf"
    lector = PdfReader(io.BytesIO(compartida.archivo or b""))
    assert len(lector.pages) == 1
    texto = lector.pages[0].extract_text()
    for parte in ("Cumbres", "Roble", "CUM-A-12", "$1,250,000", "Av. Roble 12", "Ana Torres"):
        assert parte in texto, (parte, texto)


def test_compartir_en_persona_no_da_enlace_ni_archivo(ctx):
    compartida = envios.compartir(ctx, _casa(ctx), _juan(ctx), "persona")
    assert compartida.medio == MedioEnvio.EN_PERSONA
    assert compartida.enlace is None
    assert compartida.archivo is None


@pytest.mark.parametrize("medio", ["whatsapp", "email", "pdf", "en persona"])
def test_cada_compartida_escribe_una_propiedad_mostrada(ctx, medio):
    juan = _juan(ctx)
    casa = _casa(ctx)
    envios.compartir(ctx, casa, juan, medio)
    [mostrada] = _mostradas(ctx)
    assert (mostrada.cliente_id, mostrada.propiedad_id, mostrada.medio) == (juan.id, casa.id, medio)
    assert mostrada.fecha == ctx.ahora


def test_compartir_queda_en_el_historial_del_cliente(ctx):
    juan = _juan(ctx)
    envios.compartir(ctx, _casa(ctx), juan, "whatsapp", mensaje="Con vista al cerro")
    [entrada] = actividades.list_(ctx, juan)
    # Issue 28: a share is a message to the client (it was a system line: «Última actividad:
    # nunca», and not one of the week's activities).
    assert entrada.actividad.tipo == TipoActividad.MENSAJE
    assert entrada.actividad.contenido == "Ficha de CUM-A-12 por WhatsApp: Con vista al cerro"
    assert _mostradas(ctx)[0].actividad_id == entrada.actividad.id
    assert juan.ultima_actividad == ctx.ahora
    [semana] = [k for k in reportes.kpis(ctx) if k.nombre == "Actividades esta semana"]
    assert semana.valor == 1


def test_compartir_por_email_es_un_email_y_en_persona_una_linea_del_sistema(ctx):
    juan = _juan(ctx)
    casa = _casa(ctx)
    envios.compartir(ctx, casa, juan, "email")
    envios.compartir(ctx, casa, juan, "persona")
    tipos = [e.actividad.tipo for e in actividades.list_(ctx, juan)]
    assert sorted(tipos) == sorted([TipoActividad.EMAIL, TipoActividad.SISTEMA])


def test_compartir_en_persona_se_lee_bien_en_el_historial(ctx):
    juan = _juan(ctx)
    envios.compartir(ctx, _casa(ctx), juan, "persona")
    assert "por en persona" not in (actividades.list_(ctx, juan)[0].actividad.detalle or "")


def test_compartir_aparece_en_las_propiedades_mostradas_del_expediente(ctx):
    juan = _juan(ctx)
    envios.compartir(ctx, _casa(ctx), juan, "pdf")
    [fila] = expediente.get(ctx, juan).propiedades
    assert (fila.clave, fila.medio, fila.precio_centavos) == ("CUM-A-12", MedioEnvio.PDF, 125_000_000)


def test_compartir_por_un_medio_desconocido_se_rechaza(ctx):
    with pytest.raises(DatoInvalido, match="«fax»"):
        envios.compartir(ctx, _casa(ctx), _juan(ctx), "fax")
    assert _mostradas(ctx) == []


def test_compartir_con_un_cliente_cancelado_se_rechaza(ctx):
    juan = _juan(ctx)
    clientes.cambiar_etapa(ctx, juan, "cancelado", motivo="compró en otro lado")
    with pytest.raises(DatoInvalido, match="cancelado"):
        envios.compartir(ctx, _casa(ctx), juan, "whatsapp")
    assert _mostradas(ctx) == []


def test_compartir_una_propiedad_apartada_avisa_pero_se_registra(ctx):
    casa = _casa(ctx)
    apartados.crear(ctx, clientes.add(ctx, "Rosa Díaz"), casa, 2_000_000)
    compartida = envios.compartir(ctx, casa, _juan(ctx), "persona")
    assert compartida.avisos == ["Ojo: CUM-A-12 está apartada."]
    assert len(_mostradas(ctx)) == 1


def test_las_propiedades_de_una_reunion_son_propiedades_mostradas_en_persona(ctx):
    juan = _juan(ctx)
    casa = _casa(ctx)
    registro = actividades.reunion(ctx, juan, "muy-interesado", propiedades=["cum-a-12"])
    [mostrada] = _mostradas(ctx)
    assert (mostrada.propiedad_id, mostrada.medio, mostrada.actividad_id) == (
        casa.id,
        MedioEnvio.EN_PERSONA,
        registro.actividad.id,
    )


def test_detalle_dice_a_quien_se_le_mostro_por_reunion_y_por_whatsapp(ctx):
    juan = _juan(ctx)
    casa = _casa(ctx)
    envios.compartir(ctx, casa, juan, "whatsapp")
    actividades.reunion(ctx, juan, "muy-interesado", propiedades=["CUM-A-12"])
    detalle = propiedades.detalle(ctx, casa)
    assert sorted((m.cliente, m.medio.value) for m in detalle.mostrada) == [
        ("Juan Pérez", "en persona"),
        ("Juan Pérez", "whatsapp"),
    ]


def test_detalle_trae_los_apartados_de_la_propiedad(ctx):
    casa = _casa(ctx)
    rosa = clientes.add(ctx, "Rosa Díaz")
    apartado = apartados.crear(ctx, rosa, casa, 2_000_000)
    apartados.cancelar(ctx, apartado, "no le dieron el crédito")
    apartados.crear(ctx, _juan(ctx), casa, 2_500_000)
    detalle = propiedades.detalle(ctx, casa)
    assert [(a.cliente, a.monto_centavos, a.estado.value) for a in detalle.apartados] == [
        ("Juan Pérez", 2_500_000, "activo"),
        ("Rosa Díaz", 2_000_000, "cancelado"),
    ]


# ---------------------------------------------------------------- import


def _fila(numero: int, clave: str, precio="1250000", **otros) -> FilaDePrecios:
    valores = {"clave": clave, "desarrollo": "Valle Alto", "modelo": "Almendro", "precio": precio}
    valores.update(otros)
    return FilaDePrecios(numero, valores)


LISTA = [
    _fila(2, "VAL-A-101", 1250000, recamaras=2, m2=68.5),
    _fila(3, "VAL-A-102", "$1,275,000", recamaras="2", m2="68.5"),
    _fila(4, "VAL-B-201", 1890000.0, modelo="Ciprés", recamaras=3, plantas=2, m2=96.2),
]


def test_importar_agrega_las_claves_nuevas(ctx):
    resultado = propiedades.importar(ctx, LISTA)
    assert resultado.nuevas == ["VAL-A-101", "VAL-A-102", "VAL-B-201"]
    assert propiedades.get(ctx, "VAL-A-102").precio_centavos == 127_500_000
    assert propiedades.get(ctx, "VAL-B-201").modelo == "Ciprés"


def test_importar_actualiza_las_que_cambiaron(ctx):
    propiedades.importar(ctx, LISTA)
    resultado = propiedades.importar(ctx, [_fila(2, "val-a-101", 1260000, recamaras=2, m2=68.5), *LISTA[1:]])
    assert resultado.actualizadas == ["VAL-A-101"]
    assert resultado.sin_cambios == ["VAL-A-102", "VAL-B-201"]
    assert propiedades.get(ctx, "VAL-A-101").precio_centavos == 126_000_000


@pytest.mark.ambos_motores
def test_reimportar_la_misma_lista_no_cambia_nada(store, ahora):
    with store.session() as session:
        propiedades.importar(services.contexto(session, "ana", ahora), LISTA)
    antes = volcado(store)
    with store.session() as session:
        resultado = propiedades.importar(services.contexto(session, "ana", ahora), LISTA)
    assert (resultado.nuevas, resultado.actualizadas, resultado.errores) == ([], [], [])
    assert resultado.sin_cambios == ["VAL-A-101", "VAL-A-102", "VAL-B-201"]
    assert volcado(store) == antes


def test_importar_reporta_fila_y_columna_de_un_precio_negativo(ctx):
    resultado = propiedades.importar(ctx, [*LISTA, _fila(5, "CUM-R-16", -2780000)])
    [(fila, columna, razon)] = resultado.errores
    assert (fila, columna) == (5, "precio")
    assert "El precio debe estar entre" in razon


def test_importar_no_escribe_nada_de_una_fila_mala(ctx):
    propiedades.importar(ctx, [*LISTA, _fila(5, "CUM-R-16", -2780000)])
    with pytest.raises(NoEncontrado):
        propiedades.get(ctx, "CUM-R-16")
    assert ctx.session.exec(select(func.count()).select_from(Propiedad)).one() == 3


def test_importar_reporta_una_clave_repetida_en_el_archivo(ctx):
    resultado = propiedades.importar(ctx, [*LISTA, _fila(9, "VAL-A-101", 1260000)])
    assert resultado.errores == [(9, "clave", "la clave VAL-A-101 se repite en el archivo")]
    assert propiedades.get(ctx, "VAL-A-101").precio_centavos == 125_000_000


@pytest.mark.parametrize(
    ("otros", "columna"),
    [
        ({"recamaras": "2.5"}, "recamaras"),
        ({"recamaras": "muchas"}, "recamaras"),
        ({"m2": "-10"}, "m2"),
        ({"desarrollo": ""}, "desarrollo"),
        ({"clave": "A#1"}, "clave"),
        ({"precio": "caro"}, "precio"),
    ],
)
def test_importar_reporta_la_columna_de_cada_dato_malo(ctx, otros, columna):
    valores = {"clave": "VAL-C-1", "desarrollo": "Valle Alto", "precio": "1250000", **otros}
    resultado = propiedades.importar(ctx, [FilaDePrecios(7, valores)])
    assert [(f, c) for f, c, _razon in resultado.errores] == [(7, columna)]
    assert resultado.nuevas == []


@pytest.mark.parametrize(("campo", "valor"), [("recamaras", "NaN"), ("plantas", "inf")])
def test_importar_un_numero_que_no_es_finito_se_reporta_en_su_fila(ctx, campo, valor):
    valores = {"clave": "VAL-C-1", "desarrollo": "Valle Alto", campo: valor}
    resultado = propiedades.importar(ctx, [FilaDePrecios(4, valores)])
    assert [(f, c) for f, c, _razon in resultado.errores] == [(4, campo)]


def test_importar_una_celda_vacia_no_borra_el_dato_guardado(ctx):
    propiedades.importar(ctx, LISTA)
    resultado = propiedades.importar(ctx, [FilaDePrecios(2, {"clave": "VAL-A-101", "desarrollo": "Valle Alto"})])
    assert resultado.sin_cambios == ["VAL-A-101"]
    assert propiedades.get(ctx, "VAL-A-101").precio_centavos == 125_000_000


@pytest.mark.ambos_motores
def test_importar_simulado_no_cambia_nada_en_la_base(store, ahora):
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        propiedades.importar(ctx, LISTA[:1])
    antes = volcado(store)
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        resultado = propiedades.importar(ctx, [_fila(2, "VAL-A-101", 1300000), *LISTA[1:]], simular=True)
    assert resultado.nuevas == ["VAL-A-102", "VAL-B-201"]
    assert resultado.actualizadas == ["VAL-A-101"]
    assert volcado(store) == antes


def test_importar_no_cambia_el_estado_de_una_propiedad_apartada(ctx):
    propiedades.importar(ctx, LISTA)
    casa = propiedades.get(ctx, "VAL-A-101")
    apartados.crear(ctx, _juan(ctx), casa, 2_000_000)
    propiedades.importar(ctx, [_fila(2, "VAL-A-101", 1260000)])
    assert casa.estado == EstadoPropiedad.APARTADA
    assert casa.precio_centavos == 126_000_000


def test_importar_no_escribe_en_el_historial_de_nadie(ctx):
    propiedades.importar(ctx, LISTA)
    assert ctx.session.exec(select(func.count()).select_from(Actividad)).one() == 0
