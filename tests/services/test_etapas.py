"""The checklist of each stage («Qué hacer»): steps a3 ticks by itself from what it knows
(a property shown, a WhatsApp share, a meeting, documents complete, referrals, a motivo,
follow-up on time) and steps the advisor ticks by hand."""

from __future__ import annotations

from datetime import date

import pytest

from a3tui import services
from a3tui.errors import DatoInvalido
from a3tui.services import actividades, apartados, clientes, documentos, envios, etapas, expediente, propiedades

from .ayuda import apartar, documentos_completos, escriturar

HOY = date(2026, 11, 23)


@pytest.fixture
def juan(ctx):
    return clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"], email="juan@correo.com")


@pytest.fixture
def casa(ctx):
    return propiedades.add(ctx, "CUM-A-12", desarrollo="Cumbres", modelo="Roble", precio_centavos=125_000_000)


def _hechos(ctx, cliente) -> dict[str, bool]:
    return {p.clave: p.hecho for p in etapas.pasos(ctx, cliente)}


def _paso(ctx, cliente, clave: str) -> etapas.Paso:
    return next(p for p in etapas.pasos(ctx, cliente) if p.clave == clave)


# ---------------------------------------------------------------- the guide's steps per stage


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    ("llegar", "claves"),
    [
        ("prospecto", ["mostrar", "opciones", "cita", "seguimiento"]),
        ("apartado", ["documentos", "credito", "firma", "dudas"]),
        ("escriturado", ["fecha_entrega", "documentos_entrega", "detalles"]),
        ("entregado", ["postventa", "referidos", "relacion"]),
        ("cancelado", ["razon", "conservar"]),
    ],
)
def test_cada_etapa_tiene_los_pasos_de_la_guia(ctx, juan, llegar, claves):
    if llegar == "apartado":
        apartar(ctx, juan)
    elif llegar in ("escriturado", "entregado"):
        apartado = escriturar(ctx, juan)
        if llegar == "entregado":
            apartados.entregar(ctx, apartado)
    elif llegar == "cancelado":
        clientes.cambiar_etapa(ctx, juan, "cancelado", motivo="compró en otro lado")
    assert [p.clave for p in etapas.pasos(ctx, juan)] == claves


def test_los_pasos_tienen_el_texto_de_la_guia(ctx, juan):
    assert [p.texto for p in etapas.pasos(ctx, juan)] == [
        "Mostrarle propiedades",
        "Enviar opciones por WhatsApp",
        "Agendar citas para visitas",
        "Dar seguimiento constante",
    ]


def test_prospecto_nuevo_no_tiene_ningun_paso_hecho(ctx, juan):
    """Issue 28: a client never contacted showed «Dar seguimiento constante» as done."""
    assert _hechos(ctx, juan) == {"mostrar": False, "opciones": False, "cita": False, "seguimiento": False}
    actividades.llamada(ctx, juan, "contestó-interesado")
    assert _hechos(ctx, juan)["seguimiento"] is True


# ---------------------------------------------------------------- ticked by what a3 knows


def test_mostrar_se_marca_solo_al_compartir_una_propiedad(ctx, juan, casa):
    envios.compartir(ctx, casa, juan, "persona")
    assert _hechos(ctx, juan)["mostrar"] is True
    assert _paso(ctx, juan, "mostrar").automatico is True


def test_opciones_se_marca_solo_al_compartir_por_whatsapp(ctx, juan, casa):
    envios.compartir(ctx, casa, juan, "whatsapp")
    assert _hechos(ctx, juan)["opciones"] is True


@pytest.mark.parametrize("medio", ["email", "pdf", "persona"])
def test_compartir_por_otro_medio_no_marca_opciones_por_whatsapp(ctx, juan, casa, medio):
    envios.compartir(ctx, casa, juan, medio)
    assert _hechos(ctx, juan)["opciones"] is False


def test_cita_se_marca_sola_con_una_reunion(ctx, juan):
    actividades.reunion(ctx, juan, "lo-pensará", lugar="oficina")
    assert _hechos(ctx, juan)["cita"] is True


def test_una_llamada_no_marca_la_cita(ctx, juan):
    actividades.llamada(ctx, juan, "contestó-interesado")
    assert _hechos(ctx, juan)["cita"] is False


def test_una_reunion_con_propiedades_marca_mostrar_y_cita(ctx, juan, casa):
    actividades.reunion(ctx, juan, "muy-interesado", propiedades=["CUM-A-12"])
    hechos = _hechos(ctx, juan)
    assert (hechos["mostrar"], hechos["cita"]) == (True, True)


def test_seguimiento_vencido_no_esta_hecho(ctx):
    rosa = clientes.add(ctx, "Rosa Díaz", primer_contacto=date(2026, 11, 1))
    assert rosa.proximo_contacto == date(2026, 11, 8)
    assert _hechos(ctx, rosa)["seguimiento"] is False


def test_documentos_se_marca_solo_con_los_documentos_completos(ctx, juan):
    apartar(ctx, juan)
    assert _hechos(ctx, juan)["documentos"] is False
    documentos_completos(ctx, juan)
    assert _hechos(ctx, juan)["documentos"] is True


def test_documentos_no_se_marca_con_un_comprobante_vencido(ctx, juan):
    apartar(ctx, juan)
    documentos_completos(ctx, juan, fecha=date(2026, 8, 22))
    assert _hechos(ctx, juan)["documentos"] is False


def test_documentos_no_se_marca_con_una_curp_invalida(ctx, juan):
    apartar(ctx, juan)
    documentos_completos(ctx, juan)
    juan.curp = "BOXW310820HNERXN08"
    assert _hechos(ctx, juan)["documentos"] is False


