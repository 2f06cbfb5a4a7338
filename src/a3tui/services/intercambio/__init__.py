"""Data exchange: clients in from a spreadsheet (CSV or Excel) or a phone's address book
(vCard), a WhatsApp chat in as a client's messages, and clients out as vCards a phone reads.

Every import is safe to run twice and never half done (``contactos`` says how, and why
contacts are written in batches rather than one ``clientes.add`` at a time).

A file a3 exported itself (its client export as CSV or Excel, its vCards) imports back:
the rows restore the clients as they were (stage, temperature, cancellation reason, CURP,
RFC, advisor where the importer may assign them), the spreadsheet's protective quote
comes off, and what was exported from this same database is recognised by its id and
counted, not reported row by row as duplicates.

The package: ``lectura`` (contacts as read from a file), ``contactos`` (the rules row by
row and the import), ``rechazos`` (the bad-row report), ``whatsapp`` (a chat in as
messages), ``vcard`` (clients out as vCards). Everything public is importable from here.
"""

from __future__ import annotations

from a3tui.services.intercambio.contactos import (
    importar_contactos,
)
from a3tui.services.intercambio.lectura import (
    CAMPOS_A3,
    CAMPOS_CLIENTES,
    NOMBRES_DE_CAMPO,
    RECHAZO_MAXIMO,
    TELEFONOS,
    Contacto,
    Lectura,
    Progreso,
    Rechazo,
    ResultadoContactos,
    es_exportacion_de_a3,
    lectura_de_agenda,
    leer_hoja,
    leer_vcard,
    mapeo_de_columnas,
)
from a3tui.services.intercambio.rechazos import (
    reporte_csv,
    revisar_nombre_del_reporte,
    ruta_del_reporte,
)
from a3tui.services.intercambio.vcard import (
    PISTA_SOBRESCRIBIR,
    exportar_vcard,
)
from a3tui.services.intercambio.whatsapp import (
    MARCA_WHATSAPP,
    ResultadoChat,
    importar_whatsapp,
)

__all__ = [
    "CAMPOS_A3",
    "CAMPOS_CLIENTES",
    "MARCA_WHATSAPP",
    "NOMBRES_DE_CAMPO",
    "PISTA_SOBRESCRIBIR",
    "RECHAZO_MAXIMO",
    "TELEFONOS",
    "Contacto",
    "Lectura",
    "Progreso",
    "Rechazo",
    "ResultadoChat",
    "ResultadoContactos",
    "es_exportacion_de_a3",
    "exportar_vcard",
    "importar_contactos",
    "importar_whatsapp",
    "lectura_de_agenda",
    "leer_hoja",
    "leer_vcard",
    "mapeo_de_columnas",
    "reporte_csv",
    "revisar_nombre_del_reporte",
    "ruta_del_reporte",
]
