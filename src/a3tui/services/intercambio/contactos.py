"""Contacts in as clients: the rules, row by row, and the import.

Every import is safe to run twice and never half done: each contact goes through the
rules of ``clientes.add`` (the same phone and e-mail checks, the same duplicate check), a
bad or duplicated one is reported (where in the file, which field, why) and left out, and
the good ones are written in the caller's one transaction. ``simular`` checks everything
and writes nothing.

Why contacts are not added one ``clientes.add`` at a time: that is a few queries and
inserts per client (the duplicate checks, the row, its phones and terms, reading it
back); here each contact is checked with the same functions
``clientes.add`` uses (``domain.check_nombre``, ``domain.normalize_telefono``,
``domain.normalize_email``, ``altas.etapa_inicial``, ``altas.temperatura_inicial``,
``clientes._check_duplicados``…), the phones and e-mails already taken are read a batch
at a time, and the good contacts are built by ``altas.cliente_nuevo`` and written by
``altas.insertar``, as ``clientes.add`` builds and writes one, a batch at a time; a test
checks that both paths agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import Etapa, Origen, Temperatura, parse_valor
from a3tui.errors import (
    DatoInvalido,
    Duplicado,
    NoEncontrado,
    SinPermiso,
)
from a3tui.models import Asesor, Cliente, Telefono
from a3tui.services import Contexto, asesores, clientes
from a3tui.services.altas import cliente_nuevo, etapa_inicial, insertar, temperatura_inicial, texto_de_nota
from a3tui.services.intercambio.lectura import (
    _ORIGENES,
    NOMBRES_DE_CAMPO,
    Contacto,
    Lectura,
    Progreso,
    Rechazo,
    ResultadoContactos,
)


@dataclass
class _Alta:
    """A contact that passed the rules: the values ``clientes.add`` would store."""

    contacto: Contacto
    nombre: str
    numeros: list[str]
    email: str | None
    direccion: str | None
    origen: Origen | None
    etapa: Etapa
    temperatura: Temperatura | None
    primer_contacto: date
    nota: str | None
    # The field each phone came from (the report names the column of a repeated one).
    de: dict[str, str] = field(default_factory=dict)
    fecha_apartado: date | None = None
    motivo_cancelacion: str | None = None
    curp: str | None = None
    rfc: str | None = None
    dueno: Asesor | None = None  # None: the import's owner


class _Rechazado(Exception):
    def __init__(self, campo: str, motivo: str) -> None:
        super().__init__(motivo)
        self.campo = campo
        self.motivo = motivo


def _columna(contacto: Contacto, campo: str) -> str:
    return contacto.columnas.get(campo) or NOMBRES_DE_CAMPO.get(campo, campo)


def _origen(texto: str) -> Origen:
    plegado = " ".join(domain.words(texto))
    for origen, palabras in _ORIGENES.items():
        if plegado in palabras:
            return origen
    return parse_valor(Origen, texto, "El origen")


def _fecha(ctx: Contexto, valor: date | str) -> date:
    fecha = valor if isinstance(valor, date) else domain.parse_fecha(valor, ctx.hoy, pasado=True)
    return clientes._primer_contacto(ctx, fecha)


def _alta(ctx: Contexto, c: Contacto, *, restaurar: bool = False) -> tuple[_Alta | None, list[_Rechazado]]:
    """Check a contact with the rules of ``clientes.add``; every field is checked, so
    one report names all that is wrong with a row.

    ``restaurar`` (a row of a3's own export) brings a client back as a3 exported it: it
    may be cancelled when the row says why, and keeps the temperature it had whatever its
    stage; its CURP and RFC are checked as ``clientes.add`` checks them."""
    errores: list[_Rechazado] = []

    def campo(nombre: str, funcion: Callable[[], Any], columna: str | None = None) -> Any:
        try:
            return funcion()
        except DatoInvalido as error:
            errores.append(_Rechazado(columna or _columna(c, nombre), error.mensaje))
            return None

    nombre = campo("nombre", lambda: domain.check_nombre(c.nombre or ""))
    numeros: list[str] = []
    origen_de: dict[str, str] = {}
    for texto, de in c.telefonos:
        try:
            numero = domain.normalize_telefono(texto)
        except DatoInvalido as error:
            errores.append(_Rechazado(_columna(c, de), error.mensaje))
            continue
        if numero not in numeros:
            numeros.append(numero)
            origen_de[numero] = de
    email = campo("email", lambda: domain.normalize_email(c.emails[0])) if c.emails else None
    origen = campo("origen", lambda: _origen(c.origen or "")) if c.origen else None
    etapa: Etapa | None = Etapa.PROSPECTO
    motivo: str | None = None
    if c.etapa:
        leida = campo("etapa", lambda: parse_valor(Etapa, c.etapa or "", "La etapa"))
        if leida == Etapa.CANCELADO and restaurar and c.motivo_cancelacion:
            etapa = leida
            motivo = campo("motivo_cancelacion", lambda: domain.texto(c.motivo_cancelacion, "El motivo"))
        else:
            etapa = campo("etapa", lambda: etapa_inicial(leida)) if leida is not None else None
    temperatura: Temperatura | None = None
    if c.temperatura:
        temperatura = campo("temperatura", lambda: parse_valor(Temperatura, c.temperatura or "", "La temperatura"))
    if etapa is not None:
        inicial = etapa
        temperatura = campo("temperatura", lambda: temperatura_inicial(inicial, temperatura, cualquier_etapa=restaurar))
    direccion = campo("direccion", lambda: domain.texto(c.direccion, "La dirección"))
    inicio = campo("primer_contacto", lambda: _fecha(ctx, c.primer_contacto or "")) if c.primer_contacto else ctx.hoy
    nota = campo("notas", lambda: texto_de_nota(c.notas))
    curp = campo("curp", lambda: domain.check_curp(c.curp or "")) if c.curp else None
    rfc = campo("rfc", lambda: domain.check_rfc(c.rfc or "")) if c.rfc else None
    apartado = (
        campo("fecha_apartado", lambda: _fecha_apartado(ctx, c.fecha_apartado or ""))
        if restaurar and c.fecha_apartado
        else None
    )
    if errores or nombre is None or etapa is None or inicio is None:
        return None, errores
    alta = _Alta(c, nombre, numeros, email, direccion, origen, etapa, temperatura, inicio, nota, origen_de)
    alta.fecha_apartado = apartado
    alta.motivo_cancelacion = motivo
    alta.curp = curp
    alta.rfc = rfc
    return alta, []


def _fecha_apartado(ctx: Contexto, valor: date | str) -> date:
    return valor if isinstance(valor, date) else domain.parse_fecha(valor, ctx.hoy, pasado=True)


# ---------------------------------------------------------------- import


def _dueno(ctx: Contexto, asesor: str | None) -> Asesor:
    """Whose the imported clients are: the advisor importing, or (a coordinator only)
    another active advisor of the same plaza."""
    if asesor is None or not asesor.strip():
        return ctx.asesor
    destino = asesores.buscar(ctx, asesor)
    if destino.id == ctx.asesor_id:
        return ctx.asesor
    asesores.requiere_coordinador(ctx, "importar clientes para otro asesor")
    destino = asesores.activo(ctx, asesor)
    if destino.plaza != ctx.asesor.plaza:
        raise SinPermiso(
            f"{destino.nombre} es de la plaza {destino.plaza}; solo asignas clientes de {ctx.asesor.plaza}."
        )
    return destino


_LOTE = 500


def _lotes(valores: Sequence[Any], tamano: int = _LOTE) -> Iterable[Sequence[Any]]:
    for i in range(0, len(valores), tamano):
        yield valores[i : i + tamano]


def _existentes(ctx: Contexto, altas: Sequence[_Alta]) -> tuple[set[str], set[str], dict[str, Cliente]]:
    """The phones and e-mails of ``altas`` that some client already has, and the live
    clients named exactly like a contact without phone or e-mail: read in batches, so a
    big file costs a few queries instead of one per row."""
    numeros = sorted({n for a in altas for n in a.numeros})
    emails = sorted({a.email for a in altas if a.email})
    solo_nombre = sorted({domain.nombre_orden(a.nombre) for a in altas if not a.numeros and not a.email})
    con_telefono: set[str] = set()
    con_email: set[str] = set()
    por_nombre: dict[str, Cliente] = {}
    for lote in _lotes(numeros):
        con_telefono.update(ctx.session.exec(select(Telefono.numero).where(col(Telefono.numero).in_(lote))).all())
    for lote in _lotes(emails):
        con_email.update(
            e for e in ctx.session.exec(select(Cliente.email).where(col(Cliente.email).in_(lote))).all() if e
        )
    for lote in _lotes(solo_nombre):
        for cliente in ctx.session.exec(
            select(Cliente)
            .where(col(Cliente.nombre_orden).in_(lote), col(Cliente.fusionado_en_id).is_(None))
            .order_by(col(Cliente.id))
        ).all():
            por_nombre.setdefault(cliente.nombre_orden, cliente)
    return con_telefono, con_email, por_nombre


def _columna_repetida(ctx: Contexto, alta: _Alta, error: Duplicado) -> str:
    """The column of what the existing client has too: its e-mail, else the shared phone."""
    existente = ctx.session.get(Cliente, error.existente_id)
    if existente is not None and alta.email and existente.email == alta.email:
        return _columna(alta.contacto, "email")
    suyos = set(clientes.telefonos_de(ctx, existente)) if existente is not None else set()
    numero = next((n for n in alta.numeros if n in suyos), None)
    return _columna(alta.contacto, alta.de.get(numero or "", "telefono"))


def _duplicados(ctx: Contexto, altas: list[_Alta], resultado: ResultadoContactos) -> list[_Alta]:
    """Leave out the contacts that repeat an existing client (the check of
    ``clientes.add``) or an earlier contact of the same file; return the others. Rows of
    a3's own export with different ids were different clients there (kept apart with
    ``--forzar``, say): they don't repeat each other."""
    con_telefono, con_email, por_nombre = _existentes(ctx, altas)
    unidad = resultado.unidad
    vistos: dict[str, int] = {}  # phone, e-mail or bare name → the row that had it first
    quedan: list[_Alta] = []
    for a in altas:
        c = a.contacto
        rechazo: Rechazo | None = None
        if any(n in con_telefono for n in a.numeros) or (a.email and a.email in con_email):
            try:
                clientes._check_duplicados(ctx, a.numeros, a.email)
            except Duplicado as error:
                rechazo = Rechazo(
                    c.numero, _columna_repetida(ctx, a, error), error.mensaje.rstrip("."), a.nombre, c.linea,
                    duplicado=True,
                )  # fmt: skip
        elif not a.numeros and not a.email and (existente := por_nombre.get(domain.nombre_orden(a.nombre))):
            dueno = (
                ""
                if existente.asesor_id == ctx.asesor_id
                else f" (de {clientes.nombre_asesor(ctx, existente.asesor_id)})"
            )
            motivo = (
                "Ya existe un cliente con ese nombre y sin teléfono ni email que lo distinga: "
                f"{existente.id} {existente.nombre}{dueno}"
            )
            rechazo = Rechazo(c.numero, _columna(c, "nombre"), motivo, a.nombre, c.linea, duplicado=True)
        if rechazo is None and c.a3_id is None:
            claves = [("telefono", n) for n in a.numeros] + ([("email", a.email)] if a.email else [])
            if not claves:
                claves = [("nombre", domain.nombre_orden(a.nombre))]
            for que, clave in claves:
                primero = vistos.get(f"{que}:{clave}")
                if primero is not None:
                    texto = {"telefono": "el teléfono", "email": "el email", "nombre": "el nombre"}[que]
                    columna = _columna(c, a.de.get(clave, "telefono") if que == "telefono" else que)
                    rechazo = Rechazo(
                        c.numero, columna, f"Repite {texto} de la {unidad} {primero} del mismo archivo",
                        a.nombre, c.linea, duplicado=True,
                    )  # fmt: skip
                    break
            else:
                for que, clave in claves:
                    vistos.setdefault(f"{que}:{clave}", c.numero)
        if rechazo is None:
            quedan.append(a)
        else:
            resultado.duplicados.append(rechazo)
    return quedan


