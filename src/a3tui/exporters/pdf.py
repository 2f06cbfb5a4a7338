"""PDF documents: a3's PDF (``Documento``: any alphabet, its Unicode fonts embedded) and a
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

# Fallback fonts (fpdf2's ``set_fallback_fonts``) for what DejaVu Sans lacks: Droid Sans
# Fallback for Chinese, Japanese and Korean («王小明», «山田太郎», «김민준»), Symbola for
# emoji and other symbols, both in src/a3tui/data/fuentes/ with their licences. Each is
# read only the first time a text needs a letter DejaVu lacks (Droid Sans Fallback takes
# ~0.2 s to load): a document in Latin, Greek or Cyrillic never reads them. They have no
# bold: bold text in them prints regular.
RESPALDOS = (("DroidSansFallback", "DroidSansFallback.ttf"), ("Symbola", "Symbola_hint.ttf"))

# fpdf2's built-in fonts speak Latin-1 (every Spanish letter); a few typographic signs are
# written with their closest Latin-1 equivalent. Only used if the font files are missing.
_LATIN1 = str.maketrans({"—": "-", "–": "-", "·": "-", "…": "...", "“": '"', "”": '"', "’": "'", "²": "2"})

# What may vanish when no font has a glyph for it: symbols, joiners, variation selectors,
# combining marks. A letter no font has prints as «?».
_PUEDEN_FALTAR = ("So", "Sk", "Cf", "Mn", "Me")


def _archivo_de_fuente(nombre: str) -> Path | None:
    from importlib.resources import files

    ruta = Path(str(files("a3tui.data").joinpath("fuentes", nombre)))
    return ruta if ruta.is_file() else None


def _glifos(fuente: Any) -> dict[int, Any] | None:
    """The characters a font added to fpdf2 has (its cmap): an object since fpdf2 2.8, a
    dictionary before."""
    if isinstance(fuente, dict):
        return fuente.get("cmap")
    return getattr(fuente, "cmap", None)


class Documento(FPDF):
    """A Letter-size PDF that writes any text: a3's Unicode font is embedded (regular and
    bold; italic prints upright), with fallback fonts for Chinese, Japanese, Korean and
    emoji (``RESPALDOS``, read the first time a text needs them), and ``texto`` makes a
    string printable with them.

    Should the font files be missing from an installation, the PDF falls back to the
    built-in Helvetica, which only has Latin-1."""

    def __init__(self) -> None:
        super().__init__(format="Letter")
        self.set_creator("a3")
        regular, negrita = _archivo_de_fuente(_ARCHIVOS[""]), _archivo_de_fuente(_ARCHIVOS["B"])
        self.familia = "Helvetica"
        self._glifos: dict[int, Any] | None = None
        self._respaldos: list[dict[int, Any]] | None = None  # their glyphs, once read
        if regular is not None and negrita is not None:
            self.add_font(FUENTE, "", str(regular))
            self.add_font(FUENTE, "B", str(negrita))
            self.add_font(FUENTE, "I", str(regular))
            self.add_font(FUENTE, "BI", str(negrita))
            self.familia = FUENTE
            self._glifos = _glifos(self.fonts[FUENTE.lower()])

    def _con_respaldos(self) -> list[dict[int, Any]]:
        """The glyphs of the fallback fonts, which are added to the PDF (and read from
        disk) the first time this is called."""
        if self._respaldos is None:
            self._respaldos = []
            familias = []
            for familia, nombre in RESPALDOS:
                ruta = _archivo_de_fuente(nombre)
                if ruta is None:
                    continue
                self.add_font(familia, "", str(ruta))
                glifos = _glifos(self.fonts[familia.lower()])
                if glifos:
                    self._respaldos.append(glifos)
                    familias.append(familia)
            if familias:
                # Not exact: the fallback fonts serve bold and italic text too.
                self.set_fallback_fonts(familias, exact_match=False)
        return self._respaldos

    def letra(self, estilo: str = "", tamano: float = 10) -> None:
        """Use a3's font in ``estilo`` ("", "B", "I") at ``tamano`` points."""
        self.set_font(self.familia, estilo, tamano)

    def texto(self, valor: str) -> str:
        """``valor`` as this PDF can print it: no control characters, composed accents, and
        only characters its fonts have (see ``_PUEDEN_FALTAR``)."""
        limpio = unicodedata.normalize("NFC", domain.imprimible(valor))
        if self._glifos is None:
            return limpio.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
        glifos = self._glifos
        if all(ord(c) in glifos for c in limpio):
            return limpio
        respaldos = self._con_respaldos()

        def imprimible(c: str) -> bool:
            return ord(c) in glifos or any(ord(c) in otros for otros in respaldos)

        return "".join(
            c if imprimible(c) else ("" if unicodedata.category(c) in _PUEDEN_FALTAR else "?") for c in limpio
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
