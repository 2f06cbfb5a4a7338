"""Data exchange: clients from a spreadsheet (Excel, a Latin-1 CSV) and from a phone's
address book (vCard 2.1/3.0/4.0) with the rules of «cliente add» and a report of every
row left out; a WhatsApp chat (Android and iPhone) as one message activity per day; and
the clients out as vCard 3.0 that the importer (like a phone) reads back."""

from __future__ import annotations

import json
import shutil
import stat
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from a3tui import archivos, services
from a3tui import store as store_module
from a3tui.domain import Etapa, Origen, Temperatura, TipoActividad
from a3tui.errors import (
    ArchivoInvalido,
    ClienteNoEncontrado,
    DatoInvalido,
    Duplicado,
    NoEncontrado,
    SinPermiso,
)
from a3tui.importers import vcard, whatsapp
from a3tui.models import Actividad, Asesor, Auditoria, Cliente, Nota
from a3tui.services import clientes, intercambio, notas
from a3tui.services.intercambio import Contacto, Lectura

from .ayuda import volcado

DATOS = Path(__file__).resolve().parents[1] / "datos" / "intercambio"
XLSX = DATOS / "contactos.xlsx"
CSV_LATIN1 = DATOS / "contactos-latin1.csv"
AGENDA = DATOS / "agenda.vcf"
ANDROID = DATOS / "Chat de WhatsApp con Juan Pérez.txt"
IPHONE = DATOS / "Chat de WhatsApp - María López.zip"


def _cuantos(ctx) -> int:
    return ctx.session.exec(select(func.count()).select_from(Cliente)).one()


def _cliente(ctx, nombre: str) -> Cliente:
    return clientes.resolve(ctx, nombre)


def _importar(ctx, path: Path = XLSX, **opciones):
    lectura = intercambio.leer_vcard(path) if path.suffix == ".vcf" else intercambio.leer_hoja(path)
    return intercambio.importar_contactos(ctx, lectura, **opciones)


def _sitios(rechazos) -> list[tuple[int | None, str]]:
    return [(r.numero, r.campo) for r in rechazos]


# ---------------------------------------------------------------- reading a spreadsheet


def test_el_excel_reconoce_las_columnas_en_espanol_con_acentos():
    lectura = intercambio.leer_hoja(XLSX)
    primero = lectura.contactos[0]
    assert primero.numero == 2
    assert primero.nombre == "José Ángel Núñez Treviño"
    assert primero.telefonos == (("81 1234 5678", "celular"),)
    assert primero.emails == ("jose.nunez@correo.mx",)
    assert primero.primer_contacto == date(2026, 10, 5)
    assert primero.notas == "Busca casa de 3 recámaras\nPrefiere García o Santa Catarina"
    assert primero.columnas["telefono"] == "Teléfono"
    assert lectura.sin_usar == ["Cumpleaños"]


def test_un_telefono_guardado_como_numero_en_excel_se_lee_sin_decimales():
    lectura = intercambio.leer_hoja(XLSX)
    por_fila = {c.numero: c for c in lectura.contactos}
    assert por_fila[8].telefonos == (("8112223333", "telefono"),)
    assert por_fila[10].telefonos == (("8114445555", "telefono"),)


def test_varios_telefonos_en_una_celda_son_varios_telefonos():
    lectura = intercambio.leer_hoja(XLSX)
    por_fila = {c.numero: c for c in lectura.contactos}
    assert [t for t, _ in por_fila[9].telefonos] == ["+52 1 81 3333 4444", "81 3333 5555"]


def test_nombre_y_apellido_en_columnas_de_ingles(tmp_path):
    hoja = tmp_path / "google.csv"
    hoja.write_text("First Name,Last Name,Mobile Phone,E-mail Address\nLucía,Garza,8112345678,lucia@correo.mx\n")
    [contacto] = intercambio.leer_hoja(hoja).contactos
    assert (contacto.nombre, contacto.telefonos[0][0], contacto.emails) == (
        "Lucía Garza",
        "8112345678",
        ("lucia@correo.mx",),
    )


def test_un_apellido_que_ya_esta_en_el_nombre_no_se_repite(tmp_path):
    hoja = tmp_path / "contactos.csv"
    hoja.write_text("Name,Family Name,Phone\nLucía Garza,Garza,8112345678\n")
    assert intercambio.leer_hoja(hoja).contactos[0].nombre == "Lucía Garza"


def test_un_csv_latin1_de_excel_conserva_los_acentos():
    lectura = intercambio.leer_hoja(CSV_LATIN1)
    nombres = [c.nombre for c in lectura.contactos]
    assert nombres == ["Begoña Ibáñez Muñoz", "Raúl Sáenz", "Mónica Chávez", "Jesús Peña"]
    assert lectura.contactos[0].notas == "Pidió información del modelo Ébano"


def test_un_csv_con_lineas_utf8_y_latin1_mezcladas_se_lee_bien(tmp_path):
    hoja = tmp_path / "mezclado.csv"
    hoja.write_bytes(
        "Nombre,Teléfono\n".encode()
        + "Begoña Ibáñez,8111112222\n".encode()
        + "Raúl Sáenz,8113334444\n".encode("cp1252")
    )
    assert [c.nombre for c in intercambio.leer_hoja(hoja).contactos] == ["Begoña Ibáñez", "Raúl Sáenz"]


def test_el_texto_unicode_de_excel_utf16_se_lee(tmp_path):
    hoja = tmp_path / "contactos.txt"
    hoja.write_bytes("Nombre\tCelular\r\nÑoño Sáenz\t3320004000\r\n".encode("utf-16"))
    [contacto] = intercambio.leer_hoja(hoja).contactos
    assert (contacto.nombre, contacto.telefonos) == ("Ñoño Sáenz", (("3320004000", "celular"),))


def test_columna_nombrada_a_mano(tmp_path):
    hoja = tmp_path / "contactos.csv"
    hoja.write_text("Cliente,Cel. personal,Cel. oficina\nLucía Garza,8112345678,8187654321\n")
    lectura = intercambio.leer_hoja(hoja, intercambio.mapeo_de_columnas(["telefono=Cel. oficina"]))
    assert lectura.contactos[0].telefonos == (("8187654321", "telefono"),)
    assert lectura.contactos[0].columnas["telefono"] == "Cel. oficina"


@pytest.mark.parametrize("par", ["telefono", "fax=Fax", "=Celular", "telefono="])
def test_una_columna_a_mano_que_no_se_entiende_es_dato_invalido(par):
    with pytest.raises(DatoInvalido, match="CAMPO=ENCABEZADO"):
        intercambio.mapeo_de_columnas([par])