def importar_contactos(
    ctx: Contexto,
    lectura: Lectura,
    *,
    simular: bool = False,
    forzar: bool = False,
    asesor: str | None = None,
    progreso: Progreso | None = None,
) -> ResultadoContactos:
    """Add the contacts of ``lectura`` as clients of the current advisor (or, for a
    coordinator, of ``asesor``). Each contact is checked as ``clientes.add`` checks a new
    client; one that breaks a rule, or repeats the phone or e-mail of a client or of an
    earlier row (unless ``forzar``), is reported and left out. A contact with neither phone
    nor e-mail repeats a client with exactly its name (so a file imported twice adds
    nothing the second time). The good ones are written in the caller's transaction;
    ``simular`` writes nothing.

    A file a3 exported (``Lectura.de_a3``, a card with a3's UID) restores its clients:
    one a3 exported from this same database (its id and name are here) is counted in
    ``ya_estaban`` and left alone; the others come back with their stage, temperature,
    cancellation reason, CURP and RFC, each with the advisor the file names when the
    importer may give it to them (else with the import's owner, counted in
    ``sin_su_asesor``).

    Raises SinPermiso when an advisor names another advisor, NoEncontrado or
    DatoInvalido for an unknown or departed ``asesor``.
    """
    dueno = _dueno(ctx, asesor)
    resultado = ResultadoContactos(errores=list(lectura.ilegibles), unidad=lectura.unidad, asesor=dueno.nombre)
    total = len(lectura.contactos)
    altas: list[_Alta] = []
    aqui = _ya_estan(ctx, lectura.contactos)
    duenos: dict[str, Asesor | None] = {}
    for i, contacto in enumerate(lectura.contactos, start=1):
        if contacto.numero in aqui:
            resultado.ya_estaban.append((contacto.numero, contacto.nombre or ""))
            continue
        alta, errores = _alta(ctx, contacto, restaurar=lectura.de_a3)
        if alta is not None:
            if lectura.de_a3 and asesor is None and contacto.asesor:
                alta.dueno = _dueno_de_fila(ctx, contacto.asesor, duenos)
                resultado.sin_su_asesor += alta.dueno is None
            altas.append(alta)
        resultado.errores.extend(
            Rechazo(contacto.numero, e.campo, e.motivo.rstrip("."), contacto.nombre, contacto.linea) for e in errores
        )
        if progreso is not None and (i % 200 == 0 or i == total):
            progreso("Revisando", i, total)
    if not forzar:
        altas = _duplicados(ctx, altas, resultado)
    resultado.agregados = [(a.contacto.numero, a.nombre) for a in altas]
    if not simular and altas:
        resultado.ids = _escribir(ctx, dueno, altas, progreso)
    return resultado


