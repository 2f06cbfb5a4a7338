"""Notes: free observations about a client."""

from __future__ import annotations

from datetime import timedelta

import pytest

from a3tui import services
from a3tui.errors import DatoInvalido
from a3tui.services import clientes, notas


@pytest.fixture
def ana(ctx):
    return clientes.add(ctx, "Ana García")


@pytest.mark.ambos_motores
def test_nota_se_guarda_recortada(ctx, ana):
    nota = notas.add(ctx, ana, "  Solo puede pagar $10,000 de enganche \n")
    assert nota.texto == "Solo puede pagar $10,000 de enganche"
    assert nota.cliente_id == ana.id
    assert nota.asesor_id == ctx.asesor.id
    assert nota.creado == ctx.ahora


def test_nota_conserva_saltos_de_linea_internos(ctx, ana):
    assert notas.add(ctx, ana, "Prefiere:\n- 2 plantas\n- cochera").texto == "Prefiere:\n- 2 plantas\n- cochera"


def test_nota_vacia_es_invalida(ctx, ana):
    with pytest.raises(DatoInvalido, match="vacía"):
        notas.add(ctx, ana, "  \n ")


def test_nota_de_mas_de_5000_caracteres_es_invalida(ctx, ana):
    with pytest.raises(DatoInvalido, match="máximo de 5,000 caracteres"):
        notas.add(ctx, ana, "x" * 5001)


def test_nota_de_5000_caracteres_se_acepta(ctx, ana):
    assert len(notas.add(ctx, ana, "x" * 5000).texto) == 5000


def test_notas_de_la_mas_reciente_a_la_mas_antigua(ctx, ana):
    notas.add(ctx, ana, "primera")
    despues = services.contexto(ctx.session, "ana", ctx.ahora + timedelta(days=1))
    notas.add(despues, ana, "segunda")
    notas.add(despues, ana, "tercera")
    assert [n.texto for n in notas.list_(ctx, ana)] == ["tercera", "segunda", "primera"]


def test_notas_son_de_cada_cliente(ctx, ana):
    beto = clientes.add(ctx, "Beto Ruiz")
    notas.add(ctx, ana, "de Ana")
    notas.add(ctx, beto, "de Beto")
    assert [n.texto for n in notas.list_(ctx, ana)] == ["de Ana"]


def test_nota_no_cuenta_como_contacto(ctx, ana):
    antes = ana.proximo_contacto
    notas.add(ctx, ana, "Prefiere casas de 2 plantas")
    assert ana.ultima_actividad is None
    assert ana.proximo_contacto == antes


def test_nota_vacia_al_agregar_cliente_no_se_guarda(ctx):
    beto = clientes.add(ctx, "Beto Ruiz", nota="   ")
    assert notas.list_(ctx, beto) == []
