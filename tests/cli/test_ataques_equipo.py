"""Team mode attacked (issue 24): an ordinary advisor and a coordinator of another plaza,
each connected as their own PostgreSQL role with a plain driver connection (what `psql`
gives them) or through `a3`, try to read, write, become someone else, forge the audit and
block the office. Each attack must fail and leave the data as it was.

The office: plaza General (carla coordinates; ana, luis), plaza Monterrey (marta
coordinates; pepe); ana covers carla today (a suplencia); each advisor has a client with a
note and a task. The database's owner is the test server's superuser: none of these roles
is trusted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import psycopg
import pytest

from a3tui import services
from a3tui import store_pg as store_pg_module
from a3tui.services import ajustes, asesores, clientes, notas, propiedades, tareas
from a3tui.store import Store
from apoyo.pg import BasePG, ServidorPG, borrar_base, crear_base
from apoyo.proceso import a3_exe, entorno, proceso

ROLES = ("carla", "ana", "luis", "marta", "pepe")


def _como(servidor: ServidorPG, store: Store, login: str) -> psycopg.Connection[Any]:
    base = store.engine.url.database
    assert base is not None
    return psycopg.connect(servidor.url(base, usuario=login), autocommit=True)


def _volcado(servidor: ServidorPG, store: Store) -> dict[str, list[Any]]:
    """Every row of the tables an attack aims at, read by the superuser."""
    with _como(servidor, store, "a3prueba") as admin:
        return {
            tabla: admin.execute(f"SELECT * FROM {tabla} ORDER BY 1").fetchall()
            for tabla in (
                "asesor",
                "suplencia",
                "ajuste",
                "propiedad",
                "cliente",
                "nota",
                "tarea",
                "transferencia",
                "auditoria",
            )
        }


@pytest.fixture
def oficina(store_pg: Store) -> dict[str, int]:
    ids: dict[str, int] = {}
    with store_pg.session() as session:
        carla = services.contexto(session, "carla")
        asesores.add(carla, "pepe", nombre="Pepe Salas", plaza="Monterrey")
        asesores.add(carla, "marta", nombre="Marta Garza", plaza="Monterrey", rol="coordinador")
        store_pg_module.dar_acceso(session, "carla")
        ajustes.guardar_cadencia(carla, "apartado", 3)
        propiedades.add(carla, "A-101", desarrollo="Cumbres")
        hoy = date.today()
        asesores.add_suplencia(
            carla,
            asesores.get(session, "carla"),
            asesores.get(session, "ana"),
            hoy - timedelta(days=1),
            hoy + timedelta(days=3),
        )
        for login, nombre, telefono in (
            ("ana", "Juan Pérez", "8123456789"),
            ("luis", "María López", "8187654321"),
            ("pepe", "Rosa Díaz", "8111112222"),
        ):
            ctx = services.contexto(session, login)
            cliente = clientes.add(ctx, nombre, telefonos=[telefono], email=f"{login}@ejemplo.mx")
            notas.add(ctx, cliente, f"Nota privada de {login}")
            tareas.add(ctx, f"Llamar a {nombre}", hoy + timedelta(days=2), cliente=cliente)
            ids[login] = cliente.id  # type: ignore[assignment]
    return ids


@pytest.fixture
def intacta(servidor_pg: ServidorPG, store_pg: Store, oficina: dict[str, int]) -> Iterator[None]:
    """The attack must leave every row as it found it."""
    antes = _volcado(servidor_pg, store_pg)
    yield
    assert _volcado(servidor_pg, store_pg) == antes


def _negado(con: psycopg.Connection[Any], sql: str, *params: Any) -> None:
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        con.execute(sql, params or None)


# ---------------------------------------------------------------- 1. search-path hijack


@pytest.mark.parametrize("tabla", ["asesor", "suplencia", "cliente", "transferencia"])
def test_una_tabla_temporal_no_suplanta_a_la_real(servidor_pg, store_pg, oficina, intacta, tabla) -> None:
    with _como(servidor_pg, store_pg, "luis") as luis:
        try:
            luis.execute(f"CREATE TEMP TABLE {tabla} AS SELECT * FROM public.{tabla}")
        except psycopg.errors.InsufficientPrivilege:
            return  # not even a temporary table: nothing to hijack with
        luis.execute(f"UPDATE {tabla} SET login = current_user, activo = true" if tabla == "asesor" else "SELECT 1")
        if tabla == "suplencia":
            luis.execute(
                "INSERT INTO suplencia (titular_id, suplente_id, desde, hasta, creada_por_id, creada) "
                "SELECT a.id, (SELECT id FROM public.asesor WHERE login = 'luis'), current_date - 1, current_date + 1, "
                "a.id, now() FROM public.asesor a"
            )
        assert luis.execute("SELECT nombre FROM public.cliente").fetchall() == [("María López",)]
        assert luis.execute("SELECT texto FROM public.nota").fetchall() == [("Nota privada de luis",)]
        assert luis.execute("UPDATE public.cliente SET nombre = 'X' WHERE id <> %s", [oficina["luis"]]).rowcount == 0
        _negado(luis, "DELETE FROM public.nota WHERE cliente_id <> %s", oficina["luis"])
        # a3_borrar reads the real tables (its search_path is fixed): the others' notes stay.
        otras = [oficina[quien] for quien in ("ana", "pepe")]
        assert luis.execute(
            "SELECT a3_borrar('nota', array(SELECT i FROM generate_series(1, 1000) i "
            "WHERE i NOT IN (SELECT id FROM public.nota))), "
            "a3_borrar('cliente_termino', %s), a3_borrar('telefono', %s)",
            [otras, otras],
        ).fetchone() == (0, 0, 0)


@pytest.mark.parametrize(
    ("tabla", "suyo"),
    [
        ("cliente", "nombre = 'Rosa Díaz'"),
        ("nota", "texto = 'Nota privada de pepe'"),
        ("tarea", "descripcion = 'Llamar a Rosa Díaz'"),
        ("telefono", "numero = '8111112222'"),
        ("cliente_termino", "cliente_id = (SELECT id FROM cliente WHERE nombre = 'Rosa Díaz')"),
    ],
)
def test_la_coordinadora_de_otra_plaza_solo_ve_la_suya(servidor_pg, store_pg, oficina, intacta, tabla, suyo) -> None:
    with _como(servidor_pg, store_pg, "marta") as marta:
        total = marta.execute(f"SELECT count(*) FROM {tabla}").fetchone()[0]
        propios = marta.execute(f"SELECT count(*) FROM {tabla} WHERE {suyo}").fetchone()[0]
        assert total == propios > 0
        # Refused outright where a3 never deletes (migration 0016); elsewhere row security
        # leaves nothing to delete.
        try:
            borradas = marta.execute(f"DELETE FROM {tabla} WHERE NOT ({suyo})").rowcount
        except psycopg.errors.InsufficientPrivilege:
            borradas = 0
        assert borradas == 0


# ---------------------------------------------------------------- 2. who you are


@pytest.mark.parametrize(
    "sentencia",
    [
        "UPDATE asesor SET rol = 'coordinador' WHERE login = current_user",
        "UPDATE asesor SET plaza = 'Monterrey' WHERE login = current_user",
        "UPDATE asesor SET login = 'luis2' WHERE login = 'ana'",
        "UPDATE asesor SET login = current_user || 'x' WHERE login = current_user",
        "UPDATE asesor SET activo = false WHERE login = 'ana'",
        "UPDATE asesor SET rol = 'asesor' WHERE login = 'carla'",
        "UPDATE asesor SET nombre = 'Ana X' WHERE login = 'ana'",
        "DELETE FROM asesor WHERE login = 'ana'",
        "INSERT INTO asesor (nombre, login, rol, plaza, activo, creado) "
        "VALUES ('Otro', 'otro', 'coordinador', 'General', true, now())",
        "INSERT INTO suplencia (titular_id, suplente_id, desde, hasta, creada_por_id, creada) "
        "SELECT id, (SELECT id FROM asesor WHERE login = current_user), current_date, current_date + 365, id, now() "
        "FROM asesor WHERE login <> current_user",
        "UPDATE suplencia SET suplente_id = (SELECT id FROM asesor WHERE login = current_user)",
        "DELETE FROM suplencia",
        "INSERT INTO ajuste (clave, valor) VALUES ('cadencia.prospecto/caliente', '365')",
        "UPDATE ajuste SET valor = '1'",
        "DELETE FROM ajuste",
        "DELETE FROM propiedad",
    ],
)
def test_un_asesor_no_se_hace_otro_ni_cambia_a_la_oficina(servidor_pg, store_pg, oficina, intacta, sentencia) -> None:
    with _como(servidor_pg, store_pg, "luis") as luis:
        try:
            resultado = luis.execute(sentencia)
        except psycopg.errors.InsufficientPrivilege:
            return
        assert resultado.rowcount == 0, sentencia  # nothing it could touch


@pytest.mark.parametrize(
    "sentencia",
    [
        "UPDATE asesor SET rol = 'coordinador' WHERE login = 'ana'",
        "UPDATE asesor SET plaza = 'Monterrey' WHERE login = 'ana'",
        "UPDATE asesor SET activo = false WHERE login = 'luis'",
        "UPDATE asesor SET plaza = 'General' WHERE login = current_user",
        "INSERT INTO asesor (nombre, login, rol, plaza, activo, creado) "
        "VALUES ('Otro', 'otro', 'asesor', 'General', true, now())",
        "INSERT INTO suplencia (titular_id, suplente_id, desde, hasta, creada_por_id, creada) "
        "SELECT a.id, yo.id, current_date, current_date + 30, yo.id, now() "
        "FROM asesor a, asesor yo WHERE a.login = 'ana' AND yo.login = current_user",
        "DELETE FROM suplencia",
    ],
)
def test_una_coordinadora_no_toca_otra_plaza(servidor_pg, store_pg, oficina, intacta, sentencia) -> None:
    with _como(servidor_pg, store_pg, "marta") as marta:
        try:
            resultado = marta.execute(sentencia)
        except psycopg.errors.InsufficientPrivilege:
            return
        assert resultado.rowcount == 0, sentencia


def test_un_asesor_cambia_su_nombre_y_la_base_lo_audita(servidor_pg, store_pg, oficina) -> None:
    with _como(servidor_pg, store_pg, "luis") as luis:
        assert luis.execute("UPDATE asesor SET nombre = 'Luis T.' WHERE login = current_user").rowcount == 1
    with _como(servidor_pg, store_pg, "a3prueba") as admin:
        fila = admin.execute(
            "SELECT a.login, x.accion, x.detalle FROM auditoria x JOIN asesor a ON a.id = x.asesor_id "
            "WHERE x.entidad = 'asesor' ORDER BY x.id DESC LIMIT 1"
        ).fetchone()
    assert fila is not None
    assert fila[:2] == ("luis", "cambio")
    assert '"nombre": ["luis", "Luis T."]' in fila[2]


def test_la_coordinadora_cambia_a_su_gente_y_queda_auditado(servidor_pg, store_pg, oficina) -> None:
    with _como(servidor_pg, store_pg, "carla") as carla:
        assert carla.execute("UPDATE asesor SET rol = 'coordinador' WHERE login = 'ana'").rowcount == 1
    with _como(servidor_pg, store_pg, "a3prueba") as admin:
        quien, detalle = admin.execute(
            "SELECT a.login, x.detalle FROM auditoria x JOIN asesor a ON a.id = x.asesor_id "
            "WHERE x.entidad = 'asesor' ORDER BY x.id DESC LIMIT 1"
        ).fetchone()
    assert quien == "carla"
    assert '"rol": ["asesor", "coordinador"]' in detalle


# ---------------------------------------------------------------- 3. the audit


def test_la_auditoria_no_se_falsifica(servidor_pg, store_pg, oficina) -> None:
    with _como(servidor_pg, store_pg, "luis") as luis:
        luis.execute(
            "INSERT INTO auditoria (fecha, asesor_id, accion, entidad, entidad_id, detalle) "
            "SELECT now() - interval '30 days', id, 'cambio', 'asesor', id, 'falso' FROM asesor WHERE login = 'ana'"
        )
        _negado(  # nor about a client he can't see
            luis,
            "INSERT INTO auditoria (fecha, asesor_id, accion, entidad, entidad_id, cliente_id, detalle) "
            "VALUES (now(), NULL, 'cambio', 'cliente', %s, %s, 'falso')",
            oficina["ana"],
            oficina["ana"],
        )
    with _como(servidor_pg, store_pg, "a3prueba") as admin:
        quien, cuando = admin.execute(
            "SELECT a.login, x.fecha FROM auditoria x JOIN asesor a ON a.id = x.asesor_id WHERE x.detalle = 'falso'"
        ).fetchone()
        ahora = admin.execute("SELECT localtimestamp").fetchone()[0]
    assert quien == "luis"
    assert abs(cuando - ahora) < timedelta(hours=14)  # the server's clock (any offset), not 30 days ago


def test_la_auditoria_de_otra_plaza_no_se_lee(servidor_pg, store_pg, oficina) -> None:
    with _como(servidor_pg, store_pg, "carla") as carla:  # something of General's office records
        carla.execute("UPDATE asesor SET nombre = 'Ana Ruiz' WHERE login = 'ana'")
    with _como(servidor_pg, store_pg, "marta") as marta:
        filas = marta.execute("SELECT detalle FROM auditoria").fetchall()
    texto = " ".join(str(f[0]) for f in filas)
    for ajeno in ("Juan Pérez", "María López", "Nota privada de ana", "ana@ejemplo.mx", "Ana Ruiz"):
        assert ajeno not in texto
    assert "Rosa Díaz" in texto  # her own plaza's


# ---------------------------------------------------------------- 4. transfers


def test_no_se_pide_la_transferencia_de_un_cliente_ajeno(servidor_pg, store_pg, oficina, intacta) -> None:
    with _como(servidor_pg, store_pg, "luis") as luis:
        for cliente, de in ((oficina["ana"], "ana"), (oficina["pepe"], "pepe")):
            _negado(
                luis,
                "INSERT INTO transferencia (cliente_id, de_asesor_id, a_asesor_id, motivo, estado, "
                "solicitada_por_id, solicitada_en) SELECT %s, d.id, yo.id, 'mío', 'solicitada', yo.id, now() "
                "FROM asesor d, asesor yo WHERE d.login = %s AND yo.login = current_user",
                cliente,
                de,
            )
        _negado(  # nor in someone else's name
            luis,
            "INSERT INTO transferencia (cliente_id, de_asesor_id, a_asesor_id, motivo, estado, "
            "solicitada_por_id, solicitada_en) SELECT %s, yo.id, a.id, 'x', 'solicitada', a.id, now() "
            "FROM asesor a, asesor yo WHERE a.login = 'ana' AND yo.login = current_user",
            oficina["luis"],
        )


def test_un_asesor_no_aprueba_su_propia_transferencia(tmp_path, servidor_pg, store_pg, oficina) -> None:
    base = store_pg.engine.url.database
    pedida = proceso(
        [a3_exe(), "--db", servidor_pg.url(base, "luis"), "cliente", "transferir", str(oficina["luis"]), "pepe",
         "--motivo", "Se mudó"],
        entorno(tmp_path),
    )  # fmt: skip
    assert pedida.code == 0, pedida.err
    antes = _volcado(servidor_pg, store_pg)
    with _como(servidor_pg, store_pg, "luis") as luis:
        _negado(luis, "UPDATE transferencia SET estado = 'aprobada', resuelta_por_id = solicitada_por_id")
        _negado(luis, "UPDATE transferencia SET a_asesor_id = solicitada_por_id")
    with _como(servidor_pg, store_pg, "carla") as carla:  # the plaza that gives him away can't approve
        _negado(carla, "UPDATE transferencia SET estado = 'aprobada'")
    assert _volcado(servidor_pg, store_pg) == antes


# ---------------------------------------------------------------- 5. through a3, another plaza


@pytest.mark.parametrize(
    "argv",
    [
        ("suplencia", "add", "ana", "luis", "--hasta", "2026-12-31"),
        ("asesor", "edit", "ana", "--rol", "coordinador"),
        ("asesor", "edit", "ana", "--plaza", "Monterrey"),
        ("asesor", "baja", "luis"),
        ("asesor", "add", "intruso", "--nombre", "Intruso", "--plaza", "General"),
    ],
)
def test_con_a3_una_coordinadora_no_toca_otra_plaza(tmp_path, servidor_pg, store_pg, oficina, intacta, argv) -> None:
    base = store_pg.engine.url.database
    res = proceso([a3_exe(), "--db", servidor_pg.url(base, "marta"), *argv], entorno(tmp_path))
    assert res.code == 1, res.out
    assert "solo puedes" in res.err


# ---------------------------------------------------------------- 7. locks


def test_quien_retiene_un_candado_no_congela_la_oficina(tmp_path, servidor_pg, store_pg, oficina) -> None:
    """Luis holds a3's advisory locks (the duplicate rule's and the schema's) and his own
    client's row in an open session: Ana still reads and writes at once; only adding a
    client (the duplicate rule) waits for Luis, and gives up with a sentence."""
    base = store_pg.engine.url.database
    env = entorno(tmp_path, PGOPTIONS="-c lock_timeout=1s")

    def a3_ana(*argv: str):  # type: ignore[no-untyped-def]
        return proceso([a3_exe(), "--db", servidor_pg.url(base, "ana"), *argv], env, timeout=30)

    with _como(servidor_pg, store_pg, "luis") as luis:
        luis.execute("BEGIN")
        luis.execute(
            f"SELECT pg_advisory_lock({store_pg_module.CANDADO_ALTAS}), "
            f"pg_advisory_lock({store_pg_module.CANDADO_ESQUEMA})"
        )
        luis.execute("SELECT * FROM cliente FOR UPDATE")
        lista = a3_ana("cliente", "list")
        assert lista.code == 0, lista.err
        assert "Juan Pérez" in lista.out
        for argv in (
            ("nota", "add", str(oficina["ana"]), "Hola"),
            ("actividad", "llamada", str(oficina["ana"]), "--resultado", "no-contestó"),
            ("tarea", "add", "Llevar planos", "--cliente", str(oficina["ana"]), "--vence", "mañana"),
        ):
            hecho = a3_ana(*argv)
            assert hecho.code == 0, hecho.err  # a wait for Luis would end in lock_timeout's error
        alta = a3_ana("cliente", "add", "Pedro Nuevo", "--telefono", "8100000001")
        assert alta.code == 1
        assert "tiene bloqueados estos datos" in alta.err
    with _como(servidor_pg, store_pg, "ana") as ana:
        assert ana.execute("SELECT count(*) FROM nota").fetchone() == (2,)
        assert ana.execute("SELECT count(*) FROM cliente WHERE nombre = 'Pedro Nuevo'").fetchone() == (0,)


# Every table of the office: a3 grants UPDATE column by column and no DELETE (a3_borrar
# deletes), and PostgreSQL refuses LOCK TABLE in SHARE mode or stronger without a
# table-level UPDATE, DELETE or TRUNCATE privilege (ACCESS SHARE and ROW EXCLUSIVE block
# nobody's reads or writes).
TABLAS = (
    "asesor", "cliente", "telefono", "cliente_termino", "actividad", "nota", "tarea", "propiedad",
    "propiedad_termino", "propiedad_mostrada", "apartado", "documento", "documento_archivo", "paso_etapa",
    "transferencia", "suplencia", "auditoria", "ajuste", "alembic_version", "caso", "caso_nota",
)  # fmt: skip


def test_la_lista_de_tablas_es_la_de_a3(servidor_pg, store_pg) -> None:
    with _como(servidor_pg, store_pg, "a3prueba") as admin:
        tablas = {t for (t,) in admin.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}
    assert tablas == set(TABLAS)


@pytest.mark.parametrize("modo", ["SHARE", "EXCLUSIVE", "ACCESS EXCLUSIVE"])
def test_un_asesor_no_bloquea_las_tablas(servidor_pg, store_pg, oficina, intacta, modo) -> None:
    with _como(servidor_pg, store_pg, "ana") as ana:
        for tabla in TABLAS:
            with ana.transaction():
                _negado(ana, f"LOCK TABLE {tabla} IN {modo} MODE")
                raise psycopg.Rollback()


def test_un_asesor_sigue_cambiando_lo_suyo_columna_por_columna(servidor_pg, store_pg, oficina) -> None:
    """The column grants leave Ana every change a3 makes for her, and nothing on ids."""
    with _como(servidor_pg, store_pg, "ana") as ana:
        ana.execute("UPDATE cliente SET direccion = 'Calle 1' WHERE id = %s", (oficina["ana"],))
        ana.execute("UPDATE tarea SET prioridad = prioridad")
        _negado(ana, "UPDATE cliente SET id = id + 1000 WHERE id = %s", oficina["ana"])
        for tabla in TABLAS:
            _negado(ana, f"DELETE FROM {tabla}")
        _negado(ana, "TRUNCATE nota")


# ---------------------------------------------------------------- 8. the owner is who she logs in as


def test_el_dueno_es_su_rol_y_a3_asesor_no_lo_cambia(tmp_path, servidor_pg) -> None:
    with psycopg.connect(servidor_pg.url("postgres"), autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = 'duena'").fetchone() is None:
            admin.execute("CREATE ROLE duena LOGIN")
        admin.execute("DROP DATABASE IF EXISTS a3_de_duena WITH (FORCE)")
        admin.execute("CREATE DATABASE a3_de_duena OWNER duena")
        # The office's role, made by the server's administrator: the owner needs no CREATEROLE.
        if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = 'a3_de_duena_equipo'").fetchone() is None:
            admin.execute("CREATE ROLE a3_de_duena_equipo NOLOGIN")
        admin.execute("GRANT a3_de_duena_equipo TO duena WITH ADMIN OPTION")
    url = servidor_pg.url("a3_de_duena", "duena")
    nuevo = proceso([a3_exe(), "--db", url, "cliente", "add", "Cliente X"], entorno(tmp_path, A3_ASESOR="intruso"))
    assert nuevo.code == 0, nuevo.err
    yo = proceso([a3_exe(), "--db", url, "asesor", "yo"], entorno(tmp_path, A3_ASESOR="luis"))
    assert yo.code == 0, yo.err
    assert yo.out.startswith("duena")
    with psycopg.connect(servidor_pg.url("a3_de_duena"), autocommit=True) as admin:
        logins = {r[0] for r in admin.execute("SELECT login FROM asesor")}
        firmas = {r[0] for r in admin.execute("SELECT a.login FROM auditoria x JOIN asesor a ON a.id = x.asesor_id")}
    assert logins == {"duena"}
    assert firmas == {"duena"}
    borrar_base(BasePG(servidor_pg, "a3_de_duena"))


# ---------------------------------------------------------------- 10. side channels


def test_secuencias_y_oraculo_de_duplicados(servidor_pg, store_pg, oficina) -> None:
    with _como(servidor_pg, store_pg, "luis") as luis:
        _negado(luis, "SELECT last_value FROM cliente_id_seq")
        # A hundred phones a call: only the first ten are looked at.
        numeros = [f"81{n:08d}" for n in range(99)] + ["8123456789"]
        assert luis.execute("SELECT * FROM a3_duplicado(%s, NULL, NULL)", [numeros]).fetchall() == []
        assert luis.execute("SELECT count(*) FROM a3_duplicado(%s, NULL, NULL)", [["8123456789"]]).fetchone() == (1,)


# ---------------------------------------------------------------- 11. messages


def test_lo_que_se_le_dice_a_quien_no_puede_abrir_la_base(tmp_path, servidor_pg, store_pg, oficina) -> None:
    vacia = crear_base(servidor_pg, "a3_vacia_ataque")
    with psycopg.connect(servidor_pg.url("postgres"), autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = 'extrana'").fetchone() is None:
            admin.execute("CREATE ROLE extrana LOGIN")
    nuevo = proceso([a3_exe(), "--db", servidor_pg.url(vacia.nombre, "ana"), "cliente", "add", "X"], entorno(tmp_path))
    assert nuevo.code == 1
    assert "todavía no tiene datos de a3; su dueño (a3prueba) debe abrirla primero" in nuevo.err
    base = store_pg.engine.url.database
    ajena = proceso([a3_exe(), "--db", servidor_pg.url(base, "extrana"), "cliente", "list"], entorno(tmp_path))
    assert ajena.code == 1
    assert "es de a3, pero extrana no es asesor de ella" in ajena.err
    borrar_base(vacia)


def test_una_base_vieja_la_actualiza_su_dueno(tmp_path, servidor_pg, store_pg, oficina) -> None:
    base = store_pg.engine.url.database
    with _como(servidor_pg, store_pg, "a3prueba") as admin:
        admin.execute("UPDATE alembic_version SET version_num = '0010'")
    res = proceso([a3_exe(), "--db", servidor_pg.url(base, "ana"), "cliente", "list"], entorno(tmp_path))
    assert res.code == 1
    assert "es de una versión anterior de a3 (esquema 0010); su dueño (a3prueba) debe abrirla" in res.err


# ---------------------------------------------------------------- 6 and 9. logins


def _a3(tmp_path, servidor: ServidorPG, store: Store, login: str, *argv: str):
    base = store.engine.url.database
    assert base is not None
    return proceso([a3_exe(), "--db", servidor.url(base, login), *argv], entorno(tmp_path))


def _sin_clientes(servidor: ServidorPG, store: Store, login: str) -> None:
    """``login``'s clients go to ana first (a baja needs it)."""
    with _como(servidor, store, "a3prueba") as admin:
        admin.execute(
            "UPDATE cliente SET asesor_id = (SELECT id FROM asesor WHERE login = 'ana') "
            "WHERE asesor_id = (SELECT id FROM asesor WHERE login = %s)",
            [login],
        )