def _ya_estan(ctx: Contexto, contactos: Sequence[Contacto]) -> set[int]:
    """The rows (or cards) that a3 exported from this database: the client with the id
    they carry is here, with the same name (or merged into another)."""
    por_id = {c.a3_id: c for c in contactos if c.a3_id is not None}
    aqui: set[int] = set()
    for lote in _lotes(sorted(por_id)):
        for cliente_id, nombre_orden, fusionado in ctx.session.exec(
            select(Cliente.id, Cliente.nombre_orden, Cliente.fusionado_en_id).where(col(Cliente.id).in_(lote))
        ).all():
            contacto = por_id[cliente_id or 0]
            if fusionado is not None or nombre_orden == domain.nombre_orden(contacto.nombre or ""):
                aqui.add(contacto.numero)
    return aqui


def _dueno_de_fila(ctx: Contexto, login: str, vistos: dict[str, Asesor | None]) -> Asesor | None:
    """The advisor a row of a3's export names, when the importer may give them the client
    (``_dueno``'s rule: oneself, or a coordinator's active advisor of the same plaza);
    None otherwise."""
    if login not in vistos:
        try:
            vistos[login] = _dueno(ctx, login)
        except (SinPermiso, NoEncontrado, DatoInvalido):
            vistos[login] = None
    return vistos[login]


