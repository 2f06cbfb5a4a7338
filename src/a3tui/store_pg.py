"""Team mode: an a3 database on a PostgreSQL server (issue 15).

The only module that knows it is talking to PostgreSQL, as ``store`` is for SQLite: the
URL, the driver (psycopg 3), the schema upgrade under an advisory lock, the write lock
and PostgreSQL's failures in Spanish. The services are the same on both engines.

Guarantees, as on SQLite:
- Opening upgrades the schema in one transaction under an advisory lock, so two first
  opens at once never both migrate; a database of a newer a3 is refused untouched.
- No lock an advisor can take stops the office. Writes take no office-wide lock: a write
  session locks the rows of the clients it touches (``clientes.get``: ``FOR NO KEY
  UPDATE``, which row security limits to clients the advisor may change), so two sessions
  changing one client take turns. Only the duplicate rule — a check of the whole office
  followed by an insert — takes one advisory lock (``candado_de_altas``), so adding a
  client or changing its phones or e-mail can't be raced. The office's role holds UPDATE
  column by column and no DELETE (migrations 0016, 0017: a3 deletes through
  ``a3_borrar``, ``borrar_filas``), so its ``LOCK TABLE`` beyond ROW EXCLUSIVE is refused.
- No wait for a lock is endless (``lock_timeout``): a session that holds one (a colleague
  with ``psql`` and an open transaction) makes others fail after ``ESPERA_CANDADO`` with a
  Spanish sentence, never hang. Opening takes the schema's lock only to upgrade it.
- In team mode the database says who you are: the advisor is the role the connection
  logs in as, the database's owner included (``A3_ASESOR`` counts only for a superuser,
  whom PostgreSQL lets become any role anyway).
- No password is ever printed: messages name the server with ``sin_clave(url)``.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from a3tui.errors import A3Error, BaseDeDatosInvalida, DatoInvalido, SinPermiso

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection, Engine
    from sqlalchemy.orm import Session as OrmSession
    from sqlmodel import Session

PREFIJOS = ("postgresql://", "postgres://", "postgresql+psycopg://")

# Advisory lock keys (any two 64-bit numbers a3 alone uses): the schema upgrade, and the
# lock of the duplicate rule (held by a transaction that adds a client or changes its phones
# or e-mail, until it ends).
CANDADO_ESQUEMA = 0x0A3_0001
CANDADO_ALTAS = 0x0A3_0002

# How long opening waits for an unreachable server before saying so.
ESPERA_CONEXION_S = 10
# How long any statement waits for a lock another session holds before giving up.
ESPERA_CANDADO = "15s"
# The duplicate check asks the office for at most this many phones a call (migration 0011).
TELEFONOS_POR_CONSULTA = 10


RESPALDO = (
    "Una base de datos en PostgreSQL se respalda con las herramientas del servidor: "
    "pg_dump -Fc -f a3.dump BASE para respaldar y pg_restore --clean -d BASE a3.dump para restaurar."
)


def es_url(valor: str | None) -> bool:
    """Whether ``valor`` (``--db`` or ``A3_DB``) names a PostgreSQL database."""
    return bool(valor) and str(valor).strip().lower().startswith(PREFIJOS)


def url_elegida(db: str | None) -> str | None:
    """The PostgreSQL URL chosen by ``--db`` (else ``A3_DB``), or None for SQLite."""
    valor = db if db is not None else (os.environ.get("A3_DB") or None)
    return valor.strip() if valor is not None and es_url(valor) else None


def _texto(url: str) -> str:
    """``url`` with the scheme SQLAlchemy knows (``postgres://`` is libpq's short form)."""
    texto = url.strip()
    if texto.lower().startswith("postgres://"):
        texto = "postgresql://" + texto[len("postgres://") :]
    return texto


def _mostrable(url: URL) -> str:
    return url.set(drivername="postgresql").render_as_string(hide_password=True)


def _url(url: str) -> URL:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        hecho = make_url(_texto(url))
    except (ArgumentError, ValueError):
        raise BaseDeDatosInvalida(
            "La dirección de PostgreSQL no es válida; escríbela como postgresql://USUARIO@SERVIDOR/BASE "
            "o postgresql:///BASE para el servidor de esta máquina."
        ) from None
    if not hecho.database:
        raise BaseDeDatosInvalida(
            f"Falta el nombre de la base de datos en {sin_clave(url)}; por ejemplo: postgresql:///a3."
        )
    return hecho.set(drivername="postgresql+psycopg")


def sin_clave(url: str) -> str:
    """The URL as messages show it: its password (if any) replaced by ***."""
    from sqlalchemy.engine import make_url

    try:
        return _mostrable(make_url(_texto(url)))
    except Exception:
        return "la dirección de PostgreSQL dada"


def _donde(url: URL) -> str:
    servidor = url.host or (url.query.get("host") if url.query else None) or "de esta máquina"
    if isinstance(servidor, tuple):
        servidor = servidor[0]
    return f"«{url.database}» en el servidor {servidor}"


def _sqlstate(exc: BaseException) -> tuple[str | None, BaseException | None]:
    """The driver's error behind ``exc`` (SQLAlchemy wraps it) and its SQLSTATE."""
    visto = 0
    actual: BaseException | None = exc
    while actual is not None and visto < 5:
        if type(actual).__module__.startswith("psycopg"):
            return getattr(actual, "sqlstate", None), actual
        actual = getattr(actual, "orig", None) or actual.__cause__
        visto += 1
    return None, None


def traducir_error(exc: BaseException, url: URL | None = None) -> A3Error | None:
    """One Spanish sentence for a failure of the PostgreSQL server, or None for a bug.

    Decided by the SQLSTATE code; never prints the password (nor the driver's message,
    which may quote the URL)."""
    estado, original = _sqlstate(exc)
    if original is None:
        return None
    if estado is None:
        if type(original).__name__ not in ("OperationalError", "InterfaceError"):
            return None  # the driver refusing what a3 sent (a bug), not the server
        # A connection that failed before a session existed has no SQLSTATE: libpq's
        # message (English, or the server's language) is all there is.
        estado = _estado_de_conexion(str(original))
    donde = f" {_donde(url)}" if url is not None else ""
    if estado in ("28P01", "28000"):
        usuario = url.username if url is not None and url.username else "tu usuario"
        return BaseDeDatosInvalida(
            f"El servidor PostgreSQL no aceptó a {usuario} para la base de datos{donde}; revisa el usuario, "
            "la contraseña (o ~/.pgpass) y que el servidor te permita entrar."
        )
    if estado == "3D000":
        nombre = url.database if url is not None else "pedida"
        return BaseDeDatosInvalida(
            f"No existe la base de datos «{nombre}» en el servidor PostgreSQL; créala con «createdb {nombre}»."
        )
    if estado == "55P03":
        return BaseDeDatosInvalida(
            "Otra sesión del servidor PostgreSQL tiene bloqueados estos datos y la espera se agotó; intenta de "
            "nuevo y, si sigue igual, pide al administrador que revise las sesiones abiertas (pg_stat_activity)."
        )
    if estado in ("40001", "40P01"):
        return BaseDeDatosInvalida(
            "La base de datos está ocupada por otro proceso de a3; intenta de nuevo en unos segundos."
        )
    if estado == "53100":
        return BaseDeDatosInvalida(
            "El servidor PostgreSQL no tiene espacio en disco; no se guardó nada de esta acción."
        )
    if estado == "25006":
        return BaseDeDatosInvalida("La base de datos es de solo lectura; no se puede guardar nada en ella.")
    if estado == "42501":
        # a3's own triggers (migration 0011) say which rule refused, after «a3: ».
        diagnostico = getattr(original, "diag", None)
        primario = str(getattr(diagnostico, "message_primary", None) or "")
        if primario.startswith("a3: "):
            return SinPermiso(f"El servidor PostgreSQL no te permite esa acción: {primario[4:]}.")
        return BaseDeDatosInvalida("El servidor PostgreSQL no te permite esa acción sobre estos datos.")
    if estado in ("22001", "54000"):
        return DatoInvalido("Un dato es demasiado grande para guardarlo.")
    if estado is None or estado.startswith(("08", "57P")):
        # No SQLSTATE: the connection itself failed (refused, unknown host, timeout).
        return BaseDeDatosInvalida(
            f"No se pudo conectar con el servidor PostgreSQL de la base de datos{donde}; revisa que esté "
            "encendido y la dirección de --db o de A3_DB."
        )
    return None


_MOTIVOS_DE_CONEXION = (
    ("28P01", ("authentication failed", "no password supplied", "password", "autentificación", "contraseña")),
    ("28000", ('role "', "pg_hba.conf", "el rol", "no existe el rol")),
    ("3D000", ('database "', "la base de datos")),
)


def _estado_de_conexion(mensaje: str) -> str | None:
    """The SQLSTATE a failed connection stands for, from libpq's message (None: unreachable)."""
    texto = mensaje.lower()
    for estado, pistas in _MOTIVOS_DE_CONEXION:
        if any(pista in texto for pista in pistas):
            return estado
    return None


def abrir(url_texto: str, *, create: bool = True) -> tuple[Engine, str, str | None]:
    """Open (upgrading when needed) the a3 database at ``url_texto`` on a PostgreSQL server:
    its engine, its URL as a3 shows it (no password) and the advisor the server says the
    connection is (``_login_de_asesor``); ``store.open_store`` makes the Store of them."""
    from a3tui.extras import requerir_equipo

    requerir_equipo()  # the driver is the extra «equipo»: without it, say how to install it
    from sqlalchemy import create_engine, event

    url = _url(url_texto)
    engine = create_engine(
        url,
        hide_parameters=True,
        pool_pre_ping=True,
        connect_args={
            "connect_timeout": ESPERA_CONEXION_S,
            "application_name": "a3",
            # PGOPTIONS (libpq's own variable, which an explicit ``options`` would replace)
            # still applies after a3's defaults: a DBA may set a longer or shorter wait.
            "options": f"-c lock_timeout={ESPERA_CANDADO} {os.environ.get('PGOPTIONS', '')}".strip(),
        },
    )
    event.listen(engine, "connect", _zona_horaria)
    try:
        _migrar(engine, url, create=create)
    except A3Error:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        traducido = traducir_error(exc, url)
        if traducido is None:
            raise
        raise traducido from None
    return engine, _mostrable(url), _login_de_asesor(engine)


def _zona_horaria(conexion: Any, _registro: Any) -> None:
    """The session's clock in this machine's offset: the server's ``current_date`` (whose
    suplencias hold today) and the audit's ``fecha`` are the advisor's day and hour."""
    from datetime import datetime

    desfase = datetime.now().astimezone().utcoffset()
    minutos = int(desfase.total_seconds() // 60) if desfase is not None else 0
    signo = "-" if minutos < 0 else "+"
    horas, resto = divmod(abs(minutos), 60)
    cursor = conexion.cursor()
    try:
        cursor.execute(f"SET TIME ZONE INTERVAL '{signo}{horas:02d}:{resto:02d}' HOUR TO MINUTE")
    finally:
        cursor.close()
    conexion.commit()


def _login_de_asesor(engine: Engine) -> str | None:
    """The advisor this connection is: the role it logs in as, whether an advisor's (a
    member of the office's role) or the database's owner; in team mode the database says
    who you are, and ``A3_ASESOR`` can't say otherwise. None only for a superuser, whom
    PostgreSQL lets become any role (``SET ROLE``): it acts as ``A3_ASESOR`` or the OS login."""
    with engine.connect() as conn:
        fila = conn.exec_driver_sql("SELECT current_user, rolsuper FROM pg_roles WHERE rolname = current_user").one()
    usuario, superusuario = fila
    return None if superusuario else str(usuario)


def _equipo(conn: Connection) -> str:
    return str(conn.exec_driver_sql("SELECT a3_rol_equipo()").scalar())


def _identificador(nombre: str) -> str:
    return '"' + nombre.replace('"', '""') + '"'


def _rol(conn: Connection, login: str) -> tuple[bool, bool]:
    """Whether ``login``'s role exists, and whether the current role may create and change roles."""
    existe = conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(login)s", {"login": login}).first()
    puede = conn.exec_driver_sql("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user").scalar()
    return existe is not None, bool(puede)


# The one way an a3 role changes another role, set up by the server's administrator with
# ``a3 db preparar-equipo`` (``preparar_equipo``): a function that runs as ``<base>_cuentas``
# (NOLOGIN, CREATEROLE: nobody logs in as it) and does only this: give an advisor of this
# database a login in the office's role, or take it away and end their sessions. Who asks
# must be the database's owner or an active coordinator of the advisor's plaza (or of a
# plaza without one); the role acted on must be an advisor's and nothing else (no
# attributes, no other memberships, nobody a member of it). So neither the owner nor a
# coordinator needs CREATEROLE, which on PostgreSQL 15 would let them grant themselves
# anything (pg_execute_server_program: programs run as the server's OS account).
CUENTA = """
CREATE OR REPLACE FUNCTION a3_cuenta(quien text, entrar boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, pg_temp AS $$
DECLARE
    equipo text := {equipo};
    dueno oid := (SELECT datdba FROM pg_catalog.pg_database WHERE datname = current_database());
    objetivo record;
    rol record;
BEGIN
    SELECT a.plaza, a.activo INTO objetivo FROM {s}.asesor a WHERE a.login = quien;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'a3: % no es asesor de esta base de datos', quien USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT (pg_catalog.pg_has_role(session_user, dueno, 'MEMBER') OR EXISTS (
        SELECT 1 FROM {s}.asesor c
        WHERE c.login = session_user AND c.activo AND c.rol = 'coordinador'
          AND (c.plaza = objetivo.plaza OR NOT EXISTS (
                SELECT 1 FROM {s}.asesor o WHERE o.plaza = objetivo.plaza AND o.activo AND o.rol = 'coordinador'))))
    THEN
        RAISE EXCEPTION 'a3: solo un coordinador de la plaza da o quita el acceso a sus asesores'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF entrar IS DISTINCT FROM objetivo.activo THEN
        RAISE EXCEPTION 'a3: el acceso sigue al estado del asesor (activo o dado de baja)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT r.* INTO rol FROM pg_catalog.pg_roles r WHERE r.rolname = quien;
    -- Only an advisor's role: no attribute, nobody a member of it, and a member only of
    -- plain group roles (this office's, or another a3 office's on the same server): none
    -- that logs in, has an attribute, belongs to another role or is predefined (pg_*).
    IF FOUND AND (rol.rolsuper OR rol.rolcreaterole OR rol.rolcreatedb OR rol.rolreplication OR rol.rolbypassrls
                  OR rol.oid = dueno OR rol.rolname = current_user
                  OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                             WHERE m.member = rol.oid AND g.rolname <> equipo
                               AND (g.rolcanlogin OR g.rolsuper OR g.rolcreaterole OR g.rolcreatedb
                                    OR g.rolreplication OR g.rolbypassrls OR g.rolname LIKE 'pg\\_%'
                                    OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members gm WHERE gm.member = g.oid)))
                  OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m WHERE m.roleid = rol.oid)) THEN
        RAISE EXCEPTION 'a3: el usuario % de PostgreSQL no es solo de a3; su acceso lo cambia el administrador '
            'del servidor', quien USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF entrar THEN
        IF NOT FOUND THEN
            EXECUTE format('CREATE ROLE %I LOGIN', quien);
        ELSE
            EXECUTE format('ALTER ROLE %I LOGIN', quien);
        END IF;
        EXECUTE format('GRANT %I TO %I', equipo, quien);
    ELSIF FOUND THEN
        EXECUTE format('ALTER ROLE %I NOLOGIN', quien);
        PERFORM pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE usename = quien;
    END IF;
END
$$;
"""


def _hay_cuentas(conn: Connection) -> bool:
    return bool(conn.exec_driver_sql("SELECT to_regprocedure('a3_cuenta(text, boolean)') IS NOT NULL").scalar())


def dar_acceso(session: Session, login: str) -> None:
    """Team mode: ``login`` becomes a PostgreSQL role that logs in and belongs to the office
    (created if missing), through ``a3_cuenta`` where the administrator set it up, else with
    the current role's CREATEROLE. Refused, in Spanish, when neither is there."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return
    if _hay_cuentas(conn):
        conn.exec_driver_sql("SELECT a3_cuenta(%(login)s, true)", {"login": login})
        return
    existe, puede = _rol(conn, login)
    if not puede:
        raise SinPermiso(
            "Para dar acceso a un asesor en el modo equipo, el administrador del servidor debe preparar la base "
            "una vez con «a3 db preparar-equipo» (como superusuario de PostgreSQL)."
        )
    if not existe:
        conn.exec_driver_sql(f"CREATE ROLE {_identificador(login)} LOGIN")
    else:
        conn.exec_driver_sql(f"ALTER ROLE {_identificador(login)} LOGIN")
    conn.exec_driver_sql(f"GRANT {_identificador(_equipo(conn))} TO {_identificador(login)}")


def quitar_acceso(session: Session, login: str) -> str | None:
    """Team mode: the role of an advisor given de baja can no longer log in, and its open
    sessions end. Returns a Spanish sentence when the database could not do it (the
    advisor, inactive, sees and changes nothing in any case): who can finish the job."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return None
    if _hay_cuentas(conn):
        conn.exec_driver_sql("SELECT a3_cuenta(%(login)s, false)", {"login": login})
        return None
    existe, puede = _rol(conn, login)
    if not existe:
        return None
    if puede:
        conn.exec_driver_sql(f"ALTER ROLE {_identificador(login)} NOLOGIN")
        return None
    return (
        f"{login} ya no ve ni cambia nada en a3, pero su usuario de PostgreSQL todavía puede entrar al servidor; "
        f"pide al administrador que corra «ALTER ROLE {login} NOLOGIN», o que prepare la base una vez con "
        "«a3 db preparar-equipo» para que a3 lo haga."
    )


def preparar_equipo(url_texto: str, dueno: str) -> list[str]:
    """Set up a database for team mode as the server's administrator (a superuser): the
    office's role, the accounts role and ``a3_cuenta``, and ``dueno`` as the database's
    owner. Returns what was done, one Spanish line each. Run again, it changes nothing."""
    from sqlalchemy import create_engine

    url = _url(url_texto)
    engine = create_engine(url, connect_args={"connect_timeout": ESPERA_CONEXION_S, "application_name": "a3"})
    hecho: list[str] = []
    try:
        with engine.connect() as conn, conn.begin():
            base, superusuario, esquema = conn.exec_driver_sql(
                "SELECT current_database(), rolsuper, current_schema() FROM pg_roles WHERE rolname = current_user"
            ).one()
            if not superusuario:
                raise SinPermiso(
                    "«a3 db preparar-equipo» lo corre el administrador del servidor, como superusuario de "
                    "PostgreSQL (por ejemplo: sudo -u postgres a3 --db postgresql:///BASE db preparar-equipo DUEÑA)."
                )
            # The office's role: the one the schema's grants name, once a3 made them (a copy
            # of another database keeps its role), else the one migration 0009 will make.
            equipo = conn.exec_driver_sql(
                "SELECT CASE WHEN to_regprocedure('a3_rol_equipo()') IS NULL THEN current_database() || '_equipo' END"
            ).scalar() or str(conn.exec_driver_sql("SELECT a3_rol_equipo()").scalar())
            cuentas = f"{base}_cuentas"
            existentes = {
                fila[0]: fila[1:]
                for fila in conn.exec_driver_sql(
                    "SELECT rolname, rolcreaterole, rolsuper FROM pg_roles WHERE rolname IN (%(a)s, %(b)s, %(c)s)",
                    {"a": equipo, "b": cuentas, "c": dueno},
                )
            }
            if dueno not in existentes:
                conn.exec_driver_sql(f"CREATE ROLE {_identificador(dueno)} LOGIN")
                hecho.append(f"Se creó el usuario {dueno} de PostgreSQL (sin CREATEROLE).")
            elif existentes[dueno][0] or existentes[dueno][1]:
                hecho.append(
                    f"Aviso: {dueno} tiene CREATEROLE o es superusuario; a3 no lo necesita y en PostgreSQL 15 le "
                    f"permite darse cualquier privilegio: ALTER ROLE {dueno} NOCREATEROLE."
                )
            if equipo not in existentes:
                conn.exec_driver_sql(f"CREATE ROLE {_identificador(equipo)} NOLOGIN")
                hecho.append(f"Se creó el rol {equipo}, al que pertenece cada asesor.")
            if cuentas not in existentes:
                conn.exec_driver_sql(f"CREATE ROLE {_identificador(cuentas)} NOLOGIN CREATEROLE")
                hecho.append(f"Se creó el rol {cuentas}, que solo da y quita el acceso a los asesores.")
            conn.exec_driver_sql(f"GRANT {_identificador(equipo)} TO {_identificador(cuentas)} WITH ADMIN OPTION")
            conn.exec_driver_sql(f"GRANT pg_signal_backend TO {_identificador(cuentas)}")
            conn.exec_driver_sql(f"ALTER DATABASE {_identificador(base)} OWNER TO {_identificador(dueno)}")
            funcion = CUENTA.format(s=_identificador(esquema), equipo="'" + equipo.replace("'", "''") + "'")
            conn.exec_driver_sql(funcion.replace("%", "%%"))  # the driver's placeholders: % is %%
            conn.exec_driver_sql(f"ALTER FUNCTION a3_cuenta(text, boolean) OWNER TO {_identificador(cuentas)}")
            conn.exec_driver_sql("REVOKE ALL ON FUNCTION a3_cuenta(text, boolean) FROM PUBLIC")
            quienes = f"{_identificador(equipo)}, {_identificador(dueno)}"
            conn.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION a3_cuenta(text, boolean) TO {quienes}")
            hecho.append(
                f"La base «{base}» es de {dueno}; {dueno} la abre primero con a3 y da de alta a su equipo con "
                "«a3 asesor add» (a3 crea y quita los usuarios de PostgreSQL de los asesores)."
            )
    except A3Error:
        raise
    except Exception as exc:
        traducido = traducir_error(exc, url)
        if traducido is None:
            raise
        raise traducido from None
    finally:
        engine.dispose()
    return hecho


_ESTADO = """
SELECT r.rolsuper OR pg_has_role(current_user, d.datdba, 'MEMBER'), pg_get_userbyid(d.datdba),
       to_regclass(quote_ident(current_schema()) || '.alembic_version') IS NOT NULL,
       EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
               WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v')
                 AND c.relname <> 'alembic_version')
FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()
"""


def _migrar(engine: Engine, url: URL, *, create: bool) -> None:
    """Bring the schema to this a3's in one transaction, under the schema's advisory lock
    (taken only when there is something to upgrade: any advisor may hold that lock)."""
    from a3tui.esquema import REVISIONS, SCHEMA_HEAD, actualizar

    with engine.connect() as conn, conn.begin():
        confiable, dueno, versionada, con_tablas = conn.exec_driver_sql(_ESTADO).one()
        revision = _revision(conn, url, versionada, confiable)
        if revision == SCHEMA_HEAD:
            return
        if revision is not None and revision not in REVISIONS:
            raise BaseDeDatosInvalida(
                f"La base de datos {_donde(url)} es de una versión más nueva de a3 (esquema {revision}); "
                "actualiza a3 para abrirla."
            )
        if revision is None and con_tablas:
            raise BaseDeDatosInvalida(
                f"La base de datos {_donde(url)} tiene tablas que no son de a3; usa una base de datos vacía "
                "(createdb a3) o la de tu oficina."
            )
        if not confiable:
            # Only the owner creates and upgrades the schema: say so, and who that is.
            if revision is None:
                raise BaseDeDatosInvalida(
                    f"La base de datos {_donde(url)} todavía no tiene datos de a3; su dueño ({dueno}) debe "
                    "abrirla primero con a3 y darte acceso (a3 asesor add)."
                )
            raise BaseDeDatosInvalida(
                f"La base de datos {_donde(url)} es de una versión anterior de a3 (esquema {revision}); su dueño "
                f"({dueno}) debe abrirla una vez con esta versión de a3 para actualizarla."
            )
        if revision is None and not create:
            raise BaseDeDatosInvalida(
                f"La base de datos {_donde(url)} todavía no tiene datos de a3; registra tu primer cliente con "
                "a3 cliente add."
            )
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CANDADO_ESQUEMA})")
        revision = _revision(conn, url, versionada, confiable)  # another process may have upgraded it
        if revision != SCHEMA_HEAD:
            actualizar(conn, "head")
            # The office's grants, column by column, for whatever the upgrade added (0016).
            conn.exec_driver_sql("SELECT a3_conceder_al_equipo()")
            conn.exec_driver_sql("ANALYZE")


