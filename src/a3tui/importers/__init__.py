"""Files a3 reads from other programs: spreadsheets (CSV and Excel), phone address books
(vCard 2.1, 3.0 and 4.0) and chats exported from WhatsApp (Android and iPhone).

Imported only by the commands that read a file (openpyxl is slow to load). Each reader
returns plain rows; the rules of what a row means live in the services.
"""

from __future__ import annotations

__all__ = ["hoja", "vcard", "whatsapp"]