def test_un_campo_a_mano_se_entiende_sin_acentos_ni_guiones():
    assert intercambio.mapeo_de_columnas(["Primer contacto=Alta", "teléfono=Cel"]) == {
        "primer_contacto": "Alta",
        "telefono": "Cel",
    }


def test_una_hoja_sin_columna_de_nombres_lo_dice(tmp_path):
    hoja = tmp_path / "solo-telefonos.csv"
    hoja.write_text("Teléfono,Correo\n8112345678,a@correo.mx\n")
    with pytest.raises(ArchivoInvalido, match="no tiene una columna de nombres") as error:
        intercambio.leer_hoja(hoja)
    assert "--columna nombre=ENCABEZADO" in error.value.mensaje_cli


def test_una_hoja_sin_columnas_reconocibles_lo_dice(tmp_path):
    hoja = tmp_path / "otra-cosa.csv"
    hoja.write_text("Modelo,Precio\nRoble,1250000\n")
    with pytest.raises(ArchivoInvalido, match="No reconozco ninguna columna"):
        intercambio.leer_hoja(hoja)


def test_una_hoja_vacia_lo_dice(tmp_path):
    hoja = tmp_path / "vacia.csv"
    hoja.write_bytes(b"")
    with pytest.raises(ArchivoInvalido, match="está vacío"):
        intercambio.leer_hoja(hoja)


def test_una_hoja_que_no_existe_lo_dice(tmp_path):
    with pytest.raises(ArchivoInvalido, match="No existe el archivo"):
        intercambio.leer_hoja(tmp_path / "no-existe.xlsx")


def test_un_excel_que_no_es_excel_lo_dice(tmp_path):
    falso = tmp_path / "contactos.xlsx"
    falso.write_text("Nombre,Teléfono\n")
    with pytest.raises(ArchivoInvalido, match="no es un Excel válido"):
        intercambio.leer_hoja(falso)


# ---------------------------------------------------------------- importing a spreadsheet


@pytest.mark.ambos_motores
def test_importar_excel_agrega_los_buenos_y_reporta_fila_columna_y_motivo(ctx):
    resultado = _importar(ctx)
    assert [n for n, _ in resultado.agregados] == [2, 3, 4, 10, 11]
    assert _sitios(resultado.errores) == [
        (5, "Teléfono"),
        (5, "Correo electrónico"),
        (6, "Nombre"),
        (8, "Etapa"),
        (9, "Primer contacto"),
    ]
    assert resultado.con_error == 4
    motivos = {(r.numero, r.campo): r.motivo for r in resultado.errores}
    assert motivos[5, "Teléfono"].startswith("El teléfono «12345» no tiene 10 dígitos")
    assert motivos[8, "Etapa"] == "Un cliente nuevo no puede empezar cancelado"
    assert motivos[9, "Primer contacto"] == "La fecha de primer contacto no puede ser futura"
    [repetido] = resultado.duplicados
    assert (repetido.numero, repetido.campo, repetido.motivo) == (
        7,
        "Teléfono",
        "Repite el teléfono de la fila 2 del mismo archivo",
    )
    assert _cuantos(ctx) == 5


def test_un_cliente_importado_tiene_todos_sus_datos(ctx):
    _importar(ctx)
    jose = _cliente(ctx, "José Ángel Núñez Treviño")
    assert clientes.telefonos_de(ctx, jose) == ["8112345678"]
    assert (jose.email, jose.origen, jose.temperatura) == (
        "jose.nunez@correo.mx",
        Origen.REDES_SOCIALES,
        Temperatura.CALIENTE,
    )
    assert jose.primer_contacto == date(2026, 10, 5)
    assert jose.proximo_contacto == date(2026, 10, 8)  # caliente: 3 days after the first contact
    assert jose.direccion == "Av. Constitución 100, Monterrey, N.L."
    assert (jose.asesor_id, jose.plaza) == (ctx.asesor_id, "General")
    assert [n.texto for n in notas.list_(ctx, jose)] == ["Busca casa de 3 recámaras\nPrefiere García o Santa Catarina"]


def test_una_fila_en_etapa_apartado_entra_como_lo_permite_cliente_add(ctx):
    _importar(ctx)
    sofia = _cliente(ctx, "Sofía Ramírez")
    assert (sofia.etapa, sofia.temperatura, sofia.fecha_apartado) == (Etapa.APARTADO, None, date(2026, 9, 15))
    assert clientes.telefonos_de(ctx, sofia) == ["8187654321", "8187654322"]


@pytest.mark.ambos_motores
def test_los_importados_se_encuentran_por_nombre_sin_acentos_y_por_telefono(ctx):
    _importar(ctx)
    assert [f.nombre for f in clientes.list_(ctx, clientes.Filtro(buscar="nunez"))] == [
        "Carlos Martínez Ñúñez",
        "José Ángel Núñez Treviño",
    ]
    assert [f.nombre for f in clientes.list_(ctx, clientes.Filtro(buscar="444 5555"))] == ["Carlos Martínez Ñúñez"]


def test_importar_el_mismo_archivo_dos_veces_no_agrega_nada(store, ahora):
    with store.session() as session:
        _importar(services.contexto(session, "ana", ahora))
    antes = volcado(store)
    with store.session() as session:
        resultado = _importar(services.contexto(session, "ana", ahora))
    assert resultado.agregados == []
    assert [r.numero for r in resultado.duplicados] == [2, 3, 4, 7, 10, 11]
    assert volcado(store) == antes


def test_simular_no_escribe_nada(store, ahora):
    antes = volcado(store)
    with store.session() as session:
        resultado = _importar(services.contexto(session, "ana", ahora), simular=True)
    assert len(resultado.agregados) == 5
    assert resultado.ids == []
    assert volcado(store) == antes


@pytest.mark.ambos_motores
def test_un_duplicado_de_un_cliente_existente_nombra_al_cliente(ctx):
    juan = clientes.add(ctx, "Juan Pérez", telefonos=["81 2345 6789"])
    resultado = _importar(ctx)
    [repetido] = [r for r in resultado.duplicados if r.numero == 11]
    assert (repetido.campo, repetido.motivo) == (
        "Celular",
        f"Ya existe un cliente con ese teléfono: {juan.id} Juan Pérez",
    )