def _escribir(ctx: Contexto, dueno: Asesor, altas: list[_Alta], progreso: Progreso | None) -> list[int]:
    """Write the clients as ``clientes.add`` does (``altas.insertar``: the client rows, their
    phones, search terms and notes, an audit «alta» each), a batch at a time."""
    assert dueno.id is not None
    ids: list[int] = []
    hechos = 0
    for lote in _lotes(altas):
        nuevos = [
            cliente_nuevo(
                nombre=a.nombre,
                numeros=a.numeros,
                email=a.email,
                direccion=a.direccion,
                origen=a.origen,
                asesor_id=(a.dueno or dueno).id or 0,
                plaza=(a.dueno or dueno).plaza,
                etapa=a.etapa,
                temperatura=a.temperatura,
                primer_contacto=a.primer_contacto,
                motivo_cancelacion=a.motivo_cancelacion,
                curp=a.curp,
                rfc=a.rfc,
                fecha_apartado=a.fecha_apartado,
                nota=a.nota,
                creado=ctx.ahora,
                cadencia=ctx.cadencia,
            )
            for a in lote
        ]
        ids.extend(insertar(ctx, nuevos, masivo=True))
        hechos += len(lote)
        if progreso is not None:
            progreso("Guardando", hechos, len(altas))
    return ids
