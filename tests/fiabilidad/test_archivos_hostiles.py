"""Files built to hurt a3 (a cell of millions of characters, a spreadsheet that expands a
thousandfold, a photo of megabytes in a vCard): each is read within fixed bounds of time
and memory, or refused with one Spanish sentence that says where the problem is."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from apoyo.proceso import Resultado, assert_error

A3 = Callable[..., Resultado]


def test_csv_con_celda_enorme_dice_en_que_fila(a3: A3, tres: Path, tmp_path: Path) -> None:
    hoja = tmp_path / "enorme.csv"
    hoja.write_text('Nombre,Teléfono\nRosa Ruiz,8112345678\nAna Gil,"' + "x" * 400_000 + '"\n', encoding="utf-8")
    res = a3("importar", "clientes", hoja)
    assert_error(res, "fila 3", "enorme.csv")


def test_csv_con_comillas_sin_cerrar_dice_en_que_fila(a3: A3, tres: Path, tmp_path: Path) -> None:
    hoja = tmp_path / "comillas.csv"
    filas = "".join(f"CUM-{i},Cumbres\n" for i in range(15_000))  # swallowed by the open quote
    hoja.write_text(f'Clave,Desarrollo\nCUM-A,Cumbres\n"CUM-B,Cumbres\n{filas}', encoding="utf-8")
    res = a3("propiedad", "importar", hoja)
    assert_error(res, "fila 3")
