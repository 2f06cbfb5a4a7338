"""Fixtures for service tests: other advisors acting in the same session as «ana»."""

from __future__ import annotations

import pytest

from a3tui import services
from a3tui.services import Contexto, asesores


@pytest.fixture
def ctx_luis(ctx: Contexto) -> Contexto:
    """Another advisor («luis», plaza General) working in the same session and at the same time as «ana»."""
    return services.contexto(ctx.session, "luis", ctx.ahora)


@pytest.fixture
def ctx_coordinadora(ctx: Contexto) -> Contexto:
    """«carla», coordinator of plaza General, in the same session as «ana»."""
    carla = asesores.actual(ctx.session, "carla", ctx.ahora)
    asesores.update(ctx.session, carla, rol="coordinador")
    return services.contexto(ctx.session, "carla", ctx.ahora)