def test_una_baja_sin_permiso_sobre_usuarios_lo_dice(tmp_path, servidor_pg, store_pg, oficina) -> None:
    """Carla has no CREATEROLE and the base was not prepared: the baja holds in a3 and the
    command says plainly who must take the login away."""
    _sin_clientes(servidor_pg, store_pg, "luis")
    res = _a3(tmp_path, servidor_pg, store_pg, "carla", "asesor", "baja", "luis")
    assert res.code == 0, res.err
    assert res.out == "luis (luis) quedó dado de baja.\n"
    assert "Aviso: luis ya no ve ni cambia nada en a3, pero su usuario de PostgreSQL todavía puede entrar" in res.err
    assert "ALTER ROLE luis NOLOGIN" in res.err
    with _como(servidor_pg, store_pg, "luis") as luis:  # his session can't undo it
        assert luis.execute("SELECT count(*) FROM cliente").fetchone() == (0,)
        _negado(luis, "UPDATE asesor SET activo = true WHERE login = current_user")


@pytest.fixture
def preparada(tmp_path, servidor_pg, store_pg, oficina) -> dict[str, int]:
    """The server's administrator prepared the base for «duena» (a3 db preparar-equipo)."""
    res = _a3(tmp_path, servidor_pg, store_pg, "a3prueba", "db", "preparar-equipo", "duena")
    assert res.code == 0, res.err
    return oficina