def _revision(conn: Connection, url: URL, versionada: bool, confiable: bool) -> str | None:
    """The schema's revision, or None for a database without a3's tables."""
    from sqlalchemy.exc import ProgrammingError

    if not versionada:
        return None
    try:
        with conn.begin_nested():
            valor = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    except ProgrammingError as exc:
        if confiable or _sqlstate(exc)[0] != "42501":
            raise
        usuario = url.username or "tu usuario"
        raise SinPermiso(
            f"La base de datos {_donde(url)} es de a3, pero {usuario} no es asesor de ella; un coordinador "
            f"de esa oficina puede darte acceso con: a3 asesor add {usuario}."
        ) from None
    return None if valor is None else str(valor)


def candado_de_altas(session: Session) -> None:
    """Team mode: hold the duplicate rule's lock until this transaction ends, so no other
    session adds the same phone or e-mail between this one's check and its insert (SQLite's
    write transactions are already one at a time). Nothing on SQLite."""
    transaccion = session.get_transaction()
    if transaccion is not None and session.info.get(_CON_CANDADO) is transaccion:
        return  # an import checks every row: one lock (and one round trip) a transaction
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({CANDADO_ALTAS})")
        session.info[_CON_CANDADO] = session.get_transaction()


_CON_CANDADO = "a3_candado_de_altas"


