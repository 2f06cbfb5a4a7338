"""a3's optional parts (extras) and the command that installs a missing one here.

Team mode needs PostgreSQL's driver, psycopg, which most advisors (one SQLite file)
never use: it is the extra «equipo» (``a3tui[equipo]``). Opening a ``postgresql://``
database without it is an expected failure whose sentence says how to add it to the
installation that is running (pipx, uv tool or a virtual environment with pip).
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

from a3tui.errors import FaltaExtra


def requerir_equipo() -> None:
    """Check that team mode's driver imports; raise FaltaExtra naming the install command."""
    try:
        import psycopg  # noqa: F401  (its C wrapper may be missing too: that is an ImportError)
    except ImportError:
        raise FaltaExtra(
            "Para abrir una base de datos PostgreSQL (modo equipo) a3 necesita su extra «equipo», "
            f"que no está instalado; instálalo con «{comando_para_instalar('equipo')}»"
        ) from None


def requisitos(extra: str) -> list[str]:
    """What the extra asks for, as the installed a3's metadata says (``psycopg[binary]>=…``)."""
    from importlib.metadata import PackageNotFoundError, requires

    try:
        todos = requires("a3tui") or []
    except PackageNotFoundError:
        todos = []
    propios = []
    for requisito in todos:
        nombre, _, marca = requisito.partition(";")
        if re.search(rf"""extra\s*==\s*["']{re.escape(extra)}["']""", marca):
            # The floor first, as people write it: psycopg[binary]>=3.2.1,<4.
            paquete, partes = re.match(r"([^<>=!~,\s]+)\s*(.*)", nombre.strip()).groups()  # type: ignore[union-attr]
            limites = sorted((p.strip() for p in partes.split(",") if p.strip()), key=lambda p: not p.startswith(">"))
            propios.append(paquete + ",".join(limites))
    return propios or (["psycopg[binary]"] if extra == "equipo" else [])


def comando_para_instalar(extra: str, prefijo: Path | None = None, python: str | None = None) -> str:
    """The command that adds ``extra`` to the a3 installed at ``prefijo`` (this one by default)."""
    prefijo = Path(sys.prefix) if prefijo is None else prefijo
    python = sys.executable if python is None else python
    paquetes = " ".join(shlex.quote(r) for r in requisitos(extra))
    if (prefijo / "pipx_metadata.json").exists():  # pipx's record, wherever PIPX_HOME is
        return f"pipx inject {shlex.quote(prefijo.name)} {paquetes}"
    fuente = _fuente_de_uv_tool(prefijo)
    if fuente is not None:
        return f"uv tool install --force {shlex.quote(f'a3tui[{extra}] @ {fuente}')}"
    if (prefijo / "bin" / "pip").exists() or (prefijo / "Scripts" / "pip.exe").exists():
        return f"{shlex.quote(python)} -m pip install {paquetes}"
    return f"uv pip install --python {shlex.quote(python)} {paquetes}"


def _fuente_de_uv_tool(prefijo: Path) -> str | None:
    """Where `uv tool install` took a3 from (its receipt), as a URL; None if it did not."""
    import tomllib

    try:
        recibo = tomllib.loads((prefijo / "uv-receipt.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for requisito in recibo.get("tool", {}).get("requirements", []):
        if not isinstance(requisito, dict) or requisito.get("name") != "a3tui":
            continue
        if "git" in requisito:
            return f"git+{requisito['git']}"
        for clave in ("directory", "path"):
            if clave in requisito:
                return Path(requisito[clave]).resolve().as_uri()
        if "url" in requisito:
            return str(requisito["url"])
    return None