def test_preparar_equipo_lo_hace_un_superusuario_una_vez(tmp_path, servidor_pg, store_pg, preparada) -> None:
    otra_vez = _a3(tmp_path, servidor_pg, store_pg, "a3prueba", "db", "preparar-equipo", "duena")
    assert otra_vez.code == 0, otra_vez.err
    assert "Se creó" not in otra_vez.out
    como_carla = _a3(tmp_path, servidor_pg, store_pg, "carla", "db", "preparar-equipo", "carla")
    assert como_carla.code == 1
    assert "lo corre el administrador del servidor, como superusuario" in como_carla.err


def test_la_baja_quita_la_entrada_y_cierra_sus_sesiones(tmp_path, servidor_pg, store_pg, preparada) -> None:
    _sin_clientes(servidor_pg, store_pg, "luis")
    abierta = _como(servidor_pg, store_pg, "luis")
    res = _a3(tmp_path, servidor_pg, store_pg, "carla", "asesor", "baja", "luis")
    assert res.code == 0, res.err
    assert "Aviso" not in res.err
    with pytest.raises(psycopg.OperationalError):  # his open session was ended
        abierta.execute("SELECT 1")
    abierta.close()
    with pytest.raises(psycopg.OperationalError):  # and he can't log in again
        _como(servidor_pg, store_pg, "luis")
    assert _a3(tmp_path, servidor_pg, store_pg, "carla", "asesor", "reactivar", "luis").code == 0
    _como(servidor_pg, store_pg, "luis").close()
    # A new advisor gets a login from a coordinator without CREATEROLE.
    alta = _a3(tmp_path, servidor_pg, store_pg, "carla", "asesor", "add", "tomas", "--nombre", "Tomás Ruiz")
    assert alta.code == 0, alta.err
    with _como(servidor_pg, store_pg, "tomas") as tomas:
        assert tomas.execute("SELECT count(*) FROM cliente").fetchone() == (0,)