@pytest.mark.ambos_motores
def test_un_duplicado_de_otro_asesor_nombra_al_asesor(ctx, ctx_luis):
    clientes.add(ctx_luis, "Juan P.", telefonos=["8123456789"])
    [repetido] = [r for r in _importar(ctx).duplicados if r.numero == 11]
    assert repetido.motivo.endswith("Juan P. (de luis)")


@pytest.mark.ambos_motores
def test_un_duplicado_por_email_nombra_la_columna_del_email(ctx):
    clientes.add(ctx, "Carlos M.", email="carlos.mtz@correo.com")
    [repetido] = [r for r in _importar(ctx).duplicados if r.numero == 10]
    assert repetido.campo == "Correo electrónico"
    assert "con ese email" in repetido.motivo


def test_un_contacto_sin_telefono_ni_email_se_reconoce_por_su_nombre(ctx, tmp_path):
    hoja = tmp_path / "nombres.csv"
    hoja.write_text("Nombre\nRosa Díaz\nrosa diaz\n")
    primera = _importar(ctx, hoja)
    assert [n for n, _ in primera.agregados] == [2]
    assert [(r.numero, r.motivo) for r in primera.duplicados] == [
        (3, "Repite el nombre de la fila 2 del mismo archivo")
    ]
    segunda = _importar(ctx, hoja)
    assert segunda.agregados == []
    assert segunda.duplicados[0].motivo.startswith("Ya existe un cliente con ese nombre")


@pytest.mark.ambos_motores
def test_forzar_importa_tambien_los_duplicados(ctx):
    clientes.add(ctx, "Juan Pérez", telefonos=["81 2345 6789"])
    resultado = _importar(ctx, forzar=True)
    assert [n for n, _ in resultado.agregados] == [2, 3, 4, 7, 10, 11]
    assert resultado.duplicados == []


def test_un_csv_latin1_se_importa_con_sus_origenes_y_fechas(ctx):
    resultado = _importar(ctx, CSV_LATIN1)
    assert [n for n, _ in resultado.agregados] == [2, 3, 4]
    assert _sitios(resultado.errores) == [(5, "Tel."), (5, "E-mail")]
    begona = _cliente(ctx, "Begoña Ibáñez Muñoz")
    assert (begona.origen, begona.primer_contacto) == (Origen.SITIO_WEB, date(2026, 10, 15))
    assert clientes.telefonos_de(ctx, begona) == ["8111112222"]
    assert _cliente(ctx, "Raúl Sáenz").origen == Origen.PUBLICIDAD
    assert _cliente(ctx, "Mónica Chávez").origen == Origen.REDES_SOCIALES


def test_un_origen_desconocido_es_un_error_de_esa_fila(ctx):
    resultado = intercambio.importar_contactos(
        ctx, Lectura([Contacto(2, "Rosa Díaz", origen="Telepatía", columnas={"origen": "Origen"})])
    )
    [error] = resultado.errores
    assert (error.campo, error.motivo.split(";")[0]) == ("Origen", "El origen no puede ser «Telepatía»")


def test_una_nota_demasiado_larga_es_un_error_y_el_cliente_no_entra(ctx):
    resultado = intercambio.importar_contactos(ctx, Lectura([Contacto(2, "Rosa Díaz", notas="x" * 5001)]))
    assert resultado.errores[0].motivo == "La nota pasa del máximo de 5,000 caracteres"
    assert _cuantos(ctx) == 0


def test_la_coordinadora_importa_para_un_asesor_de_su_plaza(ctx_coordinadora):
    resultado = _importar(ctx_coordinadora, asesor="luis")
    luis = ctx_coordinadora.session.exec(select(Asesor).where(Asesor.login == "luis")).one()
    importados = [ctx_coordinadora.session.get(Cliente, i) for i in resultado.ids]
    assert {(c.asesor_id, c.plaza) for c in importados} == {(luis.id, "General")}
    assert resultado.asesor == "luis"


def test_un_asesor_no_importa_para_otro(ctx):
    with pytest.raises(SinPermiso, match="Solo un coordinador"):
        _importar(ctx, asesor="luis")


def test_importar_para_un_asesor_que_no_existe_lo_dice(ctx_coordinadora):
    with pytest.raises(NoEncontrado, match="No existe el asesor «pepe»"):
        _importar(ctx_coordinadora, asesor="pepe")


def test_el_avance_se_informa_al_revisar_y_al_guardar(ctx):
    avances: list[tuple[str, int, int]] = []
    _importar(ctx, progreso=lambda fase, hechos, total: avances.append((fase, hechos, total)))
    assert avances == [("Revisando", 10, 10), ("Guardando", 5, 5)]


@pytest.mark.ambos_motores
def test_el_reporte_csv_abre_en_excel_con_acentos_y_sin_formulas(ctx, tmp_path):
    hoja = tmp_path / "contactos.csv"
    hoja.write_text('Nombre,Teléfono\n=HYPERLINK("x"),123\nÑoño,81\n', encoding="utf-8")
    datos = intercambio.reporte_csv(_importar(ctx, hoja))
    assert datos.startswith(b"\xef\xbb\xbf")
    lineas = datos.decode("utf-8-sig").splitlines()
    assert lineas[0] == "Fila,Columna,Motivo,Nombre"
    assert lineas[1].endswith(',"\'=HYPERLINK(""x"")"')
    assert "Ñoño" in lineas[2]


def test_el_reporte_va_junto_al_archivo_sin_pisar_otro(tmp_path):
    origen = tmp_path / "contactos.xlsx"
    assert intercambio.ruta_del_reporte(origen) == tmp_path / "contactos.errores.csv"
    (tmp_path / "contactos.errores.csv").write_text("de antes")
    assert intercambio.ruta_del_reporte(origen) == tmp_path / "contactos.errores-2.csv"


# ---------------------------------------------------------------- the same rules as «cliente add»

CASOS = [
    {},
    {"etapa": "cancelado"},
    {"etapa": "apartado"},
    {"etapa": "escriturado"},
    {"etapa": "apartado", "temperatura": "caliente"},
    {"etapa": "prospecto", "temperatura": "frio"},
    {"temperatura": "templado"},
    {"etapa": "vendido"},
    {"origen": "sala de ventas"},
    {"primer_contacto": date(2026, 12, 1)},
    {"telefonos": ["123"]},
    {"telefonos": ["+1 415 555 0100"]},
    {"email": "juan@"},
    {"email": "JUAN@Correo.com"},
    {"direccion": "Calle\x1b[31m 1"},
    {"nombre": "   "},
]


