"""The demo database: realistic Mexican clients with their history, notes, tasks and inventory.

Source texts (names, surnames, streets, developments, note and task texts, reasons for
cancelling) live in ``src/a3tui/data/`` (package ``a3tui.data``). Everything is derived from one
``random.Random(seed)`` and the given clock, so the same seed and ``ahora`` give the
same database.

The rows are written with SQLAlchemy Core ``insert()`` statements, compiled for the
connection's dialect and run as one driver executemany per table and batch (100,000
clients and a million activities in about a minute), not through the services one
client at a time. A client's rows (its folded name, next contact and reservation date,
search index and ``telefono`` rows) are built by ``services.altas.cliente_nuevo``, as
``clientes.add`` and the import build them, with the database's cadence; the columns
the services keep up to date as a history grows (``ultima_actividad``,
``proximo_contacto``) are computed with the same domain functions, so the result is
indistinguishable from a history typed in through the services.
"""

from __future__ import annotations

import json
import math
import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from a3tui import domain
from a3tui.domain import (
    Etapa,
    EventoSistema,
    LugarReunion,
    MedioEnvio,
    Origen,
    Prioridad,
    ResultadoLlamada,
    ResultadoReunion,
    Temperatura,
    TipoActividad,
)
from a3tui.services.altas import cliente_nuevo

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from a3tui.store import Store

# Clients generated (and written) per batch: bounds memory at any size.
_LOTE = 4000


@dataclass(frozen=True)
class Resumen:
    """How many rows of each kind the demo wrote."""

    clientes: int
    actividades: int
    notas: int
    tareas: int
    propiedades: int
    apartados: int


# ---------------------------------------------------------------- source data


@dataclass(frozen=True)
class _Fuentes:
    mujeres: list[str]
    hombres: list[str]
    compuestos_mujer: list[str]
    compuestos_hombre: list[str]
    apellidos: list[str]
    ladas: list[tuple[str, str]]
    pesos_lada: list[int]
    calles: list[str]
    colonias: list[str]
    dominios: list[str]
    desarrollos: list[dict[str, Any]]
    notas: list[str]
    tareas: list[str]
    tareas_generales: list[str]
    motivos: list[str]
    textos: dict[str, list[str]]


def _texto(nombre: str) -> str:
    return files("a3tui.data").joinpath(nombre).read_text(encoding="utf-8")