@pytest.mark.parametrize(
    ("login", "sentencia"),
    [
        ("luis", "SELECT a3_cuenta('ana', false)"),  # an advisor
        ("marta", "SELECT a3_cuenta('luis', false)"),  # another plaza's coordinator
        ("carla", "SELECT a3_cuenta('a3prueba', false)"),  # not an advisor: the superuser
        ("carla", "SELECT a3_cuenta('luis', false)"),  # an active advisor keeps his login
        ("carla", "SELECT a3_cuenta('pg_execute_server_program', true)"),
        ("duena", "GRANT pg_execute_server_program TO duena"),  # the owner can't escalate
        ("duena", "CREATE ROLE otro_superusuario SUPERUSER"),
        ("carla", "ALTER ROLE ana NOLOGIN"),
    ],
)
def test_nadie_de_a3_escala_ni_toca_usuarios_ajenos(servidor_pg, store_pg, preparada, login, sentencia) -> None:
    with _como(servidor_pg, store_pg, login) as con:
        _negado(con, sentencia)
    _como(servidor_pg, store_pg, "ana").close()


def test_a3_cuenta_no_toca_un_usuario_con_otros_privilegios(tmp_path, servidor_pg, store_pg, preparada) -> None:
    """A login that is also someone's with other powers (here: reading the server's files)
    is not a3's to disable, even named as an advisor of the plaza."""
    with psycopg.connect(servidor_pg.url("postgres"), autocommit=True) as admin:
        if admin.execute("SELECT 1 FROM pg_roles WHERE rolname = 'dba_juan'").fetchone() is None:
            admin.execute("CREATE ROLE dba_juan LOGIN")
        admin.execute("GRANT pg_read_server_files TO dba_juan")
    alta = _a3(tmp_path, servidor_pg, store_pg, "carla", "asesor", "add", "dba_juan", "--nombre", "Juan DBA")
    assert alta.code == 1
    assert "no es solo de a3" in alta.err
    with psycopg.connect(servidor_pg.url("postgres"), autocommit=True) as admin:
        assert admin.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'dba_juan'").fetchone() == (True,)


