"""`a3 caso …` and `a3 ajuste sla` (issue 30 point 1) through the real command: a case
opened with its folio and due time, listed by urgency (open, past due, of one client),
shown, noted, moved through its states and reopened, reassigned by a coordinator, and
listed in `a3 cliente show`; Tab offers the folios of the open cases one sees; bad input
gets one Spanish sentence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from apoyo.proceso import Resultado, a3_exe, assert_error, con_zona, entorno, proceso

A3 = Callable[..., Resultado]
Alta = Callable[..., int]


def _ok(res: Resultado) -> Resultado:
    assert res.code == 0, res.out + res.err
    return res


@pytest.fixture
def juan(alta: Alta) -> int:
    return alta("Juan Pérez", "--telefono", "8123456789")


@pytest.mark.ambos_motores
def test_abrir_da_folio_responsable_y_plazo(a3: A3, juan: int) -> None:
    res = _ok(a3("caso", "abrir", "perez", "--tipo", "garantia", "--descripcion", "Falla el calentador"))
    assert res.out == (
        "Caso C-2026-0001 abierto para Juan Pérez: garantía, a cargo de ana; vence en 5 días 10:00 (2026-11-28 10:00).\n"
    )
    res = _ok(a3("caso", "abrir", str(juan), "--tipo", "queja", "--descripcion", "Gotera", "--prioridad", "alta"))
    assert res.out.startswith("Caso C-2026-0002 abierto para Juan Pérez: queja")
    doc = _ok(a3("caso", "list", "--json")).json()
    assert doc["total"] == 2
    # The most urgent first: the complaint is due in 2 days, the warranty in 5.
    assert [(c["folio"], c["tipo"], c["prioridad"], c["alerta"]) for c in doc["casos"]] == [
        ("C-2026-0002", "queja", "alta", "verde"),
        ("C-2026-0001", "garantía", "normal", "verde"),
    ]
    assert doc["casos"][0]["vence"] == con_zona("2026-11-25T10:00:00")
    assert doc["casos"][0]["cliente"] == {"id": juan, "nombre": "Juan Pérez"}


@pytest.mark.ambos_motores
def test_del_abierto_al_cerrado_y_reabierto(a3: A3, juan: int, monkeypatch: pytest.MonkeyPatch) -> None:
    _ok(a3("caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "Gotera en la recámara"))
    assert_error(a3("caso", "cerrar", "C-2026-0001"), "El caso C-2026-0001 está abierto; resuélvelo antes de cerrarlo.")
    assert _ok(a3("caso", "proceso", "c-2026-1")).out == "Caso C-2026-0001 en proceso.\n"
    assert (
        _ok(a3("caso", "nota", "C-2026-0001", "El plomero va el jueves")).out == "Caso C-2026-0001 con una nota más.\n"
    )
    monkeypatch.setenv("A3_AHORA", "2026-11-27T10:00:00")  # 4 days later: past the complaint's 2 days
    res = _ok(a3("caso", "resolver", "C-2026-0001", "--resolucion", "Se selló la azotea"))
    assert res.out == "Caso C-2026-0001 resuelto (fuera de plazo).\n"
    assert _ok(a3("caso", "cerrar", "1")).out == "Caso C-2026-0001 cerrado.\n"
    assert _ok(a3("caso", "list")).out == "No hay casos abiertos.\n"
    res = _ok(a3("caso", "reabrir", "C-2026-0001", "--motivo", "Volvió la gotera"))
    assert res.out == "Caso C-2026-0001 reabierto; vence en 2 días 10:00.\n"
    doc = _ok(a3("caso", "show", "C-2026-0001", "--json")).json()
    assert (doc["estado"], doc["reaperturas"], doc["resolucion"], doc["resuelto"]) == ("abierto", 1, None, None)
    assert [n["texto"] for n in doc["notas"]] == ["El plomero va el jueves"]
    historial = _ok(a3("actividad", "list", "perez", "--json")).json()["actividades"]
    assert [a.get("detalle") for a in historial if a["tipo"] == "sistema"] == [
        "C-2026-0001 reabierto: Volvió la gotera",
        "C-2026-0001 cerrado",
        "C-2026-0001 resuelto: Se selló la azotea",
        "C-2026-0001 nota: El plomero va el jueves",
        "C-2026-0001 en proceso",
        "C-2026-0001 abierto (queja, prioridad normal): Gotera en la recámara",
    ]


def test_show_en_texto_y_la_ficha_del_cliente(a3: A3, juan: int, monkeypatch: pytest.MonkeyPatch) -> None:
    _ok(a3("propiedad", "add", "CUM-A-12", "--desarrollo", "Cumbres"))
    _ok(a3("caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "Gotera", "--propiedad", "cum-a-12"))
    _ok(a3("caso", "nota", "1", "El plomero va el jueves"))
    monkeypatch.setenv("A3_AHORA", "2026-11-26T09:00:00")
    show = _ok(a3("caso", "show", "C-2026-0001")).out
    assert "Caso C-2026-0001 · queja · prioridad normal" in show
    assert "  Propiedad:   CUM-A-12" in show
    assert "  Vence:       2026-11-25 10:00 · ● vencido ayer 10:00" in show
    assert "  2026-11-23 10:00 ana: El plomero va el jueves" in show
    ficha = _ok(a3("cliente", "show", "perez")).out
    assert "Casos abiertos\n  C-2026-0001  queja · abierto · ● vencido ayer 10:00  Gotera\n" in ficha
    _ok(a3("caso", "resolver", "1", "--resolucion", "Listo"))
    assert "Casos abiertos" not in _ok(a3("cliente", "show", "perez")).out


def test_listas_de_vencidos_de_un_cliente_y_por_paginas(a3: A3, alta: Alta, juan: int, monkeypatch) -> None:
    maria = alta("María López", "--telefono", "5512345678")
    _ok(a3("caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "Gotera"))
    _ok(a3("caso", "abrir", "perez", "--tipo", "sugerencia", "--descripcion", "Más árboles"))
    _ok(a3("caso", "abrir", str(maria), "--tipo", "consulta", "--descripcion", "Predial"))
    monkeypatch.setenv("A3_AHORA", "2026-11-26T10:00:00")
    vencidos = _ok(a3("caso", "list", "--vencidos", "--json")).json()
    assert [c["folio"] for c in vencidos["casos"]] == ["C-2026-0001", "C-2026-0003"]
    assert {c["alerta"] for c in vencidos["casos"]} == {"rojo"}
    de_juan = _ok(a3("caso", "list", "--cliente", "perez", "--json")).json()
    assert de_juan["cliente"] == {"id": juan, "nombre": "Juan Pérez"}
    assert [c["folio"] for c in de_juan["casos"]] == ["C-2026-0001", "C-2026-0002"]
    pagina = _ok(a3("caso", "list", "--limite", "1", "--pagina", "2"))
    assert "C-2026-0003" in pagina.out
    assert "2–2 de 3 casos; usa --pagina 3 para ver más." in pagina.out
    texto = _ok(a3("caso", "list", "--vencidos")).out
    assert "● vencido ayer 10:00" in texto
    assert_error(a3("caso", "list", "--vencidos", "--todos"), "Usa solo una de --abiertos, --vencidos y --todos.")


def test_el_plazo_lo_cambia_un_coordinador(a3: A3, juan: int, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _ok(a3("ajuste", "sla", "--json")).json() == {
        "queja": 2, "sugerencia": 10, "garantía": 5, "postventa": 7, "consulta": 2,
    }  # fmt: skip
    res = _ok(a3("ajuste", "sla", "Queja", "3"))
    assert res.out.startswith("Un caso de tipo queja se atiende en 3 días")
    assert "queja        3 días" in _ok(a3("ajuste", "sla")).out
    res = _ok(a3("caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "Gotera"))
    assert "(2026-11-26 10:00)" in res.out
    assert_error(a3("ajuste", "sla", "queja"), "Indica también los días, por ejemplo: a3 ajuste sla queja 3.")
    assert_error(a3("ajuste", "sla", "reclamo", "3"), "El tipo de caso no puede ser «reclamo»")
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis Treviño"))
    monkeypatch.setenv("A3_ASESOR", "luis")
    assert_error(
        a3("ajuste", "sla", "queja", "9"), "Solo un coordinador puede cambiar el plazo de atención de los casos."
    )


@pytest.mark.ambos_motores
def test_otro_asesor_no_ve_los_casos_y_la_coordinadora_reasigna(
    a3: A3, juan: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis Treviño"))
    _ok(a3("caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "Gotera"))
    monkeypatch.setenv("A3_ASESOR", "luis")
    assert_error(a3("caso", "show", "C-2026-0001"), "No existe el caso C-2026-0001.")
    assert_error(a3("caso", "resolver", "C-2026-0001", "--resolucion", "x"), "No existe el caso C-2026-0001.")
    assert _ok(a3("caso", "list", "--todos")).out == "No hay casos.\n"
    assert_error(a3("caso", "asignar", "C-2026-0001", "luis"), "No existe el caso C-2026-0001.")
    monkeypatch.setenv("A3_ASESOR", "ana")  # she created the database: its coordinator
    assert_error(
        a3("caso", "asignar", "C-2026-0001", "luis"),
        "Luis Treviño no atiende a Juan Pérez; transfiere primero el cliente o asigna el caso a su asesor.",
    )
    _ok(a3("cliente", "transferir", "perez", "luis", "--motivo", "Vive en su zona"))
    assert _ok(a3("caso", "asignar", "C-2026-0001", "luis")).out == "Caso C-2026-0001 a cargo de Luis Treviño.\n"
    monkeypatch.setenv("A3_ASESOR", "luis")
    assert _ok(a3("caso", "show", "C-2026-0001", "--json")).json()["asesor"] == "Luis Treviño"
    assert_error(a3("caso", "asignar", "C-2026-0001", "ana"), "Solo un coordinador puede reasignar un caso.")


@pytest.mark.parametrize(
    ("argv", "mensaje"),
    [
        (
            ["caso", "abrir", "perez", "--tipo", "reclamo", "--descripcion", "x"],
            "El tipo de caso no puede ser «reclamo»",
        ),
        (
            ["caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "x", "--prioridad", "urgente"],
            "La prioridad del caso no puede ser «urgente»",
        ),
        (
            ["caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "  "],
            "La descripción del caso no puede estar vacía.",
        ),
        (
            ["caso", "abrir", "nadie", "--tipo", "queja", "--descripcion", "x"],
            "No hay ningún cliente que coincida con «nadie».",
        ),
        (["caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "x", "--propiedad", "NO-1"], "NO-1"),
        (["caso", "show", "gotera"], "«gotera» no es un folio de caso; escríbelo como C-2026-0007."),
        (["caso", "show", "C-2026-0099"], "No existe el caso C-2026-0099."),
        (["caso", "resolver", "1", "--resolucion", ""], "La resolución no puede estar vacía."),
        (["caso", "reabrir", "1", "--motivo", "x"], "solo se reabre un caso resuelto o cerrado."),
    ],
    ids=["tipo", "prioridad", "descripcion", "cliente", "propiedad", "folio", "no-existe", "resolucion", "reabrir"],
)
def test_entrada_invalida_una_frase_y_nada_cambia(a3: A3, juan: int, argv: list[str], mensaje: str) -> None:
    _ok(a3("caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "Gotera"))
    antes = _ok(a3("caso", "list", "--todos", "--json")).out
    assert_error(a3(*argv), mensaje)
    assert _ok(a3("caso", "list", "--todos", "--json")).out == antes


def test_la_ayuda_lista_los_tipos_y_prioridades_del_caso(a3: A3) -> None:
    ayuda = _ok(a3("caso", "abrir", "--help")).out
    assert "queja, sugerencia, garantía, postventa o consulta" in ayuda
    assert "alta, normal o baja" in ayuda
    assert "comprobante-domicilio" not in ayuda  # not the documents' --tipo


def _tab(tmp_path: Path, db: Path, linea: str, **extra: str) -> list[str]:
    """What Tab offers (fish's list, one value a line) after ``linea``, as the real command."""
    env = entorno(
        tmp_path,
        A3_DB=str(db),
        _A3_COMPLETE="complete_fish",
        _TYPER_COMPLETE_ARGS=linea,
        _TYPER_COMPLETE_FISH_ACTION="get-args",
        **extra,
    )
    res = proceso([a3_exe()], env)
    assert (res.code, res.err) == (0, ""), res
    return [valor for valor in res.out.splitlines() if valor]


def test_tab_ofrece_los_folios_de_los_casos_abiertos_que_se_ven(tmp_path: Path, db: Path, a3: A3, juan: int) -> None:
    _ok(a3("caso", "abrir", "perez", "--tipo", "sugerencia", "--descripcion", "Más árboles"))
    _ok(a3("caso", "abrir", "perez", "--tipo", "queja", "--descripcion", "Gotera"))
    _ok(a3("caso", "abrir", "perez", "--tipo", "consulta", "--descripcion", "Predial"))
    _ok(a3("caso", "resolver", "3", "--resolucion", "Se le explicó"))
    _ok(a3("asesor", "add", "luis", "--nombre", "Luis Treviño"))
    # The most urgent first; the resolved one is not offered.
    assert _tab(tmp_path, db, "a3 caso show c-2026-") == ["C-2026-0002", "C-2026-0001"]
    assert _tab(tmp_path, db, "a3 caso resolver C-2026-0001") == ["C-2026-0001"]
    assert _tab(tmp_path, db, "a3 caso nota x") == []
    assert _tab(tmp_path, db, "a3 caso show ", A3_ASESOR="luis") == []
