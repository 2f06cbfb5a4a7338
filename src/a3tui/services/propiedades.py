"""The inventory: properties, their search, and import from a developer's price list.
Sharing one with a client is ``envios``."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import false, func
from sqlalchemy.sql import Select
from sqlmodel import col, select

from a3tui import domain, store_pg
from a3tui.domain import EstadoApartado, EstadoPropiedad, MedioEnvio
from a3tui.errors import DatoInvalido, NoEncontrado
from a3tui.models import Apartado, Cliente, Propiedad, PropiedadMostrada, PropiedadTermino
from a3tui.services import Contexto, clientes

Q = TypeVar("Q", bound=Select[Any])


@dataclass(frozen=True)
class FiltroPropiedades:
    """What the inventory shows. Empty = every property."""

    desarrollo: str = ""
    estado: EstadoPropiedad | None = None
    precio_max_centavos: int | None = None
    recamaras: int | None = None
    buscar: str = ""


@dataclass(frozen=True)
class FilaPropiedad:
    """One row of the inventory."""

    id: int
    clave: str
    desarrollo: str
    modelo: str | None
    precio_centavos: int | None
    recamaras: int | None
    plantas: int | None
    m2: float | None
    direccion: str | None
    estado: EstadoPropiedad

    @property
    def etiqueta(self) -> str:
        return domain.etiqueta_propiedad(self.clave, self.desarrollo, self.modelo)


@dataclass(frozen=True)
class Mostrada:
    """A time a property was shown or sent to a client."""

    fecha: datetime
    cliente_id: int
    cliente: str
    medio: MedioEnvio


@dataclass(frozen=True)
class ApartadoDePropiedad:
    id: int
    fecha: date
    cliente_id: int
    cliente: str
    monto_centavos: int
    estado: EstadoApartado


@dataclass(frozen=True)
class DetallePropiedad:
    propiedad: Propiedad
    mostrada: list[Mostrada]
    apartados: list[ApartadoDePropiedad]


def _fila(p: Propiedad) -> FilaPropiedad:
    assert p.id is not None
    return FilaPropiedad(
        p.id, p.clave, p.desarrollo, p.modelo, p.precio_centavos, p.recamaras, p.plantas, p.m2, p.direccion, p.estado
    )


# ---------------------------------------------------------------- validation


def _entero(valor: int | None, campo: str, minimo: int, maximo: int) -> int | None:
    if valor is None:
        return None
    if not minimo <= valor <= maximo:
        raise DatoInvalido(f"{campo} deben estar entre {minimo} y {maximo}.")  # «Las recámaras…»
    return valor


def _m2(valor: float | None) -> float | None:
    if valor is None:
        return None
    if not 10 <= valor <= 100_000:
        raise DatoInvalido("Los m² deben estar entre 10 y 100,000.")
    return round(valor, 2)


def _precio(centavos: int | None) -> int | None:
    if centavos is None:
        return None
    if not domain.PRECIO_MINIMO * 100 <= centavos <= domain.PRECIO_MAXIMO * 100:
        raise DatoInvalido(
            f"El precio debe estar entre {domain.format_dinero(domain.PRECIO_MINIMO * 100)} y "
            f"{domain.format_dinero(domain.PRECIO_MAXIMO * 100)}."
        )
    return centavos


def _desarrollo(valor: str) -> str:
    desarrollo = domain.texto(valor, "El desarrollo", maximo=100)
    if not desarrollo:
        raise DatoInvalido("Indica el desarrollo de la propiedad.")
    return desarrollo


# ---------------------------------------------------------------- add, edit, find


def add(
    ctx: Contexto,
    clave: str,
    *,
    desarrollo: str,
    modelo: str | None = None,
    precio_centavos: int | None = None,
    recamaras: int | None = None,
    plantas: int | None = None,
    m2: float | None = None,
    direccion: str | None = None,
    plaza: str | None = None,
) -> Propiedad:
    """Add a property to the inventory (available). Raises DatoInvalido for bad data or a
    key that already exists."""
    clave_n = domain.normalize_clave(clave)
    if _buscar_clave(ctx, clave_n) is not None:
        raise DatoInvalido(f"Ya existe la propiedad {clave_n}; cámbiala con a3 propiedad edit {clave_n}.")
    propiedad = Propiedad(
        clave=clave_n,
        desarrollo=_desarrollo(desarrollo),
        modelo=domain.texto(modelo, "El modelo", maximo=100),
        precio_centavos=_precio(precio_centavos),
        recamaras=_entero(recamaras, "Las recámaras", 0, 20),
        plantas=_entero(plantas, "Las plantas", 1, 10),
        m2=_m2(m2),
        direccion=domain.texto(direccion, "La dirección"),
        plaza=domain.texto(plaza, "La plaza", maximo=100) or ctx.asesor.plaza,
        creado=ctx.ahora,
        actualizado=ctx.ahora,
    )
    ctx.session.add(propiedad)
    ctx.session.flush()
    _reindex(ctx, propiedad)
    return propiedad


def edit(
    ctx: Contexto,
    propiedad: Propiedad,
    *,
    desarrollo: str | None = None,
    modelo: str | None = None,
    precio_centavos: int | None = None,
    recamaras: int | None = None,
    plantas: int | None = None,
    m2: float | None = None,
    direccion: str | None = None,
    plaza: str | None = None,
) -> Propiedad:
    """Change a property's data (``None`` leaves a field as it is; an empty text clears it).
    Its status changes only through reservations."""
    if desarrollo is not None:
        propiedad.desarrollo = _desarrollo(desarrollo)
    if modelo is not None:
        propiedad.modelo = domain.texto(modelo, "El modelo", maximo=100)
    if precio_centavos is not None:
        propiedad.precio_centavos = _precio(precio_centavos)
    if recamaras is not None:
        propiedad.recamaras = _entero(recamaras, "Las recámaras", 0, 20)
    if plantas is not None:
        propiedad.plantas = _entero(plantas, "Las plantas", 1, 10)
    if m2 is not None:
        propiedad.m2 = _m2(m2)
    if direccion is not None:
        propiedad.direccion = domain.texto(direccion, "La dirección")
    if plaza is not None:
        propiedad.plaza = domain.texto(plaza, "La plaza", maximo=100) or propiedad.plaza
    propiedad.actualizado = ctx.ahora
    ctx.session.add(propiedad)
    ctx.session.flush()
    _reindex(ctx, propiedad)
    return propiedad


def _reindex(ctx: Contexto, propiedad: Propiedad) -> None:
    """Write the property's search terms again (after it is flushed: it has its id)."""
    assert propiedad.id is not None
    store_pg.borrar_filas(ctx.session, PropiedadTermino, [propiedad.id])
    for termino in domain.terminos_propiedad(
        propiedad.clave, propiedad.desarrollo, propiedad.modelo, propiedad.direccion
    ):
        ctx.session.add(PropiedadTermino(termino=termino, propiedad_id=propiedad.id))
    ctx.session.flush()