@pytest.mark.parametrize(
    ("tabla", "de_quien"),
    [
        ("nota", "SELECT id FROM nota WHERE cliente_id = {luis}"),
        ("tarea", "SELECT id FROM tarea WHERE cliente_id = {luis}"),
        ("telefono", "SELECT {luis}"),
        ("cliente_termino", "SELECT {luis}"),
        ("suplencia", "SELECT id FROM suplencia"),
    ],
)
def test_a3_borrar_solo_borra_lo_que_se_puede(servidor_pg, store_pg, oficina, intacta, tabla, de_quien) -> None:
    """Pepe (plaza Monterrey) calls a3_borrar with the ids of Luis's rows (plaza General)
    and of a suplencia of General: nothing goes."""
    with _como(servidor_pg, store_pg, "a3prueba") as admin:
        ids = [i for (i,) in admin.execute(de_quien.format(luis=oficina["luis"]))]
    assert ids
    with _como(servidor_pg, store_pg, "pepe") as pepe:
        if tabla == "suplencia":
            _negado(pepe, "SELECT a3_borrar(%s, %s)", tabla, ids)
        else:
            assert pepe.execute("SELECT a3_borrar(%s, %s)", (tabla, ids)).fetchone() == (0,)
        _negado(pepe, "SELECT a3_borrar('cliente', %s)", [oficina["luis"]])


