"""Widgets of the a3 app, one idea per module."""

from __future__ import annotations

__all__ = ["barra", "formulario", "kpis", "lista_clientes"]
