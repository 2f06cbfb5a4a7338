"""The sale from the command line: the inventory (`a3 propiedad`), sharing a property
(WhatsApp link, e-mail draft, PDF sheet, in person), reservations (`a3 apartado`) up to the
escritura and the delivery, documents (`a3 documento`), the stage's checklist
(`a3 cliente paso`), importing a price list, and every bad input refused in one Spanish
sentence with the database unchanged."""

from __future__ import annotations

import contextlib
import email
import io
import os
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from apoyo.bases import Base, volcado
from apoyo.entorno import Terminal
from apoyo.pg import consultar
from apoyo.proceso import ASESOR, Resultado, assert_error, con_zona

A3 = Callable[..., Resultado]
Alta = Callable[..., int]

DATOS = Path(__file__).resolve().parents[1] / "datos"


# ---------------------------------------------------------------- a portfolio with an inventory


def _plantilla(run: Callable[[list[str]], int]) -> None:
    """Built with real commands: 1 Juan Pérez (phone and e-mail), 2 María López (phone only)
    who reserved CUM-A-14 (apartado 1), 3 Rosa Díaz cancelled; CUM-A-12, CUM-A-14, VAL-C-301."""

    def correr(*argv: str) -> None:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            assert run(list(argv)) == 0, err.getvalue()

    correr("cliente", "add", "Juan Pérez", "--telefono", "81 2345 6789", "--email", "juan.perez@correo.com")
    correr("cliente", "add", "María López", "--telefono", "55 1234 5678")
    correr("cliente", "add", "Rosa Díaz", "--telefono", "33 1234 5678")
    correr("cliente", "etapa", "3", "cancelado", "--motivo", "Compró con otra desarrolladora")
    comunes = ["--desarrollo", "Cumbres", "--modelo", "Roble", "--recamaras", "3", "--plantas", "2"]
    correr("propiedad", "add", "CUM-A-12", *comunes, "--precio", "1,250,000", "--m2", "120.5")
    correr("propiedad", "add", "CUM-A-14", *comunes, "--precio", "1,400,000", "--m2", "131")
    correr(
        "propiedad", "add", "VAL-C-301", "--desarrollo", "Valle Alto", "--modelo", "Ciprés", "--precio", "1,890,000",
        "--recamaras", "4", "--m2", "96.2", "--direccion", "Calle Encino 301, García",
    )  # fmt: skip
    correr("apartado", "crear", "2", "--propiedad", "CUM-A-14", "--monto", "20,000")


@pytest.fixture
def venta(desde_plantilla: Callable[..., Any], db: Base) -> Base:
    """The test's database: the portfolio and inventory of ``_plantilla``."""
    desde_plantilla("venta", _plantilla)
    return db


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, (res.out, res.err)
    assert res.err == "", res.err
    return res


def _propiedad(a3: A3, clave: str) -> dict:
    return _ok(a3("propiedad", "show", clave, "--json")).json()


def _cliente(a3: A3, ref: str) -> dict:
    return _ok(a3("cliente", "show", ref, "--json")).json()


def _historial(a3: A3, ref: str) -> list[dict]:
    return _ok(a3("actividad", "list", ref, "--json")).json()["actividades"]


def _apartar(a3: A3, ref: str, clave: str = "CUM-A-12", monto: str = "25,000") -> int:
    res = _ok(a3("apartado", "crear", ref, "--propiedad", clave, "--monto", monto))
    encontrado = re.match(r"Apartado (\d+): ", res.out)
    assert encontrado, res.out
    return int(encontrado.group(1))


def _documentos_completos(a3: A3, ref: str) -> None:
    _ok(a3("documento", "add", ref, DATOS / "documento.pdf", "--tipo", "ine"))
    _ok(
        a3(
            "documento", "add", ref, DATOS / "imagen.png", "--tipo", "comprobante-domicilio",
            "--fecha-documento", "2026-11-02",
        )
    )  # fmt: skip


def _texto_pdf(datos: bytes) -> str:
    from pypdf import PdfReader

    lector = PdfReader(io.BytesIO(datos))
    assert len(lector.pages) == 1
    return lector.pages[0].extract_text()


def _hacer_coordinador(db: Path) -> None:
    from a3tui.services import asesores
    from a3tui.store import open_store

    store = open_store(str(db))
    try:
        with store.session() as session:
            asesores.update(session, asesores.get(session, ASESOR), rol="coordinador")
    finally:
        store.dispose()


# ---------------------------------------------------------------- the whole sale


@pytest.mark.ambos_motores
def test_la_venta_completa_desde_la_linea_de_comandos(a3: A3, alta: Alta, db: Path) -> None:
    juan = str(alta("Juan Pérez", "--telefono", "81 2345 6789", "--email", "juan.perez@correo.com"))
    res = _ok(
        a3(
            "propiedad", "add", "CUM-A-12", "--desarrollo", "Cumbres", "--modelo", "Roble", "--precio", "1,250,000",
            "--recamaras", "3", "--m2", "120.5",
        )
    )  # fmt: skip
    assert res.out == "Propiedad CUM-A-12 agregada.\n"

    # Shared by WhatsApp: a link to print, a line in the history.
    res = _ok(a3("propiedad", "compartir", "CUM-A-12", juan, "--por", "whatsapp"))
    [enlace] = [linea for linea in res.out.splitlines() if linea.startswith("https://wa.me/52")]
    assert enlace.startswith("https://wa.me/528123456789?text=")
    assert "$1,250,000" in unquote(enlace)
    assert _historial(a3, juan)[0]["contenido"] == "Ficha de CUM-A-12 por WhatsApp"

    # Shown in a meeting: the same records as a share.
    _ok(a3("actividad", "reunion", juan, "-r", "muy-interesado", "--propiedades", "CUM-A-12"))
    assert sorted(m["medio"] for m in _propiedad(a3, "CUM-A-12")["mostrada"]) == ["en persona", "whatsapp"]

    # Reserved.
    apartado = _apartar(a3, juan)
    assert _propiedad(a3, "CUM-A-12")["estado"] == "apartada"
    assert _cliente(a3, juan)["etapa"] == "apartado"

    # The escritura is refused while a document is missing, and changes nothing.
    antes = volcado(db)
    assert_error(a3("apartado", "escriturar", str(apartado)), "falta INE; comprobante de domicilio")
    assert volcado(db) == antes
    _ok(a3("documento", "add", juan, DATOS / "documento.pdf", "--tipo", "ine", "--apartado", str(apartado)))
    antes = volcado(db)
    res = a3("apartado", "escriturar", str(apartado))
    assert_error(res, "falta comprobante de domicilio de los últimos 3 meses")
    assert "INE" not in res.err
    assert volcado(db) == antes
    _ok(
        a3(
            "documento", "add", juan, DATOS / "imagen.png", "--tipo", "comprobante-domicilio",
            "--fecha-documento", "2026-11-02", "--apartado", str(apartado),
        )
    )  # fmt: skip

    # Escriturado: the property is sold.
    res = _ok(a3("apartado", "escriturar", str(apartado)))
    assert res.out == f"Apartado {apartado} escriturado: CUM-A-12 vendida.\n"
    assert _propiedad(a3, "CUM-A-12")["estado"] == "vendida"
    assert _cliente(a3, juan)["etapa"] == "escriturado"

    # Entregado.
    assert _ok(a3("apartado", "entregar", str(apartado))).out == f"Apartado {apartado} entregado.\n"
    ficha = _cliente(a3, juan)
    assert ficha["etapa"] == "entregado"
    assert [(a["id"], a["estado"]) for a in ficha["apartados"]] == [(apartado, "entregado")]
    assert _propiedad(a3, "CUM-A-12")["apartados"][0]["estado"] == "entregado"


