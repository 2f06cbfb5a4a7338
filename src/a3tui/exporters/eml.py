"""An e-mail draft (.eml) the advisor's mail program opens ready to send."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime


def mensaje(para: str, asunto: str, cuerpo: str, fecha: datetime, *, adjunto: tuple[str, bytes] | None = None) -> bytes:
    """The draft as bytes: recipient, subject, date (a3's clock, local time), a plain UTF-8
    body and an optional PDF.

    ``X-Unsent: 1`` makes Outlook and Thunderbird open it as a message to send, not as one
    received.
    """
    correo = EmailMessage(policy=SMTP)
    correo["To"] = para
    correo["Subject"] = asunto
    correo["Date"] = format_datetime(fecha if fecha.tzinfo else fecha.astimezone())
    correo["X-Unsent"] = "1"
    correo.set_content(cuerpo, charset="utf-8")
    if adjunto is not None:
        nombre, datos = adjunto
        correo.add_attachment(datos, maintype="application", subtype="pdf", filename=nombre)
    return correo.as_bytes()
