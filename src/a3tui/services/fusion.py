"""Duplicate clients: finding likely pairs, and merging one into another with nothing lost
(seed: «Fusionar Clientes Duplicados», a coordinator's permission).

A merge moves every record of the other client to the survivor — activities, notes, tasks,
documents, reservations, properties shown, checklist ticks, transfers — adds the phones
and e-mail the survivor lacks, points the clients the other referred to the survivor, and
keeps the other record as merged (``fusionado_en_id``): never deleted, and a REF to it
reaches the survivor. Fields that differ are reported; the survivor's win unless the
coordinator takes the other's (``tomar``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlalchemy import and_, func
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from a3tui import domain
from a3tui.domain import EstadoApartado, EstadoTransferencia, Etapa, EventoSistema
from a3tui.errors import DatoInvalido
from a3tui.models import (
    Actividad,
    Apartado,
    Caso,
    CasoNota,
    Cliente,
    Documento,
    Nota,
    PasoEtapa,
    PropiedadMostrada,
    Tarea,
    Telefono,
    Transferencia,
)
from a3tui.services import Contexto, alcance, asesores, auditoria, clientes, historial

# Names at least this similar (rapidfuzz token_sort_ratio, 0–100) are likely the same person.
UMBRAL_NOMBRE = 88
# Clients compared at once in one block of similar names (a very common name pair).
BLOQUE_MAXIMO = 1500


# ---------------------------------------------------------------- finding them


@dataclass(frozen=True)
class Par:
    """Two clients that are likely one person: the score (100 = same phone or e-mail) and why."""

    a: Cliente
    b: Cliente
    puntaje: int
    razon: str


def _clave_bloque(palabras: list[str]) -> Iterator[tuple[str, ...]]:
    """Pairs of 3-letter word prefixes: «jose perez» and «jose peres garcia» share one, and
    so do «rosa diaz» and «rosa dias»; a one-word name is its own block («lupita»)."""
    prefijos = sorted({p[:3] for p in palabras if len(p) >= 2})
    if len(prefijos) == 1:
        yield (prefijos[0],)
    yield from combinations(prefijos, 2)


def duplicados(ctx: Contexto, *, limite: int = 100) -> list[Par]:
    """Likely duplicates among the lists' clients (``ctx.cartera``), strongest first: the
    same phone, the same e-mail, or names at least ``UMBRAL_NOMBRE`` similar."""
    from rapidfuzz import fuzz, process

    donde = alcance.cartera(ctx)
    pares: dict[tuple[int, int], tuple[int, str]] = {}

    def anotar(x: int, y: int, puntaje: int, razon: str) -> None:
        clave = (min(x, y), max(x, y))
        if clave not in pares or pares[clave][0] < puntaje:
            pares[clave] = (puntaje, razon)

    # The same phone (a duplicate saved with --forzar, or two records of one family).
    t1, t2 = aliased(Telefono), aliased(Telefono)
    mismos = ctx.session.exec(
        select(t1.cliente_id, t2.cliente_id, t1.numero)
        .join(t2, and_(col(t1.numero) == col(t2.numero), col(t1.cliente_id) < col(t2.cliente_id)))
        .where(col(t1.cliente_id).in_(select(Cliente.id).where(donde)))
        .where(col(t2.cliente_id).in_(select(Cliente.id).where(donde)))
        .limit(domain.LIMITE_MAXIMO)
    ).all()
    for x, y, numero in mismos:
        anotar(x, y, 100, f"mismo teléfono {domain.format_telefono(numero)}")
    # The same e-mail.
    repetidos = select(func.lower(col(Cliente.email))).where(donde, col(Cliente.email).is_not(None))
    repetidos = repetidos.group_by(func.lower(col(Cliente.email))).having(func.count() > 1)
    con_email = ctx.session.exec(
        select(Cliente.id, func.lower(col(Cliente.email)))
        .where(donde, func.lower(col(Cliente.email)).in_(repetidos))
        .order_by(func.lower(col(Cliente.email)))
    ).all()
    por_email: dict[str, list[int]] = defaultdict(list)
    for cid, email in con_email:
        if cid is not None:
            por_email[email].append(cid)
    for email, ids in por_email.items():
        for x, y in combinations(ids, 2):
            anotar(x, y, 100, f"mismo email {email}")
    # Similar names, compared within blocks of names that share two word prefixes (read as
    # id and folded name only, in pages).
    bloques: dict[tuple[str, ...], list[int]] = defaultdict(list)
    nombres: dict[int, str] = {}
    ultimo = 0
    while True:
        pagina = ctx.session.exec(
            select(Cliente.id, Cliente.nombre_orden)
            .where(donde, col(Cliente.id) > ultimo)
            .order_by(col(Cliente.id))
            .limit(5000)
        ).all()
        if not pagina:
            break
        for cid, nombre in pagina:
            if cid is None:
                continue
            nombres[cid] = nombre
            for clave in _clave_bloque(nombre.split()):
                bloques[clave].append(cid)
        ultimo = pagina[-1][0] or ultimo
    for ids in bloques.values():
        if len(ids) < 2:
            continue
        ids = ids[:BLOQUE_MAXIMO]
        textos = [nombres[i] for i in ids]
        for i in range(len(ids) - 1):
            parecidos = process.extract(
                textos[i], textos[i + 1 :], scorer=fuzz.token_sort_ratio, score_cutoff=UMBRAL_NOMBRE, limit=None
            )
            for _texto_j, puntaje_f, j in parecidos:
                puntaje = round(puntaje_f)
                razon = "mismo nombre" if puntaje == 100 else f"nombres parecidos ({puntaje}%)"
                anotar(ids[i], ids[i + 1 + j], puntaje, razon)
    mejores = sorted(pares.items(), key=lambda kv: (-kv[1][0], kv[0]))[:limite]
    ids_usados = {i for (x, y), _ in mejores for i in (x, y)}
    por_id = {c.id: c for c in ctx.session.exec(select(Cliente).where(col(Cliente.id).in_(ids_usados))).all()}
    return [Par(por_id[x], por_id[y], puntaje, razon) for (x, y), (puntaje, razon) in mejores]


# ---------------------------------------------------------------- merging


# Fields compared between the two records (the survivor's value wins unless taken).
CAMPOS = {
    "nombre": "Nombre",
    "email": "Email",
    "direccion": "Dirección",
    "etapa": "Etapa",
    "temperatura": "Temperatura",
    "origen": "Origen",
    "referido_por_id": "Referido por",
    "asesor_id": "Asesor",
    "plaza": "Plaza",
    "curp": "CURP",
    "rfc": "RFC",
}
# Fields a coordinator may take from the other record.
TOMABLES = ("nombre", "email", "direccion", "temperatura", "origen", "referido_por_id", "curp", "rfc")


@dataclass
class Plan:
    """What a merge moves and what differs, for the coordinator to read before confirming."""

    sobreviviente: Cliente
    otro: Cliente
    mover: dict[str, int] = field(default_factory=dict)
    telefonos_nuevos: list[str] = field(default_factory=list)
    # Field → (survivor's value, other's value), for the fields whose values differ.
    diferencias: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Documents identical to one the survivor has: they stay on the merged record.
    documentos_repetidos: int = 0
    tomar: tuple[str, ...] = ()
    # The other record's stage, when its sale went further (it becomes the survivor's).
    etapa: Etapa | None = None

    @property
    def lineas_mover(self) -> list[str]:
        nombres = {
            "actividades": ("actividad", "actividades"),
            "notas": ("nota", "notas"),
            "tareas": ("tarea", "tareas"),
            "documentos": ("documento", "documentos"),
            "apartados": ("apartado", "apartados"),
            "propiedades": ("propiedad mostrada", "propiedades mostradas"),
            "pasos": ("paso marcado", "pasos marcados"),
            "transferencias": ("transferencia", "transferencias"),
            "referidos": ("cliente referido", "clientes referidos"),
        }
        lineas = [
            f"{n} {nombres[k][0] if n == 1 else nombres[k][1]}" for k, n in self.mover.items() if n and k in nombres
        ]
        if self.telefonos_nuevos:
            lineas.append("teléfonos " + ", ".join(domain.format_telefono(t) for t in self.telefonos_nuevos))
        if self.etapa is not None:
            lineas.append(f"la etapa «{self.etapa.value}»")
        return lineas

    @property
    def que_pasa(self) -> str:
        """What the merge moves to the record that stays, as one sentence (the command's plan
        and the app's say it alike)."""
        if not self.lineas_mover:
            return "Al que queda no pasa nada más: el otro registro no tiene actividades, notas, tareas ni documentos."
        return "Pasan al que queda: " + "; ".join(self.lineas_mover) + "."


def _texto(ctx: Contexto, campo: str, valor: Any) -> str:
    if valor is None or valor == "":
        return "—"
    if campo == "asesor_id":
        return clientes.nombre_asesor(ctx, int(valor))
    if campo == "referido_por_id":
        referido = ctx.session.get(Cliente, int(valor))
        return f"{valor} {referido.nombre}" if referido else str(valor)
    return str(getattr(valor, "value", valor))


def _contar(ctx: Contexto, modelo: Any, cliente_id: int) -> int:
    return int(
        ctx.session.exec(select(func.count()).select_from(modelo).where(col(modelo.cliente_id) == cliente_id)).one()
    )


def _avance(etapa: Etapa) -> int:
    """How far a sale went (a cancelled one, not at all)."""
    return -1 if etapa is Etapa.CANCELADO else list(Etapa).index(etapa)


def registro(ctx: Contexto, ref: str) -> Cliente:
    """The client a merge names by ``ref`` — not, as elsewhere, the survivor a merged
    record's id leads to: merging a record that was already merged is refused."""
    cliente = clientes.resolve(ctx, ref)
    numero = ref.strip().lstrip("#")
    if numero.isdigit() and int(numero) != cliente.id:
        raise DatoInvalido(f"El cliente {int(numero)} ya se fusionó en el {cliente.id}.")
    return cliente


def plan(ctx: Contexto, sobreviviente: Cliente, otro: Cliente, tomar: tuple[str, ...] = ()) -> Plan:
    """What merging ``otro`` into ``sobreviviente`` would do; raises DatoInvalido or
    SinPermiso for a merge that is not allowed."""
    asesores.requiere_coordinador(ctx, "fusionar clientes")
    if sobreviviente.id == otro.id:
        raise DatoInvalido("No se puede fusionar un cliente consigo mismo.")
    for c in (sobreviviente, otro):
        if c.fusionado_en_id is not None:
            raise DatoInvalido(f"El cliente {c.id} ya se fusionó en el {c.fusionado_en_id}.")
    malos = [t for t in tomar if t not in TOMABLES]
    if malos:
        raise DatoInvalido(f"No se puede tomar «{malos[0]}» del otro registro; se pueden tomar: {', '.join(TOMABLES)}.")
    assert sobreviviente.id is not None
    assert otro.id is not None
    vivos = ctx.session.exec(
        select(func.count())
        .select_from(Apartado)
        .where(col(Apartado.cliente_id).in_((sobreviviente.id, otro.id)), col(Apartado.estado) == EstadoApartado.ACTIVO)
    ).one()
    if vivos > 1:
        raise DatoInvalido("Los dos clientes tienen un apartado activo; cancela uno antes de fusionarlos.")
    for c in (sobreviviente, otro):
        espera = ctx.session.exec(
            select(Transferencia.id).where(
                col(Transferencia.cliente_id) == c.id, col(Transferencia.estado) == EstadoTransferencia.SOLICITADA
            )
        ).first()
        if espera is not None:
            raise DatoInvalido(f"{c.nombre} tiene la transferencia {espera} pendiente; resuélvela antes de fusionar.")
    resultado = Plan(sobreviviente, otro, tomar=tuple(tomar))
    hashes = set(ctx.session.exec(select(Documento.sha256).where(col(Documento.cliente_id) == sobreviviente.id)).all())
    documentos = ctx.session.exec(select(Documento.sha256).where(col(Documento.cliente_id) == otro.id)).all()
    resultado.documentos_repetidos = sum(1 for h in documentos if h in hashes)
    pasos_propios = set(
        ctx.session.exec(
            select(PasoEtapa.etapa, PasoEtapa.clave).where(col(PasoEtapa.cliente_id) == sobreviviente.id)
        ).all()
    )
    pasos = ctx.session.exec(select(PasoEtapa.etapa, PasoEtapa.clave).where(col(PasoEtapa.cliente_id) == otro.id)).all()
    resultado.mover = {
        "actividades": _contar(ctx, Actividad, otro.id),
        "notas": _contar(ctx, Nota, otro.id),
        "tareas": _contar(ctx, Tarea, otro.id),
        "documentos": len(documentos) - resultado.documentos_repetidos,
        "apartados": _contar(ctx, Apartado, otro.id),
        "propiedades": _contar(ctx, PropiedadMostrada, otro.id),
        "pasos": sum(1 for p in pasos if tuple(p) not in pasos_propios),
        "transferencias": _contar(ctx, Transferencia, otro.id),
        "referidos": int(
            ctx.session.exec(
                select(func.count()).select_from(Cliente).where(col(Cliente.referido_por_id) == otro.id)
            ).one()
        ),
    }
    if _avance(otro.etapa) > _avance(sobreviviente.etapa):
        resultado.etapa = otro.etapa
    propios = clientes.telefonos_de(ctx, sobreviviente)
    resultado.telefonos_nuevos = [t for t in clientes.telefonos_de(ctx, otro) if t not in propios]
    for campo in CAMPOS:
        a, b = getattr(sobreviviente, campo), getattr(otro, campo)
        if b not in (None, "") and a not in (None, "") and a != b:
            resultado.diferencias[campo] = (_texto(ctx, campo, a), _texto(ctx, campo, b))
    return resultado


def fusionar(ctx: Contexto, sobreviviente: Cliente, otro: Cliente, tomar: tuple[str, ...] = ()) -> Plan:
    """Merge ``otro`` into ``sobreviviente`` (coordinator only) as ``plan`` describes it, in
    the caller's one transaction; returns the plan carried out."""
    hecho = plan(ctx, sobreviviente, otro, tomar)
    assert sobreviviente.id is not None
    assert otro.id is not None
    nuevo, viejo = sobreviviente.id, otro.id
    for modelo in (Actividad, Nota, Tarea, Apartado, PropiedadMostrada, Transferencia, Caso, CasoNota):
        for fila in ctx.session.exec(select(modelo).where(col(modelo.cliente_id) == viejo)).all():
            fila.cliente_id = nuevo
            ctx.session.add(fila)
    hashes = set(ctx.session.exec(select(Documento.sha256).where(col(Documento.cliente_id) == nuevo)).all())
    for documento in ctx.session.exec(select(Documento).where(col(Documento.cliente_id) == viejo)).all():
        if documento.sha256 not in hashes:
            documento.cliente_id = nuevo
            ctx.session.add(documento)
    propios = {
        (p.etapa, p.clave) for p in ctx.session.exec(select(PasoEtapa).where(col(PasoEtapa.cliente_id) == nuevo))
    }
    for paso in ctx.session.exec(select(PasoEtapa).where(col(PasoEtapa.cliente_id) == viejo)).all():
        if (paso.etapa, paso.clave) not in propios:
            paso.cliente_id = nuevo
            ctx.session.add(paso)
    for referido in ctx.session.exec(select(Cliente).where(col(Cliente.referido_por_id) == viejo)).all():
        referido.referido_por_id = nuevo
        ctx.session.add(referido)
    # Fields: what the survivor lacks, and what the coordinator chose to take.
    for campo in CAMPOS:
        if campo in ("asesor_id", "plaza", "etapa"):
            continue
        valor = getattr(otro, campo)
        if valor in (None, ""):
            continue
        if getattr(sobreviviente, campo) in (None, "") or campo in tomar:
            setattr(sobreviviente, campo, valor)
    if hecho.etapa is not None:
        # The sale went further on the other record (its reservation now moves here).
        sobreviviente.etapa = otro.etapa
        sobreviviente.fecha_apartado = otro.fecha_apartado
        sobreviviente.motivo_cancelacion = None
    if sobreviviente.referido_por_id == nuevo:
        sobreviviente.referido_por_id = None
    if "nombre" in tomar:
        sobreviviente.nombre_orden = domain.nombre_orden(sobreviviente.nombre)
    sobreviviente.primer_contacto = min(sobreviviente.primer_contacto, otro.primer_contacto)
    ultimas = [f for f in (sobreviviente.ultima_actividad, otro.ultima_actividad) if f is not None]
    sobreviviente.ultima_actividad = max(ultimas) if ultimas else None
    sobreviviente.actualizado = ctx.ahora
    otro.fusionado_en_id = nuevo
    otro.actualizado = ctx.ahora
    ctx.session.add_all([sobreviviente, otro])
    ctx.session.flush()
    telefonos = clientes.telefonos_de(ctx, sobreviviente) + hecho.telefonos_nuevos
    clientes.reemplazar_telefonos(ctx, sobreviviente, telefonos)
    clientes.refrescar_seguimiento(ctx, sobreviviente)
    movido = "; ".join(hecho.lineas_mover) or "nada que mover"
    historial.sistema(
        ctx, sobreviviente, EventoSistema.FUSION, f"se le unió el cliente {viejo} {otro.nombre} ({movido})"
    )
    auditoria.registrar(
        ctx, "fusión", "cliente", nuevo, cliente_id=nuevo,
        detalle={"fusionado": [None, viejo], **{k: [None, v] for k, v in hecho.mover.items() if v},
                 "tomados": [None, ", ".join(tomar) or None]},
    )  # fmt: skip
    return hecho
