"""Documents of a client: read from a file and checked by content (PDF, JPEG, PNG, up to
10 MB), stored in the database with their record, recognised when given twice, listed,
opened and deleted."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from a3tui import services
from a3tui import store as store_module
from a3tui.domain import EventoSistema, TipoDocumento
from a3tui.errors import ArchivoInvalido, DatoInvalido, NoEncontrado
from a3tui.models import Documento, DocumentoArchivo
from a3tui.services import actividades, apartados, clientes, documentos

from .ayuda import apartar, volcado

DATOS = Path(__file__).resolve().parents[1] / "datos"
HOY = date(2026, 11, 23)
PDF = (DATOS / "documento.pdf").read_bytes()
PNG = (DATOS / "imagen.png").read_bytes()
JPEG = (DATOS / "foto.jpg").read_bytes()


@pytest.fixture
def juan(ctx):
    return clientes.add(ctx, "Juan Pérez", telefonos=["8123456789"])


def _filas_de_archivos(ctx) -> int:
    return ctx.session.execute(text("SELECT count(*) FROM documento_archivo")).scalar_one()


# ---------------------------------------------------------------- reading a file


@pytest.mark.parametrize(("nombre", "formato"), [("documento.pdf", "pdf"), ("imagen.png", "png"), ("foto.jpg", "jpg")])
def test_leer_un_archivo_lo_reconoce_por_su_contenido(nombre, formato):
    datos, leido = documentos.leer_archivo(DATOS / nombre)
    assert leido == formato
    assert datos == (DATOS / nombre).read_bytes()


def test_un_pdf_con_nombre_de_imagen_se_reconoce_como_pdf(tmp_path):
    disfrazado = tmp_path / "foto.png"
    shutil.copyfile(DATOS / "documento.pdf", disfrazado)
    assert documentos.leer_archivo(disfrazado)[1] == "pdf"


def test_un_texto_con_nombre_de_pdf_se_rechaza(tmp_path):
    with pytest.raises(ArchivoInvalido, match=r"falso\.pdf no es PDF, JPEG ni PNG \(por su contenido"):
        documentos.leer_archivo(DATOS / "falso.pdf")


@pytest.mark.parametrize(
    "contenido",
    [b"GIF89a\x01\x00\x01\x00", b"PK\x03\x04 un zip o un docx", b"MZ\x90\x00 un programa"],
    ids=["gif", "zip", "exe"],
)
def test_otros_formatos_se_rechazan_por_su_contenido(tmp_path, contenido):
    archivo = tmp_path / "ine.pdf"
    archivo.write_bytes(contenido)
    with pytest.raises(ArchivoInvalido, match="no es PDF, JPEG ni PNG"):
        documentos.leer_archivo(archivo)


def test_un_archivo_que_no_existe_se_rechaza(tmp_path):
    with pytest.raises(ArchivoInvalido, match=r"No existe el archivo .*nada\.pdf"):
        documentos.leer_archivo(tmp_path / "nada.pdf")


def test_una_carpeta_no_es_un_documento(tmp_path):
    with pytest.raises(ArchivoInvalido, match="no es un archivo"):
        documentos.leer_archivo(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root lee cualquier archivo")
def test_un_archivo_sin_permiso_de_lectura_se_rechaza(tmp_path):
    archivo = tmp_path / "ine.pdf"
    archivo.write_bytes(PDF)
    archivo.chmod(0)
    with pytest.raises(ArchivoInvalido, match="No tienes permiso para leer"):
        documentos.leer_archivo(archivo)


def test_un_archivo_vacio_se_rechaza(tmp_path):
    archivo = tmp_path / "ine.pdf"
    archivo.touch()
    with pytest.raises(ArchivoInvalido, match="vacío"):
        documentos.leer_archivo(archivo)


def test_un_archivo_de_mas_de_10_mb_se_rechaza(tmp_path):
    archivo = tmp_path / "escaneo.pdf"
    with archivo.open("wb") as f:
        f.write(PDF)
        f.truncate(documentos.TAMANO_MAXIMO + 1)  # sparse: no 10 MB written to disk
    with pytest.raises(ArchivoInvalido, match=r"pesa 10\.0 MB; el máximo es 10 MB"):
        documentos.leer_archivo(archivo)


def test_un_archivo_de_10_mb_exactos_se_acepta(tmp_path):
    archivo = tmp_path / "escaneo.pdf"
    with archivo.open("wb") as f:
        f.write(PDF)
        f.truncate(documentos.TAMANO_MAXIMO)
    datos, formato = documentos.leer_archivo(archivo)
    assert (len(datos), formato) == (documentos.TAMANO_MAXIMO, "pdf")


def test_la_tilde_de_la_ruta_es_la_carpeta_personal(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    shutil.copyfile(DATOS / "imagen.png", tmp_path / "ine.png")
    assert documentos.leer_archivo(Path("~/ine.png"))[1] == "png"


# ---------------------------------------------------------------- add


@pytest.mark.ambos_motores
def test_guardar_un_documento_guarda_sus_bytes_en_la_base(ctx, juan):
    documento = documentos.add(ctx, juan, "ine.pdf", PDF, "pdf", "ine")
    archivo = ctx.session.get(DocumentoArchivo, documento.id)
    assert archivo is not None
    assert archivo.datos == PDF
    assert documentos.contenido(ctx, documento) == PDF


def test_guardar_un_documento_anota_sus_datos(ctx, juan):
    documento = documentos.add(ctx, juan, "/tmp/escaneos/ine.pdf", PDF, "pdf", "ine")
    assert documento.tipo == TipoDocumento.INE
    assert documento.nombre_archivo == "ine.pdf"
    assert (documento.formato, documento.tamano) == ("pdf", len(PDF))
    assert documento.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (documento.subido, documento.asesor_id) == (ctx.ahora, ctx.asesor_id)


def test_guardar_un_documento_lo_anota_en_el_historial(ctx, juan):
    documentos.add(ctx, juan, "recibo-luz.png", PNG, "png", "comprobante-domicilio", fecha_documento=HOY)
    [entrada] = actividades.list_(ctx, juan)
    assert entrada.actividad.evento == EventoSistema.DOCUMENTO
    assert entrada.actividad.detalle == "comprobante de domicilio agregado (recibo-luz.png)"


def test_un_documento_recibido_es_la_ultima_actividad_pero_no_un_contacto(ctx):
    """Issue 28 point 4: a document left «Última actividad: nunca». The client handed it
    over: it is the last thing that happened with them (the ficha, `cliente show`, the
    lists and «Fríos» read it), but not one of the advisor's calls, meetings, messages or
    e-mails (seed: «Actividades por semana: llamadas, citas, mensajes registrados»), so
    neither the next contact nor the week's activities move."""
    from a3tui.services import reportes

    juan = clientes.add(ctx, "Juan Pérez", primer_contacto=date(2026, 10, 1))
    assert clientes.count(ctx, clientes.Filtro(frios=True)) == 1
    proximo = juan.proximo_contacto
    documentos.add(ctx, juan, "ine.pdf", PDF, "pdf", "ine")
    assert juan.ultima_actividad == ctx.ahora
    assert juan.proximo_contacto == proximo
    assert clientes.count(ctx, clientes.Filtro(frios=True)) == 0
    assert reportes.actividades_entre(ctx, ctx.ahora.replace(hour=0), ctx.ahora.replace(hour=23)) == 0
    assert clientes.ultimos_recibidos(ctx, [juan.id or 0, 999]) == {juan.id: ctx.ahora}


