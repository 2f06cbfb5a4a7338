"""PDF documents: a3's PDF (``Documento``: any alphabet, its Unicode font embedded) and a
property's one-page technical sheet (ficha técnica)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF

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


# The Unicode font a3 ships (DejaVu Sans, src/a3tui/data/fuentes/ with its licence) and
# the names its files have there. The PDF embeds only the glyphs it uses (~20 KB).
FUENTE = "DejaVu"
_ARCHIVOS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}

# fpdf2's built-in fonts speak Latin-1 (every Spanish letter); a few typographic signs are
# written with their closest Latin-1 equivalent. Only used if the font files are missing.
_LATIN1 = str.maketrans({"—": "-", "–": "-", "·": "-", "…": "...", "“": '"', "”": '"', "’": "'", "²": "2"})

# What may vanish when the font has no glyph for it: emoji and other symbols, joiners,
# variation selectors, combining marks. A letter the font lacks prints as «?».
_PUEDEN_FALTAR = ("So", "Sk", "Cf", "Mn", "Me")


def _archivo_de_fuente(nombre: str) -> Path | None:
    from importlib.resources import files

    ruta = Path(str(files("a3tui.data").joinpath("fuentes", nombre)))
    return ruta if ruta.is_file() else None


class Documento(FPDF):
    """A Letter-size PDF that writes any text: a3's Unicode font is embedded (regular and
    bold; italic prints upright), and ``texto`` makes a string printable with it.

    Should the font files be missing from an installation, the PDF falls back to the
    built-in Helvetica, which only has Latin-1."""

    def __init__(self) -> None:
        super().__init__(format="Letter")
        self.set_creator("a3")
        regular, negrita = _archivo_de_fuente(_ARCHIVOS[""]), _archivo_de_fuente(_ARCHIVOS["B"])
        self.familia = "Helvetica"
        self._glifos: dict[int, Any] | None = None
        if regular is not None and negrita is not None:
            self.add_font(FUENTE, "", str(regular))
            self.add_font(FUENTE, "B", str(negrita))
            self.add_font(FUENTE, "I", str(regular))
            self.add_font(FUENTE, "BI", str(negrita))
            self.familia = FUENTE
            fuente = self.fonts[FUENTE.lower()]
            self._glifos = getattr(fuente, "cmap", None)

    def letra(self, estilo: str = "", tamano: float = 10) -> None:
        """Use a3's font in ``estilo`` ("", "B", "I") at ``tamano`` points."""
        self.set_font(self.familia, estilo, tamano)

    def texto(self, valor: str) -> str:
        """``valor`` as this PDF can print it: no control characters, composed accents, and
        only characters its font has (see ``_PUEDEN_FALTAR``)."""
        limpio = unicodedata.normalize("NFC", domain.imprimible(valor))
        if self._glifos is None:
            return limpio.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
        glifos = self._glifos
        if all(ord(c) in glifos for c in limpio):
            return limpio
        return "".join(
            c if ord(c) in glifos else ("" if unicodedata.category(c) in _PUEDEN_FALTAR else "?") for c in limpio
        )

    def marca(self, cumple: bool, tamano: float = 10) -> None:
        """A green ✔ or a red ✘ in a cell of the current line (for a KPI against its target)."""
        self.set_text_color(30, 130, 60) if cumple else self.set_text_color(190, 40, 40)
        if self._glifos is not None:
            self.letra("", tamano)
            self.cell(16, 7, "✔" if cumple else "✘")
        else:
            # ✔ and ✘ of the standard ZapfDingbats font (no font file at hand).
            self.set_font("ZapfDingbats", "", tamano)
            self.cell(16, 7, "4" if cumple else "8")
        self.set_text_color(0, 0, 0)


def ficha_tecnica(propiedad: DatosFicha, asesor: str, telefono_asesor: str | None) -> bytes:
    """One page: the development and model, the price, the property's data, and who to call."""
    pdf = Documento()
    t = pdf.texto
    pdf.set_title(t(f"Ficha técnica {propiedad.clave}"))
    pdf.set_author(t(asesor))
    pdf.add_page()
    pdf.set_margins(20, 20, 20)
    pdf.letra("B", 22)
    titulo = propiedad.desarrollo + (f" - {propiedad.modelo}" if propiedad.modelo else "")
    pdf.multi_cell(0, 11, t(titulo), new_x="LMARGIN", new_y="NEXT")
    pdf.letra("", 12)
    pdf.cell(0, 8, t(f"Clave {propiedad.clave}"), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.letra("B", 26)
    precio = domain.format_dinero(propiedad.precio_centavos) if propiedad.precio_centavos else "Precio a consultar"
    pdf.cell(0, 14, t(precio), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    datos = [
        ("Recámaras", str(propiedad.recamaras) if propiedad.recamaras is not None else "-"),
        ("Plantas", str(propiedad.plantas) if propiedad.plantas is not None else "-"),
        ("Superficie", f"{propiedad.m2:g} m2" if propiedad.m2 is not None else "-"),
        ("Dirección", propiedad.direccion or "-"),
        ("Disponibilidad", propiedad.disponibilidad),
    ]
    pdf.letra("", 12)
    for etiqueta, valor in datos:
        pdf.letra("B", 12)
        pdf.cell(45, 9, t(etiqueta))
        pdf.letra("", 12)
        pdf.multi_cell(0, 9, t(valor), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    pdf.set_draw_color(150, 150, 150)
    pdf.line(20, pdf.get_y(), 196, pdf.get_y())
    pdf.ln(4)
    pdf.letra("", 12)
    contacto = f"Tu asesor: {asesor}" + (f" - Tel. {telefono_asesor}" if telefono_asesor else "")
    pdf.multi_cell(0, 8, t(contacto), new_x="LMARGIN", new_y="NEXT")
    pdf.letra("I", 9)
    pdf.multi_cell(
        0, 6, t("Precios y disponibilidad sujetos a cambio sin previo aviso."), new_x="LMARGIN", new_y="NEXT"
    )
    return bytes(pdf.output())