@pytest.mark.parametrize("datos", CASOS, ids=[json.dumps(c, default=str, ensure_ascii=False) for c in CASOS])
def test_una_fila_se_acepta_o_rechaza_igual_que_cliente_add(ctx, datos):
    datos = dict(datos)
    nombre = datos.pop("nombre", "Rosa Díaz")
    try:
        with ctx.session.begin_nested() as anidada:
            clientes.add(ctx, nombre, **datos)
            anidada.rollback()
        esperado = None
    except DatoInvalido as error:
        esperado = error.mensaje.rstrip(".")
    contacto = Contacto(
        2,
        nombre,
        telefonos=tuple((t, "telefono") for t in datos.get("telefonos", [])),
        emails=(datos["email"],) if "email" in datos else (),
        direccion=datos.get("direccion"),
        etapa=datos.get("etapa"),
        temperatura=datos.get("temperatura"),
        origen=datos.get("origen"),
        primer_contacto=datos.get("primer_contacto"),
    )
    resultado = intercambio.importar_contactos(ctx, Lectura([contacto]), simular=True)
    if esperado is None:
        assert resultado.errores == []
    else:
        assert esperado in [e.motivo for e in resultado.errores]


def test_un_importado_se_guarda_igual_que_con_cliente_add(ctx):
    datos = {
        "telefonos": ["81 2345 6789", "55 1234 5678"],
        "email": "rosa@correo.mx",
        "direccion": "Calle Ébano 45",
        "origen": "referido",
        "etapa": "prospecto",
        "temperatura": "caliente",
        "primer_contacto": date(2026, 11, 2),
        "nota": "Quiere jardín",
    }
    con_add = clientes.add(ctx, "Rosa Díaz", **datos)
    contacto = Contacto(
        2, "Rosa Díaz", telefonos=(("8123456789", "telefono"), ("5512345678", "telefono")), emails=("rosa@correo.mx",),
        direccion="Calle Ébano 45", origen="referido", etapa="prospecto", temperatura="caliente",
        primer_contacto=date(2026, 11, 2), notas="Quiere jardín",
    )  # fmt: skip
    [importado_id] = intercambio.importar_contactos(ctx, Lectura([contacto]), forzar=True).ids
    importado = ctx.session.get(Cliente, importado_id)
    campos = {k for k in Cliente.model_fields if k != "id"}
    assert importado.model_dump(include=campos) == con_add.model_dump(include=campos)
    assert clientes.telefonos_de(ctx, importado) == clientes.telefonos_de(ctx, con_add)
    ctx.session.commit()

    def auditoria(cliente_id):
        filas = ctx.session.exec(
            select(Auditoria).where(Auditoria.cliente_id == cliente_id).order_by(col(Auditoria.id))
        ).all()
        return [
            (a.accion, a.entidad, {k: v for k, v in json.loads(a.detalle).items() if k != "cliente_id"}) for a in filas
        ]

    assert auditoria(importado_id) == auditoria(con_add.id)


# ---------------------------------------------------------------- vCard


def test_la_agenda_lee_vcard_21_con_quoted_printable_y_saltos_suaves():
    agenda = vcard.leer(AGENDA)
    martin = agenda.tarjetas[0]
    assert martin.version == "2.1"
    assert martin.nombre == "Martín Hernández de la Peña Ibarra"
    assert martin.telefonos == ["+52 1 81 2000 1000", "81-2000-1001"]
    assert martin.emails == ["martin.hdz@correo.mx"]
    assert martin.nota == "Quiere casa con jardín\nVisita el sábado"


def test_la_agenda_lee_vcard_30_de_iphone_con_lineas_dobladas():
    lucia = vcard.leer(AGENDA).tarjetas[2]
    assert (lucia.version, lucia.nombre, lucia.telefonos) == ("3.0", "Lucía Martínez", ["(55) 2000 3000"])
    assert lucia.nota == "Le interesa el modelo Ciprés, prefiere planta baja. Tiene crédito aprobado por Infonavit."
    assert lucia.organizacion == "Constructora Río Bravo"
    assert lucia.direccion == "Calle Ébano 45, Monterrey, N.L., 64000, México"


def test_la_agenda_lee_vcard_40_con_telefono_uri():
    nono = vcard.leer(AGENDA).tarjetas[4]
    assert (nono.version, nono.nombre, nono.telefonos) == ("4.0", "Ñoño Sáenz", ["+52-33-2000-4000"])


def test_la_agenda_salta_la_foto_en_base64():
    carmen = vcard.leer(AGENDA).tarjetas[5]
    assert (carmen.nombre, carmen.telefonos, carmen.nota) == ("Carmen Ruiz", ["8120005000"], None)


def test_la_agenda_reporta_las_tarjetas_malas_y_lee_las_demas():
    agenda = vcard.leer(AGENDA)
    assert [t.numero for t in agenda.tarjetas] == [1, 2, 3, 4, 6, 7, 9]
    assert [(p.tarjeta, p.linea) for p in agenda.problemas] == [(5, 41), (8, 62)]
    assert agenda.problemas[0].motivo == "no es una propiedad vCard: «esto no es una propiedad»"
    assert agenda.problemas[1].motivo == "no termina: falta END:VCARD antes de la línea 66"


def test_importar_la_agenda_agrega_los_buenos_y_reporta_tarjeta_y_linea(ctx):
    resultado = _importar(ctx, AGENDA)
    assert resultado.unidad == "tarjeta"
    assert [n for n, _ in resultado.agregados] == [1, 2, 3, 6, 7]
    assert [(r.numero, r.linea, r.campo) for r in resultado.rechazos] == [
        (4, 32, "TEL"),
        (5, 41, ""),
        (8, 62, ""),
        (9, 66, "TEL"),
    ]
    assert resultado.duplicados[0].motivo == "Repite el teléfono de la tarjeta 2 del mismo archivo"
    martin = _cliente(ctx, "Martín Hernández")
    assert clientes.telefonos_de(ctx, martin) == ["8120001000", "8120001001"]
    lucia = _cliente(ctx, "Lucía Martínez")
    assert notas.list_(ctx, lucia)[0].texto.endswith("\nEmpresa: Constructora Río Bravo")
    assert clientes.telefonos_de(ctx, _cliente(ctx, "Ñoño Sáenz")) == ["3320004000"]


def test_importar_la_agenda_dos_veces_no_agrega_nada(ctx):
    _importar(ctx, AGENDA)
    antes = _cuantos(ctx)
    segunda = _importar(ctx, AGENDA)
    assert segunda.agregados == []
    assert _cuantos(ctx) == antes