def test_a3_borrar_borra_lo_suyo_y_lo_audita_el_servidor(servidor_pg, store_pg, oficina) -> None:
    """Luis deletes his own note; Carla, General's coordinator, ends a suplencia of her plaza
    after writing Ana's id as «who acts»: the audit names Carla all the same."""
    with _como(servidor_pg, store_pg, "luis") as luis:
        (nota,) = luis.execute("SELECT id FROM nota WHERE cliente_id = %s", (oficina["luis"],)).fetchone()
        assert luis.execute("SELECT a3_borrar('nota', %s)", ([nota],)).fetchone() == (1,)
        assert luis.execute("SELECT count(*) FROM nota WHERE id = %s", (nota,)).fetchone() == (0,)
    with _como(servidor_pg, store_pg, "carla") as carla:
        (suplencia,) = carla.execute("SELECT id FROM suplencia").fetchone()
        with carla.transaction():
            carla.execute("SELECT set_config('a3.asesor_id', (SELECT id FROM asesor WHERE login = 'ana')::text, true)")
            assert carla.execute("SELECT a3_borrar('suplencia', %s)", ([suplencia],)).fetchone() == (1,)
        quien = carla.execute(
            "SELECT a.login FROM auditoria x JOIN asesor a ON a.id = x.asesor_id "
            "WHERE x.entidad = 'suplencia' AND x.accion = 'baja' AND x.entidad_id = %s",
            (suplencia,),
        ).fetchall()
        assert quien == [("carla",)]


