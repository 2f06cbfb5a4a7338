"""Reports and metrics (issue 12): every figure equals the same figure counted from the
services' own data; the files (CSV, Excel, PDF, iCalendar) hold those figures."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import col, func, select

from a3tui import services
from a3tui.domain import Etapa
from a3tui.errors import DatoInvalido, SinPermiso
from a3tui.exporters import calendario
from a3tui.exporters import reporte as archivos
from a3tui.models import Actividad, Cliente
from a3tui.services import Contexto, actividades, alcance, asesores, clientes, reportes, tareas

from .ayuda import apartar

LUNES = datetime(2026, 11, 23, 10, 0)


def _en(ctx: Contexto, cuando: datetime) -> Contexto:
    return services.contexto(ctx.session, ctx.asesor.login, cuando)


@pytest.fixture
def cartera(ctx: Contexto) -> dict[str, Cliente]:
    """Six clients of ana with known dates: two reserved (after 10 and 30 days), one
    cancelled, three prospects (one cold since October)."""
    c = {
        "ana_r": clientes.add(ctx, "Rosa Díaz", primer_contacto=date(2026, 11, 1)),
        "beto": clientes.add(ctx, "Alberto Soto", primer_contacto=date(2026, 10, 1)),
        "caro": clientes.add(ctx, "Carolina Ruiz", primer_contacto=date(2026, 9, 1)),
        "dani": clientes.add(ctx, "Daniel Peña", primer_contacto=date(2026, 10, 5)),
        "eva": clientes.add(ctx, "Eva Lozano", primer_contacto=date(2026, 11, 20)),
        "frio": clientes.add(ctx, "Fernando Frías", primer_contacto=date(2026, 10, 2)),
    }
    apartar(_en(ctx, datetime(2026, 11, 11, 12, 0)), c["ana_r"], "VA-1")  # 10 days
    apartar(_en(ctx, datetime(2026, 10, 31, 12, 0)), c["beto"], "VA-2")  # 30 days
    clientes.cambiar_etapa(ctx, c["caro"], "cancelado", "Compró con otra inmobiliaria")
    actividades.llamada(_en(ctx, datetime(2026, 11, 3, 9, 0)), c["dani"], "contestó-interesado")
    actividades.llamada(_en(ctx, datetime(2026, 11, 18, 9, 0)), c["dani"], "contestó-interesado")
    actividades.llamada(_en(ctx, datetime(2026, 11, 23, 9, 0)), c["eva"], "contestó-interesado")
    actividades.mensaje(_en(ctx, datetime(2026, 10, 20, 9, 0)), c["frio"], contenido="Hola")
    return c


# ---------------------------------------------------------------- periods


def test_la_semana_va_del_lunes_a_hoy_y_se_compara_con_el_mismo_tramo():
    semana = reportes.Periodo.semana(date(2026, 11, 25))  # a Wednesday
    assert (semana.desde, semana.hasta) == (date(2026, 11, 23), date(2026, 11, 25))
    antes = semana.anterior()
    assert (antes.desde, antes.hasta) == (date(2026, 11, 16), date(2026, 11, 18))


def test_el_mes_se_compara_con_los_mismos_dias_del_mes_pasado():
    mes = reportes.Periodo.mes(date(2026, 3, 31))
    antes = mes.anterior()
    assert (antes.desde, antes.hasta) == (date(2026, 2, 1), date(2026, 2, 28))  # February is shorter


@pytest.mark.ambos_motores
def test_periodo_desconocido(ctx):
    with pytest.raises(DatoInvalido, match="usa semana o mes"):
        reportes.periodo(ctx, "año")


# ---------------------------------------------------------------- metrics


def _por_clave(ctx, periodo=None) -> dict[str, reportes.Metrica]:
    return {m.clave: m for m in reportes.metricas(ctx, periodo)}


def test_conversion_cuenta_los_que_apartaron(ctx, cartera):
    m = _por_clave(ctx)["conversion"]
    assert m.kpi.valor == pytest.approx(100 * 2 / 6)
    assert m.detalle == "2 de 6 clientes llegaron a apartar"
    assert m.kpi.cumple is True


def test_conversion_de_la_semana_pasada_no_cuenta_lo_que_vino_despues(ctx, cartera):
    # By Monday 16 (same stretch of last week): 5 clients known (Eva came on the 20th), 2 reserved.
    assert _por_clave(ctx)["conversion"].anterior == pytest.approx(100 * 2 / 5)


def test_dias_a_apartado_es_el_promedio_de_los_apartados(ctx, cartera):
    m = _por_clave(ctx)["dias_apartado"]
    assert m.kpi.valor == pytest.approx(20.0)  # (10 + 30) / 2
    assert m.kpi.cumple is True
    assert m.mas_es_mejor is False


def test_actividades_de_la_semana_y_de_la_anterior(ctx, cartera):
    m = _por_clave(ctx)["actividades"]
    # Monday 23 until now: Eva's call (system entries of the reservations don't count).
    assert m.kpi.valor == 1
    # Monday 16: nothing.
    assert m.anterior == 0
    assert m.tendencia == "↑ mejor"


def test_actividades_del_mes_por_semana(ctx, cartera):
    m = _por_clave(ctx, reportes.Periodo.mes(ctx.hoy))["actividades"]
    hechas = ctx.session.exec(
        select(func.count())
        .select_from(Actividad)
        .where(col(Actividad.tipo) != "sistema", col(Actividad.fecha) >= datetime(2026, 11, 1))
    ).one()
    assert hechas == 3
    assert m.kpi.valor == pytest.approx(3 / (23 / 7))
    assert m.kpi.nombre == "Actividades por semana"


def test_frios_es_el_mismo_numero_que_el_filtro_de_la_lista(ctx, cartera):
    m = _por_clave(ctx)["frios"]
    del_filtro = clientes.count(ctx, clientes.Filtro(frios=True))
    assert m.kpi.valor == del_filtro == reportes.frios(ctx)
    assert {f.nombre for f in clientes.list_(ctx, clientes.Filtro(frios=True))} == {"Fernando Frías"}
    assert [k.valor for k in reportes.kpis(ctx)] == [m.kpi.valor for m in reportes.metricas(ctx)][:4]


def test_frios_al_final_del_periodo_anterior(ctx, cartera):
    # Monday 16: Fernando (last message Oct 20) and Daniel (call Nov 3: 13 days) were cold;
    # Eva didn't exist, and Rosa and Alberto had reserved (today's stage).
    assert _por_clave(ctx)["frios"].anterior == 2
    assert _por_clave(ctx)["frios"].tendencia == "↓ mejor"


def test_un_documento_recibido_tambien_saca_de_frios_al_final_del_periodo_anterior(ctx, cartera):
    """As «Última actividad» counts it (issue 28 point 4): Fernando handed over his INE on
    Thursday 12, so on Monday 16 only Daniel was cold; by today he is cold again."""
    from a3tui.services import documentos

    documentos.add(_en(ctx, datetime(2026, 11, 12, 10, 0)), cartera["frio"], "ine.pdf", b"%PDF-1.4 ine", "pdf", "ine")
    m = _por_clave(ctx)["frios"]
    assert (m.anterior, m.kpi.valor) == (1, 1)


def test_sin_clientes_no_hay_tendencia_inventada(ctx):
    m = _por_clave(ctx)
    assert m["conversion"].kpi.valor is None
    assert m["conversion"].tendencia == "—"
    assert m["dias_apartado"].kpi.valor is None


def test_metricas_de_la_plaza_suman_a_todos_sus_asesores(ctx, ctx_luis, ctx_coordinadora, cartera):
    clientes.add(ctx_luis, "Luisa Lara", primer_contacto=date(2026, 11, 2))
    plaza = asesores.ver(ctx_coordinadora, "plaza")
    assert _por_clave(plaza)["conversion"].detalle == "2 de 7 clientes llegaron a apartar"


# ---------------------------------------------------------------- the report


def test_reporte_totales_por_etapa(ctx, cartera):
    r = reportes.reporte_clientes(ctx)
    contados = dict(
        ctx.session.exec(
            select(Cliente.etapa, func.count()).where(alcance.cartera(ctx)).group_by(col(Cliente.etapa))
        ).all()
    )
    assert {e: n for e, n in r.por_etapa.items() if n} == contados
    assert r.por_etapa[Etapa.APARTADO] == 2
    assert r.por_etapa[Etapa.ESCRITURADO] == 0
    assert r.total == 6


def test_reporte_actividades_del_mes_son_las_de_sus_clientes(ctx, cartera):
    r = reportes.reporte_clientes(ctx)
    assert r.actividades_mes == 3  # Daniel's two calls and Eva's (not October's message)
    assert r.actividades_rango is None


def test_reporte_conversion_dias_y_cancelaciones(ctx, cartera):
    r = reportes.reporte_clientes(ctx)
    assert r.conversion.valor == pytest.approx(100 * 2 / 6)
    assert r.dias_apartado.valor == pytest.approx(20.0)
    assert r.cancelaciones == [("Compró con otra inmobiliaria", 1)]
    assert r.titulo == "Reporte de mis clientes"


def test_reporte_por_etapa_y_rango(ctx, cartera):
    r = reportes.reporte_clientes(ctx, reportes.FiltroReporte(etapa=Etapa.PROSPECTO, desde=date(2026, 10, 3)))
    assert r.total == 2  # Daniel (Oct 5) and Eva (Nov 20); Fernando came on Oct 2
    assert r.actividades_rango == 3
    assert r.filtros == "etapa prospecto, primer contacto desde 2026-10-03"
    assert [f.nombre for f in reportes.filas_reporte(ctx, reportes.FiltroReporte(etapa=Etapa.PROSPECTO,
                                                                                 desde=date(2026, 10, 3)))] == [
        "Daniel Peña", "Eva Lozano",
    ]  # fmt: skip


@pytest.mark.ambos_motores
def test_la_lista_del_reporte_se_lee_por_paginas_en_orden(ctx, cartera):
    todas = [f.nombre for f in reportes.filas_reporte(ctx, pagina=2)]
    assert todas == sorted(todas, key=lambda n: n.lower().replace("í", "i"))
    assert len(todas) == 6
    assert todas == [f.nombre for f in reportes.filas_reporte(ctx)]


def test_reporte_rango_al_reves(ctx):
    with pytest.raises(DatoInvalido, match="posterior"):
        reportes.reporte_clientes(ctx, reportes.FiltroReporte(desde=date(2026, 11, 2), hasta=date(2026, 11, 1)))


def test_un_asesor_no_saca_el_reporte_de_la_plaza(ctx):
    with pytest.raises(SinPermiso, match="Solo un coordinador"):
        reportes.reporte_clientes(ctx, reportes.FiltroReporte(plaza="General"))


def test_la_coordinadora_no_saca_el_de_otra_plaza(ctx_coordinadora):
    with pytest.raises(SinPermiso, match="Solo ves la plaza General"):
        reportes.reporte_clientes(ctx_coordinadora, reportes.FiltroReporte(plaza="Monterrey"))


def test_reporte_de_la_plaza_y_de_un_asesor(ctx, ctx_luis, ctx_coordinadora, cartera):
    clientes.add(ctx_luis, "Luisa Lara")
    plaza = reportes.reporte_clientes(ctx_coordinadora, reportes.FiltroReporte(plaza="general"))
    assert plaza.total == 7
    assert plaza.titulo == "Reporte de clientes: plaza General"
    de_luis = reportes.reporte_clientes(ctx_coordinadora, reportes.FiltroReporte(asesor="luis"))
    assert de_luis.total == 1
    with pytest.raises(SinPermiso):
        reportes.reporte_clientes(ctx, reportes.FiltroReporte(asesor="luis"))


# ---------------------------------------------------------------- files


def test_csv_en_utf8_con_bom_que_excel_lee(ctx, cartera):
    datos = archivos.csv_clientes(reportes.filas_reporte(ctx))
    assert datos.startswith(b"\xef\xbb\xbf")
    filas = list(csv.reader(io.StringIO(datos.decode("utf-8-sig"))))
    assert filas[0][:3] == ["ID", "Nombre", "Teléfono"]
    assert len(filas) == 7
    assert "Fernando Frías" in [f[1] for f in filas]


def test_csv_no_deja_formulas(ctx):
    clientes.add(ctx, "=HYPERLINK(1)")
    datos = archivos.csv_clientes(reportes.filas_reporte(ctx)).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in datos


def test_excel_con_resumen_y_clientes(ctx, cartera):
    from openpyxl import load_workbook

    r = reportes.reporte_clientes(ctx)
    libro = load_workbook(io.BytesIO(archivos.xlsx_reporte(r, reportes.filas_reporte(ctx))))
    assert libro.sheetnames == ["Resumen", "Clientes"]
    resumen = {fila[0]: fila[1] for fila in libro["Resumen"].iter_rows(values_only=True) if fila and fila[0]}
    assert resumen["Clientes"] == 6
    assert resumen["  apartado"] == 2
    assert resumen["Actividades con estos clientes este mes"] == 3
    assert resumen["Tasa de conversión (prospecto → apartado)"] == pytest.approx(2 / 6)
    assert resumen["Días promedio a apartado"] == 20
    assert resumen["Compró con otra inmobiliaria"] == 1
    hoja = libro["Clientes"]
    assert hoja.auto_filter.ref == "A1:Q7"
    assert hoja.freeze_panes == "A2"
    cabecera = [c.value for c in hoja[1]]
    rosa = next(fila for fila in hoja.iter_rows(min_row=2, values_only=True) if fila[1] == "Rosa Díaz")
    assert isinstance(rosa[0], int)
    assert rosa[cabecera.index("Fecha de apartado")] == datetime(2026, 11, 11)
    assert rosa[cabecera.index("Etapa")] == "apartado"


def test_pdf_con_metricas_y_grafica(ctx, cartera):
    from pypdf import PdfReader

    r = reportes.reporte_clientes(ctx)
    pdf = PdfReader(io.BytesIO(archivos.pdf_reporte(r, reportes.filas_reporte(ctx))))
    assert 1 <= len(pdf.pages) <= 3
    texto = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Reporte de mis clientes" in texto
    assert "Clientes por etapa" in texto
    assert "apartado 2" in texto
    assert "Tasa de conversión 33.3% > 30% ✔" in texto
    assert "Clientes fríos 1 < 5 ✔" in texto
    assert "Compró con otra inmobiliaria: 1" in texto
    assert "Fernando Frías" in texto


@pytest.mark.ambos_motores
def test_pdf_de_muchos_clientes_no_pasa_de_tres_paginas(ctx):
    for n in range(150):
        clientes.add(ctx, f"Cliente Número {n:03d}")
    from pypdf import PdfReader

    r = reportes.reporte_clientes(ctx)
    pdf = PdfReader(io.BytesIO(archivos.pdf_reporte(r, reportes.filas_reporte(ctx))))
    assert len(pdf.pages) <= 3
    assert "Los primeros 60 de 150" in pdf.pages[-1].extract_text()


def test_calendario_de_tareas_pendientes(ctx, cartera):
    from zoneinfo import ZoneInfo

    from icalendar import Calendar

    tareas.add(ctx, "Llamar a Rosa", date(2026, 11, 24), hora=time(16, 30), cliente=cartera["ana_r"])
    sin_aviso = tareas.add(ctx, "Revisar precios", date(2026, 11, 25))
    sin_aviso.recordatorio = False
    ctx.session.add(sin_aviso)
    hecha = tareas.add(ctx, "Ya hecha", date(2026, 11, 20))
    tareas.done(ctx, hecha.id)
    pendientes = tareas.count(ctx, "pendientes")
    datos, n = calendario.ics_tareas(tareas.para_calendario(ctx, pagina=2), ctx.ahora, "Ana")
    assert n == pendientes
    todos = {str(e["summary"]): e for e in Calendar.from_ical(datos).walk("VEVENT")}
    # A task done lately is still there, cancelled, so a calendar that has it drops it.
    assert str(todos.pop("Ya hecha")["status"]) == "CANCELLED"
    eventos = todos
    assert len(eventos) == n
    rosa = eventos["Llamar a Rosa · Rosa Díaz"]
    assert rosa.decoded("dtstart") == datetime(2026, 11, 24, 16, 30, tzinfo=ZoneInfo("America/Mexico_City"))
    assert rosa.decoded("dtend") - rosa.decoded("dtstart") == timedelta(minutes=30)
    assert "Cliente: Rosa Díaz" in str(rosa["description"])
    assert rosa.walk("VALARM")
    precios = eventos["Revisar precios"]
    assert precios.decoded("dtstart") == date(2026, 11, 25)
    assert not precios.walk("VALARM")
    # Exported again, the same task keeps its UID (a calendar updates it).
    otra_vez, _ = calendario.ics_tareas(tareas.para_calendario(ctx), ctx.ahora + timedelta(hours=1), "Ana")
    uids = {str(e["uid"]) for e in Calendar.from_ical(otra_vez).walk("VEVENT") if str(e["status"]) != "CANCELLED"}
    assert {str(e["uid"]) for e in eventos.values()} == uids


def test_actividades_por_semana(ctx, cartera):
    semanas = reportes.actividades_por_semana(ctx, 6)
    assert [lunes for lunes, _ in semanas] == [date(2026, 10, 19) + timedelta(weeks=n) for n in range(6)]
    # Oct 20 message; Nov 3 call; Nov 18 call; Nov 23 call.
    assert [n for _, n in semanas] == [1, 0, 1, 0, 1, 1]
    assert semanas[-1][1] == _por_clave(ctx)["actividades"].kpi.valor


def test_la_semana_en_curso_se_nombra_entera_y_el_domingo_ya_no_esta_en_curso():
    lunes = reportes.Periodo.semana(date(2026, 12, 7))
    assert lunes.en_curso
    assert lunes.texto == "esta semana (07/12–13/12, día 1 de 7)"
    assert lunes.anterior().texto == "la semana pasada (30/11)"
    domingo = reportes.Periodo.semana(date(2026, 12, 13))
    assert not domingo.en_curso
    assert domingo.texto == "esta semana (07/12–13/12)"
    assert reportes.Periodo.mes(date(2026, 12, 7)).texto == "este mes (01/12–31/12, día 7 de 31)"


def test_una_meta_semanal_no_se_reprueba_antes_de_que_acabe_la_semana():
    from a3tui.domain import kpi_actividades_semana

    en_curso = replace(kpi_actividades_semana(3), en_curso=True)
    assert (en_curso.cumple, en_curso.veredicto) == (None, "en curso")
    assert replace(kpi_actividades_semana(21), en_curso=True).cumple is True
    assert kpi_actividades_semana(3).veredicto.endswith("no cumple")


# ---------------------------------------------------------------- response time (issue 28, point 5)


def _escribe(ctx: Contexto, cliente: Cliente, cuando: datetime) -> None:
    actividades.mensaje(ctx, cliente, contenido="¿Me manda precios?", entrante=True, fecha=cuando)


def _contesta(ctx: Contexto, cliente: Cliente, cuando: datetime) -> None:
    actividades.mensaje(ctx, cliente, contenido="Le envío la lista", fecha=cuando)


@pytest.fixture
def escribieron(ctx: Contexto, ctx_luis: Contexto) -> dict[str, Cliente]:
    """Clients who wrote to ana (it is Monday 23, 10:00), answered or not."""
    c = {n: clientes.add(ctx, n, primer_contacto=date(2026, 10, 1)) for n in "ABCDEGHI"}
    _escribe(ctx, c["A"], datetime(2026, 11, 23, 8, 0))  # answered in 1.5 h
    _contesta(ctx, c["A"], datetime(2026, 11, 23, 9, 30))
    # Two messages over the weekend, one wait from the first; an unanswered call answers it.
    _escribe(ctx, c["B"], datetime(2026, 11, 20, 18, 0))
    _escribe(ctx, c["B"], datetime(2026, 11, 21, 10, 0))
    actividades.llamada(ctx, c["B"], "no-contestó", fecha=datetime(2026, 11, 23, 9, 0))  # 63 h
    _escribe(ctx, c["G"], datetime(2026, 11, 22, 20, 0))
    actividades.email(ctx, c["G"], asunto="Precios", fecha=datetime(2026, 11, 23, 8, 0))  # 12 h
    # A call first (it answers nothing), then the client writes and is answered.
    actividades.llamada(ctx, c["H"], "contestó-interesado", fecha=datetime(2026, 11, 23, 8, 0))
    _escribe(ctx, c["H"], datetime(2026, 11, 23, 8, 30))
    _contesta(ctx, c["H"], datetime(2026, 11, 23, 9, 0))  # 0.5 h
    _escribe(ctx, c["C"], datetime(2026, 11, 23, 7, 0))  # waiting
    _escribe(ctx, c["I"], datetime(2026, 10, 14, 9, 0))  # 40 days ago: the cadence took over
    _escribe(ctx, c["E"], datetime(2026, 11, 23, 6, 0))
    clientes.cambiar_etapa(ctx, c["E"], "cancelado", "Ya compró")  # waits for nothing
    # Last week's same stretch (Monday 16): answered in 4 h.
    _escribe(ctx, c["D"], datetime(2026, 11, 16, 9, 0))
    _contesta(ctx, c["D"], datetime(2026, 11, 16, 13, 0))
    # Luis's client: his, not ana's.
    luisa = clientes.add(ctx_luis, "Luisa Lara", primer_contacto=date(2026, 10, 1))
    _escribe(ctx_luis, luisa, datetime(2026, 11, 23, 8, 0))
    _contesta(ctx_luis, luisa, datetime(2026, 11, 23, 8, 6))
    return c


def test_tiempo_de_respuesta_es_la_mediana_de_las_esperas_respondidas_en_el_periodo(ctx, escribieron):
    r = reportes.tiempo_de_respuesta(ctx)
    assert r.horas == pytest.approx((0.5, 1.5, 12.0, 63.0))
    assert r.mediana == pytest.approx(6.75)
    assert (r.sin_responder, r.esperando_desde) == (1, datetime(2026, 11, 23, 7, 0))


def test_tiempo_de_respuesta_en_las_metricas_con_su_meta_y_la_semana_pasada(ctx, escribieron):
    m = _por_clave(ctx)["respuesta"]
    assert (m.kpi.nombre, m.kpi.valor, m.kpi.unidad, m.kpi.meta) == ("Tiempo de respuesta", 6.75, "horas", "< 24 horas")
    assert m.kpi.cumple is True
    assert m.anterior == pytest.approx(4.0)
    assert m.tendencia == "↑ peor"
    assert m.detalle == (
        "mediana de 4 respuestas esta semana, del mensaje del cliente a lo primero que se le envió; "
        "1 sin responder (quien más espera escribió hoy)"
    )
    assert dict(m.cifras) == {"respondidos": 4, "sin_responder": 1}
    # The dashboard keeps the seed's four.
    assert [k.nombre for k in reportes.kpis(ctx)] == [m.kpi.nombre for m in reportes.metricas(ctx)][:4]


def test_lo_que_se_envia_despues_saca_al_cliente_de_sin_responder(ctx, escribieron):
    _contesta(ctx, escribieron["C"], datetime(2026, 11, 23, 9, 45))
    r = reportes.tiempo_de_respuesta(ctx)
    assert (r.respondidos, r.sin_responder, r.esperando_desde) == (5, 0, None)
    assert r.horas == pytest.approx((0.5, 1.5, 2.75, 12.0, 63.0))


def test_lo_enviado_en_el_mismo_momento_responde_y_lo_siguiente_ya_no(ctx):
    """A reply logged at the very second the client's message was (as `clientes` reads a
    wait: nothing sent since) answers it in 0 hours; what is sent later answers nothing."""
    rosa = clientes.add(ctx, "Rosa Díaz")
    _escribe(ctx, rosa, datetime(2026, 11, 23, 8, 0))
    _contesta(ctx, rosa, datetime(2026, 11, 23, 8, 0))
    _contesta(ctx, rosa, datetime(2026, 11, 23, 9, 0))
    r = reportes.tiempo_de_respuesta(ctx)
    assert (r.horas, r.sin_responder) == ((0.0,), 0)


def test_el_reporte_sin_metricas_no_las_lee(ctx, escribieron):
    assert reportes.reporte_clientes(ctx, con_metricas=False).metricas == []
    assert [m.clave for m in reportes.reporte_clientes(ctx).metricas][-1] == "respuesta"


def test_del_mes_cuenta_las_respuestas_del_mes(ctx, escribieron):
    r = reportes.tiempo_de_respuesta(ctx, reportes.Periodo.mes(ctx.hoy))
    assert r.horas == pytest.approx((0.5, 1.5, 4.0, 12.0, 63.0))


def test_tiempo_de_respuesta_de_la_plaza_y_por_asesor(ctx, ctx_luis, ctx_coordinadora, escribieron):
    plaza = asesores.ver(ctx_coordinadora, "plaza")
    assert reportes.tiempo_de_respuesta(plaza).horas == pytest.approx((0.1, 0.5, 1.5, 12.0, 63.0))
    por_asesor = reportes.tiempos_de_respuesta(plaza)
    assert por_asesor[ctx.asesor_id].mediana == pytest.approx(6.75)
    assert (por_asesor[ctx_luis.asesor_id].horas, por_asesor[ctx_luis.asesor_id].sin_responder) == (
        pytest.approx((0.1,)),
        0,
    )


def test_sin_mensajes_de_clientes_no_hay_tiempo_de_respuesta(ctx, cartera):
    m = _por_clave(ctx)["respuesta"]
    assert (m.kpi.valor, m.kpi.veredicto, m.anterior, m.tendencia) == (None, "—", None, "—")
    assert m.detalle == "nadie que escribiera recibió respuesta esta semana; nadie espera respuesta"


@pytest.mark.ambos_motores
def test_tiempo_de_respuesta_igual_en_ambos_motores(ctx, escribieron):
    """Correlated look-ups ordered by date (not min()) and a date compared with a fixed
    one: the same answer from SQLite and PostgreSQL."""
    r = reportes.tiempo_de_respuesta(ctx, reportes.Periodo.mes(ctx.hoy))
    assert (r.horas, r.sin_responder) == (pytest.approx((0.5, 1.5, 4.0, 12.0, 63.0)), 1)


def test_la_duracion_se_lee_en_minutos_u_horas():
    from a3tui.domain import cifra_kpi

    assert [cifra_kpi(h, "horas") for h in (0.25, 1.0, 6.75, 47.9, 63.0, None)] == [
        "15 min", "1 h", "6.8 h", "48 h", "63 h", "—",
    ]  # fmt: skip


def test_los_archivos_del_reporte_llevan_el_tiempo_de_respuesta(ctx, escribieron):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    r = reportes.reporte_clientes(ctx)
    libro = load_workbook(io.BytesIO(archivos.xlsx_reporte(r, reportes.filas_reporte(ctx))))
    [fila] = [f for f in libro["Resumen"].iter_rows(values_only=True) if f and f[0] == "Tiempo de respuesta"]
    # The month's: 0.5, 1.5, 4, 12 and 63 hours.
    assert fila[1:4] == (4.0, "< 24 horas", "✓ sí")
    pdf = PdfReader(io.BytesIO(archivos.pdf_reporte(r, reportes.filas_reporte(ctx))))
    assert "Tiempo de respuesta 4 h < 24 horas ✔" in "\n".join(p.extract_text() for p in pdf.pages)