def _lineas(nombre: str) -> list[str]:
    return [s.strip() for s in _texto(nombre).splitlines() if s.strip() and not s.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _fuentes() -> _Fuentes:
    nombres = json.loads(_texto("nombres.json"))
    ladas = json.loads(_texto("ladas.json"))
    return _Fuentes(
        mujeres=nombres["mujeres"],
        hombres=nombres["hombres"],
        compuestos_mujer=nombres["compuestos_mujer"],
        compuestos_hombre=nombres["compuestos_hombre"],
        apellidos=_lineas("apellidos.txt"),
        ladas=[(x["lada"], x["ciudad"]) for x in ladas],
        pesos_lada=[int(x["peso"]) for x in ladas],
        calles=_lineas("calles.txt"),
        colonias=_lineas("colonias.txt"),
        dominios=_lineas("dominios.txt"),
        desarrollos=json.loads(_texto("desarrollos.json")),
        notas=_lineas("notas.txt"),
        tareas=_lineas("tareas.txt"),
        tareas_generales=_lineas("tareas_generales.txt"),
        motivos=_lineas("motivos_cancelacion.txt"),
        textos=json.loads(_texto("textos.json")),
    )


# ---------------------------------------------------------------- distributions

_ORIGENES = [
    (Origen.REFERIDO, 25),
    (Origen.REDES_SOCIALES, 25),
    (Origen.PUBLICIDAD, 14),
    (Origen.SITIO_WEB, 15),
    (Origen.SALA_DE_VENTAS, 16),
    (Origen.OTRO, 5),
]
_TEMPERATURAS = [(Temperatura.CALIENTE, 25), (Temperatura.TIBIO, 45), (Temperatura.FRIO, 30)]
# Stage of a client today; late stages need a long enough history (checked when drawn).
_ETAPAS = [
    (Etapa.PROSPECTO, 76),
    (Etapa.APARTADO, 6),
    (Etapa.ESCRITURADO, 5),
    (Etapa.ENTREGADO, 5),
    (Etapa.CANCELADO, 8),
]
# Activity mix relative to the mean, so busy (late-stage) clients have longer histories.
_PESO_ETAPA = {
    "prospecto/caliente": 1.25,
    "prospecto/tibio": 1.0,
    "prospecto/frío": 0.75,
    "apartado": 1.5,
    "escriturado": 1.5,
    "entregado": 1.5,
    "cancelado": 0.6,
}
# How many days ago the last contact was, at most: around the cadence, so that some
# clients are overdue (red), some due today or tomorrow (yellow), most on track.
_VENTANA_ULTIMO = {
    "prospecto/caliente": 5.5,
    "prospecto/tibio": 10.5,
    "prospecto/frío": 32.0,
    "apartado": 3.5,
    "escriturado": 10.0,
    "entregado": 40.0,
}
_TIPOS = [
    (TipoActividad.LLAMADA, 50),
    (TipoActividad.MENSAJE, 27),
    (TipoActividad.REUNION, 11),
    (TipoActividad.EMAIL, 12),
]
_RES_LLAMADA = [
    (ResultadoLlamada.CONTESTO_INTERESADO, 30),
    (ResultadoLlamada.CONTESTO_LLAMAR_DESPUES, 20),
    (ResultadoLlamada.NO_CONTESTO, 35),
    (ResultadoLlamada.DEJE_MENSAJE, 15),
]
_RES_REUNION = [
    (ResultadoReunion.MUY_INTERESADO, 30),
    (ResultadoReunion.LO_PENSARA, 50),
    (ResultadoReunion.NO_LE_GUSTO, 20),
]
_LUGARES = [(LugarReunion.OFICINA, 30), (LugarReunion.SALA_DE_VENTAS, 45), (LugarReunion.PROPIEDAD, 25)]
_MEDIOS_ENVIO = [(MedioEnvio.WHATSAPP, 60), (MedioEnvio.EMAIL, 25), (MedioEnvio.PDF, 15)]
_PRIORIDADES = [(Prioridad.ALTA, 25), (Prioridad.MEDIA, 50), (Prioridad.BAJA, 25)]
_MONTOS_APARTADO = [10_000, 15_000, 20_000, 25_000, 30_000, 50_000]
# Due-date kinds of client tasks, cycled so that every demo has overdue, today's,
# upcoming and done tasks in these proportions (3:2:6:9).
_PATRON_TAREAS = ["vencida"] * 3 + ["hoy"] * 2 + ["proxima"] * 6 + ["hecha"] * 9


def _pesos(pares: list[tuple[Any, int]]) -> tuple[list[Any], list[int]]:
    valores = [v for v, _ in pares]
    acumulados: list[int] = []
    total = 0
    for _, peso in pares:
        total += peso
        acumulados.append(total)
    return valores, acumulados


class _Azar(random.Random):
    """``random.Random`` with the few draws the generator needs, fast and reproducible."""

    def elegir(self, tabla: tuple[list[Any], list[int]]) -> Any:
        valores, acumulados = tabla
        x = self.random() * acumulados[-1]
        for valor, tope in zip(valores, acumulados, strict=False):
            if x < tope:
                return valor
        return valores[-1]

    def poisson(self, lam: float) -> int:
        if lam <= 0:
            return 0
        if lam > 30:
            return max(0, round(self.gauss(lam, math.sqrt(lam))))
        limite = math.exp(-lam)
        k, p = 0, self.random()
        while p > limite:
            k += 1
            p *= self.random()
        return k


_T_ORIGEN = _pesos(_ORIGENES)
_T_TEMP = _pesos(_TEMPERATURAS)
_T_ETAPA = _pesos(_ETAPAS)
_T_TIPO = _pesos(_TIPOS)
_T_RES_LLAMADA = _pesos(_RES_LLAMADA)
_T_RES_REUNION = _pesos(_RES_REUNION)
_T_LUGAR = _pesos(_LUGARES)
_T_MEDIO = _pesos(_MEDIOS_ENVIO)
_T_PRIORIDAD = _pesos(_PRIORIDADES)
_T_NOTAS = _pesos([(0, 30), (1, 45), (2, 20), (3, 5)])  # mean 1.0 per client
_T_TAREAS = _pesos([(0, 55), (1, 40), (2, 5)])  # mean 0.5 per client


# ---------------------------------------------------------------- public API


def generate(
    store: Store,
    *,
    clientes: int = 150,
    seed: int = 7,
    login: str | None = None,
    ahora: datetime | None = None,
    actividades_por_cliente: float = 6.0,
    meses: int = 6,
    propiedades: int | None = None,
) -> Resumen:
    """Fill ``store`` with a demo portfolio for advisor ``login`` (default: the current one).

    ``clientes`` clients first contacted over the last ``meses`` months, about
    ``actividades_por_cliente`` contacts each (plus properties sent as messages or
    e-mails, as `propiedad compartir` logs them, and system entries for stage changes),
    one note and half a task per client on average, and an
    inventory of ``propiedades`` units (default: one per five clients, at least 30).
    Deterministic for a given ``seed`` and ``ahora``. Returns the counts written.
    """
    from a3tui import services

    if clientes < 0:
        raise ValueError("clientes must be >= 0")
    momento = (ahora or services.ahora()).replace(microsecond=0)
    with store.session() as session:
        ctx = services.contexto(session, login or services.login_actual(), momento)
        assert ctx.asesor.id is not None
        asesor_id, plaza, cadencia = ctx.asesor.id, ctx.asesor.plaza, dict(ctx.cadencia)

    n_propiedades = propiedades if propiedades is not None else max(30, clientes // 5)
    gen = _Generador(
        rng=_Azar(seed),
        ahora=momento,
        asesor_id=asesor_id,
        plaza=plaza,
        cadencia=cadencia,
        media_actividades=actividades_por_cliente,
        dias=max(1, round(meses * 30.4)),
    )
    with store.conexion_de_escritura() as conn:
        gen.ids = _siguientes_ids(conn)
        gen.propiedades(conn, n_propiedades)
        edades = sorted((gen.rng.random() * gen.dias for _ in range(clientes)), reverse=True)
        gen.factor_edad = (sum(0.35 + e / gen.dias for e in edades) / len(edades)) if edades else 1.0
        for inicio in range(0, clientes, _LOTE):
            for i in range(inicio, min(clientes, inicio + _LOTE)):
                gen.cliente(i, edades[i])
            gen.escribir(conn)
        gen.tareas_generales(max(2, clientes // 50))
        gen.escribir(conn)
        gen.estado_propiedades(conn)
        _ajustar_secuencias(conn)
    # A bulk load leaves the planner's statistics describing the empty tables.
    store.analyze()
    return Resumen(
        clientes=clientes,
        actividades=gen.n["actividad"],
        notas=gen.n["nota"],
        tareas=gen.n["tarea"],
        propiedades=n_propiedades,
        apartados=gen.n["apartado"],
    )


# ---------------------------------------------------------------- the office

# The demo's office: the person who creates it coordinates (plaza of the generated
# portfolio) and two advisors work part of the clients.
_ASESORES = (("luis", "Luis Treviño Garza", "81 1234 5678"), ("carmen", "Carmen Ríos Salinas", "81 8765 4321"))


def oficina(store: Store, *, login: str | None = None, ahora: datetime | None = None, seed: int = 7) -> int:
    """Turn a generated portfolio into an office: the person who created the database
    coordinates, and two advisors hold a quarter of the clients each (with the work they
    did on them). Then, through the services (so history and audit read as in use): a
    client moved by the coordinator, requests waiting for approval, a suplencia under way,
    and a few duplicate records to merge (returns how many)."""
    from sqlalchemy import update
    from sqlmodel import col, select

    from a3tui import services
    from a3tui.models import (
        Actividad,
        Apartado,
        Cliente,
        Documento,
        Nota,
        PasoEtapa,
        PropiedadMostrada,
        Tarea,
    )
    from a3tui.services import asesores, clientes, transferencias

    momento = (ahora or services.ahora()).replace(microsecond=0)
    rng = random.Random(seed)
    with store.session() as session:
        ctx = services.contexto(session, login or services.login_actual(), momento)
        equipo = [asesores.add(ctx, lg, nombre=nombre, telefono=tel) for lg, nombre, tel in _ASESORES]
    with store.session() as session:
        ids = [i for i in session.exec(select(Cliente.id).order_by(col(Cliente.id))).all() if i is not None]
        rng.shuffle(ids)
        cuarto = len(ids) // 4
        carteras = [sorted(ids[k * cuarto : (k + 1) * cuarto]) for k in range(len(equipo))]
        # Their portfolios as if they had always been theirs (a bulk load, like the rest
        # of the demo: not a change anyone made, so not in the audit).
        for asesor, cartera in zip(equipo, carteras, strict=True):
            for modelo in (Cliente, Actividad, Nota, Tarea, PropiedadMostrada, Apartado, Documento, PasoEtapa):
                columna = col(getattr(modelo, "id" if modelo is Cliente else "cliente_id"))
                session.execute(update(modelo).where(columna.in_(cartera)).values(asesor_id=asesor.id))
    with store.session() as session:
        ctx = services.contexto(session, login or services.login_actual(), momento)
        propios = sorted(ids[len(equipo) * cuarto :])
        # The coordinator hands one of their clients to each advisor.
        for asesor, cid in zip(equipo, propios[:2], strict=False):
            transferencias.transferir(ctx, clientes.get(ctx, cid), asesor, "Vive cerca de sus desarrollos")
        # Each advisor asks to pass one client to the other: the coordinator's queue.
        for k, asesor in enumerate(equipo):
            if not carteras[k]:
                continue
            ctx_asesor = services.contexto(session, asesor.login, momento)
            otro = equipo[1 - k]
            transferencias.transferir(
                ctx_asesor,
                clientes.get(ctx_asesor, carteras[k][0]),
                otro,
                f"Se mudó a la zona que atiende {otro.nombre.split()[0]}",
            )
        # Carmen covers Luis this week (he is at a course).
        lunes = momento.date() - timedelta(days=momento.date().weekday())
        asesores.add_suplencia(ctx, equipo[0], equipo[1], lunes, lunes + timedelta(days=6), "Curso de crédito")
        # Duplicates: a client saved twice on a busy day, with a shorter name.
        duplicados = propios[2:][-3:]
        for cid in duplicados:
            original = clientes.get(ctx, cid)
            palabras = original.nombre.split()
            clientes.add(
                ctx,
                " ".join(palabras[:2]) if len(palabras) > 2 else f"{original.nombre} (2)",
                telefonos=clientes.telefonos_de(ctx, original)[:1],
                primer_contacto=original.primer_contacto,
                forzar=True,
            )
    return len(duplicados)


# ---------------------------------------------------------------- writing


def _tablas() -> dict[str, Any]:
    from sqlmodel import SQLModel

    import a3tui.models  # noqa: F401  (registers the tables)

    nombres = (
        "propiedad",
        "propiedad_termino",
        "cliente",
        "telefono",
        "cliente_termino",
        "actividad",
        "propiedad_mostrada",
        "apartado",
        "documento",
        "documento_archivo",
        "nota",
        "tarea",
    )
    return {nombre: SQLModel.metadata.tables[nombre] for nombre in nombres}


# Tables in foreign-key order (a row only points to rows written before it).
_ORDEN = [
    "cliente", "telefono", "cliente_termino", "actividad", "propiedad_mostrada", "apartado",
    "documento", "documento_archivo", "nota", "tarea",
]  # fmt: skip
_CON_ID = [
    "propiedad", "cliente", "telefono", "actividad", "propiedad_mostrada", "apartado", "documento", "nota", "tarea",
]  # fmt: skip


def _siguientes_ids(conn: Connection) -> dict[str, int]:
    """Next free id of each table: ids are assigned here so rows can point to each other."""
    from sqlalchemy import func, select

    tablas = _tablas()
    return {nombre: (conn.execute(select(func.max(tablas[nombre].c.id))).scalar() or 0) + 1 for nombre in _CON_ID}


def _ajustar_secuencias(conn: Connection) -> None:
    """On PostgreSQL, move each id sequence past the ids written explicitly (SQLite needs nothing)."""
    if conn.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for nombre in _CON_ID:
        conn.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{nombre}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {nombre}))"
            )
        )