# ---------------------------------------------------------------- 12. service cases (issue 30)


def test_los_casos_de_otro_no_se_leen_ni_se_escriben(tmp_path, servidor_pg, store_pg, oficina) -> None:
    """A case follows its client: Luis, with psql or with a3, neither reads nor changes a
    case of Ana's client, nor slips a note into it, nor moves his own case onto her client."""
    from a3tui.services import casos

    folios: dict[str, tuple[int, str]] = {}
    with store_pg.session() as session:
        for login in ("ana", "luis"):
            ctx = services.contexto(session, login)
            caso = casos.abrir(ctx, clientes.get(ctx, oficina[login]), "queja", f"Queja de {login}")
            casos.agregar_nota(ctx, caso, f"Nota del caso de {login}")
            folios[login] = (caso.id, casos.folio(caso))  # type: ignore[assignment]
    de_ana, de_luis = folios["ana"][0], folios["luis"][0]

    def casos_y_notas() -> list[Any]:
        with _como(servidor_pg, store_pg, "a3prueba") as admin:
            return [admin.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("caso", "caso_nota")]

    antes = _volcado(servidor_pg, store_pg)
    casos_antes = casos_y_notas()
    with _como(servidor_pg, store_pg, "luis") as luis:
        assert luis.execute("SELECT descripcion FROM caso").fetchall() == [("Queja de luis",)]
        assert luis.execute("SELECT texto FROM caso_nota").fetchall() == [("Nota del caso de luis",)]
        assert luis.execute("UPDATE caso SET estado = 'cerrado' WHERE id = %s", [de_ana]).rowcount == 0
        # A note of his own client, on Ana's case; a case of Ana's client; his case moved to her.
        _negado(
            luis,
            "INSERT INTO caso_nota (caso_id, cliente_id, asesor_id, texto, creado) "
            "VALUES (%s, %s, (SELECT a3_asesor_actual()), 'intruso', now())",
            de_ana,
            oficina["luis"],
        )
        _negado(
            luis,
            "INSERT INTO caso (cliente_id, asesor_id, abierto_por_id, tipo, prioridad, estado, descripcion, "
            "abierto, vence, reaperturas, actualizado) VALUES (%s, 1, 1, 'queja', 'normal', 'abierto', 'x', "
            "now(), now(), 0, now())",
            oficina["ana"],
        )
        _negado(luis, "UPDATE caso SET cliente_id = %s WHERE id = %s", oficina["ana"], de_luis)
        _negado(luis, "DELETE FROM caso")
        _negado(luis, "SELECT a3_borrar('caso', %s)", [de_ana, de_luis])
    with _como(servidor_pg, store_pg, "marta") as marta:  # another plaza's coordinator
        assert marta.execute("SELECT count(*) FROM caso").fetchone() == (0,)
    ajeno = _a3(tmp_path, servidor_pg, store_pg, "luis", "caso", "show", folios["ana"][1])
    assert ajeno.code == 1
    assert f"No existe el caso {folios['ana'][1]}." in ajeno.err
    suyo = _a3(tmp_path, servidor_pg, store_pg, "luis", "caso", "list", "--json")
    assert suyo.code == 0, suyo.err
    assert [c["folio"] for c in json.loads(suyo.out)["casos"]] == [folios["luis"][1]]
    assert _volcado(servidor_pg, store_pg) == antes
    assert casos_y_notas() == casos_antes
    assert [len(filas) for filas in casos_antes] == [2, 2]
