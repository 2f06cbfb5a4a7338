"""Files a3 writes for people and other programs (PDF sheets, e-mail drafts, …).

Each module is imported only by the command that needs it: they load libraries (fpdf2,
openpyxl…) that one-off commands must not pay for. They return bytes; where the bytes go
(an owner-only file) is the caller's.
"""

from __future__ import annotations

__all__ = ["eml", "pdf"]