def _buscar_clave(ctx: Contexto, clave: str) -> Propiedad | None:
    return ctx.session.exec(select(Propiedad).where(col(Propiedad.clave) == clave)).first()


def get(ctx: Contexto, clave: str) -> Propiedad:
    """The property with key ``clave`` (case-insensitive); raises NoEncontrado naming the
    closest keys."""
    texto = clave.strip()
    propiedad = _buscar_clave(ctx, " ".join(texto.split()).upper()) if texto else None
    if propiedad is not None:
        return propiedad
    parecidas = sugerencias(ctx, texto)
    if parecidas:
        raise NoEncontrado(f"No existe la propiedad con clave «{texto}»; ¿quisiste decir {', '.join(parecidas)}?")
    raise NoEncontrado(
        f"No existe la propiedad con clave «{texto}».", pista_cli="búscala con a3 propiedad list --buscar TEXTO."
    )


def get_id(ctx: Contexto, propiedad_id: int) -> Propiedad:
    propiedad = ctx.session.get(Propiedad, propiedad_id) if domain.id_valido(propiedad_id) else None
    if propiedad is None:
        raise NoEncontrado(f"No existe la propiedad {propiedad_id}.")
    return propiedad


def sugerencias(ctx: Contexto, clave: str, *, cuantas: int = 3) -> list[str]:
    """The keys closest to ``clave`` (a typo, a missing dash), best first."""
    from rapidfuzz import fuzz, process

    if not clave.strip():
        return []
    claves = list(ctx.session.exec(select(Propiedad.clave)).all())
    encontradas = process.extract(clave.upper(), claves, scorer=fuzz.WRatio, limit=cuantas, score_cutoff=60)
    return [c for c, _score, _i in encontradas]


