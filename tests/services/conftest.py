"""Fixtures for service tests: other advisors acting in the same session as «ana»."""

from __future__ import annotations

import pytest

from a3tui import services
from a3tui.services import Contexto


@pytest.fixture
def ctx_luis(ctx: Contexto) -> Contexto:
    """Another advisor («luis», plaza General) working in the same session and at the same time as «ana»."""
    return services.contexto(ctx.session, "luis", ctx.ahora)


@pytest.fixture
def ctx_coordinadora(ctx: Contexto) -> Contexto:
    """«carla», coordinator of plaza General (she created the database), in the same
    session as «ana»."""
    return services.contexto(ctx.session, "carla", ctx.ahora)
