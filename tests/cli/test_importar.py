"""`a3 importar clientes|vcard|whatsapp` on the realistic files of tests/datos/intercambio
(an Excel sheet with accents, a Latin-1 CSV, a phone's vCard export with 2.1 and 3.0
cards, an Android and an iPhone WhatsApp export): what the user reads, the report beside
the file, safe to run twice, --simular, and every bad input refused in one Spanish
sentence with the database unchanged."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.bases import volcado
from apoyo.proceso import Resultado, assert_error, con_zona, entorno

A3 = Callable[..., Resultado]
Alta = Callable[..., int]

DATOS = Path(__file__).resolve().parents[1] / "datos" / "intercambio"


@pytest.fixture
def archivos(tmp_path: Path) -> Path:
    """A copy of the sample files in the test's own folder (the reports are written beside them)."""
    carpeta = tmp_path / "archivos"
    shutil.copytree(DATOS, carpeta)
    return carpeta


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, (res.out, res.err)
    assert res.err == "", res.err
    return res


def _cliente(a3: A3, ref: str) -> dict:
    return _ok(a3("cliente", "show", ref, "--json")).json()


def _reporte(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as archivo:
        return list(csv.reader(archivo))


# ---------------------------------------------------------------- a3 importar clientes


# In the test portfolio row 4's phone is Juana Pérez Garza's, and row 11's Juan Pérez's.
SALIDA_XLSX = [
    "Agregados: 3 · duplicados: 3 · con error: 4",
    "  fila 4, Teléfono: Ya existe un cliente con ese teléfono: 2 Juana Pérez Garza",
    "  fila 5, Teléfono: El teléfono «12345» no tiene 10 dígitos; escribe 10 dígitos, p. ej. 81 2345 6789",
    "  fila 5, Correo electrónico: El email «ricardo@» no es válido; escribe algo como nombre@dominio.com",
    "  fila 6, Nombre: El nombre no puede estar vacío",
    "  fila 7, Teléfono: Repite el teléfono de la fila 2 del mismo archivo",
    "  fila 8, Etapa: Un cliente nuevo no puede empezar cancelado",
    "  fila 9, Primer contacto: La fecha de primer contacto no puede ser futura",
    "  fila 11, Celular: Ya existe un cliente con ese teléfono: 1 Juan Pérez",
]


@pytest.mark.ambos_motores
def test_importar_excel_agrega_y_reporta_cada_fila_mala(a3: A3, cartera: dict, archivos: Path) -> None:
    res = _ok(a3("importar", "clientes", archivos / "contactos.xlsx"))
    lineas = res.out.splitlines()
    assert lineas[: len(SALIDA_XLSX)] == SALIDA_XLSX
    assert lineas[len(SALIDA_XLSX) :] == [
        f"Reporte de los que no se importaron: {archivos / 'contactos.errores.csv'}",
        "Columnas sin usar: Cumpleaños (asígnalas con --columna CAMPO=ENCABEZADO).",
        "Los duplicados no se importaron; usa --forzar si de verdad son otras personas.",
    ]
    jose = _cliente(a3, "José Ángel")
    assert (jose["etapa"], jose["temperatura"], jose["origen"]) == ("prospecto", "caliente", "redes sociales")
    assert jose["email"] == "jose.nunez@correo.mx"
    assert jose["primer_contacto"] == "2026-10-05"


def test_el_reporte_de_errores_queda_junto_al_archivo(a3: A3, cartera: dict, archivos: Path) -> None:
    _ok(a3("importar", "clientes", archivos / "contactos.xlsx"))
    filas = _reporte(archivos / "contactos.errores.csv")
    assert filas[0] == ["Fila", "Columna", "Motivo", "Nombre"]
    assert filas[1] == ["4", "Teléfono", "Ya existe un cliente con ese teléfono: 2 Juana Pérez Garza", "Sofía Ramírez"]
    assert filas[5] == ["7", "Teléfono", "Repite el teléfono de la fila 2 del mismo archivo", "Lucía Garza"]
    assert [f[0] for f in filas[1:]] == ["4", "5", "5", "6", "7", "8", "9", "11"]
    assert (archivos / "contactos.errores.csv").stat().st_mode & 0o777 == 0o600


def test_importar_el_mismo_excel_dos_veces_no_agrega_nada(a3: A3, cartera: dict, archivos: Path, db: Path) -> None:
    _ok(a3("importar", "clientes", archivos / "contactos.xlsx"))
    antes = volcado(db)
    res = _ok(a3("importar", "clientes", archivos / "contactos.xlsx"))
    assert res.out.splitlines()[0] == "Agregados: 0 · duplicados: 6 · con error: 4"
    assert volcado(db) == antes
    # The first report is kept; the second goes beside it.
    assert (archivos / "contactos.errores.csv").exists()
    assert f"Reporte de los que no se importaron: {archivos / 'contactos.errores-2.csv'}" in res.out


def test_importar_simulado_no_guarda_nada_ni_el_reporte(a3: A3, cartera: dict, archivos: Path, db: Path) -> None:
    antes = volcado(db)
    res = _ok(a3("importar", "clientes", archivos / "contactos.xlsx", "--simular"))
    assert res.out.splitlines()[0] == "Se agregarían: 3 · duplicados: 3 · con error: 4"
    assert res.out.endswith("Simulación: no se guardó nada (tampoco el reporte de errores).\n")
    assert volcado(db) == antes
    assert not (archivos / "contactos.errores.csv").exists()


@pytest.mark.solo_sqlite
def test_importar_simulado_sin_base_de_datos_no_la_crea(a3: A3, archivos: Path, db: Path) -> None:
    assert not db.exists()
    res = _ok(a3("importar", "clientes", archivos / "contactos-latin1.csv", "--simular"))
    assert res.out.startswith("Se agregarían: 3 · duplicados: 0 · con error: 1\n")
    assert not db.exists()


@pytest.mark.ambos_motores
def test_importar_csv_latin1_conserva_los_acentos(a3: A3, cartera: dict, archivos: Path) -> None:
    res = _ok(a3("importar", "clientes", archivos / "contactos-latin1.csv"))
    assert res.out.splitlines()[:3] == [
        "Agregados: 3 · duplicados: 0 · con error: 1",
        "  fila 5, Tel.: El teléfono «81 22» no tiene 10 dígitos; escribe 10 dígitos, p. ej. 81 2345 6789",
        "  fila 5, E-mail: El email «jesus@correo» no es válido; escribe algo como nombre@dominio.com",
    ]
    begona = _cliente(a3, "begona")
    assert (begona["nombre"], begona["origen"], begona["primer_contacto"]) == (
        "Begoña Ibáñez Muñoz",
        "sitio web",
        "2026-10-15",
    )
    assert "Mónica Chávez" in _ok(a3("cliente", "list", "--buscar", "monica")).out


def test_importar_con_columna_nombrada_a_mano(a3: A3, cartera: dict, tmp_path: Path) -> None:
    hoja = tmp_path / "lista.csv"
    hoja.write_text("Cliente,Cel. personal\nLucía Garza,81 1111 2222\n", encoding="utf-8")
    _ok(a3("importar", "clientes", hoja, "--columna", "telefono=Cel. personal"))
    assert _cliente(a3, "Lucía Garza")["telefonos"] == ["8111112222"]


@pytest.mark.ambos_motores
def test_importar_con_forzar_agrega_los_duplicados(a3: A3, cartera: dict, archivos: Path) -> None:
    res = _ok(a3("importar", "clientes", archivos / "contactos.xlsx", "--forzar"))
    assert res.out.splitlines()[0] == "Agregados: 6 · duplicados: 0 · con error: 4"


def test_la_coordinadora_importa_para_un_asesor(
    a3: A3, cartera: dict, archivos: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # «ana» created the test portfolio, so she coordinates it.
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis Treviño"))
    res = _ok(a3("importar", "clientes", archivos / "contactos-latin1.csv", "--asesor", "luis"))
    assert res.out.startswith("Agregados: 3 (de Luis Treviño) · duplicados: 0 · con error: 1\n")
    monkeypatch.setenv("A3_ASESOR", "luis")
    assert "Raúl Sáenz" in _ok(a3("cliente", "list")).out


def test_un_asesor_no_importa_para_otro(
    a3: A3, cartera: dict, archivos: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis Treviño"))
    antes = volcado(db)
    monkeypatch.setenv("A3_ASESOR", "luis")
    res = a3("importar", "clientes", archivos / "contactos-latin1.csv", "--asesor", "ana")
    assert_error(res, "Solo un coordinador puede importar clientes para otro asesor.")
    assert volcado(db) == antes


def test_el_reporte_en_otra_ruta(a3: A3, cartera: dict, archivos: Path, tmp_path: Path) -> None:
    destino = tmp_path / "reporte.csv"
    res = _ok(a3("importar", "clientes", archivos / "contactos-latin1.csv", "--reporte", destino))
    assert f"Reporte de los que no se importaron: {destino}" in res.out
    assert _reporte(destino)[1][:2] == ["5", "Tel."]
    assert not (archivos / "contactos-latin1.errores.csv").exists()


def test_sin_filas_malas_no_hay_reporte(a3: A3, cartera: dict, tmp_path: Path) -> None:
    hoja = tmp_path / "buenos.csv"
    hoja.write_text("Nombre,Teléfono\nLucía Garza,81 1111 2222\n", encoding="utf-8")
    res = _ok(a3("importar", "clientes", hoja))
    assert res.out == "Agregados: 1 · duplicados: 0 · con error: 0\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".csv") == ["buenos.csv"]


def test_muchas_filas_malas_se_resumen_en_pantalla(a3: A3, cartera: dict, tmp_path: Path) -> None:
    hoja = tmp_path / "malos.csv"
    hoja.write_text("Nombre,Teléfono\n" + "".join(f"Cliente {i},123\n" for i in range(40)), encoding="utf-8")
    res = _ok(a3("importar", "clientes", hoja))
    assert "  … y 10 más en el reporte." in res.out
    assert len(_reporte(tmp_path / "malos.errores.csv")) == 41


def test_si_el_reporte_no_se_puede_escribir_no_se_importa_nada(
    a3: A3, cartera: dict, archivos: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from a3tui import archivos as archivos_module
    from a3tui.errors import BaseDeDatosInvalida

    def sin_espacio(destino: Path, datos: bytes, **_: object) -> Path:
        raise BaseDeDatosInvalida(f"No se pudo usar {destino}: el disco está lleno.")

    monkeypatch.setattr(archivos_module, "guardar_archivo", sin_espacio)
    antes = volcado(db)
    res = a3("importar", "clientes", archivos / "contactos.xlsx")
    assert_error(res, "No se pudo escribir el reporte de errores (no se pudo usar", "no se importó nada", "--reporte")
    assert volcado(db) == antes


# ---------------------------------------------------------------- a3 importar vcard


def test_importar_vcard_de_un_telefono(a3: A3, cartera: dict, archivos: Path) -> None:
    res = _ok(a3("importar", "vcard", archivos / "agenda.vcf"))
    assert res.out.splitlines() == [
        "Agregados: 5 · duplicados: 1 · con error: 3",
        "  tarjeta 4 (línea 32), TEL: El teléfono «*264» no es válido; escribe 10 dígitos, p. ej. 81 2345 6789",
        "  tarjeta 5 (línea 41): no es una propiedad vCard: «esto no es una propiedad»",
        "  tarjeta 8 (línea 62): no termina: falta END:VCARD antes de la línea 66",
        "  tarjeta 9 (línea 66), TEL: Repite el teléfono de la tarjeta 2 del mismo archivo",
        f"Reporte de los que no se importaron: {archivos / 'agenda.errores.csv'}",
        "Los duplicados no se importaron; usa --forzar si de verdad son otras personas.",
    ]
    martin = _cliente(a3, "Martín Hernández")
    assert martin["nombre"] == "Martín Hernández de la Peña Ibarra"
    assert martin["telefonos"] == ["8120001000", "8120001001"]
    assert _reporte(archivos / "agenda.errores.csv")[0] == ["Tarjeta", "Línea", "Campo", "Motivo", "Nombre"]


def test_importar_vcard_dos_veces_no_agrega_nada(a3: A3, cartera: dict, archivos: Path, db: Path) -> None:
    _ok(a3("importar", "vcard", archivos / "agenda.vcf"))
    antes = volcado(db)
    res = _ok(a3("importar", "vcard", archivos / "agenda.vcf", "--simular"))
    assert res.out.startswith("Se agregarían: 0 · duplicados: 6 · con error: 3\n")
    assert volcado(db) == antes


def test_exportar_e_importar_vcard_da_los_mismos_contactos(a3: A3, cartera: dict, tmp_path: Path) -> None:
    from a3tui import services
    from a3tui.services import intercambio
    from a3tui.store import open_store

    destino = tmp_path / "clientes.vcf"
    store = open_store(None)
    try:
        with store.session() as session:
            assert intercambio.exportar_vcard(services.contexto(session), destino) == 3
    finally:
        store.dispose()
    otra = tmp_path / "otra.db"
    res = _ok(a3("--db", otra, "importar", "vcard", destino))
    assert res.out == "Agregados: 3 · duplicados: 0 · con error: 0\n"
    lista = _ok(a3("--db", otra, "cliente", "list", "--json")).json()["clientes"]
    assert sorted((c["nombre"], c["telefono"]) for c in lista) == [
        ("Juan Pérez", "8123456789"),
        ("Juana Pérez Garza", "8187654321"),
        ("María López", "5512345678"),
    ]


# ---------------------------------------------------------------- a3 importar whatsapp


def test_importar_chat_de_android(a3: A3, cartera: dict, archivos: Path) -> None:
    res = _ok(a3("importar", "whatsapp", archivos / "Chat de WhatsApp con Juan Pérez.txt"))
    assert res.out.splitlines() == [
        "Chat con Juan Pérez (id 1): 4 días nuevos · 0 completados · 0 ya estaban · 10 mensajes importados.",
        "En el chat el cliente escribe como «Juan Pérez» y tú como «Ana Martínez».",
        "  línea 13: la fecha «31/11/26 09:00» no existe; se omitió ese mensaje",
    ]
    historial = _ok(a3("actividad", "list", "1", "--json")).json()["actividades"]
    mensajes = [a for a in historial if a["tipo"] == "mensaje"]
    assert [(a["fecha"], a["respondio"]) for a in mensajes] == [
        (con_zona("2026-11-21T14:05:00"), True),
        (con_zona("2026-11-15T11:10:00"), True),
        (con_zona("2026-11-12T18:20:00"), False),
        (con_zona("2026-11-10T13:45:00"), True),
    ]
    assert mensajes[2]["contenido"] == "18:20 Ana Martínez: Hola Juan, ¿pudo revisar la información?"


def test_reimportar_un_chat_solo_agrega_dias_nuevos(a3: A3, cartera: dict, archivos: Path, db: Path) -> None:
    chat = archivos / "Chat de WhatsApp con Juan Pérez.txt"
    _ok(a3("importar", "whatsapp", chat))
    antes = volcado(db)
    res = _ok(a3("importar", "whatsapp", chat))
    assert res.out.startswith("Chat con Juan Pérez (id 1): 0 días nuevos · 0 completados · 4 ya estaban · 0 mensajes")
    assert volcado(db) == antes
    with open(chat, "a", encoding="utf-8") as archivo:
        archivo.write("22/11/26 09:00 - Juan Pérez: ¿Ya tiene la cotización?\n")
    res = _ok(a3("importar", "whatsapp", chat))
    assert res.out.startswith(
        "Chat con Juan Pérez (id 1): 1 día nuevo · 0 completados · 4 ya estaban · 1 mensaje importado."
    )


def test_importar_chat_de_iphone_en_zip(a3: A3, cartera: dict, archivos: Path) -> None:
    res = _ok(a3("importar", "whatsapp", archivos / "Chat de WhatsApp - María López.zip"))
    assert res.out.splitlines()[0] == (
        "Chat con María López (id 3): 3 días nuevos · 0 completados · 0 ya estaban · 8 mensajes importados."
    )


def test_importar_chat_simulado_no_guarda_nada(a3: A3, cartera: dict, archivos: Path, db: Path) -> None:
    antes = volcado(db)
    res = _ok(a3("importar", "whatsapp", archivos / "Chat de WhatsApp con Juan Pérez.txt", "--simular"))
    assert "10 mensajes se importarían" in res.out
    assert res.out.endswith("Simulación: no se guardó nada.\n")
    assert volcado(db) == antes


def test_importar_chat_con_cliente_indicado(a3: A3, cartera: dict, tmp_path: Path) -> None:
    chat = tmp_path / "_chat.txt"
    chat.write_text("[20/11/26, 10:00:00] María: Hola Ana\n[20/11/26, 10:05:00] Ana Martínez: Hola\n", encoding="utf-8")
    res = _ok(a3("importar", "whatsapp", chat, "--cliente", "3"))
    assert res.out.startswith("Chat con María López (id 3): 1 día nuevo")


# ---------------------------------------------------------------- bad input: one sentence, nothing written


def _argv(argv: list[str], tmp_path: Path, archivos: Path) -> list[str]:
    return [a.format(tmp=tmp_path, datos=archivos) for a in argv]


MALAS = [
    pytest.param(["importar", "clientes", "{tmp}/no-existe.xlsx"], ("No existe el archivo",), id="clientes-no-existe"),
    pytest.param(["importar", "clientes", "{tmp}/vacio.csv"], ("está vacío",), id="clientes-vacio"),
    pytest.param(["importar", "clientes", "{tmp}"], ("no es un archivo",), id="clientes-carpeta"),
    pytest.param(["importar", "vcard", "{tmp}"], ("no es un archivo",), id="vcard-carpeta"),
    pytest.param(["importar", "whatsapp", "{tmp}"], ("no es un archivo",), id="chat-carpeta"),
    pytest.param(
        ["importar", "clientes", "{tmp}/binario.csv"], ("No reconozco ninguna columna",), id="clientes-binario"
    ),
    pytest.param(["importar", "clientes", "{tmp}/falso.xlsx"], ("no es un Excel válido",), id="clientes-excel-falso"),
    pytest.param(["importar", "clientes", "{tmp}/carta.pdf"], ("No sé leer archivos .pdf",), id="clientes-pdf"),
    pytest.param(
        ["importar", "clientes", "{tmp}/precios.csv"], ("No reconozco ninguna columna",), id="clientes-sin-columnas"
    ),
    pytest.param(
        ["importar", "clientes", "{tmp}/solo-telefonos.csv"],
        ("no tiene una columna de nombres", "--columna nombre=ENCABEZADO"),
        id="clientes-sin-nombres",
    ),
    pytest.param(
        ["importar", "clientes", "{datos}/contactos.xlsx", "--columna", "fax=Fax"],
        ("--columna «fax=Fax» no se entiende",),
        id="clientes-columna-mala",
    ),
    pytest.param(
        ["importar", "clientes", "{datos}/contactos.xlsx", "--columna", "telefono=Celular personal"],
        ("no tiene la columna «Celular personal» que pediste para telefono",),
        id="clientes-columna-que-no-esta",
    ),
    pytest.param(
        ["importar", "clientes", "{datos}/contactos.xlsx", "--reporte", "{tmp}/no-hay/errores.csv"],
        ("La carpeta", "del reporte no existe"),
        id="reporte-carpeta-inexistente",
    ),
    pytest.param(
        ["importar", "clientes", "{datos}/contactos.xlsx", "--reporte", "{datos}/contactos-latin1.csv"],
        ("Ya existe", "elige otro nombre para el reporte"),
        id="reporte-ya-existe",
    ),
    pytest.param(
        ["importar", "clientes", "{datos}/contactos.xlsx", "--reporte", "{tmp}"],
        ("es una carpeta",),
        id="reporte-es-carpeta",
    ),
    pytest.param(
        ["importar", "clientes", "{datos}/contactos.xlsx", "--asesor", "pepe"],
        ("No existe el asesor «pepe»",),
        id="clientes-asesor-inexistente",
    ),
    pytest.param(["importar", "vcard", "{tmp}/no-existe.vcf"], ("No existe el archivo",), id="vcard-no-existe"),
    pytest.param(["importar", "vcard", "{tmp}/vacio.vcf"], ("está vacío",), id="vcard-vacio"),
    pytest.param(["importar", "vcard", "{tmp}/precios.vcf"], ("no es una agenda vCard",), id="vcard-no-es-vcard"),
    pytest.param(["importar", "whatsapp", "{tmp}/no-existe.txt"], ("No existe el archivo",), id="chat-no-existe"),
    pytest.param(["importar", "whatsapp", "{tmp}/vacio.txt"], ("está vacío",), id="chat-vacio"),
    pytest.param(
        ["importar", "whatsapp", "{tmp}/carta.txt"], ("no parece un chat exportado de WhatsApp",), id="chat-no-es-chat"
    ),
    pytest.param(["importar", "whatsapp", "{tmp}/roto.zip"], ("no es un .zip válido",), id="chat-zip-roto"),
    pytest.param(
        ["importar", "whatsapp", "{tmp}/Chat de WhatsApp con Pedro Páramo.txt"],
        ("No encontré a «Pedro Páramo»", "--cliente REF"),
        id="chat-sin-cliente",
    ),
    pytest.param(
        ["importar", "whatsapp", "{tmp}/Chat de WhatsApp con Pérez.txt"],
        ("coincide con varios clientes", "--cliente ID"),
        id="chat-cliente-ambiguo",
    ),
    pytest.param(
        ["importar", "whatsapp", "{tmp}/_chat.txt", "--cliente", "1"],
        ("No sé quién eres tú en el chat", "--yo"),
        id="chat-quien-es-quien",
    ),
    pytest.param(
        ["importar", "whatsapp", "{datos}/Chat de WhatsApp con Juan Pérez.txt", "--yo", "Pepe"],
        ("«Pepe» no escribe en este chat",),
        id="chat-yo-que-no-escribe",
    ),
]


def _zip_roto(destino: Path) -> None:
    """A zip whose chat's bytes were damaged (its CRC no longer matches)."""
    import zipfile

    with zipfile.ZipFile(destino, "w", zipfile.ZIP_STORED) as archivo:
        archivo.writestr("_chat.txt", "20/11/26 10:00 - Juan Pérez: Hola\n" * 20)
    datos = bytearray(destino.read_bytes())
    datos[60:70] = b"XXXXXXXXXX"
    destino.write_bytes(bytes(datos))


def _archivos_malos(tmp_path: Path) -> None:
    (tmp_path / "vacio.csv").write_bytes(b"")
    (tmp_path / "vacio.vcf").write_bytes(b"")
    (tmp_path / "vacio.txt").write_bytes(b"")
    (tmp_path / "falso.xlsx").write_text("no soy un Excel", encoding="utf-8")
    (tmp_path / "binario.csv").write_bytes(bytes(range(256)) * 8)  # a file of another kind, named .csv
    (tmp_path / "carta.pdf").write_text("%PDF-1.4", encoding="utf-8")
    (tmp_path / "precios.csv").write_text("Clave,Precio\nCUM-A-12,1250000\n", encoding="utf-8")
    (tmp_path / "precios.vcf").write_text("Clave,Precio\nCUM-A-12,1250000\n", encoding="utf-8")
    (tmp_path / "solo-telefonos.csv").write_text("Teléfono,Correo\n8112345678,a@correo.mx\n", encoding="utf-8")
    (tmp_path / "carta.txt").write_text("Estimado Juan:\nLe escribo para…\n", encoding="utf-8")
    _zip_roto(tmp_path / "roto.zip")
    chat = "20/11/26 10:00 - Pedro: Hola\n20/11/26 10:05 - Toño: Hola\n"
    (tmp_path / "Chat de WhatsApp con Pedro Páramo.txt").write_text(chat, encoding="utf-8")
    (tmp_path / "Chat de WhatsApp con Pérez.txt").write_text(chat, encoding="utf-8")
    (tmp_path / "_chat.txt").write_text(chat, encoding="utf-8")


@pytest.mark.ambos_motores
@pytest.mark.parametrize(("argv", "fragmentos"), MALAS)
def test_entrada_invalida_es_una_frase_y_no_cambia_nada(
    a3: A3, cartera: dict, db: Path, tmp_path: Path, archivos: Path, argv: list[str], fragmentos: tuple[str, ...]
) -> None:
    _archivos_malos(tmp_path)
    antes = volcado(db)
    archivos_antes = sorted(p.name for p in archivos.iterdir())
    res = a3(*_argv(argv, tmp_path, archivos))
    assert_error(res, *fragmentos)
    assert volcado(db) == antes
    assert sorted(p.name for p in archivos.iterdir()) == archivos_antes  # no report written


# ---------------------------------------------------------------- help and start-up


@pytest.mark.parametrize("comando", ["clientes", "vcard", "whatsapp"])
def test_la_ayuda_de_cada_comando_es_en_espanol_con_ejemplo(a3: A3, comando: str) -> None:
    res = _ok(a3("importar", comando, "--help"))
    assert "Uso: a3 importar " + comando in res.out
    assert "Ejemplo" in res.out
    assert "--simular" in res.out


SONDA = """
import json, sys
from a3tui.cli import run
code = run(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}), file=sys.stderr)
"""


def test_importar_clientes_no_importa_textual_ni_rich_sin_terminal(tmp_path: Path, archivos: Path) -> None:
    env = entorno(tmp_path, A3_DB=str(tmp_path / "sonda.db"))
    done = subprocess.run(
        [sys.executable, "-c", SONDA, "importar", "clientes", str(archivos / "contactos-latin1.csv")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    informe = json.loads(done.stderr.strip().splitlines()[-1])
    assert informe["code"] == 0, done.stderr
    modulos = {m.split(".")[0] for m in informe["modules"]}
    assert {"textual", "rich"} & modulos == set()
    assert done.stdout.startswith("Agregados: 3 ·")
