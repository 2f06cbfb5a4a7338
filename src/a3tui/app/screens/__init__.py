"""Screens of the a3 app, one per module: the three main screens and the modal forms.

Modal dialogs live here too (they are screens); each form subclasses ``formulario.Formulario``.
"""

from __future__ import annotations

__all__ = [
    "actividad",
    "ayuda",
    "clientes",
    "confirmar",
    "detalle",
    "etapa",
    "ficha",
    "formulario",
    "mis_tareas",
    "nota",
    "nuevo_cliente",
    "primer_uso",
    "tarea",
    "temperatura",
]
