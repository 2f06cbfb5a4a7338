"""What Tab offers after a3's commands (issue 25, point 6): clients' names, property keys
and advisors' logins that start with what was typed, read from the database as it is now.

Tab must answer in well under 0.2 s, so these read through a ``store_consulta.Consulta``
(a plain DB-API connection) instead of a session: importing SQLAlchemy and the models
alone takes longer than that. Every query is small and walks an index (a name prefix is a
range of ``nombre_orden`` in an advisor's or a plaza's index, a word a range of the
``cliente_termino`` search index, a key a range of the key's unique index); none reads a
whole table, and none returns more than ``LIMITE`` rows.

Matching ignores case and accents, as the domain does (``domain.fold``). When there are
more matches than are returned, the last match in order is one of those returned: a
shell completes the common beginning of what it is offered, and that must be common to
every match, not only to the first ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from a3tui import domain

if TYPE_CHECKING:
    from a3tui.store_consulta import Consulta

# Most values offered at once (bash asks before listing more than 100).
LIMITE = 50
# A word inside a name («perez» for «Juan Pérez») is looked for only from this length on:
# shorter ones match a large part of a big portfolio.
MINIMO_PALABRA = 3


@dataclass(frozen=True)
class Alcance:
    """The clients an advisor may see and work, as ``alcance.scope`` decides it (the rule
    of the services, read here without SQLAlchemy; tests/services/test_completado.py checks
    they agree): their own and those of the advisors they cover today as suplente, and for
    a coordinator every client of their plaza."""

    asesor_ids: tuple[int, ...]
    plaza: str | None = None


def alcance(consulta: Consulta, login: str, hoy: date) -> Alcance | None:
    """Whose clients the advisor ``login`` sees today; None when ``login`` is no active
    advisor of this database (a command would refuse them too)."""
    filas = consulta.filas("SELECT id, rol, plaza, activo FROM asesor WHERE lower(login) = ?", (login.strip().lower(),))
    if not filas or not filas[0][3]:
        return None
    asesor_id, rol, plaza, _activo = filas[0]
    dia = hoy.isoformat()
    titulares = consulta.filas(
        "SELECT titular_id FROM suplencia WHERE suplente_id = ? AND desde <= ? AND hasta >= ?", (asesor_id, dia, dia)
    )
    cubiertos = sorted({int(f[0]) for f in titulares} - {asesor_id})
    es_coordinador = rol == domain.Rol.COORDINADOR.value
    return Alcance((int(asesor_id), *cubiertos), str(plaza) if es_coordinador else None)


def _prefijo_de_nombre(texto: str) -> str:
    """What was typed, as ``nombre_orden`` keeps names (``José P`` → ``jose p``)."""
    prefijo = domain.nombre_orden(texto)
    if prefijo and texto[-1:].isspace():
        prefijo += " "  # «juan »: Juan Pérez, not Juana
    return prefijo


def _rango(columna: str, prefijo: str) -> tuple[str, list[str]]:
    if not prefijo:
        return "", []
    return f" AND {columna} >= ? AND {columna} < ?", [prefijo, domain.fin_prefijo(prefijo)]


def clientes(consulta: Consulta, texto: str, alcance: Alcance, *, limite: int = LIMITE) -> list[str]:
    """The names of the clients in ``alcance`` that start with ``texto``, in list order;
    when none does, those with a word (or e-mail, or phone digits) that starts with it, as a
    REF finds them. One name once, though two clients share it."""
    rango, parametros = _rango("nombre_orden", _prefijo_de_nombre(texto))
    partes: list[tuple[str, object]] = [("asesor_id", i) for i in alcance.asesor_ids]
    if alcance.plaza is not None:
        partes.append(("plaza", alcance.plaza))
    encontrados: list[tuple[str, str]] = []
    mas = False
    for columna, valor in partes:
        # One range of an advisor's (or the plaza's) index, in its order: LIMIT stops early.
        base = f"SELECT nombre_orden, nombre FROM cliente WHERE {columna} = ? AND fusionado_en_id IS NULL{rango}"
        filas = consulta.filas(f"{base} ORDER BY nombre_orden LIMIT ?", (valor, *parametros, limite + 1))
        if len(filas) > limite:
            mas = True
            filas += consulta.filas(f"{base} ORDER BY nombre_orden DESC LIMIT 1", (valor, *parametros))
        encontrados += [(str(orden), str(nombre)) for orden, nombre in filas]
    if not encontrados:
        return _clientes_por_palabra(consulta, texto, alcance, limite)
    nombres = [nombre for _orden, nombre in sorted(set(encontrados))]
    unicos = list(dict.fromkeys(nombres))
    # ``nombre_orden`` keeps words only: of «juan "» it finds every Juan; those written so first.
    literal = _literal(texto)
    tal_cual = [n for n in unicos if _literal(n).startswith(literal)]
    unicos = tal_cual or unicos
    if mas or len(unicos) > limite:
        return _con_el_ultimo(unicos, limite)
    return unicos


def _literal(texto: str) -> str:
    return " ".join(domain.fold(texto).split()) + (" " if texto[-1:].isspace() and texto.strip() else "")


def _clientes_por_palabra(consulta: Consulta, texto: str, alcance: Alcance, limite: int) -> list[str]:
    tokens = domain.tokens_consulta(texto)
    if len(tokens) != 1 or len(tokens[0]) < MINIMO_PALABRA:
        return []
    token = tokens[0]
    quien = ["c.asesor_id = ?"] * len(alcance.asesor_ids)
    quienes: list[object] = list(alcance.asesor_ids)
    if alcance.plaza is not None:
        quien.append("c.plaza = ?")
        quienes.append(alcance.plaza)
    # In the order of the search index (no sort of every match): the first ones found.
    filas = consulta.filas(
        "SELECT c.nombre_orden, c.nombre FROM cliente_termino t JOIN cliente c ON c.id = t.cliente_id "
        f"WHERE t.termino >= ? AND t.termino < ? AND c.fusionado_en_id IS NULL AND ({' OR '.join(quien)}) LIMIT ?",
        (token, domain.fin_prefijo(token), *quienes, limite),
    )
    orden = {str(nombre): str(clave) for clave, nombre in filas}
    return sorted(orden, key=lambda n: (orden[n], n))


def _con_el_ultimo(valores: list[str], limite: int) -> list[str]:
    """The first ``limite`` values of more, the last of them among them (see the module's
    docstring): ``valores`` ends with the last match."""
    primeros = valores[: limite - 1]
    return primeros if valores[-1] in primeros else [*primeros, valores[-1]]


def claves(consulta: Consulta, texto: str, *, limite: int = LIMITE) -> list[str]:
    """The keys of the properties that start with ``texto`` (keys are stored in capitals)."""
    prefijo = " ".join(domain.fold(texto).upper().split())
    rango, parametros = _rango("clave", prefijo)
    base = f"SELECT clave FROM propiedad WHERE 1 = 1{rango}"
    filas = consulta.filas(f"{base} ORDER BY clave LIMIT ?", (*parametros, limite + 1))
    valores = [str(f[0]) for f in filas]
    if len(valores) <= limite:
        return valores
    fin = consulta.filas(f"{base} ORDER BY clave DESC LIMIT 1", parametros)
    return _con_el_ultimo(valores + [str(f[0]) for f in fin], limite)


def logins(consulta: Consulta, texto: str, *, activos: bool = True, limite: int = LIMITE) -> list[str]:
    """The logins of the office's advisors (those given de baja with ``activos=False``) that
    start with ``texto``; when none does, those whose name has a word that starts with it
    (``luis`` → ``ltrevino``, Luis Treviño)."""
    filas = consulta.filas(
        "SELECT login, nombre FROM asesor WHERE activo = ? ORDER BY login LIMIT ?", (activos, 10 * limite)
    )
    buscado = domain.fold(texto.strip())
    propios = [str(login) for login, _nombre in filas if domain.fold(str(login)).startswith(buscado)]
    if not propios and buscado:
        propios = [
            str(login) for login, nombre in filas if any(w.startswith(buscado) for w in domain.words(str(nombre)))
        ]
    return propios[:limite]


def casos(consulta: Consulta, texto: str, alcance: Alcance, *, limite: int = LIMITE) -> list[str]:
    """The folios of the open service cases of the clients in ``alcance`` that start with
    ``texto`` (``c-2026-`` → ``C-2026-0007``), the most urgent first. An advisor's open cases
    are few: the first ``10 * limite`` by due time are read, and those that match returned."""
    quien = ["c.asesor_id = ?"] * len(alcance.asesor_ids)
    quienes: list[object] = list(alcance.asesor_ids)
    if alcance.plaza is not None:
        quien.append("c.plaza = ?")
        quienes.append(alcance.plaza)
    filas = consulta.filas(
        "SELECT k.id, k.abierto FROM caso k JOIN cliente c ON c.id = k.cliente_id "
        "WHERE k.estado IN (?, ?) AND c.fusionado_en_id IS NULL "
        f"AND ({' OR '.join(quien)}) ORDER BY k.vence, k.id LIMIT ?",
        (*(e.value for e in domain.ESTADOS_ABIERTOS), *quienes, 10 * limite),
    )
    buscado = texto.strip().upper()
    # The year as the column reads back: a datetime (PostgreSQL) or its ISO text (SQLite).
    folios = [f"C-{str(abierto)[:4]}-{int(caso_id):04d}" for caso_id, abierto in filas]
    return [f for f in folios if f.startswith(buscado)][:limite]


def valores(lista: tuple[str, ...] | list[str], texto: str) -> list[str]:
    """The values of ``lista`` (a choice option's) that start with ``texto``, ignoring case,
    accents, and spaces against dashes (``comprobante-d`` → «comprobante de domicilio»)."""
    buscado = _sin_separadores(texto)
    return [v for v in lista if _sin_separadores(v).startswith(buscado)]


def _sin_separadores(texto: str) -> str:
    return re.sub(r"[\s_-]+", " ", domain.fold(texto)).lstrip()
