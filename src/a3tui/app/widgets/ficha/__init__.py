"""The ficha's tabs, one widget each (as posting groups its widgets by screen area):
each shows an ``Expediente`` through one method, ``fill``."""

from __future__ import annotations

__all__ = ["datos", "notas", "tablas"]