def test_referidos_se_marca_solo_cuando_el_cliente_refirio_a_alguien(ctx, juan):
    apartados.entregar(ctx, escriturar(ctx, juan))
    assert _hechos(ctx, juan)["referidos"] is False
    clientes.add(ctx, "Rosa Díaz", referido_por=str(juan.id))
    assert _hechos(ctx, juan)["referidos"] is True


def test_relacion_despues_de_la_entrega_sigue_el_seguimiento(ctx, juan):
    apartados.entregar(ctx, escriturar(ctx, juan))
    assert _hechos(ctx, juan)["relacion"] is False  # not a word with the client yet
    actividades.llamada(ctx, juan, "contestó-interesado")
    assert _hechos(ctx, juan)["relacion"] is True


def test_cancelado_con_motivo_tiene_la_razon_documentada(ctx, juan):
    clientes.cambiar_etapa(ctx, juan, "cancelado", motivo="compró en otro lado")
    assert _hechos(ctx, juan) == {"razon": True, "conservar": True}


def test_cancelado_sin_motivo_guardado_no_tiene_la_razon_documentada(ctx):
    rosa = clientes.add(ctx, "Rosa Díaz")
    clientes.cambiar_etapa(ctx, rosa, "cancelado", motivo="sin crédito")
    rosa.motivo_cancelacion = None  # a record from before motivos were asked
    assert _hechos(ctx, rosa)["razon"] is False


def test_la_etapa_sin_reglas_empieza_con_todo_por_hacer(ctx, juan):
    escriturar(ctx, juan)
    assert _hechos(ctx, juan) == {"fecha_entrega": False, "documentos_entrega": False, "detalles": False}


# ---------------------------------------------------------------- ticked by hand


def test_marcar_a_mano_un_paso_sin_regla(ctx, juan):
    apartar(ctx, juan)
    paso = etapas.marcar(ctx, juan, "credito")
    assert (paso.clave, paso.hecho, paso.automatico) == ("credito", True, False)
    assert _hechos(ctx, juan)["credito"] is True


def test_desmarcar_un_paso_marcado_a_mano(ctx, juan):
    apartar(ctx, juan)
    etapas.marcar(ctx, juan, "firma")
    assert etapas.marcar(ctx, juan, "firma", hecho=False).hecho is False
    assert _hechos(ctx, juan)["firma"] is False


@pytest.mark.ambos_motores
def test_marcar_a_mano_completa_un_paso_que_a3_no_ve_hecho(ctx, juan):
    apartar(ctx, juan)
    paso = etapas.marcar(ctx, juan, "documentos")
    assert (paso.hecho, paso.automatico) == (True, False)
    assert apartados.faltantes(ctx, juan) != []


def test_desmarcar_a_mano_gana_a_lo_que_a3_sabe(ctx, juan, casa):
    envios.compartir(ctx, casa, juan, "whatsapp")
    paso = etapas.marcar(ctx, juan, "opciones", hecho=False)
    assert (paso.hecho, paso.automatico) == (False, False)


@pytest.mark.ambos_motores
@pytest.mark.parametrize("escrito", ["Crédito", " CREDITO ", "credito"])
def test_el_paso_se_escribe_sin_importar_acentos_ni_mayusculas(ctx, juan, escrito):
    apartar(ctx, juan)
    assert etapas.marcar(ctx, juan, escrito).clave == "credito"


def test_un_paso_de_dos_palabras_se_escribe_con_espacio(ctx, juan):
    escriturar(ctx, juan)
    assert etapas.marcar(ctx, juan, "fecha entrega").clave == "fecha_entrega"


def test_un_paso_que_la_etapa_no_tiene_se_rechaza_nombrando_los_que_tiene(ctx, juan):
    with pytest.raises(DatoInvalido, match="La etapa prospecto no tiene el paso «credito»") as error:
        etapas.marcar(ctx, juan, "credito")
    assert "sus pasos son: mostrar, opciones, cita, seguimiento" in error.value.mensaje


def test_lo_marcado_en_una_etapa_no_pasa_a_la_siguiente(ctx, juan):
    etapas.marcar(ctx, juan, "cita")
    apartar(ctx, juan)
    clientes.cambiar_etapa(ctx, juan, "cancelado", motivo="sin crédito")
    clientes.cambiar_etapa(ctx, juan, "prospecto")
    assert _hechos(ctx, juan)["cita"] is True  # the prospect's own tick, kept for its stage
    apartar(ctx, juan, "VA-102")
    assert _hechos(ctx, juan)["credito"] is False


def test_lo_marcado_queda_guardado(store, ahora):
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        juan = clientes.add(ctx, "Juan Pérez")
        apartar(ctx, juan)
        etapas.marcar(ctx, juan, "dudas")
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        assert _hechos(ctx, clientes.resolve(ctx, "juan"))["dudas"] is True


def test_pendientes_cuenta_los_pasos_por_hacer(ctx, juan):
    apartar(ctx, juan)
    etapas.marcar(ctx, juan, "dudas")
    assert etapas.pendientes(ctx, juan) == 3


def test_el_expediente_trae_los_pasos_de_la_etapa(ctx, juan):
    apartar(ctx, juan)
    documentos.add(ctx, juan, "ine.pdf", b"%PDF-1.4 ine", "pdf", "ine")
    datos = expediente.get(ctx, juan)
    assert [p.clave for p in datos.pasos] == ["documentos", "credito", "firma", "dudas"]
    assert datos.faltantes == ["comprobante de domicilio de los últimos 3 meses (con su fecha)"]