def test_vcard_21_doblada_conserva_el_espacio_y_30_lo_quita():
    texto = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Juan\r\n Pérez\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:María Ló\r\n pez\r\nEND:VCARD\r\n"
    )
    assert [t.nombre for t in vcard.leer_texto(texto).tarjetas] == ["Juan Pérez", "María López"]


def test_vcard_21_quoted_printable_en_latin1():
    texto = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Bego=F1a Ib=E1=F1ez\r\nEND:VCARD\r\n"
    assert vcard.leer_texto(texto).tarjetas[0].nombre == "Begoña Ibáñez"


def test_vcard_sin_fn_toma_el_nombre_de_n():
    texto = "BEGIN:VCARD\nVERSION:3.0\nN:Pérez García;Juan;Carlos;Lic.;\nTEL:8123456789\nEND:VCARD\n"
    assert vcard.leer_texto(texto).tarjetas[0].nombre == "Juan Carlos Pérez García"


def test_un_archivo_vcf_en_latin1_se_lee(tmp_path):
    archivo = tmp_path / "agenda.vcf"
    archivo.write_bytes("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Begoña\r\nEND:VCARD\r\n".encode("cp1252"))
    assert vcard.leer(archivo).tarjetas[0].nombre == "Begoña"


def test_texto_fuera_de_una_tarjeta_se_reporta_una_vez():
    agenda = vcard.leer_texto("hola\nmundo\nBEGIN:VCARD\nFN:Ana\nEND:VCARD\nbasura\n")
    assert [t.nombre for t in agenda.tarjetas] == ["Ana"]
    assert [(p.tarjeta, p.linea) for p in agenda.problemas] == [(None, 1), (None, 6)]


@pytest.mark.parametrize(
    ("contenido", "mensaje"),
    [
        (b"", "está vacío"),
        (b"Nombre,Telefono\nJuan,8123456789\n", "no es una agenda vCard"),
    ],
)
def test_un_vcf_vacio_o_que_no_es_vcard_lo_dice(tmp_path, contenido, mensaje):
    archivo = tmp_path / "agenda.vcf"
    archivo.write_bytes(contenido)
    with pytest.raises(ArchivoInvalido, match=mensaje):
        vcard.leer(archivo)


def test_un_vcf_que_no_existe_lo_dice(tmp_path):
    with pytest.raises(ArchivoInvalido, match="No existe el archivo"):
        vcard.leer(tmp_path / "agenda.vcf")


# ---------------------------------------------------------------- vCard export


@pytest.fixture
def otra_base(_base_migrada: Path, tmp_path: Path):
    """A second empty database of the same office (where a phone's export is read back)."""
    path = tmp_path / "otra.db"
    shutil.copyfile(_base_migrada, path)
    path.chmod(0o600)
    otra = store_module.open_store(str(path))
    yield otra
    otra.dispose()


def _cartera(ctx):
    clientes.add(
        ctx, "José María Pérez de la Garza", telefonos=["81 2345 6789", "55 1234 5678"],
        email="jm.perez@correo.mx", direccion="Av. Río Bravo 123, Col. Centro; Monterrey",
    )  # fmt: skip
    clientes.add(ctx, "Ñoño Sáenz", telefonos=["3320004000"])
    clientes.add(ctx, "Begoña, la de Ventas", email="begona@correo.mx")


def test_exportar_vcard_escribe_un_contacto_por_cliente(ctx, tmp_path):
    _cartera(ctx)
    destino = tmp_path / "clientes.vcf"
    assert intercambio.exportar_vcard(ctx, destino) == 3
    texto = destino.read_bytes().decode("utf-8")
    assert texto.count("BEGIN:VCARD\r\nVERSION:3.0\r\n") == 3
    assert "N:Pérez de la Garza;José María;;;\r\n" in texto
    assert "TEL;TYPE=CELL,PREF:+52 81 2345 6789\r\n" in texto
    assert "FN:Begoña\\, la de Ventas\r\n" in texto
    assert all(len(linea.encode()) <= 75 for linea in texto.split("\r\n"))
    assert stat.S_IMODE(destino.stat().st_mode) == 0o600


def test_exportar_vcard_lo_lee_el_importador_como_un_telefono(ctx, tmp_path, otra_base, ahora):
    _cartera(ctx)
    destino = tmp_path / "clientes.vcf"
    intercambio.exportar_vcard(ctx, destino)
    with otra_base.session() as session:
        ctx_otra = services.contexto(session, "ana", ahora)
        resultado = intercambio.importar_contactos(ctx_otra, intercambio.leer_vcard(destino))
        assert resultado.rechazos == []
        leidos = {
            c.nombre: (clientes.telefonos_de(ctx_otra, c), c.email, c.direccion)
            for c in (session.get(Cliente, i) for i in resultado.ids)
        }
    assert leidos == {
        "José María Pérez de la Garza": (
            ["8123456789", "5512345678"],
            "jm.perez@correo.mx",
            "Av. Río Bravo 123, Col. Centro; Monterrey",
        ),
        "Ñoño Sáenz": (["3320004000"], None, None),
        "Begoña, la de Ventas": ([], "begona@correo.mx", None),
    }


@pytest.mark.ambos_motores
def test_exportar_vcard_lee_los_clientes_por_paginas(ctx, tmp_path, monkeypatch):
    _cartera(ctx)
    consultas: list[int] = []
    list_ = clientes.list_

    def espia(ctx, filtro, *, offset=0, limit=50):
        consultas.append(limit)
        return list_(ctx, filtro, offset=offset, limit=limit)

    monkeypatch.setattr(intercambio.vcard, "_PAGINA", 2)
    monkeypatch.setattr(clientes, "list_", espia)
    assert intercambio.exportar_vcard(ctx, tmp_path / "c.vcf") == 3
    assert consultas == [2, 2, 2]


def test_exportar_vcard_solo_la_cartera_y_el_filtro(ctx, ctx_luis, tmp_path):
    _cartera(ctx)
    clientes.add(ctx_luis, "Cliente de Luis", telefonos=["8111111111"])
    cancelado = clientes.add(ctx, "Rosa Díaz")
    clientes.cambiar_etapa(ctx, cancelado, "cancelado", "Compró en otro lado")
    assert intercambio.exportar_vcard(ctx, tmp_path / "todos.vcf") == 4
    assert "Cliente de Luis" not in (tmp_path / "todos.vcf").read_text()
    filtro = clientes.Filtro(etapa=Etapa.CANCELADO)
    assert intercambio.exportar_vcard(ctx, tmp_path / "cancelados.vcf", filtro) == 1