def test_recalcular_el_seguimiento_conserva_la_fecha_del_documento(ctx, juan):
    """A change of cadence recomputes every client's dates: the document handed over is
    still the last activity, and the client is not counted as changed."""
    documentos.add(ctx, juan, "ine.pdf", PDF, "pdf", "ine")
    assert clientes.recalcular_seguimiento(ctx) == 0
    assert juan.ultima_actividad == ctx.ahora


def test_un_documento_no_retrasa_la_ultima_actividad(ctx, juan):
    actividades.llamada(ctx, juan, "contestó-interesado")
    documentos.recibido(ctx, juan, ctx.ahora.replace(hour=8))
    assert juan.ultima_actividad == ctx.ahora


@pytest.mark.ambos_motores
@pytest.mark.parametrize(
    ("escrito", "tipo"),
    [
        ("ine", TipoDocumento.INE),
        ("INE", TipoDocumento.INE),
        ("comprobante-domicilio", TipoDocumento.COMPROBANTE_DOMICILIO),
        ("Comprobante de domicilio", TipoDocumento.COMPROBANTE_DOMICILIO),
        ("comprobante_ingresos", TipoDocumento.COMPROBANTE_INGRESOS),
        ("otro", TipoDocumento.OTRO),
    ],
)
def test_el_tipo_se_acepta_sin_importar_guiones_ni_mayusculas(ctx, juan, escrito, tipo):
    assert documentos.add(ctx, juan, "doc.pdf", PDF, "pdf", escrito).tipo == tipo