# ---------------------------------------------------------------- the generator


class _Generador:
    """Draws clients one by one and buffers their rows until the next batch write."""

    def __init__(
        self,
        *,
        rng: _Azar,
        ahora: datetime,
        asesor_id: int,
        plaza: str,
        cadencia: dict[str, int],
        media_actividades: float,
        dias: int,
    ) -> None:
        self.rng = rng
        self.ahora = ahora
        self.hoy = ahora.date()
        self.asesor_id = asesor_id
        self.plaza = plaza
        self.cadencia = cadencia
        self.media = media_actividades
        self.dias = dias
        self.factor_edad = 1.0
        self.f = _fuentes()
        self.t = _tablas()
        self.ids: dict[str, int] = {}
        self.filas: dict[str, list[dict[str, Any]]] = {nombre: [] for nombre in _ORDEN}
        self.n: dict[str, int] = dict.fromkeys(_ORDEN, 0)
        # An empty row: NULL, or the column's own scalar default (a flag that is false).
        self.vacias = {
            nombre: {
                c.name: c.default.arg if c.default is not None and c.default.is_scalar else None
                for c in self.t[nombre].columns
            }
            for nombre in self.t
        }
        self._planes: dict[str, tuple[str, bool, list[tuple[str, Any]]]] = {}
        self.telefonos: set[str] = set()
        self.emails: set[str] = set()
        self.cliente_ids: list[int] = []
        self.t_lada = _pesos(list(zip(self.f.ladas, self.f.pesos_lada, strict=False)))
        self.t_desarrollo = _pesos([(i, 3 if i < 2 else 2) for i in range(len(self.f.desarrollos))])
        # Units per development (id, clave); free units for reservations, and the
        # final estado of each reserved unit.
        self.unidades: list[list[tuple[int, str]]] = []
        # Each unit's development and model (a sheet sent by e-mail is titled with them).
        self.fichas: dict[int, tuple[str, str | None]] = {}
        self.libres: list[list[tuple[int, str]]] = []
        self.estado_final: dict[int, str] = {}
        self.patron = list(_PATRON_TAREAS)
        self.rng.shuffle(self.patron)
        self.n_tarea_cliente = 0

    # -------------------------------------------------------------- helpers

    def _id(self, tabla: str) -> int:
        value = self.ids[tabla]
        self.ids[tabla] = value + 1
        return value

    def _fila(self, tabla: str, **valores: Any) -> dict[str, Any]:
        fila = self.vacias[tabla].copy()
        fila.update(valores)
        self.filas[tabla].append(fila)
        self.n[tabla] += 1
        return fila

    def escribir(self, conn: Connection) -> None:
        """Write the buffered rows (one executemany per table) and empty the buffers."""
        for nombre in _ORDEN:
            filas = self.filas[nombre]
            if filas:
                self._insertar(conn, nombre, filas)
                filas.clear()

    def _insertar(self, conn: Connection, nombre: str, filas: list[dict[str, Any]]) -> None:
        """``INSERT`` executemany straight to the driver.

        The statement is compiled by SQLAlchemy for the connection's dialect and every value
        goes through its column type's bind processor, so what is stored is exactly what an
        ORM insert stores; skipping SQLAlchemy's per-row parameter handling makes the bulk
        load about a third faster.
        """
        plan = self._planes.get(nombre)
        if plan is None:
            from sqlalchemy import insert

            tabla = self.t[nombre]
            compilado = insert(tabla).compile(dialect=conn.dialect)
            claves = list(compilado.positiontup or []) if compilado.positional else list(compilado.params)
            procesos = [(k, tabla.c[k].type.dialect_impl(conn.dialect).bind_processor(conn.dialect)) for k in claves]
            plan = self._planes[nombre] = (str(compilado), compilado.positional, procesos)
        sql, posicional, procesos = plan
        if posicional:
            valores: list[Any] = [tuple(p(f[k]) if p else f[k] for k, p in procesos) for f in filas]
        else:
            valores = [{k: p(f[k]) if p else f[k] for k, p in procesos} for f in filas]
        conn.exec_driver_sql(sql, valores)

    def _habil(self, momento: datetime, desde: datetime, hasta: datetime) -> datetime:
        """``momento`` moved into office hours (9:00–19:59), kept within [desde, hasta]."""
        if not 9 <= momento.hour < 20:
            momento = momento.replace(hour=self.rng.randint(9, 19), minute=self.rng.randint(0, 59))
        momento = momento.replace(microsecond=0)
        if momento > hasta:
            momento = hasta
        if momento < desde:
            momento = desde
        return momento

    def _entre(self, desde: datetime, hasta: datetime) -> datetime:
        if hasta <= desde:
            return desde
        segundos = (hasta - desde).total_seconds()
        return self._habil(desde + timedelta(seconds=self.rng.random() * segundos), desde, hasta)

    # -------------------------------------------------------------- inventory

    def propiedades(self, conn: Connection, total: int) -> None:
        """Write ``total`` units spread over the developments, all available for now."""
        desarrollos = self.f.desarrollos
        self.unidades = [[] for _ in desarrollos]
        filas: list[dict[str, Any]] = []
        terminos: list[dict[str, Any]] = []
        creado = datetime.combine(self.hoy - timedelta(days=self.dias + 30), time(9, 0))
        contadores = [0] * len(desarrollos)
        for k in range(total):
            d = k % len(desarrollos)
            des = desarrollos[d]
            n = contadores[d]
            contadores[d] += 1
            manzana, lote = divmod(n, 40)
            letras = ""
            m = manzana
            while True:
                letras = chr(ord("A") + m % 26) + letras
                m = m // 26 - 1
                if m < 0:
                    break
            clave = f"{des['clave']}-{letras}-{lote + 1}"
            modelo = des["modelos"][n % len(des["modelos"])]
            # Corner lots and later phases cost a little more: ±6% around the list price.
            precio = round(modelo["precio"] * (0.97 + 0.09 * self.rng.random()), -3)
            pid = self._id("propiedad")
            fila = self.vacias["propiedad"].copy()
            fila.update(
                id=pid,
                clave=clave,
                desarrollo=des["nombre"],
                modelo=modelo["modelo"],
                precio_centavos=int(precio) * 100,
                recamaras=modelo["recamaras"],
                plantas=modelo["plantas"],
                m2=modelo["m2"],
                direccion=f"{des['direccion']}, manzana {letras} lote {lote + 1}, {des['ciudad']}",
                plaza=self.plaza,
                estado="disponible",
                creado=creado,
                actualizado=creado,
            )
            filas.append(fila)
            terminos.extend(
                {"termino": t, "propiedad_id": pid}
                for t in domain.terminos_propiedad(clave, des["nombre"], modelo["modelo"], fila["direccion"])
            )
            self.unidades[d].append((pid, clave))
            self.fichas[pid] = (des["nombre"], modelo["modelo"])
            if len(filas) >= 20_000:
                self._insertar(conn, "propiedad", filas)
                self._insertar(conn, "propiedad_termino", terminos)
                filas, terminos = [], []
        if filas:
            self._insertar(conn, "propiedad", filas)
            self._insertar(conn, "propiedad_termino", terminos)
        self.libres = [list(u) for u in self.unidades]
        for libres in self.libres:
            self.rng.shuffle(libres)

    def _unidad(self, desarrollo: int) -> tuple[int, str]:
        unidades = self.unidades[desarrollo] or next(u for u in self.unidades if u)
        return unidades[int(self.rng.random() * len(unidades))]

    def _reservar(self, desarrollo: int) -> tuple[int, str]:
        """A unit no other live reservation holds, preferably in the client's development."""
        for libres in [self.libres[desarrollo], *self.libres]:
            if libres:
                return libres.pop()
        return self._unidad(desarrollo)  # inventory sold out: share a unit

    def estado_propiedades(self, conn: Connection) -> None:
        """Mark reserved units apartada and deeded or delivered ones vendida."""
        from sqlalchemy import bindparam, update

        tabla = self.t["propiedad"]
        filas = [{"pid": pid, "nuevo": estado} for pid, estado in sorted(self.estado_final.items())]
        if filas:
            conn.execute(update(tabla).where(tabla.c.id == bindparam("pid")).values(estado=bindparam("nuevo")), filas)

    # -------------------------------------------------------------- people

    def _nombre(self) -> tuple[str, str]:
        """(full name, given name) such as ("María José Núñez Garza", "María José")."""
        f, rng = self.f, self.rng
        mujer = rng.random() < 0.5
        if rng.random() < 0.18:
            pila = rng.choice(f.compuestos_mujer if mujer else f.compuestos_hombre)
        else:
            pila = rng.choice(f.mujeres if mujer else f.hombres)
        paterno = rng.choice(f.apellidos)
        if rng.random() < 0.88:
            return f"{pila} {paterno} {rng.choice(f.apellidos)}", pila
        return f"{pila} {paterno}", pila

    def _telefono(self, lada: str) -> str:
        while True:
            resto = 10 - len(lada)
            numero = lada + str(self.rng.randint(2, 9)) + str(self.rng.randrange(10 ** (resto - 1))).zfill(resto - 1)
            if numero not in self.telefonos:
                self.telefonos.add(numero)
                return numero

    def _email(self, nombre: str) -> str:
        rng = self.rng
        partes = domain.words(nombre)
        dominio = rng.choice(self.f.dominios)
        formas = [
            f"{partes[0]}.{partes[-2] if len(partes) > 2 else partes[-1]}",
            f"{partes[0][0]}{partes[-2] if len(partes) > 2 else partes[-1]}",
            f"{partes[0]}_{partes[-1]}",
        ]
        base = rng.choice(formas)
        email = f"{base}@{dominio}"
        while email in self.emails:
            email = f"{base}{rng.randint(1, 999)}@{dominio}"
        self.emails.add(email)
        return email

    def _direccion(self, ciudad: str) -> str:
        f, rng = self.f, self.rng
        return f"{rng.choice(f.calles)} {rng.randint(1, 3999)}, Col. {rng.choice(f.colonias)}, {ciudad}"

    # -------------------------------------------------------------- one client

    def cliente(self, i: int, edad_dias: float) -> None:
        """Draw client number ``i`` (first contacted ``edad_dias`` ago) with its whole history."""
        rng, ahora = self.rng, self.ahora
        cid = self._id("cliente")
        self.cliente_ids.append(cid)
        inicio = self._habil(ahora - timedelta(days=edad_dias), ahora - timedelta(days=edad_dias + 1), ahora)
        vida = (ahora - inicio).total_seconds() / 86400

        nombre, pila = self._nombre()
        (lada, ciudad) = rng.elegir(self.t_lada)
        numeros = [self._telefono(lada)]
        if rng.random() < 0.2:
            numeros.append(self._telefono(lada if rng.random() < 0.6 else rng.elegir(self.t_lada)[0]))
        email = self._email(nombre) if rng.random() < 0.7 else None
        direccion = self._direccion(ciudad) if rng.random() < 0.5 else None
        origen = rng.elegir(_T_ORIGEN)
        referido_por = None
        if origen == Origen.REFERIDO and i > 0 and rng.random() < 0.85:
            referido_por = self.cliente_ids[int(rng.random() * i)]
        desarrollo = rng.elegir(self.t_desarrollo)

        # ---- stage and its dates (each late stage needs time to have happened)
        etapa = rng.elegir(_T_ETAPA)
        temperatura = rng.elegir(_T_TEMP)
        minimo = {Etapa.APARTADO: 4, Etapa.ESCRITURADO: 60, Etapa.ENTREGADO: 120, Etapa.CANCELADO: 6}
        if vida < minimo.get(etapa, 0):
            etapa = Etapa.PROSPECTO
        if etapa in (Etapa.APARTADO, Etapa.ESCRITURADO, Etapa.ENTREGADO):
            # Clients who reserve were mostly hot prospects.
            temperatura = Temperatura.CALIENTE if rng.random() < 0.7 else Temperatura.TIBIO

        cambios: list[tuple[datetime, Etapa, Etapa, str | None]] = []  # (when, from, to, motivo)
        t_apartado: datetime | None = None
        t_fin: datetime | None = None  # cancellation: no contact after it
        motivo: str | None = None
        estado_apartado: str | None = None
        dia = timedelta(days=1)
        if etapa in (Etapa.APARTADO, Etapa.ESCRITURADO, Etapa.ENTREGADO):
            reserva = {Etapa.APARTADO: 1, Etapa.ESCRITURADO: 50, Etapa.ENTREGADO: 110}[etapa]
            t_apartado = self._entre(inicio + 3 * dia, inicio + min(vida - reserva, 50) * dia)
            cambios.append((t_apartado, Etapa.PROSPECTO, Etapa.APARTADO, None))
            estado_apartado = "activo"
            if etapa != Etapa.APARTADO:
                resto = (ahora - t_apartado).days
                tope = resto - 5 if etapa == Etapa.ESCRITURADO else resto - 75
                t_escritura = self._entre(t_apartado + 30 * dia, t_apartado + min(tope, 150) * dia)
                cambios.append((t_escritura, Etapa.APARTADO, Etapa.ESCRITURADO, None))
                estado_apartado = "escriturado"
                if etapa == Etapa.ENTREGADO:
                    resto = (ahora - t_escritura).days
                    t_entrega = self._entre(t_escritura + 30 * dia, t_escritura + min(resto - 2, 150) * dia)
                    cambios.append((t_entrega, Etapa.ESCRITURADO, Etapa.ENTREGADO, None))
                    estado_apartado = "entregado"
        elif etapa == Etapa.CANCELADO:
            motivo = rng.choice(self.f.motivos)
            if vida > 30 and rng.random() < 0.3:
                t_apartado = self._entre(inicio + 3 * dia, inicio + (vida / 2) * dia)
                cambios.append((t_apartado, Etapa.PROSPECTO, Etapa.APARTADO, None))
                t_fin = self._entre(t_apartado + dia, ahora - dia)
                cambios.append((t_fin, Etapa.APARTADO, Etapa.CANCELADO, motivo))
                estado_apartado = "cancelado"
            else:
                t_fin = self._entre(inicio + 2 * dia, ahora - dia)
                cambios.append((t_fin, Etapa.PROSPECTO, Etapa.CANCELADO, motivo))
        elif vida > 60 and rng.random() < 0.05:
            # Cancelled once, then came back as a prospect.
            t_cancelado = self._entre(inicio + 10 * dia, inicio + (vida / 2) * dia)
            cambios.append((t_cancelado, Etapa.PROSPECTO, Etapa.CANCELADO, rng.choice(self.f.motivos)))
            t_vuelta = self._entre(t_cancelado + 5 * dia, ahora - dia)
            cambios.append((t_vuelta, Etapa.CANCELADO, Etapa.PROSPECTO, None))

        clave = domain.clave_cadencia(etapa, temperatura) or "cancelado"

        # ---- contacts: how many, and when the last one was
        lam = self.media * _PESO_ETAPA[clave] * (0.35 + edad_dias / self.dias) / self.factor_edad
        n_contactos = rng.poisson(lam)
        if t_fin is not None:
            ultimo = self._entre(max(inicio, t_fin - 10 * dia), t_fin)
        else:
            ultimo = self._habil(ahora - timedelta(days=rng.random() * _VENTANA_ULTIMO[clave]), inicio, ahora)
        momentos: list[datetime] = []
        if n_contactos >= 1:
            momentos.append(ultimo)
        if n_contactos >= 2:
            momentos.append(inicio)
        for _ in range(n_contactos - 2):
            momentos.append(self._entre(inicio, ultimo))
        momentos.sort()

        # An unanswered call is not a contact (domain.proximo_contacto): kept apart.
        contactos: list[datetime] = []
        intentos: list[datetime] = []
        for momento in momentos:
            compra = etapa in (Etapa.APARTADO, Etapa.ESCRITURADO, Etapa.ENTREGADO)
            (intentos if self._contacto(cid, momento, desarrollo, compra) else contactos).append(momento)

        # ---- system entries: temperature and stage changes, shared properties
        if etapa == Etapa.PROSPECTO and temperatura != Temperatura.TIBIO and rng.random() < 0.25 and vida > 2:
            self._sistema(
                cid,
                self._entre(inicio, ahora),
                EventoSistema.CAMBIO_TEMPERATURA,
                f"{Temperatura.TIBIO.value} → {temperatura.value}",
            )
        for momento, de, a, por in cambios:
            detalle = f"{de.value} → {a.value}"
            if a == Etapa.CANCELADO:
                detalle += f" (motivo: {por})"
            self._sistema(cid, momento, EventoSistema.CAMBIO_ETAPA, detalle)
        for _ in range(rng.poisson(0.3 if t_fin is None else 0.1)):
            medio = rng.elegir(_T_MEDIO)
            pid, clave_prop = self._unidad(desarrollo)
            momento = self._entre(inicio, t_fin or ahora)
            # Logged as `propiedad compartir` logs it: a message or an e-mail, a contact.
            envio = domain.envio_de_ficha(clave_prop, *self.fichas[pid], medio)
            aid = self._envio(cid, momento, envio)
            if envio.tipo != TipoActividad.SISTEMA:
                contactos.append(momento)
                momentos.append(momento)
            self._fila(
                "propiedad_mostrada",
                id=self._id("propiedad_mostrada"),
                cliente_id=cid,
                propiedad_id=pid,
                asesor_id=self.asesor_id,
                actividad_id=aid,
                fecha=momento,
                medio=medio.value,
            )

        # ---- reservation, and the documents its escritura asked for
        recibidos: list[datetime] = []
        if t_apartado is not None and estado_apartado is not None:
            if estado_apartado == "cancelado":
                pid, _clave = self._unidad(desarrollo)
            else:
                pid, _clave = self._reservar(desarrollo)
                self.estado_final[pid] = "apartada" if estado_apartado == "activo" else "vendida"
            fechas = {a: m.date() for m, _de, a, _por in cambios}
            apartado_id = self._id("apartado")
            self._fila(
                "apartado",
                id=apartado_id,
                cliente_id=cid,
                propiedad_id=pid,
                asesor_id=self.asesor_id,
                fecha=t_apartado.date(),
                monto_centavos=rng.choice(_MONTOS_APARTADO) * 100,
                estado=estado_apartado,
                motivo_cancelacion=motivo if estado_apartado == "cancelado" else None,
                fecha_escritura=fechas.get(Etapa.ESCRITURADO),
                fecha_entrega=fechas.get(Etapa.ENTREGADO),
                creado=t_apartado,
                actualizado=cambios[-1][0],
            )
            # Deeded sales had their papers; a live reservation is gathering them.
            completos = estado_apartado in ("escriturado", "entregado")
            if completos or (estado_apartado == "activo" and rng.random() < 0.6):
                firma = fechas.get(Etapa.ESCRITURADO) or ahora.date()
                self._documento(cid, apartado_id, "INE", t_apartado, None)
                recibidos.append(t_apartado)
                if completos or rng.random() < 0.5:
                    recibo = firma - timedelta(days=int(rng.random() * 60))
                    self._documento(cid, apartado_id, "comprobante de domicilio", t_apartado, recibo)

        # ---- the client row, with the columns the services keep up to date
        # Every client started as a prospect; a stage change keeps the temperature (as
        # services.clientes.cambiar_etapa does), so the column holds the last one.
        # The last activity: the last contact or attempt, or a document the client handed
        # over (services.documentos.recibido).
        ultima_actividad = max([*momentos, *recibidos], default=None)
        actualizado = max([inicio, *(c[0] for c in cambios), *momentos])
        nuevo = cliente_nuevo(
            nombre=nombre,
            numeros=numeros,
            email=email,
            direccion=direccion,
            origen=origen,
            referido_por_id=referido_por,
            asesor_id=self.asesor_id,
            plaza=self.plaza,
            etapa=etapa,
            temperatura=temperatura,
            primer_contacto=inicio.date(),
            motivo_cancelacion=motivo if etapa == Etapa.CANCELADO else None,
            fecha_apartado=t_apartado.date() if t_apartado else None,
            creado=inicio,
            cadencia=self.cadencia,
            ultima_actividad=ultima_actividad,
            ultimo_contacto=max(contactos, default=None),
            ultimo_intento=max(intentos, default=None),
            actualizado=actualizado,
        )
        self._fila("cliente", id=cid, **nuevo.fila)
        for fila in nuevo.telefonos(cid):
            self._fila("telefono", id=self._id("telefono"), **fila)
        for fila in nuevo.terminos(cid):
            self._fila("cliente_termino", **fila)

        # ---- notes and tasks
        for _ in range(rng.elegir(_T_NOTAS)):
            self._fila(
                "nota",
                id=self._id("nota"),
                cliente_id=cid,
                asesor_id=self.asesor_id,
                texto=self._texto_nota(desarrollo),
                creado=self._entre(inicio, t_fin or ahora),
            )
        for _ in range(rng.elegir(_T_TAREAS)):
            self._tarea(cid, pila, desarrollo, inicio, cerrada=t_fin is not None)

    def _contacto(self, cid: int, momento: datetime, desarrollo: int, compra: bool) -> bool:
        """Write one activity; True when it is an unanswered call (an attempt, not a contact)."""
        rng, textos = self.rng, self.f.textos
        tipo = rng.elegir(_T_TIPO)
        fila = self._fila(
            "actividad",
            id=self._id("actividad"),
            cliente_id=cid,
            asesor_id=self.asesor_id,
            tipo=tipo.value,
            fecha=momento,
            creado=momento,
        )
        intento = False
        if tipo == TipoActividad.LLAMADA:
            res = rng.elegir(_T_RES_LLAMADA)
            fila["resultado"] = res.value
            intento = domain.es_intento_sin_respuesta(tipo, res)
            if res == ResultadoLlamada.CONTESTO_INTERESADO:
                fila["duracion_min"] = rng.randint(3, 25)
            elif res == ResultadoLlamada.CONTESTO_LLAMAR_DESPUES:
                fila["duracion_min"] = rng.randint(1, 4)
            elif res == ResultadoLlamada.DEJE_MENSAJE:
                fila["duracion_min"] = 1
            if rng.random() < 0.25:
                fila["nota"] = rng.choice(textos["notas_llamada"])
        elif tipo == TipoActividad.REUNION:
            lugar = rng.elegir(_T_LUGAR)
            fila["lugar"] = lugar.value
            resultado = rng.elegir(_T_RES_REUNION)
            if compra and resultado == ResultadoReunion.NO_LE_GUSTO:
                # A client who went on to reserve didn't dislike what they saw.
                resultado = ResultadoReunion.LO_PENSARA
            fila["resultado"] = resultado.value
            if rng.random() < 0.7:
                fila["siguientes_pasos"] = rng.choice(textos["siguientes_pasos"])
            if rng.random() < 0.4:
                # The note agrees with the result (no «le gustaron» after «no le gustó»).
                fila["nota"] = rng.choice(textos["notas_reunion"][resultado.value])
            if lugar != LugarReunion.OFICINA and rng.random() < 0.6:
                mostradas = {self._unidad(desarrollo) for _ in range(1 + (rng.random() < 0.3))}
                mostradas_orden = sorted(mostradas)
                for pid, _clave in mostradas_orden:
                    self._fila(
                        "propiedad_mostrada",
                        id=self._id("propiedad_mostrada"),
                        cliente_id=cid,
                        propiedad_id=pid,
                        asesor_id=self.asesor_id,
                        actividad_id=fila["id"],
                        fecha=momento,
                        medio=MedioEnvio.EN_PERSONA.value,
                    )
        elif tipo == TipoActividad.MENSAJE:
            fila["contenido"] = rng.choice(textos["mensajes"])
            x = rng.random()
            fila["respondio"] = True if x < 0.6 else (False if x < 0.9 else None)
        else:
            fila["asunto"] = rng.choice(textos["asuntos"])
            fila["contenido"] = rng.choice(textos["contenidos_email"])
            x = rng.random()
            fila["respondio"] = True if x < 0.4 else (False if x < 0.9 else None)
        return intento

    def _documento(self, cid: int, apartado_id: int, tipo: str, momento: datetime, fecha: Any) -> None:
        """A small stand-in file (a PDF header and who it belongs to) for a client's document."""
        import hashlib

        did = self._id("documento")
        datos = f"%PDF-1.4\n% a3 demo: {tipo} del cliente {cid}, documento {did}\n".encode()
        nombre = {"INE": "ine.pdf", "comprobante de domicilio": "recibo-luz.pdf"}.get(tipo, "documento.pdf")
        self._fila(
            "documento",
            id=did,
            cliente_id=cid,
            apartado_id=apartado_id,
            tipo=tipo,
            nombre_archivo=nombre,
            formato="pdf",
            sha256=hashlib.sha256(datos).hexdigest(),
            tamano=len(datos),
            fecha_documento=fecha,
            subido=momento,
            asesor_id=self.asesor_id,
        )
        self._fila("documento_archivo", documento_id=did, datos=datos)

    def _envio(self, cid: int, momento: datetime, envio: domain.EnvioDeFicha) -> int:
        """A property's sheet sent to the client, as ``services.envios.compartir`` logs it."""
        if envio.tipo == TipoActividad.SISTEMA:
            return self._sistema(cid, momento, EventoSistema.PROPIEDAD_COMPARTIDA, envio.contenido)
        aid = self._id("actividad")
        self._fila(
            "actividad",
            id=aid,
            cliente_id=cid,
            asesor_id=self.asesor_id,
            tipo=envio.tipo.value,
            fecha=momento,
            asunto=envio.asunto if envio.tipo == TipoActividad.EMAIL else None,
            contenido=envio.contenido,
            creado=momento,
        )
        return aid

    def _sistema(self, cid: int, momento: datetime, evento: EventoSistema, detalle: str) -> int:
        aid = self._id("actividad")
        self._fila(
            "actividad",
            id=aid,
            cliente_id=cid,
            asesor_id=self.asesor_id,
            tipo=TipoActividad.SISTEMA.value,
            fecha=momento,
            evento=evento.value,
            detalle=detalle,
            creado=momento,
        )
        return aid

    def _texto_nota(self, desarrollo: int) -> str:
        rng, textos = self.rng, self.f.textos
        plantilla = rng.choice(self.f.notas)
        return plantilla.format(
            monto=f"{rng.choice([8, 10, 15, 20, 25, 30, 40, 50]) * 1000:,}",
            recamaras=rng.choice([2, 3, 3, 4]),
            plantas=rng.choice([1, 2, 2]),
            desarrollo=self.f.desarrollos[desarrollo]["nombre"],
            dia=rng.choice(textos["dias"]),
            hora=rng.choice(textos["horas"]),
            banco=rng.choice(textos["bancos"]),
        )

    def _tarea(self, cid: int | None, pila: str | None, desarrollo: int, inicio: datetime, *, cerrada: bool) -> None:
        rng, hoy = self.rng, self.hoy
        if cerrada:
            tipo = "hecha"
        else:
            tipo = self.patron[self.n_tarea_cliente % len(self.patron)]
            self.n_tarea_cliente += 1
        if tipo == "vencida":
            vence = hoy - timedelta(days=rng.randint(1, 10))
        elif tipo == "hoy":
            vence = hoy
        elif tipo == "proxima":
            vence = hoy + timedelta(days=rng.randint(1, 14))
        else:
            vence = hoy - timedelta(days=rng.randint(0, 60))
        vence = max(vence, inicio.date())
        creado = self._entre(inicio, min(self.ahora, datetime.combine(vence, time(9, 0))))
        hora = time(rng.randint(9, 18), rng.choice([0, 15, 30, 45])) if rng.random() < 0.4 else None
        hecha_en = None
        if tipo == "hecha":
            hecha_en = self._entre(max(creado, datetime.combine(vence, time(9, 0))), self.ahora)
        if pila is not None:
            texto = rng.choice(self.f.tareas).format(nombre=pila, desarrollo=self.f.desarrollos[desarrollo]["nombre"])
        else:
            texto = rng.choice(self.f.tareas_generales)
        self._fila(
            "tarea",
            id=self._id("tarea"),
            descripcion=texto,
            vence=vence,
            hora=hora,
            prioridad=rng.elegir(_T_PRIORIDAD).value,
            recordatorio=rng.random() < 0.85,
            hecha=tipo == "hecha",
            hecha_en=hecha_en,
            cliente_id=cid,
            asesor_id=self.asesor_id,
            creado=creado,
        )

    def tareas_generales(self, cuantas: int) -> None:
        """Tasks not tied to a client (price lists, meetings), due around today."""
        inicio = self.ahora - timedelta(days=20)
        for _ in range(cuantas):
            self._tarea(None, None, 0, inicio, cerrada=False)
