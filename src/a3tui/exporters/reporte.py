"""«Reporte de mis clientes» and the client export as files: CSV (UTF-8 that Excel opens
with its accents), Excel (a summary sheet and a client sheet with real numbers and dates
and a header row that filters; text is always a string cell, never a formula; openpyxl)
and PDF (one to three pages: the KPI table with ✓/✗ against target, a bar chart of
clients per stage, why clients cancel, and the first clients of the list; fpdf2).

Plain values in, bytes out: the figures come from ``services.reportes``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from a3tui import domain

if TYPE_CHECKING:
    from a3tui.domain import FilaReporte, Reporte

# The client columns, in the files' order: header, and how to read the row.
COLUMNAS: list[tuple[str, str]] = [
    ("ID", "id"),
    ("Nombre", "nombre"),
    ("Teléfono", "telefono"),
    ("Email", "email"),
    ("Etapa", "etapa"),
    ("Temperatura", "temperatura"),
    ("Asesor", "asesor"),
    ("Plaza", "plaza"),
    ("Primer contacto", "primer_contacto"),
    ("Fecha de apartado", "fecha_apartado"),
    ("Última actividad", "ultima_actividad"),
    ("Próximo contacto", "proximo_contacto"),
    ("Motivo de cancelación", "motivo_cancelacion"),
    ("Dirección", "direccion"),
    ("Origen", "origen"),
    ("CURP", "curp"),
    ("RFC", "rfc"),
]


def valores(fila: FilaReporte) -> list[Any]:
    """A client's cells: dates stay dates, the stage its Spanish word."""
    salida: list[Any] = []
    for _titulo, campo in COLUMNAS:
        valor = getattr(fila, campo)
        if campo == "etapa":
            valor = valor.value
        elif campo == "telefono" and valor:
            valor = domain.format_telefono(valor)
        salida.append(valor)
    return salida


def _celda_csv(valor: Any) -> str:
    if valor is None:
        return ""
    if isinstance(valor, datetime):
        return valor.strftime("%Y-%m-%d %H:%M")
    if isinstance(valor, date):
        return valor.isoformat()
    return domain.celda_segura(domain.imprimible(str(valor)))


def csv_clientes(filas: Iterable[FilaReporte]) -> bytes:
    """The client list as CSV in UTF-8 with a byte-order mark (Excel then reads accents
    right), comma-separated, one header row."""
    salida = io.StringIO()
    escritor = csv.writer(salida, lineterminator="\r\n")
    escritor.writerow([titulo for titulo, _ in COLUMNAS])
    for fila in filas:
        escritor.writerow([_celda_csv(v) for v in valores(fila)])
    return ("\ufeff" + salida.getvalue()).encode("utf-8")


# ---------------------------------------------------------------- Excel


def _resumen_filas(reporte: Reporte) -> list[tuple[str, Any, str]]:
    """(label, value, note) lines of the Excel summary sheet."""
    lineas: list[tuple[str, Any, str]] = [("Clientes", reporte.total, "")]
    lineas += [(f"  {etapa.value}", n, "") for etapa, n in reporte.por_etapa.items()]
    lineas.append(("Actividades con estos clientes este mes", reporte.actividades_mes, "llamadas, reuniones, mensajes"))
    if reporte.actividades_rango is not None:
        lineas.append(("Actividades en el rango de fechas", reporte.actividades_rango, ""))
    lineas.append(("Tasa de conversión (prospecto → apartado)", reporte.conversion.valor, "meta > 30%"))
    lineas.append(
        (
            "Días promedio a apartado",
            reporte.dias_apartado.valor,
            f"meta < 30 días; {reporte.apartados_contados} apartados",
        )
    )
    return lineas


