"""Bringing contacts in from other programs: `a3 importar clientes|vcard|whatsapp`."""

from __future__ import annotations

from a3tui.cli.typer_es import TyperA3

app = TyperA3(
    help="Importa clientes de una hoja de cálculo, de la agenda del teléfono (vCard) o de un chat de WhatsApp.",
    epilog=(
        "Ejemplos: a3 importar clientes contactos.xlsx --simular · a3 importar vcard agenda.vcf · "
        'a3 importar whatsapp "Chat de WhatsApp con Juan Pérez.txt"'
    ),
    no_args_is_help=True,
)
