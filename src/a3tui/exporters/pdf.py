"""PDF documents: a property's one-page technical sheet (ficha técnica)."""

from __future__ import annotations

from dataclasses import dataclass

from a3tui import domain


@dataclass(frozen=True)
class DatosFicha:
    """What a technical sheet shows of a property (plain values: no model, no session)."""

    clave: str
    desarrollo: str
    modelo: str | None
    precio_centavos: int | None
    recamaras: int | None
    plantas: int | None
    m2: float | None
    direccion: str | None
    disponibilidad: str


# fpdf2's built-in fonts speak Latin-1 (every Spanish letter); a few typographic signs are
# written with their closest Latin-1 equivalent.
_LATIN1 = str.maketrans({"—": "-", "–": "-", "·": "-", "…": "...", "“": '"', "”": '"', "’": "'", "²": "2"})


def texto_pdf(valor: str) -> str:
    """``valor`` as the PDF's built-in fonts can print it (Latin-1, no control characters)."""
    limpio = domain.imprimible(valor).translate(_LATIN1)
    return limpio.encode("latin-1", "replace").decode("latin-1")


def ficha_tecnica(propiedad: DatosFicha, asesor: str, telefono_asesor: str | None) -> bytes:
    """One page: the development and model, the price, the property's data, and who to call."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter")
    pdf.set_title(texto_pdf(f"Ficha técnica {propiedad.clave}"))
    pdf.set_author(texto_pdf(asesor))
    pdf.set_creator("a3")
    pdf.add_page()
    pdf.set_margins(20, 20, 20)
    pdf.set_font("Helvetica", "B", 22)
    titulo = propiedad.desarrollo + (f" - {propiedad.modelo}" if propiedad.modelo else "")
    pdf.multi_cell(0, 11, texto_pdf(titulo), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 12)
    pdf.cell(0, 8, texto_pdf(f"Clave {propiedad.clave}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 26)
    precio = domain.format_dinero(propiedad.precio_centavos) if propiedad.precio_centavos else "Precio a consultar"
    pdf.cell(0, 14, texto_pdf(precio), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    datos = [
        ("Recámaras", str(propiedad.recamaras) if propiedad.recamaras is not None else "-"),
        ("Plantas", str(propiedad.plantas) if propiedad.plantas is not None else "-"),
        ("Superficie", f"{propiedad.m2:g} m2" if propiedad.m2 is not None else "-"),
        ("Dirección", propiedad.direccion or "-"),
        ("Disponibilidad", propiedad.disponibilidad),
    ]
    pdf.set_font("Helvetica", "", 12)
    for etiqueta, valor in datos:
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(45, 9, texto_pdf(etiqueta))
        pdf.set_font("Helvetica", "", 12)
        pdf.multi_cell(0, 9, texto_pdf(valor), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_draw_color(150, 150, 150)
    pdf.line(20, pdf.get_y(), 196, pdf.get_y())
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 12)
    contacto = f"Tu asesor: {asesor}" + (f" - Tel. {telefono_asesor}" if telefono_asesor else "")
    pdf.multi_cell(0, 8, texto_pdf(contacto), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "I", 9)
    pdf.multi_cell(
        0, 6, texto_pdf("Precios y disponibilidad sujetos a cambio sin previo aviso."), new_x="LMARGIN", new_y="NEXT"
    )
    return bytes(pdf.output())