# ---------------------------------------------------------------- lists


def _where(ctx: Contexto, filtro: FiltroPropiedades, query: Q) -> Q:
    if filtro.desarrollo.strip():
        query = query.where(col(Propiedad.desarrollo).in_(desarrollos_que_coinciden(ctx, filtro.desarrollo)))
    if filtro.estado is not None:
        query = query.where(col(Propiedad.estado) == filtro.estado)
    if filtro.precio_max_centavos is not None:
        query = query.where(col(Propiedad.precio_centavos) <= filtro.precio_max_centavos)
    if filtro.recamaras is not None:
        query = query.where(col(Propiedad.recamaras) == filtro.recamaras)
    if filtro.buscar.strip():
        tokens = domain.tokens_consulta(filtro.buscar)
        if not tokens:
            return query.where(false())  # only punctuation: nothing matches (not everything)
        termino = col(PropiedadTermino.termino)
        for token in tokens:
            query = query.where(
                col(Propiedad.id).in_(
                    select(PropiedadTermino.propiedad_id).where(termino >= token, termino < domain.fin_prefijo(token))
                )
            )
    return query


def desarrollos_que_coinciden(ctx: Contexto, texto: str) -> list[str]:
    """The developments whose name contains ``texto``, ignoring accents and case («san jose»
    finds «San José»); ``%`` or ``_`` are text. A handful of names: read and folded here."""
    buscado = " ".join(domain.fold(texto).split())
    nombres = ctx.session.exec(select(Propiedad.desarrollo).distinct()).all()
    return [n for n in nombres if buscado in " ".join(domain.fold(n).split())]


def list_(ctx: Contexto, filtro: FiltroPropiedades, *, offset: int = 0, limit: int = 100) -> list[FilaPropiedad]:
    """One page of the inventory, by development and key."""
    if offset < 0 or offset > domain.ENTERO_MAXIMO - limit:
        return []
    query = _where(ctx, filtro, select(Propiedad)).order_by(col(Propiedad.desarrollo), col(Propiedad.clave))
    return [_fila(p) for p in ctx.session.exec(query.offset(offset).limit(limit)).all()]


def count(ctx: Contexto, filtro: FiltroPropiedades) -> int:
    return int(ctx.session.exec(_where(ctx, filtro, select(func.count()).select_from(Propiedad))).one())


def detalle(ctx: Contexto, propiedad: Propiedad) -> DetallePropiedad:
    """A property with the clients it was shown to and its reservations, newest first."""
    mostrada = ctx.session.exec(
        select(PropiedadMostrada, Cliente)
        .join(Cliente, col(PropiedadMostrada.cliente_id) == Cliente.id)
        .where(col(PropiedadMostrada.propiedad_id) == propiedad.id)
        .order_by(col(PropiedadMostrada.fecha).desc(), col(PropiedadMostrada.id).desc())
        .limit(200)
    ).all()
    apartados = ctx.session.exec(
        select(Apartado, Cliente)
        .join(Cliente, col(Apartado.cliente_id) == Cliente.id)
        .where(col(Apartado.propiedad_id) == propiedad.id)
        .order_by(col(Apartado.fecha).desc(), col(Apartado.id).desc())
    ).all()
    # Another advisor's clients are named by their advisor (the inventory is shared, the
    # portfolios are not).
    return DetallePropiedad(
        propiedad,
        [Mostrada(m.fecha, m.cliente_id, clientes.nombre_visible(ctx, c), m.medio) for m, c in mostrada],
        [
            ApartadoDePropiedad(
                a.id or 0, a.fecha, a.cliente_id, clientes.nombre_visible(ctx, c), a.monto_centavos, a.estado
            )
            for a, c in apartados
        ],
    )


# ---------------------------------------------------------------- import


@dataclass(frozen=True)
class FilaDePrecios:
    """One row of a developer's price list, as read from the file (texts and numbers)."""

    numero: int
    valores: dict[str, Any]


@dataclass
class ResultadoImportacion:
    nuevas: list[str] = field(default_factory=list)
    actualizadas: list[str] = field(default_factory=list)
    sin_cambios: list[str] = field(default_factory=list)
    errores: list[tuple[int, str, str]] = field(default_factory=list)  # (row, column, reason)


