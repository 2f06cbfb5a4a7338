"""Builds the sample files of tests/datos/intercambio (run it again after changing them; the
results are committed, so the tests never depend on this script having run):

- ``contactos.xlsx``: an advisor's contacts as Excel saves them: Spanish headers with
  accents («Teléfono», «Correo electrónico», «Dirección»), dates as dates, some phones as
  numbers, notes on two lines, a column a3 does not use («Cumpleaños»), and rows with a
  bad phone and e-mail, no name, a cancelled stage, a future first contact, and a phone
  repeated from an earlier row.
- ``contactos-latin1.csv``: a list saved by Excel on Windows in Spanish: Windows-1252
  (Latin-1) text, ``;`` between fields, dd/mm/yyyy dates, one bad row.
- ``agenda.vcf``: a phone's address book: vCard 2.1 cards as Android writes them
  (quoted-printable UTF-8 with soft line breaks, a folded BASE64 photo), 3.0 cards as an
  iPhone writes them (``item1.`` groups, folded notes, escapes), a 4.0 card (``tel:``
  URI), a card whose phone is a short code, a malformed card, a card cut short (no END),
  and a card that repeats an earlier one's phone.
- ``Chat de WhatsApp con Juan Pérez.txt``: an Android export (``dd/mm/aa hh:mm - Nombre:
  texto``): the encryption notice, multi-line messages, «<Multimedia omitido>», a line
  with an impossible date.
- ``Chat de WhatsApp - María López.zip``: what an iPhone shares: ``_chat.txt``
  (``[dd/mm/aaaa, h:mm:ss a.m.] Nombre: texto``, U+200E marks, «imagen omitida»).

    .venv/bin/python tests/datos/intercambio/generar.py
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

AQUI = Path(__file__).resolve().parent

ENCABEZADOS = [
    "Nombre", "Apellidos", "Teléfono", "Celular", "Correo electrónico", "Etapa", "Temperatura", "Origen",
    "Notas", "Primer contacto", "Dirección", "Cumpleaños",
]  # fmt: skip

# Row 2 onwards of the sheet.
CONTACTOS = [
    # 2: good; its phone is in «Celular», two lines of notes, a date cell
    ("José Ángel", "Núñez Treviño", None, "81 1234 5678", "jose.nunez@correo.mx", "Prospecto", "Caliente",
     "Facebook", "Busca casa de 3 recámaras\nPrefiere García o Santa Catarina", date(2026, 10, 5),
     "Av. Constitución 100, Monterrey, N.L.", date(1985, 3, 2)),
    # 3: good
    ("María Fernanda", "López Güemes", "55 1234 9876", None, "mafer.lopez@correo.com", "prospecto", "tibio",
     "Referido", None, date(2026, 11, 1), None, None),
    # 4: good, already reserved (an etapa «a3 cliente add» allows), two phones
    ("Sofía", "Ramírez", "81 8765 4321", "81 8765 4322", None, "Apartado", None, "Sala de ventas",
     "Apartó VAL-A-101", date(2026, 9, 15), None, None),
    # 5: bad phone and bad e-mail
    ("Ricardo", "Peña", "12345", None, "ricardo@", None, None, None, None, None, None, None),
    # 6: no name
    (None, None, "81 5555 1234", None, None, None, None, None, "Solo dejó su número", None, None, None),
    # 7: the phone of row 2
    ("Lucía", "Garza", "81-1234-5678", None, None, None, None, None, None, None, None, None),
    # 8: a new client can't start cancelled; the phone as Excel keeps a number
    ("Ernesto", "Cantú", 8112223333, None, None, "Cancelado", None, None, None, None, None, None),
    # 9: first contact in the future
    ("Ana Sofía", "Villarreal", "+52 1 81 3333 4444 / 81 3333 5555", None, "Ana.Villarreal@CORREO.com", None,
     None, None, None, date(2027, 1, 1), None, None),
    # 10: good; the phone as a float, accents and Ñ
    ("Carlos", "Martínez Ñúñez", 8114445555.0, None, "carlos.mtz@correo.com", None, "frío", "Página web", None,
     date(2026, 11, 20), "Río Nilo 12, San Pedro Garza García", None),
    # 11: good in an empty database; the phone of «Juan Pérez» of the CLI tests' portfolio
    ("Juan", "Pérez", None, "81-2345-6789", None, None, None, None, None, None, None, None),
]  # fmt: skip

CSV = [
    "Nombre completo;Tel.;E-mail;Origen;Observaciones;Fecha de alta",
    "Begoña Ibáñez Muñoz;(81) 1111-2222;begona@correo.mx;Página web;Pidió información del modelo Ébano;15/10/2026",
    "Raúl Sáenz;8113334444;raul.saenz@correo.mx;Espectacular;;01/11/2026",
    "Mónica Chávez;55-4444-3333;;Instagram;Llamar después de las 6 p.m.;20/11/2026",
    "Jesús Peña;81 22;jesus@correo;Otro;;",
]


def _qp(texto: str) -> str:
    """Quoted-printable as Android writes it: every byte of the UTF-8 text encoded, and a
    soft line break («=» at the end) every 74 characters."""
    codificado = "".join(f"={b:02X}" for b in texto.encode("utf-8"))
    partes = [codificado[i : i + 72] for i in range(0, len(codificado), 72)]
    return "=\r\n".join(partes)


def _vcf() -> bytes:
    tarjetas = [
        # 1: Android 2.1, quoted-printable with soft breaks, a long name
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('Hernández de la Peña Ibarra;Martín;;;')}\r\n"
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('Martín Hernández de la Peña Ibarra')}\r\n"
        "TEL;CELL;PREF:+52 1 81 2000 1000\r\n"
        "TEL;HOME:81-2000-1001\r\n"
        "EMAIL;INTERNET:martin.hdz@correo.mx\r\n"
        f"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('Quiere casa con jardín' + chr(13) + chr(10) + 'Visita el sábado')}\r\n"
        "END:VCARD\r\n",
        # 2: Android 2.1, plain ASCII
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Garza;Pedro;;;\r\nFN:Pedro Garza\r\nTEL;CELL:8120002000\r\nEND:VCARD\r\n",
        # 3: iPhone 3.0
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPRODID:-//Apple Inc.//iPhone OS 18.1//EN\r\n"
        "N:Martínez;Lucía;;;\r\nFN:Lucía Martínez\r\nORG:Constructora Río Bravo;\r\n"
        "EMAIL;type=INTERNET;type=HOME;type=pref:lucia.mtz@correo.com\r\n"
        "item1.TEL;type=CELL;type=VOICE;type=pref:(55) 2000 3000\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n"
        "ADR;type=HOME;type=pref:;;Calle Ébano 45;Monterrey;N.L.;64000;México\r\n"
        "NOTE:Le interesa el modelo Ciprés\\, prefiere planta baja. Tiene crédito apro\r\n bado por Infonavit.\r\n"
        "END:VCARD\r\n",
        # 4: a short code is not a client's phone
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tío Beto\r\nN:;Tío Beto;;;\r\nTEL;TYPE=CELL:*264\r\nEND:VCARD\r\n",
        # 5: malformed: a line that is no property
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tarjeta Rota\r\nesto no es una propiedad\r\nTEL:8120009000\r\nEND:VCARD\r\n",
        # 6: vCard 4.0, tel: URI
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ñoño Sáenz\r\nN:Sáenz;Ñoño;;;\r\n"
        'TEL;VALUE=uri;TYPE="cell,voice";PREF=1:tel:+52-33-2000-4000\r\nEMAIL:nono.saenz@correo.mx\r\nEND:VCARD\r\n',
        # 7: Android 2.1 with a folded BASE64 photo and the blank line after it
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Ruiz;Carmen;;;\r\nFN:Carmen Ruiz\r\nTEL;CELL:8120005000\r\n"
        "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkS\r\n"
        " Ew8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA\r\n"
        " /8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8A\r\n"
        " KpgB/9k=\r\n\r\nEND:VCARD\r\n",
        # 8: cut short: no END before the next card
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sin Final\r\nTEL:8120006000\r\n",
        # 9: the phone of card 2, another name
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pedro Garza (trabajo)\r\nTEL;TYPE=WORK:81 2000 2000\r\nEND:VCARD\r\n",
    ]
    return "".join(tarjetas).encode("utf-8")


ANDROID = """\
10/11/26 09:58 - Los mensajes y las llamadas están cifrados de extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos. Toca para obtener más información.
10/11/26 10:01 - Ana Martínez: Buenos días Juan, soy Ana de Valle Alto 🏡
Le comparto la información del modelo Almendro:
- 2 recámaras
- $1,250,000
10/11/26 10:05 - Ana Martínez: <Multimedia omitido>
10/11/26 13:40 - Juan Pérez: ¡Gracias! Me interesa, ¿tienen crédito Infonavit?
10/11/26 13:45 - Ana Martínez: Sí, aceptamos Infonavit y Fovissste.
12/11/26 18:20 - Ana Martínez: Hola Juan, ¿pudo revisar la información?
15/11/26 11:02 - Juan Pérez: Perdón la tardanza. ¿Podemos ver la casa el sábado?
15/11/26 11:03 - Juan Pérez: <Multimedia omitido>
15/11/26 11:10 - Ana Martínez: Claro, el sábado a las 11 en la sala de ventas.
31/11/26 09:00 - Ana Martínez: Recordatorio de la cita del sábado
(este mensaje tiene una fecha imposible)
21/11/26 12:30 - Juan Pérez: Ya vamos en camino
21/11/26 14:05 - Ana Martínez: Fue un gusto, Juan. Le envío la cotización.
"""

LRM = "\u200e"
NNBSP = "\u202f"  # iOS writes a narrow no-break space before «a.m.»

IPHONE = (
    f"{LRM}[08/11/2026, 9:15:02{NNBSP}a.m.] María López: {LRM}Los mensajes y las llamadas están cifrados de "
    "extremo a extremo. Nadie fuera de este chat, ni siquiera WhatsApp, puede leerlos ni escucharlos.\r\n"
    f"[08/11/2026, 9:15:02{NNBSP}a.m.] Ana Martínez: Hola María, le escribe Ana de Valle Alto.\r\n"
    f"[08/11/2026, 9:20:45{NNBSP}a.m.] María López: ¡Hola! Sí, vi el anuncio en Facebook\r\n"
    f"{LRM}[08/11/2026, 9:21:10{NNBSP}a.m.] María López: {LRM}imagen omitida\r\n"
    f"[08/11/2026, 9:30:00{NNBSP}p.m.] Ana Martínez: Le mando los precios mañana.\r\n"
    f"[09/11/2026, 10:00:00{NNBSP}a.m.] Ana Martínez: Buenos días, aquí están los precios:\r\n"
    "Almendro $1,250,000\r\n"
    "Ciprés $1,890,000\r\n"
    f"{LRM}[09/11/2026, 10:00:30{NNBSP}a.m.] Ana Martínez: {LRM}documento omitido\r\n"
    f"[13/11/2026, 12:00:00{NNBSP}p.m.] María López: ¿El Ciprés tiene 3 recámaras?\r\n"
    f"[13/11/2026, 12:05:00{NNBSP}p.m.] Ana Martínez: Así es, 3 recámaras y 2 plantas.\r\n"
)


def _xlsx(destino: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    libro = Workbook()
    hoja = libro.active
    assert hoja is not None
    hoja.title = "Contactos"
    hoja.append(ENCABEZADOS)
    for celda in hoja[1]:
        celda.font = Font(bold=True)
    for fila in CONTACTOS:
        hoja.append(list(fila))
    for columna in ("J", "L"):
        for celda in hoja[columna][1:]:
            celda.number_format = "dd/mm/yyyy"
    hoja.auto_filter.ref = hoja.dimensions
    libro.properties.creator = "Ana Martínez"
    libro.properties.created = libro.properties.modified = datetime(2026, 11, 20, 9, 0)
    libro.save(destino)


def _zip(destino: Path) -> None:
    with zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED) as archivo:
        info = zipfile.ZipInfo("_chat.txt", date_time=(2026, 11, 20, 9, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archivo.writestr(info, IPHONE.encode("utf-8"))


def main() -> None:
    _xlsx(AQUI / "contactos.xlsx")
    (AQUI / "contactos-latin1.csv").write_bytes(("\r\n".join(CSV) + "\r\n").encode("cp1252"))
    (AQUI / "agenda.vcf").write_bytes(_vcf())
    (AQUI / "Chat de WhatsApp con Juan Pérez.txt").write_bytes(ANDROID.encode("utf-8"))
    _zip(AQUI / "Chat de WhatsApp - María López.zip")


if __name__ == "__main__":
    main()