def test_tipo_desconocido_se_rechaza(ctx, juan):
    with pytest.raises(DatoInvalido, match="«pasaporte»; usa una de estas opciones: INE"):
        documentos.add(ctx, juan, "pasaporte.pdf", PDF, "pdf", "pasaporte")
    assert documentos.list_(ctx, juan) == []


def test_formato_que_no_es_pdf_jpeg_ni_png_se_rechaza(ctx, juan):
    with pytest.raises(DatoInvalido, match="PDF, JPEG o PNG"):
        documentos.add(ctx, juan, "ine.gif", b"GIF89a", "gif", "ine")


def test_documento_de_mas_de_10_mb_se_rechaza(ctx, juan):
    with pytest.raises(DatoInvalido, match="10 MB"):
        documentos.add(ctx, juan, "ine.pdf", PDF + bytes(documentos.TAMANO_MAXIMO), "pdf", "ine")
    assert _filas_de_archivos(ctx) == 0


def test_documento_vacio_se_rechaza(ctx, juan):
    with pytest.raises(DatoInvalido, match="entre 1 byte y 10 MB"):
        documentos.add(ctx, juan, "ine.pdf", b"", "pdf", "ine")


def test_fecha_de_documento_futura_se_rechaza(ctx, juan):
    with pytest.raises(DatoInvalido, match="futura"):
        documentos.add(ctx, juan, "luz.png", PNG, "png", "comprobante-domicilio", fecha_documento=date(2026, 11, 24))


def test_el_mismo_archivo_dos_veces_se_reconoce(ctx, juan):
    primero = documentos.add(ctx, juan, "ine.pdf", PDF, "pdf", "ine")
    with pytest.raises(DatoInvalido, match=rf"ya está guardado como el documento {primero.id} \(INE, ine.pdf\)"):
        documentos.add(ctx, juan, "otra-copia.pdf", PDF, "pdf", "otro")
    assert len(documentos.list_(ctx, juan)) == 1


def test_el_mismo_archivo_para_otro_cliente_se_acepta(ctx, juan):
    documentos.add(ctx, juan, "acta.pdf", PDF, "pdf", "otro")
    rosa = clientes.add(ctx, "Rosa Díaz")
    assert documentos.add(ctx, rosa, "acta.pdf", PDF, "pdf", "otro").cliente_id == rosa.id


@pytest.mark.ambos_motores
def test_documento_repetido_no_cambia_nada_en_la_base(store, ahora):
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        documentos.add(ctx, clientes.add(ctx, "Juan Pérez"), "ine.pdf", PDF, "pdf", "ine")
    antes = volcado(store)
    with pytest.raises(DatoInvalido), store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        documentos.add(ctx, clientes.resolve(ctx, "juan"), "ine-2.pdf", PDF, "pdf", "ine")
    assert volcado(store) == antes


def test_documento_ligado_a_su_apartado(ctx, juan):
    apartado = apartar(ctx, juan)
    documento = documentos.add(ctx, juan, "ine.jpg", JPEG, "jpg", "ine", apartado_id=apartado.id)
    assert documento.apartado_id == apartado.id


def test_documento_con_el_apartado_de_otro_cliente_se_rechaza(ctx, juan):
    rosa = clientes.add(ctx, "Rosa Díaz")
    apartado = apartar(ctx, rosa)
    with pytest.raises(DatoInvalido, match=f"El apartado {apartado.id} no es de Juan Pérez"):
        documentos.add(ctx, juan, "ine.jpg", JPEG, "jpg", "ine", apartado_id=apartado.id)


def test_documento_con_un_apartado_inexistente_se_rechaza(ctx, juan):
    with pytest.raises(NoEncontrado, match="No existe el apartado 42"):
        documentos.add(ctx, juan, "ine.jpg", JPEG, "jpg", "ine", apartado_id=42)


