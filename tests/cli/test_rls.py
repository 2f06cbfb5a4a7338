"""Team mode's last line: PostgreSQL's row-level security (issue 15).

Each test connects as an advisor's own role with a plain driver connection (what
`psql` would do) and tries to read or change what isn't theirs; the database must return
nothing or refuse. Then the same through a3 itself, logged in as each role."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import psycopg
import pytest

from a3tui import services
from a3tui import store_pg as store_pg_module
from a3tui.errors import SinPermiso
from a3tui.services import asesores, clientes, notas
from a3tui.store import Store, open_store
from apoyo.pg import ServidorPG
from apoyo.proceso import a3_exe, entorno, proceso


def _como(servidor: ServidorPG, store: Store, login: str) -> psycopg.Connection[Any]:
    """A plain connection to the test's database as ``login``'s role (over the socket)."""
    base = store.engine.url.database
    assert base is not None
    return psycopg.connect(servidor.url(base, usuario=login), autocommit=True)


@pytest.fixture
def oficina(store_pg: Store) -> dict[str, int]:
    """Ana's Juan (with a note), Luis's María (with a note), in plaza General; carla is the
    coordinator (she created the database)."""
    ids = {}
    with store_pg.session() as session:
        ana = services.contexto(session, "ana")
        juan = clientes.add(ana, "Juan Pérez", telefonos=["8123456789"])
        notas.add(ana, juan, "Nota de Ana")
        luis = services.contexto(session, "luis")
        maria = clientes.add(luis, "María López", telefonos=["8187654321"])
        notas.add(luis, maria, "Nota de Luis")
        ids = {"juan": juan.id, "maria": maria.id}
    return ids  # type: ignore[return-value]


class TestConPsql:
    def test_cada_asesor_ve_solo_sus_clientes(self, servidor_pg, store_pg, oficina) -> None:
        with _como(servidor_pg, store_pg, "luis") as luis:
            assert [r[0] for r in luis.execute("SELECT nombre FROM cliente")] == ["María López"]
            assert [r[0] for r in luis.execute("SELECT texto FROM nota")] == ["Nota de Luis"]
            assert luis.execute("SELECT count(*) FROM telefono").fetchone() == (1,)
            assert luis.execute(
                "SELECT count(*) FROM cliente_termino WHERE cliente_id = %s", [oficina["juan"]]
            ).fetchone() == (0,)

    def test_no_cambia_ni_borra_clientes_ajenos(self, servidor_pg, store_pg, oficina) -> None:
        with _como(servidor_pg, store_pg, "luis") as luis:
            assert luis.execute("UPDATE cliente SET nombre = 'X' WHERE id = %s", [oficina["juan"]]).rowcount == 0
            with pytest.raises(psycopg.errors.InsufficientPrivilege):  # a3 deletes through a3_borrar
                luis.execute("DELETE FROM nota WHERE cliente_id = %s", [oficina["juan"]])
            ajenas = "array(SELECT i FROM generate_series(1, 1000) i WHERE i NOT IN (SELECT id FROM nota))"
            assert luis.execute(f"SELECT a3_borrar('nota', {ajenas})").fetchone() == (0,)
        with _como(servidor_pg, store_pg, "ana") as ana:
            assert ana.execute("SELECT nombre FROM cliente").fetchall() == [("Juan Pérez",)]
            assert ana.execute("SELECT count(*) FROM nota").fetchone() == (1,)

    def test_no_escribe_en_clientes_ajenos(self, servidor_pg, store_pg, oficina) -> None:
        with _como(servidor_pg, store_pg, "luis") as luis:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                luis.execute(
                    "INSERT INTO nota (cliente_id, asesor_id, texto, creado) "
                    "SELECT %s, id, 'intruso', now() FROM asesor WHERE login = 'luis'",
                    [oficina["juan"]],
                )
            with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor give his client to Ana
                luis.execute(
                    "UPDATE cliente SET asesor_id = (SELECT id FROM asesor WHERE login = 'ana') WHERE id = %s",
                    [oficina["maria"]],
                )

    def test_la_auditoria_solo_admite_altas(self, servidor_pg, store_pg, oficina) -> None:
        with _como(servidor_pg, store_pg, "luis") as luis:
            for sentencia in ("UPDATE auditoria SET detalle = 'x'", "DELETE FROM auditoria", "TRUNCATE auditoria"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    luis.execute(sentencia)

    def test_el_esquema_no_se_toca(self, servidor_pg, store_pg, oficina) -> None:
        with _como(servidor_pg, store_pg, "luis") as luis:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                luis.execute("UPDATE alembic_version SET version_num = '0001'")
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                luis.execute("ALTER TABLE cliente DISABLE ROW LEVEL SECURITY")

    def test_la_coordinadora_ve_su_plaza(self, servidor_pg, store_pg, oficina) -> None:
        with store_pg.session() as session:
            carla = services.contexto(session, "carla")
            asesores.edit(carla, asesores.get(session, "luis"), rol="coordinador")
        with _como(servidor_pg, store_pg, "luis") as luis:
            assert sorted(r[0] for r in luis.execute("SELECT nombre FROM cliente")) == ["Juan Pérez", "María López"]
            # The term index (search) follows the same rule, through its own policy (migration 0010).
            assert luis.execute(
                "SELECT count(*) FROM cliente_termino WHERE cliente_id = %s", [oficina["juan"]]
            ).fetchone() != (0,)

    def test_el_suplente_ve_los_clientes_que_cubre_solo_esos_dias(self, servidor_pg, store_pg, oficina) -> None:
        with _como(servidor_pg, store_pg, "a3prueba") as admin:
            admin.execute(
                "INSERT INTO suplencia (titular_id, suplente_id, desde, hasta, creada_por_id, creada) "
                "SELECT ana.id, luis.id, current_date - 1, current_date + 1, ana.id, now() "
                "FROM asesor ana, asesor luis WHERE ana.login = 'ana' AND luis.login = 'luis'"
            )
        with _como(servidor_pg, store_pg, "luis") as luis:
            assert sorted(r[0] for r in luis.execute("SELECT nombre FROM cliente")) == ["Juan Pérez", "María López"]
            assert luis.execute("SELECT count(*) FROM nota").fetchone() == (2,)
            assert luis.execute(
                "SELECT count(*) FROM cliente_termino WHERE cliente_id = %s", [oficina["juan"]]
            ).fetchone() != (0,)
        with _como(servidor_pg, store_pg, "a3prueba") as admin:  # the suplencia ended yesterday
            admin.execute("UPDATE suplencia SET desde = current_date - 5, hasta = current_date - 1")
        with _como(servidor_pg, store_pg, "luis") as luis:
            assert [r[0] for r in luis.execute("SELECT nombre FROM cliente")] == ["María López"]

    def test_un_asesor_inactivo_no_ve_nada(self, servidor_pg, store_pg, oficina) -> None:
        """Even if his role could still log in, an advisor given de baja sees no client."""
        with _como(servidor_pg, store_pg, "a3prueba") as admin:
            admin.execute("UPDATE asesor SET activo = false WHERE login = 'luis'")
        with _como(servidor_pg, store_pg, "luis") as luis:
            assert luis.execute("SELECT count(*) FROM cliente").fetchone() == (0,)
            assert luis.execute("SELECT count(*) FROM nota").fetchone() == (0,)

    def test_la_baja_le_quita_la_entrada(self, servidor_pg, store_pg, oficina) -> None:
        with _como(servidor_pg, store_pg, "a3prueba") as admin:  # his client goes to Ana first
            admin.execute("UPDATE cliente SET asesor_id = (SELECT id FROM asesor WHERE login = 'ana')")
        with store_pg.session() as session:
            carla = services.contexto(session, "carla")
            asesores.baja(carla, asesores.get(session, "luis"))
        with pytest.raises(psycopg.OperationalError):
            _como(servidor_pg, store_pg, "luis")
        with store_pg.session() as session:  # and reactivar gives it back
            asesores.reactivar(services.contexto(session, "carla"), asesores.get(session, "luis"))
        _como(servidor_pg, store_pg, "luis").close()


class TestConA3:
    """The same office through a3, each advisor logged in as their role."""

    def _a3(self, tmp_path: Path, servidor: ServidorPG, store: Store, login: str, *argv: str, **env: str):
        base = store.engine.url.database
        assert base is not None
        return proceso([a3_exe(), "--db", servidor.url(base, usuario=login), *argv], entorno(tmp_path, **env))

    def test_el_asesor_es_su_rol_y_a3_asesor_no_lo_cambia(self, tmp_path, servidor_pg, store_pg, oficina) -> None:
        res = self._a3(tmp_path, servidor_pg, store_pg, "luis", "cliente", "list", "--json", A3_ASESOR="ana")
        assert res.code == 0, res.err
        assert [c["nombre"] for c in res.json()["clientes"]] == ["María López"]
        assert self._a3(tmp_path, servidor_pg, store_pg, "luis", "asesor", "yo").out.startswith("luis")

    def test_la_ficha_de_un_cliente_ajeno_no_existe(self, tmp_path, servidor_pg, store_pg, oficina) -> None:
        res = self._a3(tmp_path, servidor_pg, store_pg, "luis", "cliente", "show", str(oficina["juan"]))
        assert res.code == 1
        assert "Juan" not in res.err

    def test_un_telefono_de_un_cliente_ajeno_se_avisa_sin_decir_de_quien_es(
        self, tmp_path, servidor_pg, store_pg, oficina
    ) -> None:
        """The duplicate rule holds office-wide, though Luis can't read Ana's client: it
        names Ana, never the client."""
        res = self._a3(
            tmp_path, servidor_pg, store_pg, "luis", "cliente", "add", "Otro Juan", "--telefono", "81 2345 6789"
        )
        assert res.code == 1
        assert "de ana" in res.err.lower()
        assert "Juan Pérez" not in res.err
        forzado = self._a3(
            tmp_path,
            servidor_pg,
            store_pg,
            "luis",
            "cliente",
            "add",
            "Otro Juan",
            "--telefono",
            "81 2345 6789",
            "--forzar",
        )
        assert forzado.code == 0, forzado.err
        # His own clients still name the client, as on SQLite.
        propio = self._a3(
            tmp_path, servidor_pg, store_pg, "luis", "cliente", "add", "Otra María", "--telefono", "8187654321"
        )
        assert "María López" in propio.err

    def test_alta_de_asesor_crea_su_rol(self, tmp_path, servidor_pg, store_pg, oficina) -> None:
        with store_pg.session() as session:
            asesores.add(services.contexto(session, "carla"), "pepe", nombre="Pepe Ruiz")
        res = self._a3(tmp_path, servidor_pg, store_pg, "pepe", "cliente", "add", "Cliente de Pepe")
        assert res.code == 0, res.err
        with _como(servidor_pg, store_pg, "pepe") as pepe:
            assert pepe.execute("SELECT nombre FROM cliente").fetchall() == [("Cliente de Pepe",)]

    def test_un_asesor_sin_permiso_de_crear_roles_no_da_acceso(self, servidor_pg, store_pg, oficina) -> None:
        base = store_pg.engine.url.database
        assert base is not None
        como_luis = open_store(servidor_pg.url(base, usuario="luis"))
        try:
            with pytest.raises(SinPermiso), como_luis.session() as session:
                asesores.add(services.contexto(session), "intruso", nombre="Intruso")
        finally:
            como_luis.dispose()


class TestTransferenciaEntrePlazas:
    """A client moves to another plaza: its advisor asks, the receiving plaza's coordinator
    decides (services/transferencias.py). Each logged in as their own role, so the policies
    must let the coordinator see the client she is asked to receive, and the client's
    advisor keep seeing the transfer she asked for."""

    @pytest.fixture
    def monterrey(self, store_pg: Store, oficina: dict[str, int]) -> dict[str, int]:
        with store_pg.session() as session:
            carla = services.contexto(session, "carla")
            asesores.add(carla, "pepe", nombre="Pepe Salas", plaza="Monterrey")
            asesores.add(carla, "marta", nombre="Marta Garza", plaza="Monterrey", rol="coordinador")
            store_pg_module.dar_acceso(session, "carla")  # she created the database: give her a login too
        return oficina

    def _a3(self, tmp_path: Path, servidor: ServidorPG, store: Store, login: str, *argv: str):
        base = store.engine.url.database
        assert base is not None
        return proceso([a3_exe(), "--db", servidor.url(base, usuario=login), *argv], entorno(tmp_path))

    def test_la_coordinadora_que_recibe_aprueba(self, tmp_path, servidor_pg, store_pg, monterrey) -> None:
        juan = str(monterrey["juan"])
        pedida = self._a3(
            tmp_path, servidor_pg, store_pg, "ana", "cliente", "transferir", juan, "pepe", "--motivo", "Se mudó"
        )
        assert pedida.code == 0, pedida.err
        cola = self._a3(tmp_path, servidor_pg, store_pg, "marta", "transferencia", "list", "--pendientes", "--json")
        assert cola.code == 0, cola.err
        [pendiente] = cola.json()["transferencias"]
        assert pendiente["cliente"] == "Juan Pérez"
        with _como(servidor_pg, store_pg, "marta") as marta:  # she may read him (and search him) to decide
            assert marta.execute("SELECT nombre FROM cliente").fetchall() == [("Juan Pérez",)]
            assert marta.execute("SELECT count(DISTINCT cliente_id) FROM cliente_termino").fetchone() == (1,)
        aprobada = self._a3(tmp_path, servidor_pg, store_pg, "marta", "transferencia", "aprobar", str(pendiente["id"]))
        assert aprobada.code == 0, aprobada.err
        with _como(servidor_pg, store_pg, "pepe") as pepe:
            assert pepe.execute("SELECT nombre, plaza FROM cliente").fetchall() == [("Juan Pérez", "Monterrey")]
            assert pepe.execute("SELECT count(*) FROM nota").fetchone() == (1,)  # the history moves with him
        with _como(servidor_pg, store_pg, "ana") as ana:
            assert ana.execute("SELECT count(*) FROM cliente").fetchone() == (0,)
        # Ana still sees the transfer she asked for (as on SQLite).
        suyas = self._a3(tmp_path, servidor_pg, store_pg, "ana", "transferencia", "list", "--json")
        assert [t["estado"] for t in suyas.json()["transferencias"]] == ["aprobada"]

    def test_la_coordinadora_que_aprobo_lo_deshace_con_su_rol(self, tmp_path, servidor_pg, store_pg, monterrey) -> None:
        juan = str(monterrey["juan"])
        self._a3(tmp_path, servidor_pg, store_pg, "ana", "cliente", "transferir", juan, "luis", "--motivo", "Zona")
        assert self._a3(tmp_path, servidor_pg, store_pg, "carla", "transferencia", "aprobar", "1").code == 0
        deshecha = self._a3(tmp_path, servidor_pg, store_pg, "carla", "transferencia", "deshacer", "1")
        assert deshecha.code == 0, deshecha.err
        with _como(servidor_pg, store_pg, "ana") as ana:  # Juan is Ana's again
            assert ana.execute("SELECT nombre FROM cliente").fetchall() == [("Juan Pérez",)]
        with _como(servidor_pg, store_pg, "luis") as luis:
            assert luis.execute("SELECT nombre FROM cliente").fetchall() == [("María López",)]
        cola = self._a3(tmp_path, servidor_pg, store_pg, "carla", "transferencia", "list", "--pendientes", "--json")
        assert [t["estado"] for t in cola.json()["transferencias"]] == ["solicitada"]

    def test_a_otra_plaza_no_se_deshace(self, tmp_path, servidor_pg, store_pg, monterrey) -> None:
        juan = str(monterrey["juan"])
        self._a3(tmp_path, servidor_pg, store_pg, "ana", "cliente", "transferir", juan, "pepe", "--motivo", "Se mudó")
        assert self._a3(tmp_path, servidor_pg, store_pg, "marta", "transferencia", "aprobar", "1").code == 0
        deshecha = self._a3(tmp_path, servidor_pg, store_pg, "marta", "transferencia", "deshacer", "1")
        assert deshecha.code == 1
        assert deshecha.err == (
            "Error: La transferencia 1 llevó a Juan Pérez a la plaza Monterrey; para regresarlo a General, pide "
            "la transferencia de vuelta.\n"
        )
        with _como(servidor_pg, store_pg, "pepe") as pepe:
            assert pepe.execute("SELECT nombre FROM cliente").fetchall() == [("Juan Pérez",)]

    def test_otra_plaza_no_ve_al_cliente_sin_transferencia_pendiente(
        self, tmp_path, servidor_pg, store_pg, monterrey
    ) -> None:
        with _como(servidor_pg, store_pg, "marta") as marta:
            assert marta.execute("SELECT count(*) FROM cliente").fetchone() == (0,)
        juan = str(monterrey["juan"])
        self._a3(tmp_path, servidor_pg, store_pg, "ana", "cliente", "transferir", juan, "pepe", "--motivo", "Se mudó")
        rechazo = self._a3(tmp_path, servidor_pg, store_pg, "carla", "transferencia", "rechazar", "1", "--motivo", "No")
        assert rechazo.code == 0, rechazo.err
        with _como(servidor_pg, store_pg, "marta") as marta:  # nothing waits for her any more
            assert marta.execute("SELECT count(*) FROM cliente").fetchone() == (0,)
        with _como(servidor_pg, store_pg, "pepe") as pepe:  # nor did the advisor it was meant for see him
            assert pepe.execute("SELECT count(*) FROM cliente").fetchone() == (0,)
