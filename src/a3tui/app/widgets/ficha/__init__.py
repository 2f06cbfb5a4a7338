"""The ficha's parts, one widget each (as posting groups its widgets by screen area): the
header (cabecera), the tab bar that builds each tab when first shown (pestanas), and the
tabs — Datos (datos), Notas (notas), Pasos (pasos), the tables (tablas) and the tables of
the sale (venta). Each shows an ``Expediente`` through one method, ``fill``, and does what
its own keys and Enter offer."""

from __future__ import annotations

__all__ = ["cabecera", "datos", "notas", "pasos", "pestanas", "tablas", "venta"]
