"""The office from the command line: `a3 asesor …`, `a3 suplencia …`, `a3 transferencia …`,
`a3 auditoria` and `a3 equipo` (the rules are in the services; coordinators manage)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

from a3tui.cli.common import REF_HELP, contexto, echo, lista_json, momento_json, print_json
from a3tui.cli.typer_es import TyperA3

if TYPE_CHECKING:
    from a3tui.services.transferencias import FilaTransferencia

asesor_app = TyperA3(
    help="Asesores: quién trabaja en esta base de datos, su rol y su plaza (los coordinadores los administran).",
    epilog=(
        'Ejemplos: a3 asesor add luis --nombre "Luis Treviño" --plaza Monterrey · a3 asesor list · '
        "a3 asesor edit luis --rol coordinador · a3 asesor baja luis · a3 asesor yo"
    ),
    no_args_is_help=True,
)
suplencia_app = TyperA3(
    help="Suplencias: quién atiende a los clientes de un asesor mientras no está.",
    epilog=(
        "Ejemplos: a3 suplencia add luis carmen --desde 2026-12-01 --hasta 2026-12-15 --motivo vacaciones · "
        "a3 suplencia list · a3 suplencia quitar 3"
    ),
    no_args_is_help=True,
)
transferencia_app = TyperA3(
    help="Transferencias de clientes entre asesores: las pedidas esperan a un coordinador.",
    epilog=(
        "Ejemplos: a3 transferencia list --pendientes · a3 transferencia aprobar 4 · a3 transferencia deshacer 4 · "
        'a3 transferencia rechazar 4 --motivo "El cliente prefiere seguir con Ana"'
    ),
    no_args_is_help=True,
)


# ---------------------------------------------------------------- asesor


def _asesor_json(fila: Any) -> dict[str, Any]:
    a = fila.asesor
    return {
        "login": a.login,
        "nombre": a.nombre,
        "rol": a.rol,
        "plaza": a.plaza,
        "telefono": a.telefono,
        "activo": a.activo,
        "clientes": fila.clientes,
        "cubre": list(fila.cubre),
        "cubierto_por": list(fila.cubierto_por),
    }


@asesor_app.command("add", epilog='Ejemplo: a3 asesor add luis --nombre "Luis Treviño" --plaza Monterrey')
def asesor_add(
    typer_ctx: typer.Context,
    login: str = typer.Argument(..., metavar="LOGIN", help="Su usuario del sistema (o el que usará en A3_ASESOR)."),
    nombre: str = typer.Option(..., "--nombre", metavar="NOMBRE", help="Nombre completo."),
    plaza: str | None = typer.Option(None, "--plaza", metavar="PLAZA", help="Por omisión, la tuya."),
    rol: str = typer.Option("asesor", "--rol", metavar="ROL", help="asesor o coordinador."),
    telefono: str | None = typer.Option(None, "--telefono", metavar="TEL", help="Se imprime en las fichas que envía."),
) -> None:
    """Agrega un asesor (solo un coordinador)."""
    from a3tui.services import asesores

    with contexto(typer_ctx, escritura=True) as ctx:
        nuevo = asesores.add(ctx, login, nombre=nombre, plaza=plaza, rol=rol, telefono=telefono)
    echo(f"Asesor {nuevo.login} agregado: {nuevo.nombre} ({nuevo.rol.value}, plaza {nuevo.plaza}).")


@asesor_app.command("list", epilog="Ejemplos: a3 asesor list · a3 asesor list --todos --json")
def asesor_list(
    typer_ctx: typer.Context,
    todos: bool = typer.Option(False, "--todos", help="Incluye a los dados de baja."),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """Lista los asesores con su rol, plaza, clientes y suplencias de hoy."""
    from a3tui.cli.salida import Tabla, imprimir
    from a3tui.services import asesores

    with contexto(typer_ctx, escritura=False) as ctx:
        filas = asesores.list_(ctx, todos=todos)
    if json:
        print_json(lista_json("asesores", [_asesor_json(f) for f in filas]))
        return
    table = Tabla()
    for titulo in ("Login", "Nombre", "Rol", "Plaza", "Clientes", "Hoy"):
        table.columna(titulo, derecha=titulo == "Clientes")
    for f in filas:
        hoy = []
        if f.cubre:
            hoy.append("cubre a " + ", ".join(f.cubre))
        if f.cubierto_por:
            hoy.append("lo cubre " + ", ".join(f.cubierto_por))
        if not f.asesor.activo:
            hoy.append("de baja")
        table.fila(
            f.asesor.login, f.asesor.nombre, f.asesor.rol.value, f.asesor.plaza, f"{f.clientes:,}", "; ".join(hoy)
        )
    imprimir(table)


@asesor_app.command("yo", epilog="Ejemplos: a3 asesor yo · a3 asesor yo --json")
def asesor_yo(typer_ctx: typer.Context, json: bool = typer.Option(False, "--json", help="Salida en JSON.")) -> None:
    """Quién eres para a3 en esta base de datos: login, rol, plaza y a quién cubres hoy."""
    from a3tui.services import clientes

    with contexto(typer_ctx, escritura=False) as ctx:
        a = ctx.asesor
        cubre = [clientes.nombre_asesor(ctx, i) for i in ctx.cubiertos]
    if json:
        print_json(
            {
                "login": a.login,
                "nombre": a.nombre,
                "rol": a.rol,
                "plaza": a.plaza,
                "telefono": a.telefono,
                "cubre": cubre,
            }
        )
        return
    echo(f"{a.nombre} ({a.login}) · {a.rol.value} · plaza {a.plaza}")
    if cubre:
        echo("Hoy cubres a: " + ", ".join(cubre))


@asesor_app.command(
    "edit", epilog="Ejemplos: a3 asesor edit luis --plaza Saltillo · a3 asesor edit luis --rol coordinador"
)
def asesor_edit(
    typer_ctx: typer.Context,
    login: str = typer.Argument(..., metavar="LOGIN", help="Login o nombre del asesor."),
    nombre: str | None = typer.Option(None, "--nombre", metavar="NOMBRE"),
    plaza: str | None = typer.Option(None, "--plaza", metavar="PLAZA"),
    rol: str | None = typer.Option(None, "--rol", metavar="ROL", help="asesor o coordinador."),
    telefono: str | None = typer.Option(None, "--telefono", metavar="TEL", help='Vacío ("") lo quita.'),
) -> None:
    """Cambia el nombre, teléfono, rol o plaza de un asesor (tu nombre y teléfono los cambias tú)."""
    from a3tui.errors import DatoInvalido
    from a3tui.services import asesores

    if nombre is None and plaza is None and rol is None and telefono is None:
        raise DatoInvalido("No indicaste nada que cambiar; usa --nombre, --plaza, --rol o --telefono.")
    with contexto(typer_ctx, escritura=True) as ctx:
        a = asesores.edit(ctx, asesores.buscar(ctx, login), nombre=nombre, rol=rol, plaza=plaza, telefono=telefono)
    echo(f"Asesor {a.login} actualizado: {a.nombre} ({a.rol.value}, plaza {a.plaza}).")


@asesor_app.command("baja", epilog="Ejemplo: a3 asesor baja luis")
def asesor_baja(
    typer_ctx: typer.Context, login: str = typer.Argument(..., metavar="LOGIN", help="Login o nombre del asesor.")
) -> None:
    """Da de baja a un asesor (primero transfiere sus clientes); ya no podrá usar a3 aquí."""
    from a3tui.services import asesores

    with contexto(typer_ctx, escritura=True) as ctx:
        a = asesores.baja(ctx, asesores.buscar(ctx, login))
    echo(f"{a.nombre} ({a.login}) quedó dado de baja.")


@asesor_app.command("reactivar", epilog="Ejemplo: a3 asesor reactivar luis")
def asesor_reactivar(
    typer_ctx: typer.Context, login: str = typer.Argument(..., metavar="LOGIN", help="Login o nombre del asesor.")
) -> None:
    """Vuelve a dar de alta a un asesor dado de baja."""
    from a3tui.services import asesores

    with contexto(typer_ctx, escritura=True) as ctx:
        a = asesores.reactivar(ctx, asesores.buscar(ctx, login))
    echo(f"{a.nombre} ({a.login}) está activo otra vez.")


# ---------------------------------------------------------------- suplencia


@suplencia_app.command(
    "add", epilog="Ejemplo: a3 suplencia add luis carmen --desde 2026-12-01 --hasta 2026-12-15 --motivo vacaciones"
)
def suplencia_add(
    typer_ctx: typer.Context,
    titular: str = typer.Argument(..., metavar="TITULAR", help="El asesor que no estará."),
    suplente: str = typer.Argument(..., metavar="SUPLENTE", help="Quien atiende a sus clientes."),
    desde: str = typer.Option("hoy", "--desde", metavar="F", help="Primer día (por omisión hoy)."),
    hasta: str = typer.Option(..., "--hasta", metavar="F", help="Último día."),
    motivo: str | None = typer.Option(None, "--motivo", metavar="TEXTO", help="Vacaciones, incapacidad…"),
) -> None:
    """Nombra un suplente: durante esas fechas ve y atiende a los clientes del titular (solo un coordinador)."""
    from a3tui import domain
    from a3tui.services import asesores

    with contexto(typer_ctx, escritura=True) as ctx:
        s = asesores.add_suplencia(
            ctx,
            asesores.buscar(ctx, titular),
            asesores.buscar(ctx, suplente),
            domain.parse_fecha(desde, ctx.hoy),
            domain.parse_fecha(hasta, ctx.hoy),
            motivo,
        )
        nombres = (asesores.buscar(ctx, titular).nombre, asesores.buscar(ctx, suplente).nombre)
    echo(
        f"Suplencia {s.id}: {nombres[1]} atiende a los clientes de {nombres[0]} "
        f"del {s.desde.isoformat()} al {s.hasta.isoformat()}."
    )


@suplencia_app.command("list", epilog="Ejemplos: a3 suplencia list · a3 suplencia list --pasadas --json")
def suplencia_list(
    typer_ctx: typer.Context,
    pasadas: bool = typer.Option(False, "--pasadas", help="Incluye las que ya terminaron."),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """Lista las suplencias vigentes y próximas."""
    from a3tui.services import asesores

    with contexto(typer_ctx, escritura=False) as ctx:
        filas = asesores.list_suplencias(ctx, pasadas=pasadas)
    if json:
        print_json(
            lista_json(
                "suplencias",
                [
                    {
                        "id": f.suplencia.id,
                        "titular": f.titular,
                        "suplente": f.suplente,
                        "desde": f.suplencia.desde,
                        "hasta": f.suplencia.hasta,
                        "motivo": f.suplencia.motivo,
                    }
                    for f in filas
                ],
            )
        )
        return
    if not filas:
        echo("No hay suplencias vigentes ni próximas.")
        return
    for f in filas:
        motivo = f" ({f.suplencia.motivo})" if f.suplencia.motivo else ""
        echo(f"[{f.suplencia.id}] {f.vigente_en}: {f.suplente} cubre a {f.titular}{motivo}")


@suplencia_app.command("quitar", epilog="Ejemplo: a3 suplencia quitar 3")
def suplencia_quitar(
    typer_ctx: typer.Context, suplencia_id: int = typer.Argument(..., metavar="ID", help="Id de la suplencia.")
) -> None:
    """Termina una suplencia (la que aún no empieza se quita)."""
    from a3tui.services import asesores

    with contexto(typer_ctx, escritura=True) as ctx:
        asesores.quitar_suplencia(ctx, suplencia_id)
    echo(f"Suplencia {suplencia_id} terminada.")


# ---------------------------------------------------------------- transferencia


def _transferencia_json(f: FilaTransferencia) -> dict[str, Any]:
    t = f.transferencia
    return {
        "id": t.id,
        "cliente_id": t.cliente_id,
        "cliente": f.cliente,
        "de": f.de,
        "a": f.a,
        "motivo": t.motivo,
        "estado": t.estado,
        "solicitada_por": f.solicitada_por,
        "solicitada_en": t.solicitada_en,
        "resuelta_por": f.resuelta_por,
        "resuelta_en": t.resuelta_en,
        "motivo_rechazo": t.motivo_rechazo,
    }


@transferencia_app.command("list", epilog="Ejemplos: a3 transferencia list · a3 transferencia list --pendientes")
def transferencia_list(
    typer_ctx: typer.Context,
    pendientes: bool = typer.Option(False, "--pendientes", help="Solo las que esperan a un coordinador."),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """Lista las transferencias (un coordinador ve las de su plaza; un asesor, las suyas)."""
    from a3tui.services import transferencias

    with contexto(typer_ctx, escritura=False) as ctx:
        filas = transferencias.list_(ctx, pendientes=pendientes)
    if json:
        print_json(lista_json("transferencias", [_transferencia_json(f) for f in filas]))
        return
    if not filas:
        echo("No hay transferencias pendientes." if pendientes else "No hay transferencias.")
        return
    for f in filas:
        t = f.transferencia
        resuelta = f" por {f.resuelta_por}" if f.resuelta_por else ""
        rechazo = f" ({t.motivo_rechazo})" if t.motivo_rechazo else ""
        echo(
            f"[{t.id}] {t.solicitada_en:%Y-%m-%d} {f.cliente} (id {t.cliente_id}): de {f.de} a {f.a} · "
            f"{t.estado.value}{resuelta}{rechazo} · motivo: {t.motivo}"
        )


@transferencia_app.command("aprobar", epilog="Ejemplo: a3 transferencia aprobar 4")
def transferencia_aprobar(typer_ctx: typer.Context, transferencia_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Aprueba una transferencia pedida: el cliente y sus tareas pendientes pasan al otro asesor."""
    from a3tui.services import transferencias

    with contexto(typer_ctx, escritura=True) as ctx:
        t = transferencias.aprobar(ctx, transferencias.get(ctx, transferencia_id))
        fila = transferencias.fila(ctx, t)
    echo(f"Transferencia {t.id} aprobada: {fila.cliente} ahora es cliente de {fila.a}.")


