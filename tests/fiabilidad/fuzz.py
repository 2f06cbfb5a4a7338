"""Hypothesis strategies for `a3` command lines, and the property every run must keep.

Shared by tests/fiabilidad/test_fuzz_cli.py (a few hundred examples) and
bench/fiabilidad.py (10,000). Each example is a short sequence of commands from the real
command tree, with each value either one a user would type or something hostile: markup,
control characters, integers past 64 bits, dates at the end of the calendar, digits that
are not ASCII, empty strings, undecodable bytes (as Python sees them: lone surrogates).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from apoyo.bases import volcado
from apoyo.pg import BasePG
from apoyo.proceso import en_proceso, sin_sorpresas

VALIDOS: dict[str, list[str]] = {
    "ref": ["1", "2", "3", "juan", "maría lópez", "8100000001", "perez", "99", "juana pérez garza"],
    "nombre": ["Rosa Martínez", "Ana", "Juan [/] Perez", "Pedro Páramo Ñúñez"],
    "texto": ["Quiere ver casas el sábado", "Solo puede pagar $10,000", "Enviar cotización", "CUM-A-12,CUM-B-03"],
    "telefono": ["8187654321", "81 2345 6789", "+52 1 81 8765 4322", "55 1234 5679", "8100000000"],
    "email": ["rosa@correo.com", "juan.perez@correo.com", "ana+casa@dominio.mx"],
    "fecha": [
        "hoy",
        "mañana",
        "+3",
        "2026-11-27",
        "27/11/2026",
        "viernes",
        "ayer",
        "-2",
        "2026-11-01",
        "2026-11-20 09:30",
    ],
    "hora": ["10:30", "9:00", "23:59"],
    "entero": ["1", "2", "5", "20"],
    "etapa": ["prospecto", "apartado", "escriturado", "entregado", "cancelado"],
    "temperatura": ["caliente", "tibio", "frio", "frío"],
    "resultado_llamada": [
        "contestó-interesado",
        "no-contestó",
        "dejé-mensaje",
        "contestó-llamar-después",
        "no-contesto",
    ],
    "resultado_reunion": ["muy-interesado", "lo-pensará", "no-le-gustó"],
    "prioridad": ["alta", "media", "baja"],
    "origen": ["referido", "publicidad", "redes sociales", "sitio web"],
    "lugar": ["oficina", "sala de ventas", "propiedad"],
    "orden": ["nombre", "proximo", "actividad", "inactivo"],
    "alerta": ["rojo", "amarillo", "verde"],
    "tipo_caso": ["queja", "garantia", "garantía", "consulta", "postventa"],
    "prioridad_caso": ["alta", "normal", "baja"],
    "folio": ["C-2026-0001", "1", "c-2026-2", "C-2025-0001", "C-2026-99999999999"],
}

HOSTILES = [
    "",
    " ",
    "[/]",
    "[bold]x",
    "Juan [/] Perez",
    ":smile:",
    "[link=https://x.mx]y[/link]",
    "[red]",
    "\x1b[2J",
    "\x1b]0;x\x07",
    "\x07",
    "\x00",
    "\x9b",
    "\x7f",
    "\r\n",
    "\t",
    "\x1c",
    "\x85",
    "\u2028",
    "%",
    "_",
    "*",
    "\\",
    "...",
    "--",
    "'",
    '"',
    "-",
    "-1",
    "0",
    "-0",
    "+0",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "99999999999999999999",
    "1e309",
    "NaN",
    "²",
    "①",
    "٣",
    "１２",
    "Ⅻ",
    "½",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "31/12/9999",
    "+999999",
    "-999999",
    "+3000000",
    "0000-00-00",
    "24:00",
    "99:99",
    "-1:00",
    "\udcff\udcfe",
    "caf\udce9",
    "ñ" * 201,
    "a" * 5001,
    "8" * 40,
]

COMANDOS: dict[tuple[str, ...], tuple[list[str], dict[str, str | None]]] = {
    ("cliente", "add"): (
        ["nombre"],
        {
            "--telefono": "telefono",
            "--email": "email",
            "--direccion": "texto",
            "--origen": "origen",
            "--referido-por": "ref",
            "--etapa": "etapa",
            "--temperatura": "temperatura",
            "--plaza": "texto",
            "--primer-contacto": "fecha",
            "--nota": "texto",
            "--forzar": None,
        },
    ),
    ("cliente", "list"): (
        [],
        {
            "--etapa": "etapa",
            "--temperatura": "temperatura",
            "--buscar": "texto",
            "--frios": None,
            "--dias": "entero",
            "--alerta": "alerta",
            "--orden": "orden",
            "--limite": "entero",
            "--pagina": "entero",
            "--json": None,
        },
    ),
    ("cliente", "show"): (["ref"], {"--json": None}),
    ("cliente", "edit"): (
        ["ref"],
        {
            "--nombre": "nombre",
            "--telefono": "telefono",
            "--email": "email",
            "--direccion": "texto",
            "--origen": "origen",
            "--referido-por": "ref",
            "--plaza": "texto",
            "--primer-contacto": "fecha",
            "--forzar": None,
        },
    ),
    ("cliente", "etapa"): (["ref", "etapa"], {"--motivo": "texto"}),
    ("cliente", "temperatura"): (["ref", "temperatura"], {}),
    ("actividad", "llamada"): (
        ["ref"],
        {"--resultado": "resultado_llamada", "--duracion": "entero", "--nota": "texto", "--fecha": "fecha"},
    ),
    ("actividad", "reunion"): (
        ["ref"],
        {
            "--resultado": "resultado_reunion",
            "--lugar": "lugar",
            "--propiedades": "texto",
            "--siguientes-pasos": "texto",
            "--nota": "texto",
            "--fecha": "fecha",
        },
    ),
    ("actividad", "mensaje"): (
        ["ref"],
        {"--contenido": "texto", "--respondio": None, "--no-respondio": None, "--nota": "texto", "--fecha": "fecha"},
    ),
    ("actividad", "email"): (
        ["ref"],
        {"--asunto": "texto", "--contenido": "texto", "--respondio": None, "--nota": "texto", "--fecha": "fecha"},
    ),
    ("actividad", "list"): (["ref"], {"--limite": "entero", "--json": None}),
    ("nota", "add"): (["ref", "texto"], {}),
    ("nota", "list"): (["ref"], {"--json": None}),
    ("tarea", "add"): (
        ["texto"],
        {
            "--vence": "fecha",
            "--hora": "hora",
            "--cliente": "ref",
            "--prioridad": "prioridad",
            "--sin-recordatorio": None,
        },
    ),
    ("tarea", "list"): ([], {"--hoy": None, "--vencidas": None, "--proximas": None, "--hechas": None, "--json": None}),
    ("tarea", "done"): (["entero"], {}),
    ("hoy",): ([], {"--json": None, "--limite": "entero"}),
    ("db", "path"): ([], {}),
    ("caso", "abrir"): (
        ["ref"],
        {"--tipo": "tipo_caso", "--descripcion": "texto", "--prioridad": "prioridad_caso", "--propiedad": "texto"},
    ),
    ("caso", "list"): ([], {"--vencidos": None, "--todos": None, "--cliente": "ref", "--json": None}),
    ("caso", "show"): (["folio"], {"--json": None}),
    ("caso", "nota"): (["folio", "texto"], {}),
    ("caso", "resolver"): (["folio"], {"--resolucion": "texto"}),
    ("caso", "reabrir"): (["folio"], {"--motivo": "texto"}),
}

OBLIGATORIAS = {
    ("actividad", "llamada"): ["--resultado"],
    ("actividad", "reunion"): ["--resultado"],
    ("tarea", "add"): ["--vence"],
    ("caso", "abrir"): ["--tipo", "--descripcion"],
    ("caso", "resolver"): ["--resolucion"],
}


def valor(tipo: str) -> st.SearchStrategy[str]:
    """A value for a parameter of this kind: usually one a user would type, else a hostile one."""
    return st.one_of(
        st.sampled_from(VALIDOS[tipo]),
        st.sampled_from(VALIDOS[tipo]),
        st.sampled_from(HOSTILES),
        st.text(max_size=12),
    )


@st.composite
def comando(draw: st.DrawFn) -> list[str]:
    ruta = draw(st.sampled_from(sorted(COMANDOS)))
    posicionales, opciones = COMANDOS[ruta]
    argv = list(ruta)
    for tipo in posicionales:
        argv.append(draw(valor(tipo)))
    elegidas = draw(st.lists(st.sampled_from(sorted(opciones)), unique=True, max_size=4)) if opciones else []
    for obligatoria in OBLIGATORIAS.get(ruta, []):
        if obligatoria not in elegidas and draw(st.integers(0, 9)) > 0:
            elegidas.append(obligatoria)
    for opcion in elegidas:
        argv.append(opcion)
        tipo = opciones[opcion]
        if tipo is not None:
            argv.append(draw(valor(tipo)))
    return argv


secuencias = st.lists(comando(), min_size=1, max_size=3)


def revisar(db: Path | BasePG, comandos: list[list[str]]) -> list[str]:
    """Run each command in-process on ``db``; return what broke the property, if anything.

    Exit code 0, 1 or 2; no traceback, no «error inesperado», no terminal control bytes in
    any output; and a command that fails leaves the database exactly as it was.
    """
    problemas: list[str] = []
    for argv in comandos:
        antes = volcado(db)
        res = en_proceso("--db", db, *argv)
        malos = sin_sorpresas(res, argv)
        if res.code not in (0, 1, 2):
            malos.append(f"código de salida {res.code}")
        if res.code != 0 and volcado(db) != antes:
            malos.append("la base cambió aunque el comando falló")
        if malos:
            problemas.append(f"a3 {argv!r} → {res.code}: {malos}")
    return problemas