def test_exportar_vcard_sin_clientes_escribe_un_archivo_vacio(ctx, tmp_path):
    assert intercambio.exportar_vcard(ctx, tmp_path / "vacio.vcf") == 0
    assert (tmp_path / "vacio.vcf").read_bytes() == b""


def test_exportar_vcard_no_pisa_un_archivo_sin_sobrescribir(ctx, tmp_path):
    _cartera(ctx)
    carpeta = tmp_path / "salida"
    carpeta.mkdir()
    destino = carpeta / "clientes.vcf"
    destino.write_text("mío")
    with pytest.raises(ArchivoInvalido, match="Ya existe") as error:
        intercambio.exportar_vcard(ctx, destino)
    assert "--sobrescribir" in error.value.mensaje_cli
    assert destino.read_text() == "mío"
    assert intercambio.exportar_vcard(ctx, destino, sobrescribir=True) == 3
    assert destino.read_text().startswith("BEGIN:VCARD")
    assert sorted(p.name for p in carpeta.iterdir()) == ["clientes.vcf"]


def test_exportar_vcard_a_una_carpeta_que_no_existe_lo_dice(ctx, tmp_path):
    with pytest.raises(ArchivoInvalido, match="no existe; créala primero"):
        intercambio.exportar_vcard(ctx, tmp_path / "no-hay" / "clientes.vcf")


def test_exportar_vcard_a_una_carpeta_pide_el_nombre_del_archivo(ctx, tmp_path):
    with pytest.raises(ArchivoInvalido, match="es una carpeta"):
        intercambio.exportar_vcard(ctx, tmp_path)


@pytest.mark.ambos_motores
def test_exportar_vcard_que_falla_no_deja_nada_a_medias(ctx, tmp_path, monkeypatch):
    _cartera(ctx)

    def falla(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    carpeta = tmp_path / "salida"
    carpeta.mkdir()
    monkeypatch.setattr(archivos.os, "fsync", falla)
    with pytest.raises(ArchivoInvalido, match="No se pudo escribir"):
        intercambio.exportar_vcard(ctx, carpeta / "clientes.vcf")
    assert list(carpeta.iterdir()) == []


def test_partir_nombre_para_la_propiedad_n():
    assert vcard.partir_nombre("Juan Pérez García") == ("Juan", "Pérez García")
    assert vcard.partir_nombre("José María Pérez de la Garza") == ("José María", "Pérez de la Garza")
    assert vcard.partir_nombre("Ana López") == ("Ana", "López")
    assert vcard.partir_nombre("Cher") == ("Cher", "")


# ---------------------------------------------------------------- WhatsApp: reading


def test_el_chat_de_android_se_lee_con_mensajes_de_varias_lineas():
    chat = whatsapp.leer(ANDROID)
    assert chat.nombre_en_archivo == "Juan Pérez"
    assert len(chat.mensajes) == 10
    primero = chat.mensajes[0]
    assert (primero.momento, primero.remitente) == (datetime(2026, 11, 10, 10, 1), "Ana Martínez")
    assert primero.texto == (
        "Buenos días Juan, soy Ana de Valle Alto 🏡\nLe comparto la información del modelo Almendro:\n"
        "- 2 recámaras\n- $1,250,000"
    )
    assert chat.mensajes[1].texto == whatsapp.MULTIMEDIA
    assert chat.lineas_de_sistema == 1
    assert chat.problemas == [(13, "la fecha «31/11/26 09:00» no existe; se omitió ese mensaje")]


def test_el_chat_de_iphone_se_lee_del_zip_con_am_pm_y_marcas_invisibles():
    chat = whatsapp.leer(IPHONE)
    assert chat.nombre_en_archivo == "María López"
    assert chat.lineas_de_sistema == 1  # the encryption notice
    assert [(m.momento, m.remitente) for m in chat.mensajes[:4]] == [
        (datetime(2026, 11, 8, 9, 15, 2), "Ana Martínez"),
        (datetime(2026, 11, 8, 9, 20, 45), "María López"),
        (datetime(2026, 11, 8, 9, 21, 10), "María López"),
        (datetime(2026, 11, 8, 21, 30), "Ana Martínez"),
    ]
    assert chat.mensajes[2].texto == whatsapp.MULTIMEDIA
    assert chat.mensajes[4].texto == "Buenos días, aquí están los precios:\nAlmendro $1,250,000\nCiprés $1,890,000"
    assert all("\u200e" not in m.texto and "\u200e" not in m.remitente for m in chat.mensajes)


@pytest.mark.parametrize(
    ("linea", "momento"),
    [
        ("23/11/26 10:15 - Juan: hola", datetime(2026, 11, 23, 10, 15)),
        ("23/11/2026, 10:15 - Juan: hola", datetime(2026, 11, 23, 10, 15)),
        ("23/11/26, 10:15 p. m. - Juan: hola", datetime(2026, 11, 23, 22, 15)),
        ("23/11/26, 12:05\u202fa.\u202fm. - Juan: hola", datetime(2026, 11, 23, 0, 5)),
        ("23/11/26 10:15 PM - Juan: hola", datetime(2026, 11, 23, 22, 15)),
        ("[23/11/26, 10:15:30] Juan: hola", datetime(2026, 11, 23, 10, 15, 30)),
        ("[23/11/2026 10:15:30 a.m.] Juan: hola", datetime(2026, 11, 23, 10, 15, 30)),
        ("\u200e[23/11/26, 12:00:00 p.m.] Juan: hola", datetime(2026, 11, 23, 12, 0)),
    ],
)
def test_las_variantes_de_fecha_y_hora_de_whatsapp(linea, momento):
    [mensaje] = whatsapp.leer_texto(linea + "\n").mensajes
    assert (mensaje.momento, mensaje.remitente, mensaje.texto) == (momento, "Juan", "hola")


def test_un_chat_con_mes_primero_se_reconoce_por_sus_fechas():
    chat = whatsapp.leer_texto("11/5/26, 10:15 - Juan: hola\n11/23/26, 9:00 - Juan: otra\n")
    assert [m.momento.date() for m in chat.mensajes] == [date(2026, 11, 5), date(2026, 11, 23)]


def test_los_avisos_del_sistema_no_son_mensajes():
    chat = whatsapp.leer_texto(
        "23/11/26 10:00 - Los mensajes y las llamadas están cifrados de extremo a extremo.\n"
        "23/11/26 10:01 - Tu código de seguridad con Juan cambió. Toca para obtener más información.\n"
        "23/11/26 10:02 - Juan: ¿me pasas el código de seguridad del portón?\n"
    )
    assert [m.texto for m in chat.mensajes] == ["¿me pasas el código de seguridad del portón?"]
    assert chat.lineas_de_sistema == 2


def test_lineas_antes_del_primer_mensaje_se_reportan():
    chat = whatsapp.leer_texto("basura\nmás basura\n23/11/26 10:15 - Juan: hola\n")
    assert chat.problemas == [(1, "la línea no es parte de ningún mensaje (no empieza con fecha y hora)")]
    assert len(chat.mensajes) == 1


@pytest.mark.parametrize(
    ("nombre", "esperado"),
    [
        ("Chat de WhatsApp con Juan Pérez.txt", "Juan Pérez"),
        ("Chat de WhatsApp con Juan Pérez (1).txt", "Juan Pérez"),
        ("WhatsApp Chat with Juan Pérez.txt", "Juan Pérez"),
        ("Chat de WhatsApp - María López.zip", "María López"),
        ("_chat.txt", None),
    ],
)
def test_el_nombre_del_contacto_en_el_nombre_del_archivo(nombre, esperado):
    assert whatsapp.nombre_en_archivo(Path(nombre)) == esperado


@pytest.mark.parametrize(
    ("contenido", "mensaje"),
    [(b"", "está vacío"), (b"Hola, esto es una carta.\nSaludos.\n", "no parece un chat exportado de WhatsApp")],
)
def test_un_chat_vacio_o_que_no_es_chat_lo_dice(tmp_path, contenido, mensaje):
    archivo = tmp_path / "chat.txt"
    archivo.write_bytes(contenido)
    with pytest.raises(ArchivoInvalido, match=mensaje):
        whatsapp.leer(archivo)


def test_un_zip_sin_chat_lo_dice(tmp_path):
    import zipfile

    archivo = tmp_path / "chat.zip"
    with zipfile.ZipFile(archivo, "w") as z:
        z.writestr("foto.jpg", b"\xff\xd8")
    with pytest.raises(ArchivoInvalido, match="no tiene ningún chat"):
        whatsapp.leer(archivo)


# ---------------------------------------------------------------- WhatsApp: importing


@pytest.fixture
def juan(ctx):
    return clientes.add(ctx, "Juan Pérez", telefonos=["81 2345 6789"])


def _mensajes(ctx, cliente) -> list[Actividad]:
    return list(
        ctx.session.exec(
            select(Actividad)
            .where(Actividad.cliente_id == cliente.id, Actividad.tipo == TipoActividad.MENSAJE)
            .order_by(col(Actividad.fecha))
        ).all()
    )


def test_importar_un_chat_deja_un_mensaje_por_dia(ctx, juan):
    resultado = intercambio.importar_whatsapp(ctx, whatsapp.leer(ANDROID))
    assert resultado.cliente.id == juan.id
    assert (resultado.remitente_cliente, resultado.remitente_asesor) == ("Juan Pérez", "Ana Martínez")
    assert resultado.nuevos == [date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 15), date(2026, 11, 21)]
    dias = _mensajes(ctx, juan)
    assert [(a.fecha, a.respondio) for a in dias] == [
        (datetime(2026, 11, 10, 13, 45), True),
        (datetime(2026, 11, 12, 18, 20), False),
        (datetime(2026, 11, 15, 11, 10), True),
        (datetime(2026, 11, 21, 14, 5), True),
    ]
    assert dias[0].contenido.splitlines()[:2] == [
        "10:01 Ana Martínez: Buenos días Juan, soy Ana de Valle Alto 🏡",
        "Le comparto la información del modelo Almendro:",
    ]
    assert "10:05 Ana Martínez: (archivo multimedia)" in dias[0].contenido
    assert dias[1].nota == "Importado de un chat de WhatsApp (1 mensaje)."
    assert ctx.session.get(Cliente, juan.id).ultima_actividad == datetime(2026, 11, 21, 14, 5)


