"""Value rules of a3 (domain.py): pure functions, no database."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from a3tui import domain
from a3tui.domain import (
    Alerta,
    Etapa,
    LugarReunion,
    Origen,
    Prioridad,
    ResultadoLlamada,
    ResultadoReunion,
    Temperatura,
    TipoActividad,
)
from a3tui.errors import A3Error, DatoInvalido

HOY = date(2026, 11, 23)  # a Monday
AHORA = datetime(2026, 11, 23, 10, 0)


# ---------------------------------------------------------------- fold and words


def test_fold_quita_acentos_y_minusculas():
    assert domain.fold("Pérez Ñandú ÁÉÍÓÚ Ü") == "perez nandu aeiou u"


def test_fold_deja_igual_texto_sin_acentos():
    assert domain.fold("garcia lopez") == "garcia lopez"


def test_words_separa_palabras_plegadas_sin_puntuacion():
    assert domain.words("  José-María  O'Brien, Jr. ") == ["jose", "maria", "o", "brien", "jr"]


# ---------------------------------------------------------------- parse_valor


def test_parse_valor_sin_acento_encuentra_valor_con_acento():
    assert domain.parse_valor(ResultadoLlamada, "contesto-interesado", "El resultado") is (
        ResultadoLlamada.CONTESTO_INTERESADO
    )


def test_parse_valor_ignora_mayusculas_y_acentos():
    assert domain.parse_valor(ResultadoLlamada, "NO-CONTESTÓ", "El resultado") is ResultadoLlamada.NO_CONTESTO


def test_parse_valor_acepta_espacios_en_lugar_de_guiones():
    assert domain.parse_valor(ResultadoLlamada, "contesto llamar despues", "x") is (
        ResultadoLlamada.CONTESTO_LLAMAR_DESPUES
    )


def test_parse_valor_acepta_guion_bajo_y_espacios_alrededor():
    assert domain.parse_valor(ResultadoReunion, "  lo_pensara ", "x") is ResultadoReunion.LO_PENSARA


def test_parse_valor_temperatura_frio_sin_acento():
    assert domain.parse_valor(Temperatura, "Frio", "La temperatura") is Temperatura.FRIO


def test_parse_valor_origen_con_guion_encuentra_valor_con_espacio():
    assert domain.parse_valor(Origen, "redes-sociales", "El origen") is Origen.REDES_SOCIALES


def test_parse_valor_lugar_reunion_sala_de_ventas():
    assert domain.parse_valor(LugarReunion, "Sala de Ventas", "El lugar") is LugarReunion.SALA_DE_VENTAS


def test_parse_valor_desconocido_nombra_los_valores_permitidos():
    with pytest.raises(DatoInvalido) as exc:
        domain.parse_valor(Prioridad, "urgente", "La prioridad")
    mensaje = str(exc.value)
    assert "urgente" in mensaje
    assert "La prioridad" in mensaje
    for valor in ("alta", "media", "baja"):
        assert valor in mensaje


def test_dato_invalido_es_a3error_con_mensaje():
    with pytest.raises(A3Error) as exc:
        domain.parse_valor(Etapa, "vendido", "La etapa")
    assert exc.value.mensaje == str(exc.value)


def test_valor_se_muestra_con_acentos():
    assert str(Temperatura.FRIO) == "frío"
    assert TipoActividad.REUNION.value == "reunión"


def test_etiqueta_legible_de_un_valor():
    assert ResultadoLlamada.CONTESTO_INTERESADO.etiqueta == "Contestó, interesado"
    assert ResultadoLlamada.NO_CONTESTO.etiqueta == "No contestó"
    assert ResultadoReunion.NO_LE_GUSTO.etiqueta == "No le gustó"


# ---------------------------------------------------------------- stage transitions

PERMITIDAS = {
    (Etapa.PROSPECTO, Etapa.APARTADO),
    (Etapa.PROSPECTO, Etapa.CANCELADO),
    (Etapa.APARTADO, Etapa.ESCRITURADO),
    (Etapa.APARTADO, Etapa.CANCELADO),
    (Etapa.ESCRITURADO, Etapa.ENTREGADO),
    (Etapa.ESCRITURADO, Etapa.CANCELADO),
    (Etapa.ENTREGADO, Etapa.CANCELADO),
    (Etapa.CANCELADO, Etapa.PROSPECTO),
}
TODOS_LOS_PARES = [(a, b) for a in Etapa for b in Etapa]


@pytest.mark.parametrize(
    ("actual", "nueva"), sorted(PERMITIDAS), ids=[f"{a.value}->{b.value}" for a, b in sorted(PERMITIDAS)]
)
def test_transicion_de_etapa_permitida(actual, nueva):
    domain.check_transicion(actual, nueva, "cambió de opinión")


REFUSADAS = sorted(p for p in TODOS_LOS_PARES if p not in PERMITIDAS)


@pytest.mark.parametrize(("actual", "nueva"), REFUSADAS, ids=[f"{a.value}->{b.value}" for a, b in REFUSADAS])
def test_transicion_de_etapa_rechazada(actual, nueva):
    with pytest.raises(DatoInvalido):
        domain.check_transicion(actual, nueva, "cambió de opinión")


def test_transicion_a_la_misma_etapa_dice_que_ya_esta():
    with pytest.raises(DatoInvalido, match="ya está en la etapa apartado"):
        domain.check_transicion(Etapa.APARTADO, Etapa.APARTADO, None)


def test_transicion_rechazada_nombra_las_etapas_permitidas():
    with pytest.raises(DatoInvalido) as exc:
        domain.check_transicion(Etapa.PROSPECTO, Etapa.ESCRITURADO, None)
    assert "apartado" in str(exc.value)
    assert "cancelado" in str(exc.value)


def test_cada_etapa_puede_cancelarse():
    for etapa in (Etapa.PROSPECTO, Etapa.APARTADO, Etapa.ESCRITURADO, Etapa.ENTREGADO):
        assert Etapa.CANCELADO in domain.TRANSICIONES[etapa]


def test_cancelado_solo_se_reactiva_como_prospecto():
    assert domain.TRANSICIONES[Etapa.CANCELADO] == frozenset({Etapa.PROSPECTO})


@pytest.mark.parametrize("motivo", [None, "", "   "])
def test_cancelar_sin_motivo_es_invalido(motivo):
    with pytest.raises(DatoInvalido, match="motivo"):
        domain.check_transicion(Etapa.PROSPECTO, Etapa.CANCELADO, motivo)


def test_cancelar_con_motivo_es_valido():
    domain.check_transicion(Etapa.ESCRITURADO, Etapa.CANCELADO, "no obtuvo crédito")


def test_reactivar_no_necesita_motivo():
    domain.check_transicion(Etapa.CANCELADO, Etapa.PROSPECTO, None)


# ---------------------------------------------------------------- cadence


@pytest.mark.parametrize(
    ("etapa", "temperatura", "dias"),
    [
        (Etapa.PROSPECTO, Temperatura.CALIENTE, 3),
        (Etapa.PROSPECTO, Temperatura.TIBIO, 7),
        (Etapa.PROSPECTO, Temperatura.FRIO, 21),
        (Etapa.APARTADO, None, 2),
        (Etapa.ESCRITURADO, None, 7),
        (Etapa.ENTREGADO, None, 30),
    ],
)
def test_cadencia_por_etapa_y_temperatura(etapa, temperatura, dias):
    assert domain.dias_cadencia(etapa, temperatura) == dias


def test_cancelado_no_tiene_cadencia():
    assert domain.dias_cadencia(Etapa.CANCELADO, None) is None


def test_prospecto_sin_temperatura_sigue_cadencia_tibio():
    assert domain.dias_cadencia(Etapa.PROSPECTO, None) == 7


def test_temperatura_no_cambia_cadencia_fuera_de_prospecto():
    assert domain.dias_cadencia(Etapa.APARTADO, Temperatura.CALIENTE) == 2


def test_cadencia_configurada_reemplaza_la_de_fabrica():
    cadencia = {**domain.CADENCIA_DEFAULT, "apartado": 5}
    assert domain.dias_cadencia(Etapa.APARTADO, None, cadencia) == 5


def test_proximo_contacto_es_ultima_actividad_mas_cadencia():
    ultima = datetime(2026, 11, 20, 18, 30)
    assert domain.proximo_contacto(Etapa.PROSPECTO, Temperatura.CALIENTE, ultima, date(2026, 1, 1)) == date(
        2026, 11, 23
    )


def test_proximo_contacto_sin_actividad_cuenta_desde_primer_contacto():
    assert domain.proximo_contacto(Etapa.APARTADO, None, None, date(2026, 11, 10)) == date(2026, 11, 12)


def test_proximo_contacto_de_cancelado_es_ninguno():
    assert domain.proximo_contacto(Etapa.CANCELADO, None, AHORA, HOY) is None


# ---------------------------------------------------------------- alerts


def test_alerta_roja_si_el_contacto_esta_vencido():
    assert domain.alerta(date(2026, 11, 22), HOY) is Alerta.ROJO


def test_alerta_amarilla_si_vence_hoy():
    assert domain.alerta(HOY, HOY) is Alerta.AMARILLO


def test_alerta_amarilla_si_vence_manana():
    assert domain.alerta(date(2026, 11, 24), HOY) is Alerta.AMARILLO


def test_alerta_verde_si_vence_pasado_manana():
    assert domain.alerta(date(2026, 11, 25), HOY) is Alerta.VERDE


def test_sin_proximo_contacto_no_hay_alerta():
    assert domain.alerta(None, HOY) is None


def test_alerta_lleva_simbolo_y_palabra_ademas_del_color():
    for valor in Alerta:
        assert valor.simbolo
        assert valor.palabra
    assert Alerta.ROJO.palabra == "vencido"
    assert len({a.simbolo for a in Alerta}) == 3


# ---------------------------------------------------------------- frío suggestion


def test_tres_llamadas_sin_respuesta_sugieren_frio():
    assert domain.sugiere_frio(3, Temperatura.TIBIO)


def test_dos_llamadas_sin_respuesta_no_sugieren_frio():
    assert not domain.sugiere_frio(2, Temperatura.CALIENTE)


def test_no_se_sugiere_frio_a_quien_ya_es_frio():
    assert not domain.sugiere_frio(5, Temperatura.FRIO)


# ---------------------------------------------------------------- KPIs


def test_kpi_conversion_cumple_sobre_30_por_ciento():
    kpi = domain.kpi_conversion(10, 4)
    assert kpi.valor == pytest.approx(40.0)
    assert kpi.cumple is True


def test_kpi_conversion_de_30_por_ciento_exacto_no_cumple():
    assert domain.kpi_conversion(10, 3).cumple is False


def test_kpi_conversion_sin_clientes_no_tiene_valor():
    kpi = domain.kpi_conversion(0, 0)
    assert kpi.valor is None
    assert kpi.cumple is None


def test_kpi_dias_a_apartado_meta_menos_de_30():
    assert domain.kpi_dias_apartado(29.5).cumple is True
    assert domain.kpi_dias_apartado(30).cumple is False
    assert domain.kpi_dias_apartado(None).cumple is None


def test_kpi_actividades_semana_meta_mas_de_20():
    assert domain.kpi_actividades_semana(21).cumple is True
    assert domain.kpi_actividades_semana(20).cumple is False


def test_kpi_clientes_frios_meta_menos_de_5():
    assert domain.kpi_frios(4).cumple is True
    assert domain.kpi_frios(5).cumple is False


# ---------------------------------------------------------------- phones


@pytest.mark.parametrize(
    "texto",
    [
        "8123456789",
        "81 2345 6789",
        "81-2345-6789",
        "(81) 2345-6789",
        "81.2345.6789",
        "+52 81 2345 6789",
        "+528123456789",
        "52 81 2345 6789",
        "+52 1 81 2345 6789",
        "5218123456789",
        "  81 2345 6789  ",
    ],
)
def test_telefono_se_normaliza_a_10_digitos(texto):
    assert domain.normalize_telefono(texto) == "8123456789"


def test_telefono_de_cdmx_se_normaliza():
    assert domain.normalize_telefono("55 1234 5678") == "5512345678"


def test_telefono_de_9_digitos_es_invalido():
    with pytest.raises(DatoInvalido, match="10 dígitos"):
        domain.normalize_telefono("812345678")


def test_telefono_de_11_digitos_es_invalido():
    with pytest.raises(DatoInvalido):
        domain.normalize_telefono("81234567890")


def test_telefono_con_letras_es_invalido():
    with pytest.raises(DatoInvalido):
        domain.normalize_telefono("81 2345 67ab")


def test_telefono_extranjero_es_invalido():
    with pytest.raises(DatoInvalido, match="no es de México"):
        domain.normalize_telefono("+1 212 555 0123")


def test_telefono_vacio_es_invalido():
    with pytest.raises(DatoInvalido):
        domain.normalize_telefono("   ")


def test_telefono_de_10_digitos_inexistente_en_mexico_es_invalido():
    with pytest.raises(DatoInvalido, match="no es un número válido"):
        domain.normalize_telefono("1234567890")


def test_format_telefono_agrupa_lada_de_dos_digitos():
    assert domain.format_telefono("8123456789") == "81 2345 6789"


def test_format_telefono_agrupa_lada_de_tres_digitos():
    assert domain.format_telefono("4421234567") == "442 123 4567"


# ---------------------------------------------------------------- e-mail and name


def test_email_se_normaliza_a_minusculas_sin_espacios():
    assert domain.normalize_email("  Ana.Lopez@Example.COM ") == "ana.lopez@example.com"


@pytest.mark.parametrize(
    "texto",
    [
        "ana",
        "ana@",
        "@example.com",
        "ana@example",
        "ana@@example.com",
        "ana lopez@example.com",
        "ana@example..com",
        "ana@example.c",
        "ana@example.com.",
    ],
)
def test_email_invalido(texto):
    with pytest.raises(DatoInvalido, match="email"):
        domain.normalize_email(texto)


def test_nombre_se_recorta_y_colapsa_espacios():
    assert domain.check_nombre("  Ana    María  Pérez ") == "Ana María Pérez"


def test_nombre_vacio_es_invalido():
    with pytest.raises(DatoInvalido):
        domain.check_nombre("   ")


def test_nombre_de_mas_de_200_caracteres_es_invalido():
    with pytest.raises(DatoInvalido):
        domain.check_nombre("a" * 201)


# ---------------------------------------------------------------- search terms


def test_terminos_incluyen_palabras_plegadas_email_y_sufijos_de_telefono():
    terminos = domain.terminos_busqueda("José Pérez", "jose@example.com", ["8123456789"])
    assert {"jose", "perez", "jose@example.com", "example", "com"} <= terminos
    assert {"8123456789", "123456789", "3456789", "789"} <= terminos
    assert "89" not in terminos


def test_consulta_de_digitos_con_separadores_es_un_solo_token():
    assert domain.tokens_consulta("812 345") == ["812345"]
    assert domain.tokens_consulta("(81) 2345-67") == ["81234567"]


def test_consulta_con_prefijo_52_lo_quita():
    assert domain.tokens_consulta("+52 81 2345 6789") == ["8123456789"]


def test_consulta_de_texto_da_palabras_plegadas():
    assert domain.tokens_consulta("Pérez  GARCÍA") == ["perez", "garcia"]


def test_consulta_de_email_incluye_el_email_completo():
    assert "ana@example.com" in domain.tokens_consulta("Ana@Example.com")


def test_fin_prefijo_es_el_siguiente_texto():
    assert domain.fin_prefijo("abc") == "abd"
    assert domain.fin_prefijo("abc") > "abcz"


# ---------------------------------------------------------------- parse_fecha


def test_fecha_iso():
    assert domain.parse_fecha("2026-11-27", HOY) == date(2026, 11, 27)


def test_fecha_dia_mes_anio():
    assert domain.parse_fecha("27/11/2026", HOY) == date(2026, 11, 27)


def test_fecha_dia_mes_anio_sin_ceros():
    assert domain.parse_fecha("7/1/2027", HOY) == date(2027, 1, 7)


def test_fecha_hoy():
    assert domain.parse_fecha("hoy", HOY) == HOY


@pytest.mark.parametrize("texto", ["mañana", "manana", "MAÑANA", " Mañana "])
def test_fecha_manana(texto):
    assert domain.parse_fecha(texto, HOY) == date(2026, 11, 24)


def test_fecha_pasado_manana():
    assert domain.parse_fecha("pasado mañana", HOY) == date(2026, 11, 25)


def test_fecha_ayer():
    assert domain.parse_fecha("ayer", HOY) == date(2026, 11, 22)


def test_fecha_mas_n_dias():
    assert domain.parse_fecha("+3", HOY) == date(2026, 11, 26)


def test_fecha_mas_n_dias_cruza_de_mes():
    assert domain.parse_fecha("+10", HOY) == date(2026, 12, 3)


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [
        ("martes", date(2026, 11, 24)),
        ("miércoles", date(2026, 11, 25)),
        ("miercoles", date(2026, 11, 25)),
        ("jueves", date(2026, 11, 26)),
        ("Viernes", date(2026, 11, 27)),
        ("sábado", date(2026, 11, 28)),
        ("domingo", date(2026, 11, 29)),
    ],
)
def test_fecha_dia_de_la_semana_es_el_siguiente(texto, esperado):
    assert domain.parse_fecha(texto, HOY) == esperado


def test_fecha_dia_de_la_semana_igual_a_hoy_es_la_semana_siguiente():
    assert domain.parse_fecha("lunes", HOY) == date(2026, 11, 30)


def test_fecha_imposible_es_invalida():
    with pytest.raises(DatoInvalido, match="no existe"):
        domain.parse_fecha("2026-02-30", HOY)


def test_fecha_imposible_dia_mes_anio_es_invalida():
    with pytest.raises(DatoInvalido, match="no existe"):
        domain.parse_fecha("31/04/2026", HOY)


def test_fecha_mes_13_es_invalida():
    with pytest.raises(DatoInvalido):
        domain.parse_fecha("2026-13-01", HOY)


@pytest.mark.parametrize("texto", ["pronto", "", "27/11/26", "2026/11/27", "el viernes", "+", "hoy mismo"])
def test_fecha_que_no_se_entiende_es_invalida(texto):
    with pytest.raises(DatoInvalido):
        domain.parse_fecha(texto, HOY)


def test_fecha_hora_con_hora():
    assert domain.parse_fecha_hora("2026-11-20 16:30", AHORA) == datetime(2026, 11, 20, 16, 30)


def test_fecha_hora_palabra_con_hora():
    assert domain.parse_fecha_hora("ayer 9:15", AHORA) == datetime(2026, 11, 22, 9, 15)


def test_fecha_hora_hoy_sin_hora_es_ahora():
    assert domain.parse_fecha_hora("hoy", AHORA) == AHORA


def test_fecha_hora_otro_dia_sin_hora_es_mediodia():
    assert domain.parse_fecha_hora("ayer", AHORA) == datetime(2026, 11, 22, 12, 0)


def test_hora_valida():
    assert domain.parse_hora("16:30") == time(16, 30)


@pytest.mark.parametrize("texto", ["24:00", "12:60", "4pm", "", "12"])
def test_hora_invalida(texto):
    with pytest.raises(DatoInvalido):
        domain.parse_hora(texto)


# ---------------------------------------------------------------- hace / en_dias


@pytest.mark.parametrize(
    ("momento", "esperado"),
    [
        (datetime(2026, 11, 23, 8, 0), "hoy"),
        (datetime(2026, 11, 22, 23, 59), "ayer"),
        (date(2026, 11, 20), "hace 3 días"),
        (date(2026, 11, 10), "hace 13 días"),
        (date(2026, 11, 9), "hace 2 semanas"),
        (date(2026, 9, 25), "hace 8 semanas"),
        (date(2026, 9, 24), "hace 2 meses"),
        (date(2024, 11, 23), "hace 2 años"),
    ],
)
def test_hace_en_espanol(momento, esperado):
    assert domain.hace(momento, AHORA) == esperado


def test_hace_de_nada_es_nunca():
    assert domain.hace(None, AHORA) == "nunca"


def test_hace_con_fecha_futura_dice_en_cuantos_dias():
    assert domain.hace(date(2026, 11, 26), AHORA) == "en 3 días"


@pytest.mark.parametrize(
    ("dia", "esperado"),
    [
        (date(2026, 11, 23), "hoy"),
        (date(2026, 11, 24), "mañana"),
        (date(2026, 11, 22), "ayer"),
        (date(2026, 11, 26), "en 3 días"),
        (date(2026, 12, 6), "en 13 días"),
        (date(2026, 12, 7), "7 dic"),
        (date(2027, 1, 5), "5 ene 2027"),
    ],
)
def test_en_dias_en_espanol(dia, esperado):
    assert domain.en_dias(dia, HOY) == esperado


def test_en_dias_sin_fecha_es_raya():
    assert domain.en_dias(None, HOY) == "—"


def test_en_dias_vencido_dice_hace_n_dias():
    assert domain.en_dias(date(2026, 11, 21), HOY) == "hace 2 días"


def test_temperatura_solo_se_muestra_para_prospectos():
    assert domain.temperatura_vigente("prospecto", "caliente") == "caliente"
    assert domain.temperatura_vigente("apartado", "caliente") is None
    assert domain.temperatura_vigente("prospecto", None) is None


# ---------------------------------------------------------------- stored text (issue 8)


def test_imprimible_neutraliza_escapes_y_deja_saltos_y_tabuladores():
    assert domain.imprimible("T \x1b]0;x\x07 fin") == "T \ufffd]0;x\ufffd fin"
    assert domain.imprimible("a\tb\nc") == "a\tb\nc"
    assert domain.imprimible("csi \x9b2J del \x7f") == "csi \ufffd2J del \ufffd"
    assert domain.imprimible("bidi \u202eabc") == "bidi \ufffdabc"
    assert domain.imprimible("roto \udcff") == "roto \ufffd"


def test_imprimible_no_copia_el_texto_normal():
    texto = "Juan [/] Pérez Ñúñez 😀"
    assert domain.imprimible(texto) is texto


def test_escapar_json_escapa_del_y_c1_dentro_de_cadenas():
    import json

    original = {"nombre": "a\x7fb\x9bc\u202ed\x1be"}
    documento = domain.escapar_json(json.dumps(original, ensure_ascii=False))
    assert "\x7f" not in documento
    assert "\x9b" not in documento
    assert "\u202e" not in documento
    assert json.loads(documento) == original


def test_texto_de_una_linea_junta_espacios_y_vacio_es_none():
    assert domain.texto("  Calle  5\t de Mayo \n", "La dirección") == "Calle 5 de Mayo"
    assert domain.texto("   ", "La dirección") is None
    assert domain.texto(None, "La dirección") is None


def test_texto_multilinea_conserva_saltos():
    assert domain.texto(" uno\r\ndos\n\ttres ", "La nota", multilinea=True) == "uno\ndos\n\ttres"


@pytest.mark.parametrize("malo", ["E \x1b[2J", "campana \x07", "nulo \x00", "del \x7f", "csi \x9b", "bidi \u202e"])
def test_texto_con_caracteres_de_control_es_invalido(malo):
    with pytest.raises(DatoInvalido, match="caracteres de control"):
        domain.texto(malo, "El nombre")


def test_texto_con_bytes_que_no_son_utf8_es_invalido():
    with pytest.raises(DatoInvalido, match="UTF-8"):
        domain.texto("Juan \udcff", "El nombre")


def test_texto_mas_largo_que_el_maximo_es_invalido():
    with pytest.raises(DatoInvalido, match="máximo de 10 caracteres"):
        domain.texto("x" * 11, "El asunto", maximo=10)


def test_nombre_con_escape_es_invalido():
    with pytest.raises(DatoInvalido, match="El nombre tiene caracteres de control"):
        domain.check_nombre("E \x1b[2J")


def test_email_con_escape_es_invalido():
    with pytest.raises(DatoInvalido):
        domain.normalize_email("a\x1b@b.com")


@pytest.mark.parametrize("consulta", ["%", "_", "*", "\\", "...", "--", "\x1b"])
def test_consulta_solo_de_signos_no_tiene_terminos(consulta):
    assert domain.tokens_consulta(consulta) == []


@pytest.mark.parametrize("digitos", ["²", "①", "٣"])
def test_digitos_que_no_son_ascii_no_son_una_corrida_de_telefono(digitos):
    assert domain.tokens_consulta(digitos) != [digitos]


@pytest.mark.parametrize("fecha", ["9999-12-31", "0001-01-01", "31/12/9999", "1899-12-31"])
def test_fecha_fuera_del_rango_es_invalida(fecha):
    with pytest.raises(DatoInvalido, match="fuera del rango"):
        domain.parse_fecha(fecha, date(2026, 11, 23))


def test_ids_fuera_de_32_bits_no_son_validos():
    """Ids are INTEGER columns: 32 bits on PostgreSQL (team mode), where a larger number is
    an error rather than «no such record»; the rule is the same on both engines."""
    assert domain.id_valido(1)
    assert domain.id_valido(2**31 - 1)
    assert not domain.id_valido(0)
    assert not domain.id_valido(2**31)
    assert not domain.id_valido(2**63)
    assert not domain.id_valido(-5)


def test_un_dia_de_la_semana_que_mira_atras_es_el_ultimo_que_paso():
    """«--desde lunes» in a filter of what happened: the last Monday (today if it is one),
    not the next one (which left auditoria --desde lunes always empty)."""
    lunes = date(2026, 11, 23)
    assert domain.parse_fecha("lunes", lunes, pasado=True) == lunes
    assert domain.parse_fecha("viernes", lunes, pasado=True) == date(2026, 11, 20)
    assert domain.parse_fecha("martes", lunes, pasado=True) == date(2026, 11, 17)
    assert domain.parse_fecha("lunes", lunes) == date(2026, 11, 30)  # a task: the next one
    assert domain.parse_fecha("ayer", lunes, pasado=True) == date(2026, 11, 22)