# The tables a3 deletes rows from, by the column the ids given name (a3_borrar, 0017).
BORRABLES = {
    "nota": "id",
    "tarea": "id",
    "documento": "id",
    "suplencia": "id",
    "documento_archivo": "documento_id",
    "telefono": "cliente_id",
    "cliente_termino": "cliente_id",
    "propiedad_termino": "propiedad_id",
}


def borrar_filas(session: OrmSession, modelo: Any, ids: list[int]) -> None:
    """Delete the rows of ``modelo``'s table that ``ids`` name (by ``BORRABLES``' column).

    Team mode: through ``a3_borrar`` (migration 0017), which deletes only what the advisor
    may delete; the office's role has no DELETE privilege of its own, which would let an
    advisor lock the table (``LOCK TABLE``) and stop the office. SQLite: a plain DELETE.
    What the session still has to write goes first (the ORM doesn't see this statement)."""
    from sqlalchemy import delete

    tabla = modelo.__tablename__
    columna = BORRABLES[tabla]
    session.flush()
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SELECT a3_borrar(%(tabla)s, %(ids)s)", {"tabla": tabla, "ids": list(ids)})
    else:
        session.execute(delete(modelo).where(getattr(modelo, columna).in_(ids)))


def duplicado_en_la_oficina(
    session: Session, numeros: list[str], email: str | None, excluir: int | None
) -> tuple[int, int, bool] | None:
    """Team mode: the first live client of the whole office with one of these phones or
    this e-mail, even one the current advisor may not read (its id, its advisor's id and
    whether the e-mail matched); None on SQLite, where the services' own query sees all."""
    conn = session.connection()
    if conn.dialect.name != "postgresql":
        return None
    lotes = [numeros[i : i + TELEFONOS_POR_CONSULTA] for i in range(0, len(numeros), TELEFONOS_POR_CONSULTA)]
    for lote in lotes or [[]]:
        fila = conn.exec_driver_sql(
            "SELECT cliente_id, asesor_id, por_correo FROM a3_duplicado(%(numeros)s, %(correo)s, %(excluir)s)",
            {"numeros": list(lote), "correo": email, "excluir": excluir},
        ).first()
        if fila is not None:
            return int(fila[0]), int(fila[1]), bool(fila[2])
    return None


class Vigia:
    """A connection of its own that listens on ``a3_cambios``: whether another connection
    (a colleague, another terminal) committed a change since the last question. The
    PostgreSQL counterpart of asking SQLite's ``data_version``."""

    def __init__(self, engine: Engine) -> None:
        import psycopg

        url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._conexion: psycopg.Connection[Any] | None = psycopg.connect(
            url, autocommit=True, connect_timeout=ESPERA_CONEXION_S, application_name="a3-vigia"
        )
        self._conexion.execute("LISTEN a3_cambios")

    def hubo_cambios(self) -> bool:
        """True when at least one change was notified since the last call (never blocks)."""
        import psycopg

        if self._conexion is None:
            return False
        try:
            return any(True for _ in self._conexion.notifies(timeout=0))
        except psycopg.Error:
            self.cerrar()  # the server went away: no more live updates, the app still works
            return False

    def cambio_propio(self) -> None:
        self.hubo_cambios()  # drains the notices: ours, if already here

    def cerrar(self) -> None:
        if self._conexion is not None:
            self._conexion.close()
            self._conexion = None


__all__ = ["Vigia", "abrir", "es_url", "preparar_equipo", "sin_clave", "traducir_error", "url_elegida"]