@transferencia_app.command(
    "rechazar", epilog='Ejemplo: a3 transferencia rechazar 4 --motivo "El cliente prefiere seguir con Ana"'
)
def transferencia_rechazar(
    typer_ctx: typer.Context,
    transferencia_id: int = typer.Argument(..., metavar="ID"),
    motivo: str = typer.Option(..., "--motivo", metavar="TEXTO", help="Por qué se rechaza."),
) -> None:
    """Rechaza una transferencia pedida, diciendo por qué; el cliente se queda con su asesor."""
    from a3tui.services import transferencias

    with contexto(typer_ctx, escritura=True) as ctx:
        t = transferencias.rechazar(ctx, transferencias.get(ctx, transferencia_id), motivo)
    echo(f"Transferencia {t.id} rechazada.")


@transferencia_app.command("deshacer", epilog="Ejemplo: a3 transferencia deshacer 4")
def transferencia_deshacer(typer_ctx: typer.Context, transferencia_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Deshace una aprobación tuya de hace unos minutos: el cliente y sus tareas regresan, y la solicitud vuelve a esperar."""
    from a3tui.services import transferencias

    with contexto(typer_ctx, escritura=True) as ctx:
        t = transferencias.deshacer(ctx, transferencias.get(ctx, transferencia_id))
        fila = transferencias.fila(ctx, t)
    echo(
        f"Aprobación de la transferencia {t.id} deshecha: {fila.cliente} regresó con {fila.de}; la solicitud espera otra vez."
    )


# ---------------------------------------------------------------- auditoria, equipo


def auditoria(
    typer_ctx: typer.Context,
    ref: str | None = typer.Argument(None, metavar="[REF]", help=REF_HELP),
    desde: str | None = typer.Option(None, "--desde", metavar="F", help="Solo desde esta fecha."),
    limite: int = typer.Option(50, "--limite", "-n", metavar="N", help="Máximo de filas."),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """Quién cambió qué y cuándo, con los valores de antes y después (de un cliente, o todo si coordinas)."""
    from a3tui import domain
    from a3tui.services import auditoria as servicio
    from a3tui.services import clientes

    with contexto(typer_ctx, escritura=False) as ctx:
        cliente = clientes.resolve(ctx, ref) if ref else None
        filas = servicio.list_(
            ctx,
            cliente=cliente,
            desde=domain.parse_fecha(desde, ctx.hoy, pasado=True) if desde else None,
            limit=domain.check_limite(limite),
        )
    if json:
        print_json(
            lista_json(
                "registros",
                [
                    {
                        "id": f.auditoria.id,
                        "fecha": f.auditoria.fecha,
                        "asesor": f.asesor,
                        "accion": f.auditoria.accion,
                        "entidad": f.auditoria.entidad,
                        "entidad_id": f.auditoria.entidad_id,
                        "cliente_id": f.auditoria.cliente_id,
                        "cambios": {c: [momento_json(v) for v in par] for c, par in f.cambios.items()} or None,
                        "detalle": None if f.cambios else f.auditoria.detalle,
                    }
                    for f in filas
                ],
            )
        )
        return
    if not filas:
        echo("No hay cambios registrados." if not ref else "No hay cambios registrados de ese cliente.")
        return
    for f in filas:
        echo(f"{f.auditoria.fecha:%Y-%m-%d %H:%M}  {f.asesor}: {f.resumen}")


def equipo(
    typer_ctx: typer.Context,
    dias_frio: int = typer.Option(7, "--dias-frio", metavar="N", help="Días sin actividad para contar un frío."),
    estancado: int = typer.Option(
        30, "--estancado", metavar="N", help="Días desde el primer contacto para un prospecto atorado."
    ),
    json: bool = typer.Option(False, "--json", help="Salida en JSON."),
) -> None:
    """El trabajo de tu plaza (coordinador): actividad de cada asesor, seguimientos vencidos, fríos y el embudo."""
    from a3tui import domain
    from a3tui.cli.salida import Tabla, Texto, imprimir
    from a3tui.errors import DatoInvalido
    from a3tui.services import asesores
    from a3tui.services import equipo as servicio

    if not 1 <= dias_frio <= domain.DIAS_MAXIMO:
        raise DatoInvalido(f"--dias-frio debe estar entre 1 y {domain.DIAS_MAXIMO:,}.")
    with contexto(typer_ctx, escritura=False) as ctx:
        filas = servicio.equipo(ctx, dias_frio=dias_frio)
        embudo = servicio.embudo(asesores.ver(ctx, "plaza"), dias_estancado=estancado)
        plaza = ctx.asesor.plaza
    if json:
        print_json(
            lista_json(
                "asesores",
                [
                    {
                        "login": f.asesor.login,
                        "nombre": f.asesor.nombre,
                        "clientes": f.clientes,
                        "actividades_semana": f.actividades_semana,
                        "actividades_mes": f.actividades_mes,
                        "vencidos": f.vencidos,
                        "frios": f.frios,
                        "apartados_mes": f.apartados_mes,
                        "cubierto_por": list(f.cubierto_por),
                        # The month's median wait in hours, and the counts behind it.
                        "respuesta_mes": {
                            "valor": None if f.respuesta_mes.mediana is None else round(f.respuesta_mes.mediana, 2),
                            "unidad": "horas",
                            "respondidos": f.respuesta_mes.respondidos,
                            "sin_responder": f.respuesta_mes.sin_responder,
                        },
                    }
                    for f in filas
                ],
                plaza=plaza,
                etapas={e.value: n for e, n in embudo.por_etapa.items()},
                cancelaciones=[{"motivo": m, "clientes": n} for m, n in embudo.cancelaciones],
                estancados=embudo.estancados,
                dias_estancado=embudo.dias_estancado,
            )
        )
        return
    table = Tabla(titulo=f"Plaza {plaza}")
    table.columna("Asesor")
    for titulo in ("Clientes", "Act. semana", "Act. mes", "Vencidos", "Fríos", "Apartados mes", "Respuesta"):
        table.columna(titulo, derecha=True)
    for f in filas:
        cubierto = f" (lo cubre {', '.join(f.cubierto_por)})" if f.cubierto_por else ""
        table.fila(
            f"{f.asesor.nombre}{cubierto}",
            f"{f.clientes:,}",
            str(f.actividades_semana),
            str(f.actividades_mes),
            str(f.vencidos),
            str(f.frios),
            str(f.apartados_mes),
            domain.cifra_kpi(f.respuesta_mes.mediana, "horas"),
        )
    imprimir(table)
    esperan = [(f.asesor.nombre, f.respuesta_mes.sin_responder) for f in filas if f.respuesta_mes.sin_responder]
    imprimir(Texto(domain.nota_respuesta_del_equipo(esperan), "dim"))
    echo("")
    echo("Embudo: " + " · ".join(f"{e.value} {n:,}" for e, n in embudo.por_etapa.items()))
    echo(f"Prospectos con más de {embudo.dias_estancado} días sin apartar: {embudo.estancados:,}")
    if embudo.cancelaciones:
        echo("Por qué cancelan:")
        for motivo, n in embudo.cancelaciones:
            echo(f"  {n:>4}  {motivo}")