def _celda(hoja: Any, valor: Any) -> Any:
    """A cell for ``valor``. Text is always a string cell, never a formula: a name, an
    address or a cancellation reason that begins with ``=`` (``=HYPERLINK(…)``, a DDE
    payload) is shown as typed by every spreadsheet program, never evaluated. Dates stay
    dates and numbers numbers."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(valor, str):
        celda = WriteOnlyCell(hoja, value=domain.imprimible(valor))
        # openpyxl reads a leading "=" as a formula; the type is set after the value.
        celda.data_type = "s"
        return celda
    celda = WriteOnlyCell(hoja, value=valor)
    if isinstance(valor, datetime):
        celda.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(valor, date):
        celda.number_format = "yyyy-mm-dd"
    return celda


def _fila(hoja: Any, valores_fila: Iterable[Any]) -> list[Any]:
    """A row of cells (see ``_celda``); an existing cell is kept as it is."""
    from openpyxl.cell import Cell

    return [v if isinstance(v, Cell) else _celda(hoja, v) for v in valores_fila]


def xlsx_reporte(reporte: Reporte, filas: Iterable[FilaReporte]) -> bytes:
    """Two sheets: «Resumen» (totals, KPIs against target, cancellations) and «Clientes»
    (one row per client; numbers and dates as such; the header filters and stays in view)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    libro = Workbook(write_only=True)
    resumen = libro.create_sheet("Resumen")
    resumen.column_dimensions["A"].width = 44
    resumen.column_dimensions["B"].width = 14
    resumen.column_dimensions["C"].width = 40
    negrita = Font(bold=True)

    def titulo(texto: str, tamano: int = 12) -> list[Any]:
        celda = _celda(resumen, texto)
        celda.font = Font(bold=True, size=tamano)
        return [celda]

    resumen.append(titulo(reporte.titulo, 14))
    resumen.append(_fila(resumen, [f"Generado {reporte.generado:%Y-%m-%d %H:%M} · {reporte.filtros}"]))
    resumen.append([])
    for etiqueta, valor, nota in _resumen_filas(reporte):
        celda = _celda(resumen, round(valor, 1) if isinstance(valor, float) else valor)
        if "conversión" in etiqueta and isinstance(valor, float):
            celda = _celda(resumen, valor / 100)
            celda.number_format = "0.0%"
        resumen.append(_fila(resumen, [etiqueta, celda, nota]))
    resumen.append([])
    resumen.append(titulo("Mis métricas (este mes)"))
    encabezado = []
    for texto in ("Métrica", "Valor", "Meta", "Cumple", "Mes pasado", "Tendencia"):
        celda = _celda(resumen, texto)
        celda.font = negrita
        encabezado.append(celda)
    resumen.append(encabezado)
    for m in reporte.metricas:
        resumen.append(
            _fila(
                resumen,
                [
                    m.kpi.nombre,
                    None if m.kpi.valor is None else round(m.kpi.valor, 1),
                    m.kpi.meta,
                    "—" if m.kpi.cumple is None else ("✓ sí" if m.kpi.cumple else "✗ no"),
                    None if m.anterior is None else round(m.anterior, 1),
                    m.tendencia,
                ],
            )
        )
    resumen.append([])
    resumen.append(titulo("Por qué cancelan"))
    for motivo, n in reporte.cancelaciones or [("sin cancelaciones", 0)]:
        resumen.append(_fila(resumen, [motivo, n]))

    _hoja_clientes(libro, filas)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


