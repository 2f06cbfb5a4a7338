"""Widgets of the a3 app, one idea per module."""

from __future__ import annotations

__all__ = ["formulario", "kpis", "lista_clientes"]