def test_los_documentos_completan_lo_que_pide_la_escritura(ctx, juan):
    documentos.add(ctx, juan, "ine.jpg", JPEG, "jpg", "ine")
    documentos.add(ctx, juan, "luz.png", PNG, "png", "comprobante-domicilio", fecha_documento=date(2026, 11, 2))
    assert apartados.faltantes(ctx, juan) == []


# ---------------------------------------------------------------- list, get, open, delete


def test_lista_de_documentos_el_mas_reciente_primero_sin_sus_bytes(store):
    from datetime import datetime

    with store.session() as session:
        ctx = services.contexto(session, "ana", datetime(2026, 11, 20, 9, 0))
        juan = clientes.add(ctx, "Juan Pérez")
        documentos.add(ctx, juan, "ine.jpg", JPEG, "jpg", "ine")
    with store.session() as session:
        ctx = services.contexto(session, "ana", datetime(2026, 11, 23, 10, 0))
        juan = clientes.resolve(ctx, "juan")
        documentos.add(ctx, juan, "luz.png", PNG, "png", "comprobante-domicilio", fecha_documento=HOY)
        filas = documentos.list_(ctx, juan)
    assert [(f.nombre_archivo, f.formato, f.tamano) for f in filas] == [
        ("luz.png", "png", len(PNG)),
        ("ine.jpg", "jpg", len(JPEG)),
    ]
    assert filas[0].fecha_documento == HOY
    assert not hasattr(filas[0], "datos")


def test_documento_de_un_cliente_de_otro_asesor_no_se_encuentra(ctx, ctx_luis, juan):
    documento = documentos.add(ctx, juan, "ine.pdf", PDF, "pdf", "ine")
    with pytest.raises(NoEncontrado, match=f"No existe el documento {documento.id}"):
        documentos.get(ctx_luis, documento.id)


def test_documento_inexistente_no_se_encuentra(ctx):
    with pytest.raises(NoEncontrado, match="No existe el documento 7"):
        documentos.get(ctx, 7)


def test_nombre_para_abrir_lleva_el_id_y_el_formato_del_contenido(ctx, juan):
    documento = documentos.add(ctx, juan, "INE escaneada.jpeg", PDF, "pdf", "ine")
    assert documentos.nombre_para_abrir(documento) == f"{documento.id}-INE escaneada.pdf"


def test_borrar_quita_el_documento_y_su_archivo(ctx, juan):
    documento = documentos.add(ctx, juan, "ine.pdf", PDF, "pdf", "ine")
    documentos.borrar(ctx, documento)
    assert ctx.session.exec(select(Documento)).all() == []
    assert _filas_de_archivos(ctx) == 0


def test_borrar_deja_constancia_en_el_historial(ctx, juan):
    documentos.borrar(ctx, documentos.add(ctx, juan, "ine.pdf", PDF, "pdf", "ine"))
    assert actividades.list_(ctx, juan)[0].actividad.detalle == "INE borrado (ine.pdf)"


def test_borrado_el_documento_se_puede_volver_a_guardar(ctx, juan):
    documentos.borrar(ctx, documentos.add(ctx, juan, "ine.pdf", PDF, "pdf", "ine"))
    assert documentos.add(ctx, juan, "ine.pdf", PDF, "pdf", "ine").id is not None


def test_borrar_el_documento_vuelve_a_pedirlo_para_escriturar(ctx, juan):
    ine = documentos.add(ctx, juan, "ine.jpg", JPEG, "jpg", "ine")
    documentos.add(ctx, juan, "luz.png", PNG, "png", "comprobante-domicilio", fecha_documento=HOY)
    documentos.borrar(ctx, ine)
    assert apartados.faltantes(ctx, juan) == ["INE"]


def test_un_documento_viaja_en_el_respaldo_de_la_base(store, ahora, tmp_path):
    if store.path is None:
        pytest.skip("en PostgreSQL el respaldo es el del servidor (pg_dump), que lleva las tablas enteras")
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        documentos.add(ctx, clientes.add(ctx, "Juan Pérez"), "ine.pdf", PDF, "pdf", "ine")
    copia = store_module.backup(store.path, tmp_path / "respaldo.db")
    respaldo = store_module.open_store(str(copia))
    try:
        with respaldo.session(escritura=False) as session:
            ctx = services.contexto(session, "ana", ahora)
            [fila] = documentos.list_(ctx, clientes.resolve(ctx, "juan"))
            assert documentos.contenido(ctx, documentos.get(ctx, fila.id)) == PDF
    finally:
        respaldo.dispose()