def test_un_apartado_cancelado_libera_la_propiedad(a3: A3, venta: Path) -> None:
    res = _ok(a3("apartado", "cancelar", "1", "--motivo", "No le dieron el crédito"))
    assert res.out == "Apartado 1 cancelado; CUM-A-14 vuelve a estar disponible.\n"
    propiedad = _propiedad(a3, "CUM-A-14")
    assert propiedad["estado"] == "disponible"
    assert [(a["cliente"], a["estado"]) for a in propiedad["apartados"]] == [("María López", "cancelado")]
    maria = _cliente(a3, "2")
    assert maria["etapa"] == "cancelado"
    assert "No le dieron el crédito" in maria["motivo_cancelacion"]
    _apartar(a3, "1", "CUM-A-14")
    assert _propiedad(a3, "CUM-A-14")["estado"] == "apartada"


def test_cancelar_al_cliente_cancela_su_apartado_y_libera_la_propiedad(a3: A3, venta: Path) -> None:
    _ok(a3("cliente", "etapa", "2", "cancelado", "--motivo", "Se muda a Guadalajara"))
    assert _propiedad(a3, "CUM-A-14")["estado"] == "disponible"
    [apartado] = _ok(a3("apartado", "list", "--json")).json()["apartados"]
    assert (apartado["estado"], apartado["motivo_cancelacion"]) == ("cancelado", "Se muda a Guadalajara")


# ---------------------------------------------------------------- the inventory


def test_propiedad_list_imprime_los_precios_con_comas(a3: A3, venta: Path) -> None:
    res = _ok(a3("propiedad", "list"))
    fila = next(linea for linea in res.out.splitlines() if linea.startswith("CUM-A-12"))
    assert "$1,250,000" in fila
    assert "disponible" in fila
    assert "$1,890,000" in res.out


def test_propiedad_list_json(a3: A3, venta: Path) -> None:
    datos = _ok(a3("propiedad", "list", "--json")).json()
    assert datos["total"] == 3
    primera = datos["propiedades"][0]
    assert primera == {
        "id": primera["id"],
        "clave": "CUM-A-12",
        "desarrollo": "Cumbres",
        "modelo": "Roble",
        "precio": 1250000,
        "recamaras": 3,
        "plantas": 2,
        "m2": 120.5,
        "direccion": None,
        "estado": "disponible",
    }


@pytest.mark.parametrize(
    ("filtro", "claves"),
    [
        (["--estado", "apartada"], ["CUM-A-14"]),
        (["--estado", "Disponible"], ["CUM-A-12", "VAL-C-301"]),
        (["--precio-max", "1,400,000"], ["CUM-A-12", "CUM-A-14"]),
        (["--precio-max", "$1,300,000"], ["CUM-A-12"]),
        (["--recamaras", "4"], ["VAL-C-301"]),
        (["--desarrollo", "valle"], ["VAL-C-301"]),
        (["--buscar", "CIPRES"], ["VAL-C-301"]),
        (["--buscar", "encino"], ["VAL-C-301"]),
        (["--buscar", "nada-parecido"], []),
    ],
)
def test_propiedad_list_filtra(a3: A3, venta: Path, filtro: list[str], claves: list[str]) -> None:
    datos = _ok(a3("propiedad", "list", *filtro, "--json")).json()
    assert [p["clave"] for p in datos["propiedades"]] == claves


def test_propiedad_list_sin_coincidencias_lo_dice(a3: A3, venta: Path) -> None:
    assert _ok(a3("propiedad", "list", "--recamaras", "9")).out == "No hay propiedades que coincidan.\n"


def test_propiedad_show_dice_precio_a_quien_se_mostro_y_sus_apartados(a3: A3, venta: Path) -> None:
    _ok(a3("propiedad", "compartir", "CUM-A-14", "1", "--por", "persona"))
    res = _ok(a3("propiedad", "show", "cum-a-14"))
    assert res.out.startswith("CUM-A-14 · Cumbres Roble · apartada\n")
    assert "Precio:      $1,400,000" in res.out
    assert "María López (id 2)  $20,000  activo" in res.out
    assert "Juan Pérez (id 1)  en persona" in res.out


def test_propiedad_show_json(a3: A3, venta: Path) -> None:
    _ok(a3("propiedad", "compartir", "CUM-A-14", "1", "--por", "whatsapp"))
    datos = _propiedad(a3, "CUM-A-14")
    assert (datos["clave"], datos["precio"], datos["estado"]) == ("CUM-A-14", 1400000, "apartada")
    assert [(m["cliente_id"], m["cliente"], m["medio"]) for m in datos["mostrada"]] == [(1, "Juan Pérez", "whatsapp")]
    assert datos["mostrada"][0]["fecha"] == con_zona("2026-11-23T10:00:00")
    assert datos["apartados"] == [
        {"id": 1, "fecha": "2026-11-23", "cliente_id": 2, "cliente": "María López", "monto": 20000, "estado": "activo"}
    ]


def test_propiedad_edit_cambia_solo_lo_indicado(a3: A3, venta: Path) -> None:
    assert _ok(a3("propiedad", "edit", "CUM-A-12", "--precio", "1,290,000")).out == "Propiedad CUM-A-12 actualizada.\n"
    datos = _propiedad(a3, "CUM-A-12")
    assert (datos["precio"], datos["modelo"], datos["m2"]) == (1290000, "Roble", 120.5)


def test_propiedad_add_con_centavos_los_muestra(a3: A3, venta: Path) -> None:
    _ok(a3("propiedad", "add", "LOTE-7", "--desarrollo", "Cumbres", "--precio", "$1,250,000.50"))
    assert "Precio:      $1,250,000.50" in _ok(a3("propiedad", "show", "LOTE-7")).out


# ---------------------------------------------------------------- sharing