def test_reimportar_un_chat_no_agrega_nada(store, ahora):
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        clientes.add(ctx, "Juan Pérez", telefonos=["81 2345 6789"])
        intercambio.importar_whatsapp(ctx, whatsapp.leer(ANDROID))
    antes = volcado(store)
    with store.session() as session:
        resultado = intercambio.importar_whatsapp(services.contexto(session, "ana", ahora), whatsapp.leer(ANDROID))
    assert (resultado.nuevos, resultado.actualizados, len(resultado.ya_importados)) == ([], [], 4)
    assert volcado(store) == antes


def test_reimportar_un_chat_mas_largo_agrega_los_dias_nuevos_y_completa_el_ultimo(ctx, juan, tmp_path):
    intercambio.importar_whatsapp(ctx, whatsapp.leer(ANDROID))
    mas = tmp_path / ANDROID.name
    mas.write_text(
        ANDROID.read_text(encoding="utf-8")
        + "21/11/26 18:00 - Juan Pérez: Gracias, la revisamos con calma\n22/11/26 09:00 - Ana Martínez: ¡Buen domingo!\n",
        encoding="utf-8",
    )
    resultado = intercambio.importar_whatsapp(ctx, whatsapp.leer(mas))
    assert (resultado.nuevos, resultado.actualizados) == ([date(2026, 11, 22)], [date(2026, 11, 21)])
    assert resultado.mensajes == 2
    dias = _mensajes(ctx, juan)
    assert len(dias) == 5
    assert dias[3].contenido.endswith("18:00 Juan Pérez: Gracias, la revisamos con calma")
    assert dias[3].nota == "Importado de un chat de WhatsApp (3 mensajes)."


def test_simular_un_chat_no_escribe_nada(store, ahora):
    with store.session() as session:
        clientes.add(services.contexto(session, "ana", ahora), "Juan Pérez")
    antes = volcado(store)
    with store.session() as session:
        resultado = intercambio.importar_whatsapp(
            services.contexto(session, "ana", ahora), whatsapp.leer(ANDROID), simular=True
        )
    assert len(resultado.nuevos) == 4
    assert volcado(store) == antes


