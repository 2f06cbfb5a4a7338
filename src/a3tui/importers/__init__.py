"""Files a3 reads from other programs: spreadsheets (CSV and Excel) for now.

Imported only by the commands that read a file (openpyxl is slow to load). Each reader
returns plain rows; the rules of what a row means live in the services.
"""

from __future__ import annotations

__all__ = ["hoja"]