def _numero(valor: Any, campo: str) -> float | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    if isinstance(valor, bool):
        raise DatoInvalido(f"{campo} no es un número.")
    if isinstance(valor, (int, float)):
        numero = float(valor)
    else:
        try:
            numero = float(str(valor).strip().replace(" ", "").replace(",", ""))
        except ValueError:
            raise DatoInvalido(f"{campo} «{valor}» no es un número.") from None
    if not math.isfinite(numero):  # «NaN», «inf» read as floats
        raise DatoInvalido(f"{campo} «{valor}» no es un número.")
    return numero


def _centavos(valor: Any) -> int | None:
    if valor is None or (isinstance(valor, str) and not valor.strip()):
        return None
    if isinstance(valor, (int, float)) and not isinstance(valor, bool):
        if not math.isfinite(valor):
            raise DatoInvalido(f"El precio «{valor}» no es un número.")
        return _precio(round(float(valor) * 100))
    return _precio(domain.parse_dinero(str(valor), "El precio", minimo=domain.PRECIO_MINIMO))


def _entero_de(valor: Any, campo: str) -> int | None:
    numero = _numero(valor, campo)
    if numero is None:
        return None
    if numero != int(numero):
        raise DatoInvalido(f"{campo} deben ser un número entero.")
    return int(numero)


CAMPOS_IMPORTACION = ("clave", "desarrollo", "modelo", "precio", "recamaras", "plantas", "m2", "direccion")


def importar(ctx: Contexto, filas: Iterable[FilaDePrecios], *, simular: bool = False) -> ResultadoImportacion:
    """Bring a price list into the inventory: new keys are added, known keys get the new
    data, identical rows change nothing (importing the same file twice is harmless).

    Every row is checked; a bad row is reported (row, column, reason) and skipped, the good
    ones are written in the caller's one transaction. ``simular`` writes nothing.
    """
    resultado = ResultadoImportacion()
    vistas: set[str] = set()
    for fila in filas:
        v = fila.valores
        columna = "clave"
        try:
            clave = domain.normalize_clave(str(v.get("clave") or ""))
            if clave in vistas:
                raise DatoInvalido(f"la clave {clave} se repite en el archivo")
            vistas.add(clave)
            columna = "desarrollo"
            desarrollo = _desarrollo(str(v.get("desarrollo") or ""))
            columna = "precio"
            precio = _centavos(v.get("precio"))
            columna = "recamaras"
            recamaras = _entero(_entero_de(v.get("recamaras"), "Las recámaras"), "Las recámaras", 0, 20)
            columna = "plantas"
            plantas = _entero(_entero_de(v.get("plantas"), "Las plantas"), "Las plantas", 1, 10)
            columna = "m2"
            m2 = _m2(_numero(v.get("m2"), "Los m²"))
            columna = "modelo"
            modelo = domain.texto(str(v["modelo"]) if v.get("modelo") is not None else None, "El modelo", maximo=100)
            columna = "direccion"
            direccion = domain.texto(str(v["direccion"]) if v.get("direccion") is not None else None, "La dirección")
        except DatoInvalido as error:
            resultado.errores.append((fila.numero, columna, error.mensaje.rstrip(".")))
            continue
        datos: dict[str, Any] = {
            "desarrollo": desarrollo,
            "modelo": modelo,
            "precio_centavos": precio,
            "recamaras": recamaras,
            "plantas": plantas,
            "m2": m2,
            "direccion": direccion,
        }
        existente = _buscar_clave(ctx, clave)
        if existente is None:
            resultado.nuevas.append(clave)
            if not simular:
                add(ctx, clave, **datos)
            continue
        cambios = {k: x for k, x in datos.items() if x is not None and getattr(existente, k) != x}
        if not cambios:
            resultado.sin_cambios.append(clave)
            continue
        resultado.actualizadas.append(clave)
        if not simular:
            edit(ctx, existente, **cambios)
    return resultado


def claves_por_mostrar(ctx: Contexto, claves: Sequence[str]) -> list[Propiedad]:
    """The properties of ``claves`` (a meeting's), each checked to exist."""
    return [get(ctx, clave) for clave in claves if clave.strip()]