def _hoja_clientes(libro: Any, filas: Iterable[FilaReporte]) -> None:
    """The «Clientes» sheet: bold header that stays in view and filters, dates as dates."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    hoja = libro.create_sheet("Clientes")
    anchos = [7, 30, 14, 28, 12, 12, 12, 14, 14, 14, 17, 14, 30, 30, 14, 20, 15]
    for i, ancho in enumerate(anchos, 1):
        hoja.column_dimensions[get_column_letter(i)].width = ancho
    hoja.freeze_panes = "A2"
    cabecera = []
    for texto, _campo in COLUMNAS:
        celda = _celda(hoja, texto)
        celda.font = Font(bold=True)
        cabecera.append(celda)
    hoja.append(cabecera)
    n = 0
    for fila in filas:
        hoja.append(_fila(hoja, valores(fila)))
        n += 1
    hoja.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNAS))}{n + 1}"


def xlsx_clientes(filas: Iterable[FilaReporte]) -> bytes:
    """The client export as one sheet (the report's client columns)."""
    from openpyxl import Workbook

    libro = Workbook(write_only=True)
    _hoja_clientes(libro, filas)
    salida = io.BytesIO()
    libro.save(salida)
    return salida.getvalue()


# ---------------------------------------------------------------- PDF

# Rows of the client list printed after the summary (the rest is in the Excel/CSV).
FILAS_PDF = 60


def pdf_reporte(reporte: Reporte, filas: Iterable[FilaReporte]) -> bytes:
    """One to three Letter pages: the summary with the KPI table (✓/✗ against target), a
    bar chart of clients per stage and why clients cancel; then the first ``FILAS_PDF``
    clients by name."""
    from a3tui.exporters.pdf import Documento

    pdf = Documento()
    t = pdf.texto
    pdf.set_title(t(reporte.titulo))
    pdf.set_auto_page_break(True, margin=15)
    pdf.set_margins(15, 15, 15)
    pdf.add_page()
    pdf.letra("B", 18)
    pdf.cell(0, 10, t(reporte.titulo), new_x="LMARGIN", new_y="NEXT")
    pdf.letra("", 10)
    pdf.cell(0, 6, t(f"Generado {reporte.generado:%Y-%m-%d %H:%M} - {reporte.filtros}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    # Totals.
    pdf.letra("B", 12)
    pdf.cell(0, 8, t(f"{reporte.total:,} clientes"), new_x="LMARGIN", new_y="NEXT")
    pdf.letra("", 10)
    pdf.cell(
        0, 6, t(f"Actividades con estos clientes este mes: {reporte.actividades_mes:,}"), new_x="LMARGIN", new_y="NEXT"
    )
    if reporte.actividades_rango is not None:
        pdf.cell(
            0, 6, t(f"Actividades en el rango de fechas: {reporte.actividades_rango:,}"), new_x="LMARGIN", new_y="NEXT"
        )
    pdf.ln(2)

    # Bar chart: clients per stage.
    pdf.letra("B", 12)
    pdf.cell(0, 8, t("Clientes por etapa"), new_x="LMARGIN", new_y="NEXT")
    pdf.letra("", 10)
    mayor = max(reporte.por_etapa.values(), default=0) or 1
    ancho_barra = 120.0
    for etapa, n in reporte.por_etapa.items():
        y = pdf.get_y()
        pdf.cell(32, 7, t(etapa.value))
        largo = ancho_barra * n / mayor
        if largo > 0:
            pdf.set_fill_color(70, 110, 170)
            pdf.rect(pdf.l_margin + 32, y + 1.2, max(largo, 0.8), 4.6, style="F")
        pdf.set_xy(pdf.l_margin + 34 + largo, y)
        pdf.cell(20, 7, f"{n:,}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    # KPI table against target.
    pdf.letra("B", 12)
    pdf.cell(0, 8, t("Mis métricas (este mes)"), new_x="LMARGIN", new_y="NEXT")
    anchos = (58, 26, 26, 16, 26, 30)
    pdf.letra("B", 9)
    for ancho, texto in zip(anchos, ("Métrica", "Valor", "Meta", "Cumple", "Mes pasado", "Tendencia"), strict=True):
        pdf.cell(ancho, 7, t(texto), border="B")
    pdf.ln()
    for m in reporte.metricas:
        pdf.letra("", 9)
        pdf.cell(anchos[0], 7, t(m.kpi.nombre))
        pdf.cell(anchos[1], 7, t(domain.cifra_kpi(m.kpi.valor, m.kpi.unidad)))
        pdf.cell(anchos[2], 7, t(m.kpi.meta))
        if m.kpi.cumple is None:
            pdf.cell(anchos[3], 7, "-")
        else:
            pdf.marca(m.kpi.cumple)
            pdf.letra("", 9)
        pdf.cell(anchos[4], 7, t(domain.cifra_kpi(m.anterior, m.kpi.unidad)))
        pdf.cell(anchos[5], 7, t(m.tendencia.replace("↑", "sube,").replace("↓", "baja,")))
        pdf.ln()
    pdf.ln(3)

    pdf.letra("B", 12)
    pdf.cell(0, 8, t("Por qué cancelan"), new_x="LMARGIN", new_y="NEXT")
    pdf.letra("", 10)
    for motivo, n in reporte.cancelaciones[:8] or [("Sin cancelaciones", 0)]:
        pdf.cell(0, 6, t(f"{motivo}: {n:,}" if n else motivo), new_x="LMARGIN", new_y="NEXT")

    # The first clients of the list.
    lista = []
    for fila in filas:
        lista.append(fila)
        if len(lista) > FILAS_PDF:
            break
    if lista:
        pdf.add_page()
        pdf.letra("B", 12)
        pdf.cell(0, 8, t("Clientes"), new_x="LMARGIN", new_y="NEXT")
        columnas = (
            (62, "Nombre"),
            (28, "Teléfono"),
            (24, "Etapa"),
            (24, "Asesor"),
            (22, "Primer contacto"),
            (26, "Próximo"),
        )
        pdf.letra("B", 8)
        for ancho, texto in columnas:
            pdf.cell(ancho, 6, t(texto), border="B")
        pdf.ln()
        pdf.letra("", 8)
        for fila in lista[:FILAS_PDF]:
            celdas = (
                domain.cortar(fila.nombre, 38),
                domain.format_telefono(fila.telefono) if fila.telefono else "",
                fila.etapa.value,
                domain.cortar(fila.asesor, 14),
                fila.primer_contacto.isoformat(),
                fila.proximo_contacto.isoformat() if fila.proximo_contacto else "-",
            )
            for (ancho, _), texto in zip(columnas, celdas, strict=True):
                pdf.cell(ancho, 5.5, t(texto))
            pdf.ln()
        if len(lista) > FILAS_PDF or reporte.total > FILAS_PDF:
            pdf.ln(2)
            pdf.letra("I", 8)
            pdf.cell(
                0, 6, t(f"Los primeros {FILAS_PDF} de {reporte.total:,}; la lista completa está en el Excel o el CSV.")
            )
    return bytes(pdf.output())