def test_el_chat_de_iphone_se_importa(ctx):
    maria = clientes.add(ctx, "María López", telefonos=["55 1234 5678"])
    resultado = intercambio.importar_whatsapp(ctx, whatsapp.leer(IPHONE))
    assert resultado.cliente.id == maria.id
    assert [(a.fecha.date(), a.respondio) for a in _mensajes(ctx, maria)] == [
        (date(2026, 11, 8), True),
        (date(2026, 11, 9), False),
        (date(2026, 11, 13), True),
    ]


def test_el_cliente_se_indica_a_mano(ctx, juan):
    otro = clientes.add(ctx, "Juan Carlos Pérez", telefonos=["8187654321"])
    resultado = intercambio.importar_whatsapp(ctx, whatsapp.leer(ANDROID), cliente=str(otro.id))
    assert resultado.cliente.id == otro.id
    assert resultado.remitente_cliente == "Juan Pérez"  # by the file's name


def test_sin_nombre_en_el_archivo_el_cliente_se_encuentra_por_su_telefono(ctx, juan):
    chat = whatsapp.leer_texto(
        "20/11/26 10:00 - +52 1 81 2345 6789: Hola, vi su anuncio\n20/11/26 10:05 - Ana Martínez: ¡Hola! Le llamo\n"
    )
    resultado = intercambio.importar_whatsapp(ctx, chat)
    assert (resultado.cliente.id, resultado.remitente_cliente) == (juan.id, "+52 1 81 2345 6789")
    assert _mensajes(ctx, juan)[0].respondio is True


def test_un_telefono_escrito_en_un_mensaje_encuentra_al_cliente(ctx, juan):
    chat = whatsapp.leer_texto("20/11/26 10:00 - Juanito: Mi número es 81 2345 6789\n20/11/26 10:05 - ana: Gracias\n")
    assert intercambio.importar_whatsapp(ctx, chat).cliente.id == juan.id


def test_un_chat_de_alguien_que_no_es_cliente_lo_dice(ctx, tmp_path):
    archivo = tmp_path / "Chat de WhatsApp con Pedro Páramo.txt"
    archivo.write_text("20/11/26 10:00 - Pedro Páramo: Hola\n", encoding="utf-8")
    with pytest.raises(ClienteNoEncontrado, match="No encontré a «Pedro Páramo»") as error:
        intercambio.importar_whatsapp(ctx, whatsapp.leer(archivo))
    assert "--cliente" in error.value.mensaje_cli


def test_si_no_se_sabe_quien_es_el_asesor_lo_pregunta(ctx, juan):
    chat = whatsapp.leer_texto("20/11/26 10:00 - Pepe: Hola\n20/11/26 10:05 - Toño: Hola\n")
    with pytest.raises(DatoInvalido, match="No sé quién eres tú") as error:
        intercambio.importar_whatsapp(ctx, chat, cliente="Juan Pérez")
    assert "--yo" in error.value.mensaje_cli
    resultado = intercambio.importar_whatsapp(ctx, chat, cliente="Juan Pérez", yo="Toño")
    assert (resultado.remitente_asesor, _mensajes(ctx, juan)[0].respondio) == ("Toño", True)


def test_yo_que_no_escribe_en_el_chat_es_dato_invalido(ctx, juan):
    with pytest.raises(DatoInvalido, match="«Pepe» no escribe en este chat"):
        intercambio.importar_whatsapp(ctx, whatsapp.leer(ANDROID), yo="Pepe")


def test_un_dia_solo_del_asesor_no_es_respondido(ctx, juan):
    chat = whatsapp.leer_texto("20/11/26 10:00 - Ana Martínez: ¿Sigue interesado?\n")
    chat.nombre_en_archivo = "Juan Pérez"
    intercambio.importar_whatsapp(ctx, chat)
    assert _mensajes(ctx, juan)[0].respondio is False


def test_un_dia_en_el_futuro_se_reporta_y_los_demas_entran(ctx, juan):
    chat = whatsapp.leer_texto("20/11/26 10:00 - Juan Pérez: Hola\n30/11/26 10:00 - Juan Pérez: Del futuro\n")
    chat.nombre_en_archivo = "Juan Pérez"
    resultado = intercambio.importar_whatsapp(ctx, chat)
    assert resultado.nuevos == [date(2026, 11, 20)]
    assert resultado.problemas[0][1].startswith("el día 30/11/2026: La fecha de una actividad no puede ser futura")


def test_un_dia_muy_largo_se_corta_y_dice_cuantos_faltan(ctx, juan):
    lineas = "".join(f"20/11/26 10:{i % 60:02d} - Juan Pérez: {'palabra ' * 20}{i}\n" for i in range(100))
    chat = whatsapp.leer_texto(lineas + "20/11/26 11:00 - Ana Martínez: ok\n")
    chat.nombre_en_archivo = "Juan Pérez"
    intercambio.importar_whatsapp(ctx, chat)
    [dia] = _mensajes(ctx, juan)
    assert len(dia.contenido) <= 5000
    assert dia.contenido.endswith("mensajes más de ese día (están en el chat).")
    assert dia.nota == "Importado de un chat de WhatsApp (101 mensajes)."


@pytest.mark.ambos_motores
def test_no_importa_datos_de_un_cliente_que_el_asesor_no_ve(ctx, ctx_luis):
    clientes.add(ctx_luis, "Juan Pérez", telefonos=["81 2345 6789"])
    with pytest.raises(ClienteNoEncontrado):
        intercambio.importar_whatsapp(ctx, whatsapp.leer(ANDROID))


def test_notas_importadas_se_auditan(ctx):
    _importar(ctx)
    jose = _cliente(ctx, "José Ángel Núñez Treviño")
    ctx.session.commit()
    filas = ctx.session.exec(select(Auditoria).where(Auditoria.cliente_id == jose.id)).all()
    assert sorted((a.accion, a.entidad) for a in filas) == [("alta", "cliente"), ("alta", "nota")]
    [nota] = ctx.session.exec(select(Nota).where(Nota.cliente_id == jose.id)).all()
    assert nota.asesor_id == ctx.asesor_id


@pytest.mark.ambos_motores
def test_los_duplicados_usan_la_regla_de_cliente_add(ctx):
    existente = clientes.add(ctx, "Juan Pérez", telefonos=["81 2345 6789"])
    with pytest.raises(Duplicado) as error:
        clientes.add(ctx, "Juan P.", telefonos=["8123456789"])
    [repetido] = intercambio.importar_contactos(
        ctx, Lectura([Contacto(2, "Juan P.", telefonos=(("8123456789", "telefono"),))])
    ).duplicados
    assert repetido.motivo == error.value.mensaje.rstrip(".")
    assert str(existente.id) in repetido.motivo