def test_compartir_por_whatsapp_imprime_el_enlace_con_el_mensaje(a3: A3, venta: Path) -> None:
    res = _ok(
        a3("propiedad", "compartir", "CUM-A-12", "Juan", "--por", "whatsapp", "--mensaje", "¿La vemos el sábado?")
    )
    lineas = res.out.splitlines()
    enlace = lineas[1]
    assert enlace.startswith("https://wa.me/528123456789?text=")
    texto = parse_qs(urlsplit(enlace).query)["text"][0]
    for parte in ("Hola Juan", "Cumbres", "Roble", "$1,250,000", "3 recámaras", "120.5 m²", "¿La vemos el sábado?"):
        assert parte in texto, (parte, texto)
    assert lineas[-1] == "Registrado en el historial de Juan Pérez: CUM-A-12 por WhatsApp."


def test_compartir_queda_en_el_historial_y_en_la_ficha_del_cliente(a3: A3, venta: Path) -> None:
    _ok(a3("propiedad", "compartir", "CUM-A-12", "1", "--por", "whatsapp"))
    [entrada] = _historial(a3, "1")
    assert (entrada["tipo"], entrada["contenido"]) == ("mensaje", "Ficha de CUM-A-12 por WhatsApp")
    [mostrada] = _cliente(a3, "1")["propiedades_mostradas"]
    assert (mostrada["clave"], mostrada["medio"]) == ("CUM-A-12", "whatsapp")


def test_compartir_por_email_escribe_un_borrador_con_la_ficha_en_pdf(a3: A3, venta: Path, tmp_path: Path) -> None:
    res = _ok(a3("propiedad", "compartir", "CUM-A-12", "1", "--por", "email", "--salida", tmp_path))
    borrador = tmp_path / "CUM-A-12-1.eml"
    assert f"Borrador de email guardado en {borrador}" in res.out
    correo = email.message_from_bytes(borrador.read_bytes())
    assert correo["To"] == "juan.perez@correo.com"
    assert correo["Subject"] == "Cumbres Roble (CUM-A-12)"
    [adjunto] = [p for p in correo.walk() if p.get_content_type() == "application/pdf"]
    assert adjunto.get_filename() == "ficha-CUM-A-12.pdf"
    texto = _texto_pdf(adjunto.get_payload(decode=True))
    assert "CUM-A-12" in texto
    assert "$1,250,000" in texto


def test_compartir_por_email_imprime_un_enlace_mailto(a3: A3, venta: Path, tmp_path: Path) -> None:
    res = _ok(a3("propiedad", "compartir", "CUM-A-12", "1", "--por", "email", "--salida", tmp_path))
    [linea] = [linea for linea in res.out.splitlines() if "mailto:" in linea]
    enlace = linea.split("O con este enlace: ")[1]
    assert enlace.startswith("mailto:juan.perez@correo.com?subject=")
    assert "$1,250,000" in unquote(enlace)


@pytest.mark.ambos_motores
def test_compartir_por_pdf_escribe_una_ficha_tecnica_de_una_pagina(a3: A3, venta: Path, tmp_path: Path) -> None:
    res = _ok(a3("propiedad", "compartir", "VAL-C-301", "1", "--por", "pdf", "--salida", tmp_path))
    ficha = tmp_path / "ficha-VAL-C-301.pdf"
    assert f"Ficha técnica guardada en {ficha}" in res.out
    texto = _texto_pdf(ficha.read_bytes())
    for parte in ("Valle Alto", "Ciprés", "VAL-C-301", "$1,890,000", "Calle Encino 301", f"Tu asesor: {ASESOR}"):
        assert parte in texto, (parte, texto)


