"""Physical floor: the same insert as the stack floor with only the standard library.

A process that parses ``cliente add NOMBRE --telefono T --db RUTA``, checks the phone
has 10 digits and inserts one row in ``cliente`` with WAL, synchronous=FULL and foreign
keys on: the cost of Python starting, SQLite opening the file, and one durable commit.
"""

import re
import sqlite3
import sys
from datetime import datetime


def main(argv):
    args = argv[2:]  # cliente add
    nombre = args[0]
    telefono = args[args.index("--telefono") + 1]
    db = args[args.index("--db") + 1]
    digitos = re.sub(r"\D", "", telefono)
    if len(digitos) != 10:
        print("teléfono no válido", file=sys.stderr)
        return 1
    ahora = datetime.now().replace(microsecond=0)
    con = sqlite3.connect(db)
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA synchronous = FULL")
    with con:
        cur = con.execute(
            "INSERT INTO cliente (nombre, nombre_orden, primer_contacto, asesor_id, plaza, etapa, creado, actualizado) "
            "VALUES (?, ?, ?, 1, 'General', 'prospecto', ?, ?)",
            (nombre, nombre.lower(), ahora.date().isoformat(), ahora.isoformat(" "), ahora.isoformat(" ")),
        )
    print(cur.lastrowid)
    con.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
