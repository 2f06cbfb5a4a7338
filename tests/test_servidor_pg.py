"""The private PostgreSQL server of the tests: PostgreSQL is installed by `.ci/run` (or by
the developer), never by a test; where it is missing, a test that needs it is skipped
saying what to install, and in CI it fails instead (a skipped team-mode suite would pass
a broken run)."""

from __future__ import annotations

import pytest

from apoyo import pg as servidor_pg


def test_sin_postgresql_dice_que_instalar_y_no_instala(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(servidor_pg, "_binario", lambda _nombre: None)
    servidor = servidor_pg.arrancar()
    assert not servidor.disponible
    assert servidor.razon == servidor_pg.FALTA
    assert "paquete postgresql de Debian" in servidor.razon


def test_fuera_de_ci_la_prueba_se_salta_diciendo_por_que(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no corren: falta initdb"):
        servidor_pg.sin_servidor("falta initdb")


@pytest.mark.parametrize("valor", ["true", "1", "yes", "TRUE"])
def test_en_ci_la_prueba_falla_en_vez_de_saltarse(monkeypatch: pytest.MonkeyPatch, valor: str) -> None:
    monkeypatch.setenv("CI", valor)
    with pytest.raises(pytest.fail.Exception, match=r"no corren: falta initdb \(en CI deben correr"):
        servidor_pg.sin_servidor("falta initdb")


def test_un_servidor_por_proceso_en_una_carpeta_propia(servidor_en_marcha: servidor_pg.ServidorPG) -> None:
    """The server answers on its own socket folder, only there (no TCP port)."""
    import psycopg

    assert servidor_en_marcha.carpeta is not None
    with psycopg.connect(servidor_en_marcha.url("postgres"), autocommit=True) as con:
        assert con.execute("SHOW listen_addresses").fetchone() == ("",)
        assert con.execute("SHOW unix_socket_directories").fetchone() == (str(servidor_en_marcha.carpeta),)