def test_compartir_por_pdf_sin_salida_la_guarda_en_la_carpeta_actual_sin_sobrescribir(
    a3: A3, venta: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _ok(a3("propiedad", "compartir", "CUM-A-12", "1", "--por", "pdf"))
    _ok(a3("propiedad", "compartir", "CUM-A-12", "2", "--por", "pdf"))
    assert sorted(p.name for p in tmp_path.glob("ficha-*.pdf")) == ["ficha-CUM-A-12-2.pdf", "ficha-CUM-A-12.pdf"]


@pytest.mark.parametrize("medio", ["email", "pdf"])
def test_los_archivos_compartidos_son_solo_del_dueno(a3: A3, venta: Path, tmp_path: Path, medio: str) -> None:
    salida = tmp_path / "salida"
    salida.mkdir()
    _ok(a3("propiedad", "compartir", "CUM-A-12", "1", "--por", medio, "--salida", salida))
    [archivo] = list(salida.iterdir())
    assert stat.S_IMODE(archivo.stat().st_mode) == 0o600


def test_compartir_en_persona_solo_lo_registra(a3: A3, venta: Path, tmp_path: Path) -> None:
    salida = tmp_path / "salida"
    salida.mkdir()
    res = _ok(a3("propiedad", "compartir", "CUM-A-12", "1", "--por", "persona", "--salida", salida))
    assert res.out.startswith("Registrado en el historial de Juan Pérez: CUM-A-12")
    assert list(salida.iterdir()) == []
    assert _propiedad(a3, "CUM-A-12")["mostrada"][0]["medio"] == "en persona"


def test_compartir_una_propiedad_apartada_avisa(a3: A3, venta: Path) -> None:
    res = _ok(a3("propiedad", "compartir", "CUM-A-14", "1", "--por", "whatsapp"))
    assert res.out.startswith("Ojo: CUM-A-14 está apartada.\n")


def test_compartir_a_una_carpeta_que_no_existe_no_registra_nada(a3: A3, venta: Path, tmp_path: Path) -> None:
    antes = volcado(venta)
    assert_error(a3("propiedad", "compartir", "CUM-A-12", "1", "--por", "pdf", "--salida", tmp_path / "no" / "x.pdf"))
    assert volcado(venta) == antes


def test_compartir_a_un_archivo_que_ya_existe_no_sugiere_una_opcion_que_no_existe(
    a3: A3, venta: Path, tmp_path: Path
) -> None:
    destino = tmp_path / "ficha.pdf"
    destino.write_bytes(b"%PDF mio")
    res = a3("propiedad", "compartir", "CUM-A-12", "1", "--por", "pdf", "--salida", destino)
    assert_error(res, str(destino))
    assert "--sobrescribir" not in res.err


def test_compartir_a_un_archivo_que_ya_existe_no_lo_toca_ni_registra_nada(a3: A3, venta: Path, tmp_path: Path) -> None:
    destino = tmp_path / "ficha.pdf"
    destino.write_bytes(b"%PDF mio")
    antes = volcado(venta)
    assert a3("propiedad", "compartir", "CUM-A-12", "1", "--por", "pdf", "--salida", destino).code == 1
    assert destino.read_bytes() == b"%PDF mio"
    assert volcado(venta) == antes


# ---------------------------------------------------------------- reservations


def test_apartado_crear_dice_que_paso_con_la_propiedad_y_el_cliente(a3: A3, venta: Path) -> None:
    res = _ok(a3("apartado", "crear", "juan", "--propiedad", "cum-a-12", "--monto", "$25,000"))
    assert res.out == (
        "Apartado 2: CUM-A-12 para Juan Pérez por $25,000.\nCUM-A-12 queda apartada; Juan Pérez pasa a apartado.\n"
    )


def test_apartado_crear_con_fecha_pasada(a3: A3, venta: Path) -> None:
    _ok(a3("apartado", "crear", "1", "--propiedad", "CUM-A-12", "--monto", "25,000", "--fecha", "2026-11-20"))
    assert _ok(a3("apartado", "show", "2", "--json")).json()["fecha"] == "2026-11-20"


def test_apartado_list_json(a3: A3, venta: Path) -> None:
    assert _ok(a3("apartado", "list", "--json")).json()["apartados"] == [
        {
            "id": 1,
            "cliente_id": 2,
            "cliente": "María López",
            "propiedad": "CUM-A-14 · Cumbres Roble",
            "fecha": "2026-11-23",
            "monto": 20000,
            "estado": "activo",
            "motivo_cancelacion": None,
            "fecha_escritura": None,
            "fecha_entrega": None,
            "motivo_excepcion": None,
        }
    ]


def test_apartado_list_filtra_por_estado(a3: A3, venta: Path) -> None:
    _apartar(a3, "1")
    _ok(a3("apartado", "cancelar", "1", "--motivo", "Sin crédito"))
    assert [a["id"] for a in _ok(a3("apartado", "list", "--estado", "activo", "--json")).json()["apartados"]] == [2]
    assert [a["id"] for a in _ok(a3("apartado", "list", "--estado", "cancelado", "--json")).json()["apartados"]] == [1]


def test_apartado_list_con_limite_dice_cuantos_hay(a3: A3, venta: Path) -> None:
    """Issue 28, point 10: a page of the list, like every other, and how many there are."""
    _apartar(a3, "1")
    doc = _ok(a3("apartado", "list", "-n", "1", "--json")).json()
    assert (doc["total"], [a["id"] for a in doc["apartados"]]) == (2, [2])
    assert _ok(a3("apartado", "list", "--limite", "1")).out.splitlines()[-1] == "… y 1 más (--limite)."
    assert_error(a3("apartado", "list", "--limite", "0"), "--limite")


def test_apartado_list_imprime_el_monto_con_comas(a3: A3, venta: Path) -> None:
    res = _ok(a3("apartado", "list"))
    assert res.out == "[1] 2026-11-23  María López (id 2)  CUM-A-14 · Cumbres Roble  $20,000  activo\n"


def test_apartado_show_dice_lo_que_falta_para_escriturar(a3: A3, venta: Path) -> None:
    _ok(a3("documento", "add", "2", DATOS / "foto.jpg", "--tipo", "ine"))
    res = _ok(a3("apartado", "show", "1"))
    assert "Propiedad:   CUM-A-14 · Cumbres Roble · precio $1,400,000" in res.out
    assert "Fecha:       2026-11-23 · monto $20,000" in res.out
    assert res.out.endswith(
        "Para escriturar:\n  ✓ INE\n  ✗ comprobante de domicilio de los últimos 3 meses (con su fecha)\n"
    )


def test_apartado_show_json_trae_los_requisitos(a3: A3, venta: Path) -> None:
    datos = _ok(a3("apartado", "show", "1", "--json")).json()
    assert datos["requisitos"] == [
        {"requisito": "INE", "cumplido": False},
        {"requisito": "comprobante de domicilio de los últimos 3 meses (con su fecha)", "cumplido": False},
    ]


def test_cliente_show_dice_su_apartado_y_lo_que_falta(a3: A3, venta: Path) -> None:
    res = _ok(a3("cliente", "show", "2"))
    assert "[1] CUM-A-14 · Cumbres Roble · $20,000 · activo" in res.out
    assert "Para escriturar falta: INE; comprobante de domicilio" in res.out


def test_cliente_show_json_trae_apartados_documentos_y_pasos(a3: A3, venta: Path) -> None:
    _ok(a3("documento", "add", "2", DATOS / "foto.jpg", "--tipo", "ine"))
    datos = _cliente(a3, "2")
    assert [(a["id"], a["monto"], a["estado"]) for a in datos["apartados"]] == [(1, 20000, "activo")]
    assert [(d["tipo"], d["archivo"]) for d in datos["documentos"]] == [("INE", "foto.jpg")]
    assert [p["paso"] for p in datos["pasos"]] == ["documentos", "credito", "firma", "dudas"]
    assert datos["faltan_para_escriturar"] == ["comprobante de domicilio de los últimos 3 meses (con su fecha)"]


def test_escriturar_con_excepcion_de_un_coordinador(a3: A3, venta: Path) -> None:
    _hacer_coordinador(venta)
    _ok(a3("apartado", "escriturar", "1", "--excepcion", "INE en trámite, autorizado por dirección"))
    datos = _ok(a3("apartado", "show", "1", "--json")).json()
    assert (datos["estado"], datos["motivo_excepcion"]) == ("escriturado", "INE en trámite, autorizado por dirección")
    assert "excepción de ana: INE en trámite" in _historial(a3, "2")[0]["detalle"]
    assert _propiedad(a3, "CUM-A-14")["estado"] == "vendida"


def test_escriturar_con_excepcion_de_un_asesor_es_error(a3: A3, venta: Path, monkeypatch) -> None:
    # «ana» created the database (its coordinator); «luis» is an advisor who now holds the client.
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis"))
    _ok(a3("cliente", "transferir", "2", "luis", "--motivo", "Luis cierra la venta"))
    monkeypatch.setenv("A3_ASESOR", "luis")
    antes = volcado(venta)
    assert_error(a3("apartado", "escriturar", "1", "--excepcion", "Tiene prisa"), "Solo un coordinador")
    assert volcado(venta) == antes


def test_entregar_antes_de_escriturar_es_error(a3: A3, venta: Path) -> None:
    antes = volcado(venta)
    assert_error(a3("apartado", "entregar", "1"), "se entrega después de escriturar")
    assert volcado(venta) == antes


# ---------------------------------------------------------------- documents


@pytest.mark.parametrize(("archivo", "formato"), [("documento.pdf", "pdf"), ("imagen.png", "png"), ("foto.jpg", "jpg")])
def test_documento_add_guarda_pdf_png_y_jpeg(a3: A3, venta: Path, archivo: str, formato: str) -> None:
    res = _ok(a3("documento", "add", "1", DATOS / archivo, "--tipo", "otro"))
    assert res.out.startswith(f"Documento 1 guardado: otro de Juan Pérez ({archivo}).\n")
    assert "Para escriturar aún falta: INE; comprobante de domicilio" in res.out
    [documento] = _ok(a3("documento", "list", "1", "--json")).json()["documentos"]
    assert (documento["formato"], documento["tamano"]) == (formato, (DATOS / archivo).stat().st_size)


def test_un_documento_recibido_es_la_ultima_actividad_en_la_ficha_y_la_lista(a3: A3, venta: Path) -> None:
    """Issue 28 point 4: Juan never contacted hands over his INE: `cliente show` and the
    list say «hoy» (not «nunca»), the next contact and the week's activities stay."""
    antes = _ok(a3("cliente", "show", "1", "--json")).json()
    assert antes["ultima_actividad"] is None
    actividades = [m["valor"] for m in _ok(a3("metricas", "--json")).json()["metricas"] if m["clave"] == "actividades"]
    _ok(a3("documento", "add", "1", DATOS / "documento.pdf", "--tipo", "ine"))
    assert "Última actividad: hoy" in " ".join(_ok(a3("cliente", "show", "1")).out.split())
    despues = _ok(a3("cliente", "show", "1", "--json")).json()
    assert despues["ultima_actividad"].startswith("2026-11-23T10:00:00")
    assert despues["proximo_contacto"] == antes["proximo_contacto"]
    [juan] = [c for c in _ok(a3("cliente", "list", "--json")).json()["clientes"] if c["id"] == 1]
    assert juan["ultima_actividad"] == despues["ultima_actividad"]
    assert actividades == [
        m["valor"] for m in _ok(a3("metricas", "--json")).json()["metricas"] if m["clave"] == "actividades"
    ]


def test_documento_add_reconoce_el_formato_por_el_contenido(a3: A3, venta: Path, tmp_path: Path) -> None:
    disfrazado = tmp_path / "ine.pdf"
    shutil.copyfile(DATOS / "imagen.png", disfrazado)
    _ok(a3("documento", "add", "1", disfrazado, "--tipo", "ine"))
    [documento] = _ok(a3("documento", "list", "1", "--json")).json()["documentos"]
    assert (documento["archivo"], documento["formato"]) == ("ine.pdf", "png")


def test_documento_add_el_mismo_archivo_dos_veces_es_error(a3: A3, venta: Path, tmp_path: Path) -> None:
    _ok(a3("documento", "add", "1", DATOS / "documento.pdf", "--tipo", "ine"))
    copia = tmp_path / "otra-copia.pdf"
    shutil.copyfile(DATOS / "documento.pdf", copia)
    antes = volcado(venta)
    assert_error(a3("documento", "add", "1", copia, "--tipo", "otro"), "ya está guardado como el documento 1")
    assert volcado(venta) == antes


def test_documento_list_json(a3: A3, venta: Path) -> None:
    _documentos_completos(a3, "1")
    datos = _ok(a3("documento", "list", "juan", "--json")).json()
    assert datos["cliente"] == {"id": 1, "nombre": "Juan Pérez"}
    assert [(d["id"], d["tipo"], d["fecha_documento"]) for d in datos["documentos"]] == [
        (2, "comprobante de domicilio", "2026-11-02"),
        (1, "INE", None),
    ]
    assert datos["faltan"] == []


def test_documento_list_dice_lo_que_falta(a3: A3, venta: Path) -> None:
    _ok(a3("documento", "add", "1", DATOS / "documento.pdf", "--tipo", "ine"))
    res = _ok(a3("documento", "list", "1"))
    assert f"[1] INE: documento.pdf (pdf, {(DATOS / 'documento.pdf').stat().st_size:,} bytes)" in res.out
    assert res.out.endswith("Para escriturar falta: comprobante de domicilio de los últimos 3 meses (con su fecha).\n")


def test_documento_abrir_escribe_una_copia_identica_solo_del_dueno(a3: A3, venta: Path, tmp_path: Path) -> None:
    _ok(a3("documento", "add", "1", DATOS / "foto.jpg", "--tipo", "ine"))
    ruta = Path(_ok(a3("documento", "abrir", "1")).out.strip())
    assert ruta.name == "1-foto.jpg"
    assert ruta.is_relative_to(tmp_path / "home")
    assert ruta.read_bytes() == (DATOS / "foto.jpg").read_bytes()
    assert stat.S_IMODE(ruta.stat().st_mode) == 0o600


def test_documento_abrir_dos_veces_reescribe_la_copia(a3: A3, venta: Path) -> None:
    _ok(a3("documento", "add", "1", DATOS / "foto.jpg", "--tipo", "ine"))
    primera = Path(_ok(a3("documento", "abrir", "1")).out.strip())
    primera.write_bytes(b"editada por el visor")
    assert Path(_ok(a3("documento", "abrir", "1")).out.strip()).read_bytes() == (DATOS / "foto.jpg").read_bytes()


def test_documento_borrar_pregunta_y_no_borra_si_no_se_confirma(
    a3: A3, venta: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ok(a3("documento", "add", "1", DATOS / "foto.jpg", "--tipo", "ine"))
    antes = volcado(venta)
    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    res = _ok(a3("documento", "borrar", "1"))
    assert res.out == "¿Borrar el documento 1 (INE, foto.jpg)? [s/N] No se borró nada.\n"
    assert volcado(venta) == antes


def test_documento_borrar_pregunta_y_borra_al_confirmar(a3: A3, venta: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _ok(a3("documento", "add", "1", DATOS / "foto.jpg", "--tipo", "ine"))
    monkeypatch.setattr("sys.stdin", Terminal("sí\n"))
    assert _ok(a3("documento", "borrar", "1")).out.endswith("Documento 1 borrado.\n")
    assert _ok(a3("documento", "list", "1", "--json")).json()["documentos"] == []


def test_documento_borrar_sin_terminal_pide_si(a3: A3, venta: Path) -> None:
    _ok(a3("documento", "add", "1", DATOS / "foto.jpg", "--tipo", "ine"))
    antes = volcado(venta)
    assert_error(a3("documento", "borrar", "1"), "usa --si")
    assert volcado(venta) == antes


def test_documento_borrar_con_si_no_pregunta(a3: A3, venta: Path) -> None:
    _ok(a3("documento", "add", "1", DATOS / "foto.jpg", "--tipo", "ine"))
    assert _ok(a3("documento", "borrar", "1", "--si")).out == "Documento 1 borrado.\n"
    assert _historial(a3, "1")[0]["detalle"] == "INE borrado (foto.jpg)"


@pytest.mark.ambos_motores
def test_documento_borrado_no_presta_su_id_al_siguiente(a3: A3, venta: Path) -> None:
    _ok(a3("documento", "add", "1", DATOS / "foto.jpg", "--tipo", "ine"))
    _ok(a3("documento", "borrar", "1", "--si"))
    res = _ok(a3("documento", "add", "1", DATOS / "documento.pdf", "--tipo", "ine"))
    assert res.out.startswith("Documento 2 guardado")
    assert_error(a3("documento", "abrir", "1"), "1")


@pytest.mark.solo_sqlite
def test_respaldo_y_restauracion_traen_de_vuelta_un_documento(a3: A3, venta: Path, tmp_path: Path) -> None:
    _ok(a3("documento", "add", "1", DATOS / "documento.pdf", "--tipo", "ine"))
    respaldo = tmp_path / "respaldo.db"
    _ok(a3("db", "backup", respaldo))
    _ok(a3("documento", "borrar", "1", "--si"))
    assert_error(a3("documento", "abrir", "1"), "No existe el documento 1")
    _ok(a3("db", "restore", respaldo))
    ruta = Path(_ok(a3("documento", "abrir", "1")).out.strip())
    assert ruta.read_bytes() == (DATOS / "documento.pdf").read_bytes()


def test_los_documentos_viven_en_la_tabla_documento_archivo(a3: A3, venta: Path) -> None:
    _ok(a3("documento", "add", "1", DATOS / "imagen.png", "--tipo", "otro"))
    [(datos,)] = consultar(venta, "SELECT datos FROM documento_archivo")
    assert datos == (DATOS / "imagen.png").read_bytes()


# ---------------------------------------------------------------- the checklist


def test_cliente_paso_lista_los_pasos_de_la_etapa(a3: A3, venta: Path) -> None:
    _ok(a3("propiedad", "compartir", "CUM-A-12", "1", "--por", "whatsapp"))
    res = _ok(a3("cliente", "paso", "1"))
    assert res.out.splitlines() == [
        "Qué hacer con Juan Pérez (prospecto):",
        "  ✓ Mostrarle propiedades  [mostrar] (a3 lo sabe)",
        "  ✓ Enviar opciones por WhatsApp  [opciones] (a3 lo sabe)",
        "  · Agendar citas para visitas  [cita]",
        "  ✓ Dar seguimiento constante  [seguimiento] (a3 lo sabe)",
    ]


def test_cliente_paso_marca_un_paso_a_mano(a3: A3, venta: Path) -> None:
    pasos = _ok(a3("cliente", "paso", "2", "Crédito", "--json")).json()["pasos"]
    assert {
        "paso": "credito",
        "texto": "Dar seguimiento al trámite de crédito",
        "hecho": True,
        "automatico": False,
    } in (pasos)


def test_cliente_paso_no_desmarca_un_paso(a3: A3, venta: Path) -> None:
    _ok(a3("cliente", "paso", "2", "firma"))
    pasos = _ok(a3("cliente", "paso", "2", "firma", "--no", "--json")).json()["pasos"]
    assert next(p for p in pasos if p["paso"] == "firma")["hecho"] is False


def test_cliente_paso_se_marca_solo_con_los_documentos(a3: A3, venta: Path) -> None:
    _documentos_completos(a3, "2")
    pasos = _ok(a3("cliente", "paso", "2", "--json")).json()["pasos"]
    assert pasos[0] == {
        "paso": "documentos",
        "texto": "Solicitar documentación faltante",
        "hecho": True,
        "automatico": True,
    }


def test_cliente_paso_desconocido_es_error(a3: A3, venta: Path) -> None:
    antes = volcado(venta)
    assert_error(
        a3("cliente", "paso", "1", "firma"), "La etapa prospecto no tiene el paso «firma»", "mostrar, opciones"
    )
    assert volcado(venta) == antes


# ---------------------------------------------------------------- importing a price list


def test_importar_excel_agrega_y_reporta_las_filas_malas(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    res = _ok(a3("propiedad", "importar", DATOS / "precios.xlsx"))
    assert res.out.splitlines() == [
        "Agregadas: 6 · actualizadas: 0 · sin cambios: 0 · con error: 2",
        "  fila 8, precio: El precio debe estar entre $50,000 y $500,000,000",
        "  fila 9, clave: la clave VAL-A-101 se repite en el archivo",
    ]
    datos = _propiedad(a3, "CUM-R-14")
    assert (datos["desarrollo"], datos["modelo"], datos["precio"]) == ("Cumbres del Río", "Roble Plus", 2780000)
    assert (datos["recamaras"], datos["plantas"], datos["m2"]) == (4, 2, 151.75)
    assert datos["direccion"] == "Av. del Río 14, Monterrey, N.L."
    assert _propiedad(a3, "VAL-A-101")["precio"] == 1250000
    assert_error(a3("propiedad", "show", "CUM-R-16"))


@pytest.mark.ambos_motores
def test_importar_excel_dos_veces_no_cambia_nada(a3: A3, alta: Alta, db: Path) -> None:
    alta("Juan Pérez")
    _ok(a3("propiedad", "importar", DATOS / "precios.xlsx"))
    antes = volcado(db)
    res = _ok(a3("propiedad", "importar", DATOS / "precios.xlsx"))
    assert res.out.splitlines()[0] == "Agregadas: 0 · actualizadas: 0 · sin cambios: 6 · con error: 2"
    assert volcado(db) == antes


def test_importar_excel_simulado_no_guarda_nada(a3: A3, alta: Alta, db: Path) -> None:
    alta("Juan Pérez")
    antes = volcado(db)
    res = _ok(a3("propiedad", "importar", DATOS / "precios.xlsx", "--simular"))
    assert res.out.splitlines()[0] == "Se agregarían: 6 · actualizadas: 0 · sin cambios: 0 · con error: 2"
    assert res.out.endswith("Simulación: no se guardó nada.\n")
    assert volcado(db) == antes


@pytest.mark.ambos_motores
def test_importar_csv_latin1_con_punto_y_coma_conserva_los_acentos(a3: A3, alta: Alta) -> None:
    alta("Juan Pérez")
    res = _ok(a3("propiedad", "importar", DATOS / "precios-latin1.csv"))
    assert res.out == "Agregadas: 4 · actualizadas: 0 · sin cambios: 0 · con error: 0\n"
    datos = _propiedad(a3, "SJ-101")
    assert (datos["desarrollo"], datos["modelo"], datos["precio"]) == ("Colinas de San José", "Nogal Único", 1350000)
    assert (datos["recamaras"], datos["plantas"], datos["m2"]) == (2, 2, 72.5)
    assert datos["direccion"] == "Av. Peñón 101, Saltillo"
    assert "$2,100,000.50" in _ok(a3("propiedad", "list", "--buscar", "ebano")).out


@pytest.mark.ambos_motores
def test_importar_csv_dos_veces_no_cambia_nada(a3: A3, alta: Alta, db: Path) -> None:
    alta("Juan Pérez")
    _ok(a3("propiedad", "importar", DATOS / "precios-latin1.csv"))
    antes = volcado(db)
    res = _ok(a3("propiedad", "importar", DATOS / "precios-latin1.csv"))
    assert res.out == "Agregadas: 0 · actualizadas: 0 · sin cambios: 4 · con error: 0\n"
    assert volcado(db) == antes


def test_importar_csv_simulado_no_guarda_nada(a3: A3, alta: Alta, db: Path) -> None:
    alta("Juan Pérez")
    antes = volcado(db)
    res = _ok(a3("propiedad", "importar", DATOS / "precios-latin1.csv", "--simular"))
    assert res.out.startswith("Se agregarían: 4 ·")
    assert volcado(db) == antes


def test_importar_una_lista_con_precios_nuevos_los_actualiza(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("Juan Pérez")
    _ok(a3("propiedad", "importar", DATOS / "precios-latin1.csv"))
    nueva = tmp_path / "precios-diciembre.csv"
    texto = (DATOS / "precios-latin1.csv").read_bytes().decode("cp1252").replace("$1,350,000", "$1,390,000")
    nueva.write_bytes(texto.encode("cp1252"))
    res = _ok(a3("propiedad", "importar", nueva))
    assert res.out == "Agregadas: 0 · actualizadas: 1 · sin cambios: 3 · con error: 0\n"
    assert _propiedad(a3, "SJ-101")["precio"] == 1390000


def test_importar_con_columna_nombrada_a_mano(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("Juan Pérez")
    lista = tmp_path / "lista.csv"
    lista.write_text('Unidad,Fracc.,Lista $\nPR-1,Pradera,"$990,000"\n', encoding="utf-8")
    _ok(a3("propiedad", "importar", lista, "--columna", "desarrollo=Fracc.", "--columna", "precio=Lista $"))
    datos = _propiedad(a3, "PR-1")
    assert (datos["desarrollo"], datos["precio"]) == ("Pradera", 990000)


def test_importar_una_lista_con_titulo_arriba_de_los_encabezados(a3: A3, alta: Alta, tmp_path: Path) -> None:
    alta("Juan Pérez")
    lista = tmp_path / "lista.csv"
    lista.write_text(
        "Lista de precios diciembre 2026,,\nVigente al 1 de diciembre,,\n,,\n"
        'Clave,Desarrollo,Precio\nPR-1,Pradera,"$990,000"\nPR-2,Pradera,"$1,010,000"\n',
        encoding="utf-8",
    )
    res = _ok(a3("propiedad", "importar", lista))
    assert res.out.startswith("Agregadas: 2 · actualizadas: 0 · sin cambios: 0 · con error: 0")
    assert _propiedad(a3, "PR-2")["precio"] == 1010000


@pytest.mark.solo_sqlite
def test_importar_simulado_sin_base_de_datos_no_la_crea(a3: A3, db: Path) -> None:
    assert not db.exists()
    res = _ok(a3("propiedad", "importar", DATOS / "precios-latin1.csv", "--simular"))
    assert res.out.startswith("Se agregarían: 4 ")
    assert not db.exists()


# ---------------------------------------------------------------- bad input: one sentence, nothing written


def _argv(argv: list[str], tmp_path: Path) -> list[str]:
    return [a.format(datos=DATOS, tmp=tmp_path) for a in argv]


MALAS = [
    # unknown property keys: the closest are suggested
    pytest.param(["propiedad", "show", "CUM-A12"], ("«CUM-A12»", "¿quisiste decir CUM-A-12"), id="clave-show"),
    pytest.param(
        ["apartado", "crear", "1", "--propiedad", "cuma12", "--monto", "25,000"],
        ("¿quisiste decir CUM-A-12",),
        id="clave-apartado",
    ),
    pytest.param(
        ["propiedad", "compartir", "CUM-12", "1", "--por", "whatsapp"], ("¿quisiste decir",), id="clave-compartir"
    ),
    pytest.param(["propiedad", "edit", "VAL-C-31", "--precio", "1,900,000"], ("VAL-C-301",), id="clave-edit"),
    pytest.param(
        ["actividad", "reunion", "1", "-r", "muy-interesado", "--propiedades", "CUM-A-12, CUM-A-16"],
        ("CUM-A-16",),
        id="clave-reunion",
    ),
    pytest.param(["propiedad", "show", "ZZZ"], ("No existe la propiedad con clave «ZZZ»",), id="clave-sin-parecidas"),
    # negative or absurd prices and amounts
    pytest.param(
        ["propiedad", "add", "CUM-A-16", "--desarrollo", "Cumbres", "--precio", "-1,250,000"],
        ("«-1,250,000» no es una cantidad",),
        id="precio-negativo",
    ),
    pytest.param(
        ["propiedad", "add", "CUM-A-16", "--desarrollo", "Cumbres", "--precio", "0"],
        ("entre $50,000 y $500,000,000",),
        id="precio-cero",
    ),
    pytest.param(
        ["propiedad", "add", "CUM-A-16", "--desarrollo", "Cumbres", "--precio", "999,999,999,999"],
        ("entre $50,000 y $500,000,000",),
        id="precio-absurdo",
    ),
    pytest.param(
        ["propiedad", "add", "CUM-A-16", "--desarrollo", "Cumbres", "--precio", "mucho"],
        ("no es una cantidad",),
        id="precio-no-numero",
    ),
    pytest.param(["propiedad", "edit", "CUM-A-12", "--precio", "-5"], ("no es una cantidad",), id="precio-edit"),
    pytest.param(
        ["propiedad", "add", "CUM-A-12", "--desarrollo", "Cumbres"],
        ("Ya existe la propiedad CUM-A-12",),
        id="clave-repetida",
    ),
    pytest.param(
        ["propiedad", "add", "CUM#16", "--desarrollo", "Cumbres"], ("«CUM#16» no es válida",), id="clave-invalida"
    ),
    pytest.param(
        ["propiedad", "add", "CUM-A-16", "--desarrollo", "Cumbres", "--m2", "-80"], ("m²",), id="m2-negativos"
    ),
    pytest.param(["propiedad", "list", "--estado", "vendidas"], ("«vendidas»",), id="estado-desconocido"),
    pytest.param(["propiedad", "list", "--precio-max", "-1"], ("precio máximo",), id="precio-max-negativo"),
    pytest.param(
        ["apartado", "crear", "1", "--propiedad", "CUM-A-12", "--monto", "-25,000"],
        ("«-25,000» no es una cantidad",),
        id="monto-negativo",
    ),
    pytest.param(
        ["apartado", "crear", "1", "--propiedad", "CUM-A-12", "--monto", "0"], ("entre $1 y",), id="monto-cero"
    ),
    pytest.param(
        ["apartado", "crear", "1", "--propiedad", "CUM-A-12", "--monto", "90,000,000"],
        ("entre $1 y $50,000,000",),
        id="monto-absurdo",
    ),
    pytest.param(
        ["apartado", "crear", "1", "--propiedad", "CUM-A-12", "--monto", "1,300,000"],
        ("entre $1 y $1,250,000",),
        id="monto-mayor-que-el-precio",
    ),
    pytest.param(
        ["apartado", "crear", "1", "--propiedad", "CUM-A-12", "--monto", "25,000", "--fecha", "mañana"],
        ("futura",),
        id="apartado-fecha-futura",
    ),
    # reservations that can't be
    pytest.param(
        ["apartado", "crear", "3", "--propiedad", "CUM-A-12", "--monto", "25,000"],
        ("Rosa Díaz está cancelado", "a3 cliente etapa 3 prospecto"),
        id="cliente-cancelado",
    ),
    pytest.param(
        ["apartado", "crear", "1", "--propiedad", "CUM-A-14", "--monto", "25,000"],
        ("CUM-A-14 está apartada por María López (apartado 1)",),
        id="propiedad-apartada",
    ),
    pytest.param(
        ["apartado", "crear", "2", "--propiedad", "CUM-A-12", "--monto", "25,000"],
        ("María López ya tiene el apartado 1 activo",),
        id="segundo-apartado",
    ),
    pytest.param(["apartado", "cancelar", "1"], ("motivo",), id="cancelar-sin-motivo"),
    pytest.param(["apartado", "show", "99"], ("No existe el apartado 99",), id="apartado-inexistente"),
    pytest.param(
        ["apartado", "escriturar", "1"], ("falta INE; comprobante de domicilio",), id="escriturar-sin-documentos"
    ),
    pytest.param(
        ["cliente", "etapa", "1", "apartado"], ("a3 apartado crear 1 --propiedad CLAVE",), id="etapa-apartado-a-mano"
    ),
    # documents
    pytest.param(
        ["documento", "add", "1", "{datos}/falso.pdf", "--tipo", "ine"],
        ("falso.pdf no es PDF, JPEG ni PNG",),
        id="documento-falso",
    ),
    pytest.param(
        ["documento", "add", "1", "{tmp}/grande.pdf", "--tipo", "ine"], ("el máximo es 10 MB",), id="documento-grande"
    ),
    pytest.param(
        ["documento", "add", "1", "{tmp}/no-existe.pdf", "--tipo", "ine"],
        ("No existe el archivo",),
        id="documento-no-existe",
    ),
    pytest.param(["documento", "add", "1", "{tmp}", "--tipo", "ine"], ("no es un archivo",), id="documento-carpeta"),
    pytest.param(
        ["documento", "add", "1", "{datos}/documento.pdf", "--tipo", "pasaporte"], ("«pasaporte»",), id="documento-tipo"
    ),
    pytest.param(
        ["documento", "add", "1", "{datos}/imagen.png", "--tipo", "comprobante-domicilio", "--fecha-documento", "+3"],
        ("futura",),
        id="documento-fecha-futura",
    ),
    pytest.param(
        ["documento", "add", "1", "{datos}/imagen.png", "--tipo", "otro", "--apartado", "1"],
        ("El apartado 1 no es de Juan Pérez",),
        id="documento-apartado-ajeno",
    ),
    pytest.param(["documento", "abrir", "99"], ("No existe el documento 99",), id="documento-inexistente"),
    # CURP and RFC
    pytest.param(
        ["cliente", "add", "Pedro Ruiz", "--curp", "BOXW310820HNERXN08"],
        ("La CURP «BOXW310820HNERXN08» no es válida",),
        id="curp-digito",
    ),
    pytest.param(
        ["cliente", "add", "Pedro Ruiz", "--rfc", "GODE561231GR9"],
        ("El RFC «GODE561231GR9» no es válido",),
        id="rfc-digito",
    ),
    pytest.param(
        ["cliente", "edit", "1", "--email", "juan@otro.com", "--curp", "BOXW310820HNERXM09"],
        ("CURP",),
        id="curp-edit",
    ),
    pytest.param(["cliente", "edit", "1", "--rfc", "GODE561231GRA"], ("RFC",), id="rfc-edit"),
    # sharing
    pytest.param(["propiedad", "compartir", "CUM-A-12", "1", "--por", "fax"], ("«fax»",), id="medio-desconocido"),
    pytest.param(
        ["propiedad", "compartir", "CUM-A-12", "2", "--por", "email"], ("María López no tiene email",), id="sin-email"
    ),
    pytest.param(
        ["propiedad", "compartir", "CUM-A-12", "3", "--por", "whatsapp"],
        ("Rosa Díaz está cancelado",),
        id="compartir-cancelado",
    ),
    # importing
    pytest.param(["propiedad", "importar", "{tmp}/no-existe.xlsx"], ("No existe el archivo",), id="importar-no-existe"),
    pytest.param(["propiedad", "importar", "{datos}/falso.pdf"], ("No sé leer archivos .pdf",), id="importar-pdf"),
    pytest.param(["propiedad", "importar", "{tmp}/falso.xlsx"], ("no es un Excel válido",), id="importar-excel-falso"),
    pytest.param(
        ["propiedad", "importar", "{tmp}/sin-clave.csv"], ("no tiene la columna «clave»",), id="importar-sin-clave"
    ),
]


@pytest.mark.ambos_motores
@pytest.mark.parametrize(("argv", "fragmentos"), MALAS)
def test_entrada_invalida_es_una_frase_y_no_cambia_nada(
    a3: A3, venta: Path, tmp_path: Path, argv: list[str], fragmentos: tuple[str, ...]
) -> None:
    with (tmp_path / "grande.pdf").open("wb") as grande:
        grande.write((DATOS / "documento.pdf").read_bytes())
        grande.truncate(10 * 1024 * 1024 + 1)
    shutil.copyfile(DATOS / "falso.pdf", tmp_path / "falso.xlsx")
    (tmp_path / "sin-clave.csv").write_text("Desarrollo,Precio\nCumbres,1250000\n", encoding="utf-8")
    antes = volcado(venta)
    assert_error(a3(*_argv(argv, tmp_path)), *fragmentos)
    assert volcado(venta) == antes


@pytest.mark.skipif(os.geteuid() == 0, reason="root lee cualquier archivo")
def test_documento_que_no_se_puede_leer_es_error(a3: A3, venta: Path, tmp_path: Path) -> None:
    privado = tmp_path / "ine.pdf"
    shutil.copyfile(DATOS / "documento.pdf", privado)
    privado.chmod(0)
    antes = volcado(venta)
    assert_error(a3("documento", "add", "1", privado, "--tipo", "ine"), "No tienes permiso para leer")
    assert volcado(venta) == antes
