"""`a3 actividad …`: log calls, meetings, messages and e-mails; list a client's history."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from a3tui.cli.common import Json, Ref, contexto, echo, lista_json, print_json, split_claves
from a3tui.cli.typer_es import TyperA3

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from a3tui.models import Cliente, Tarea
    from a3tui.services import Contexto
    from a3tui.services.actividades import Registro, Seguimiento

app = TyperA3(
    help="Actividades: registra llamadas, reuniones, mensajes y emails con tus clientes.",
    epilog=(
        "Ejemplos: a3 actividad llamada perez --resultado no-contesto · "
        'a3 actividad reunion 12 -r muy-interesado --lugar oficina · a3 actividad mensaje 12 --contenido "3 opciones" '
        '--respondio · a3 actividad email 12 --asunto "Cotización" · a3 actividad list 12'
    ),
    no_args_is_help=True,
)

FECHA_HELP = "Cuándo fue (por omisión ahora): AAAA-MM-DD [HH:MM], hoy, ayer, -N…"
SEGUIMIENTO_HELP = "Crea también la tarea de seguimiento con este texto (con --vence)."
VENCE_HELP = "Cuándo vence la tarea de seguimiento: mañana, +3, viernes, viernes 10:00, 2026-12-01…"
HORA_HELP = "Hora de la tarea de seguimiento, HH:MM (opcional)."

# The options every activity command takes, declared once.
OpcionFecha = Annotated[str | None, typer.Option("--fecha", metavar="F", help=FECHA_HELP)]
OpcionSeguimiento = Annotated[str | None, typer.Option("--seguimiento", metavar="TEXTO", help=SEGUIMIENTO_HELP)]
OpcionVence = Annotated[str | None, typer.Option("--vence", metavar="F", help=VENCE_HELP)]
OpcionHora = Annotated[str | None, typer.Option("--hora", metavar="HH:MM", help=HORA_HELP)]
OpcionEntrante = Annotated[bool, typer.Option("--entrante", help="La hizo el cliente (te llamó o te escribió).")]
OpcionRespondio = Annotated[bool | None, typer.Option("--respondio/--no-respondio", help="Si respondió.")]


def _confirmacion(ctx: Contexto, cliente: Cliente, registro: Registro | Tarea) -> list[str]:
    """What to print once the activity is saved (printed after the commit, never before)."""
    from a3tui import domain
    from a3tui.models import Tarea

    if isinstance(registro, Tarea):
        cuando = domain.cuando_tarea(registro.vence, registro.hora, ctx.hoy)
        return [f"Cita agendada con {cliente.nombre} (id {cliente.id}) {cuando}: tarea {registro.id}."]
    siguiente = domain.en_dias(cliente.proximo_contacto, ctx.hoy)
    que = registro.actividad.tipo.registrada
    lineas = [f"{que} para {cliente.nombre} (id {cliente.id}). Próximo contacto: {siguiente}."]
    if registro.tarea is not None:
        vence = registro.tarea.vence.isoformat() + (f" {registro.tarea.hora:%H:%M}" if registro.tarea.hora else "")
        lineas.append(f"Tarea {registro.tarea.id} creada: {registro.tarea.descripcion} (vence {vence}).")
    for cita in registro.citas_cerradas:
        lineas.append(f"Cita {cita.id} marcada como hecha: {cita.descripcion}.")
    if registro.sugerir_frio:
        lineas.append(
            f"Sugerencia: {registro.llamadas_sin_respuesta} llamadas sin respuesta en "
            f"{domain.VENTANA_SIN_RESPUESTA_DIAS} días; márcalo como frío con: "
            f"a3 cliente temperatura {cliente.id} frío"
        )
    return lineas


def _fecha(ctx: Contexto, fecha: str | None) -> datetime | None:
    from a3tui import domain

    return domain.parse_fecha_hora(fecha, ctx.ahora) if fecha else None


def _seguimiento(ctx: Contexto, texto: str | None, vence: str | None, hora: str | None) -> Seguimiento | None:
    """The follow-up task asked for with --seguimiento and --vence (both, or neither), at
    the --hora given or the one written in --vence («viernes 10:00», as `tarea add` and the
    app's forms take it)."""
    from a3tui import domain
    from a3tui.errors import DatoInvalido
    from a3tui.services.actividades import Seguimiento

    if texto is None and vence is None:
        if hora is not None:
            raise DatoInvalido("--hora es la de la tarea de seguimiento: úsala con --seguimiento y --vence.")
        return None
    if texto is None or vence is None:
        raise DatoInvalido("Para crear la tarea de seguimiento indica --seguimiento y --vence.")
    dia, hora_en_vence = domain.parse_fecha_y_hora(vence, ctx.hoy)
    tiempo = domain.parse_hora(hora) if hora is not None else None
    if hora_en_vence is not None and tiempo is not None and hora_en_vence != tiempo:
        raise DatoInvalido("Escribe la hora en --vence o en --hora, no dos horas distintas.")
    return Seguimiento(texto, dia, tiempo or hora_en_vence)


def _registrar(
    typer_ctx: typer.Context,
    ref: str,
    fecha: str | None,
    seguimiento: str | None,
    vence: str | None,
    hora: str | None,
    registrar: Callable[[Contexto, Cliente, datetime | None, Seguimiento | None], Registro | Tarea],
) -> None:
    """What every activity command does: find the client, log the activity (and its
    follow-up task) in one transaction, then print the confirmation once it is committed."""
    from a3tui.services import clientes

    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.resolve(ctx, ref)
        registro = registrar(ctx, cliente, _fecha(ctx, fecha), _seguimiento(ctx, seguimiento, vence, hora))
        lineas = _confirmacion(ctx, cliente, registro)
    for linea in lineas:
        echo(linea)


@app.command(
    "llamada",
    epilog=(
        "Ejemplos: a3 actividad llamada perez --resultado no-contesto · "
        'a3 actividad llamada 12 -r "contestó interesado" --duracion 8 --nota "Quiere ver casas el sábado" · '
        'a3 actividad llamada 12 -r contesto-llamar-despues --seguimiento "Llamar a Juan" --vence viernes --hora 10:00'
    ),
)
def llamada(
    typer_ctx: typer.Context,
    ref: Ref,
    resultado: str | None = typer.Option(
        None,
        "--resultado",
        "-r",
        metavar="R",
        help="contestó-interesado, contestó-llamar-después, no-contestó o dejé-mensaje (opcional si es entrante).",
    ),
    entrante: OpcionEntrante = False,
    duracion: int | None = typer.Option(None, "--duracion", "-d", metavar="MIN", help="Minutos que duró."),
    nota: str | None = typer.Option(None, "--nota", metavar="TEXTO", help="Qué platicaron."),
    fecha: OpcionFecha = None,
    seguimiento: OpcionSeguimiento = None,
    vence: OpcionVence = None,
    hora: OpcionHora = None,
) -> None:
    """Registra una llamada; a la tercera sin respuesta en 14 días sugiere marcarlo frío."""
    from a3tui.errors import DatoInvalido
    from a3tui.services import actividades

    if resultado is None and not entrante:
        raise DatoInvalido(
            "Falta la opción --resultado: contestó-interesado, contestó-llamar-después, no-contestó o dejé-mensaje "
            "(en una llamada --entrante es opcional)."
        )

    _registrar(
        typer_ctx,
        ref,
        fecha,
        seguimiento,
        vence,
        hora,
        lambda ctx, cliente, cuando, tarea: actividades.llamada(
            ctx,
            cliente,
            resultado,
            entrante=entrante,
            duracion_min=duracion,
            nota=nota,
            fecha=cuando,
            seguimiento=tarea,
        ),
    )


@app.command(
    "reunion",
    epilog='Ejemplo: a3 actividad reunion 12 --resultado muy-interesado --lugar "sala de ventas" --propiedades CUM-A-12,CUM-B-03 --siguientes-pasos "Enviar cotización"',
)
def reunion(
    typer_ctx: typer.Context,
    ref: Ref,
    resultado: str | None = typer.Option(
        None, "--resultado", "-r", metavar="R", help="muy-interesado, lo-pensará o no-le-gustó (no en una cita futura)."
    ),
    lugar: str | None = typer.Option(
        None, "--lugar", metavar="L", help="oficina, sala de ventas, propiedad o videollamada."
    ),
    propiedades: str | None = typer.Option(
        None, "--propiedades", metavar="CLAVE,…", help="Claves de las propiedades mostradas."
    ),
    siguientes_pasos: str | None = typer.Option(
        None, "--siguientes-pasos", metavar="TEXTO", help="Qué acordaron hacer."
    ),
    nota: str | None = typer.Option(None, "--nota", metavar="TEXTO", help="Notas de la reunión."),
    fecha: OpcionFecha = None,
    seguimiento: OpcionSeguimiento = None,
    vence: OpcionVence = None,
    hora: OpcionHora = None,
) -> None:
    """Registra una reunión y las propiedades que le mostraste; con una --fecha futura la agenda como cita."""
    from a3tui.services import actividades

    _registrar(
        typer_ctx,
        ref,
        fecha,
        seguimiento,
        vence,
        hora,
        lambda ctx, cliente, cuando, tarea: actividades.reunion_o_cita(
            ctx,
            cliente,
            resultado,
            lugar=lugar,
            propiedades=split_claves(propiedades),
            siguientes_pasos=siguientes_pasos,
            nota=nota,
            fecha=cuando,
            seguimiento=tarea,
        ),
    )


@app.command(
    "mensaje",
    epilog='Ejemplo: a3 actividad mensaje 12 --contenido "Le envié 3 opciones en Cumbres" --no-respondio',
)
def mensaje(
    typer_ctx: typer.Context,
    ref: Ref,
    contenido: str | None = typer.Option(None, "--contenido", "-c", metavar="TEXTO", help="Qué le enviaste."),
    respondio: OpcionRespondio = None,
    entrante: OpcionEntrante = False,
    nota: str | None = typer.Option(None, "--nota", metavar="TEXTO", help="Nota."),
    fecha: OpcionFecha = None,
    seguimiento: OpcionSeguimiento = None,
    vence: OpcionVence = None,
    hora: OpcionHora = None,
) -> None:
    """Registra un mensaje de WhatsApp o SMS importante."""
    from a3tui.services import actividades

    _registrar(
        typer_ctx,
        ref,
        fecha,
        seguimiento,
        vence,
        hora,
        lambda ctx, cliente, cuando, tarea: actividades.mensaje(
            ctx,
            cliente,
            contenido=contenido,
            respondio=respondio,
            entrante=entrante,
            nota=nota,
            fecha=cuando,
            seguimiento=tarea,
        ),
    )


@app.command("email", epilog='Ejemplo: a3 actividad email 12 --asunto "Cotización casa modelo Roble" --respondio')
def email(
    typer_ctx: typer.Context,
    ref: Ref,
    asunto: str | None = typer.Option(None, "--asunto", "-a", metavar="TEXTO", help="Asunto."),
    contenido: str | None = typer.Option(None, "--contenido", "-c", metavar="TEXTO", help="Contenido."),
    respondio: OpcionRespondio = None,
    entrante: OpcionEntrante = False,
    nota: str | None = typer.Option(None, "--nota", metavar="TEXTO", help="Nota."),
    fecha: OpcionFecha = None,
    seguimiento: OpcionSeguimiento = None,
    vence: OpcionVence = None,
    hora: OpcionHora = None,
) -> None:
    """Registra un email enviado al cliente."""
    from a3tui.services import actividades

    _registrar(
        typer_ctx,
        ref,
        fecha,
        seguimiento,
        vence,
        hora,
        lambda ctx, cliente, cuando, tarea: actividades.email(
            ctx,
            cliente,
            asunto=asunto,
            contenido=contenido,
            respondio=respondio,
            entrante=entrante,
            nota=nota,
            fecha=cuando,
            seguimiento=tarea,
        ),
    )


@app.command("list", epilog="Ejemplo: a3 actividad list perez --json")
def list_(
    typer_ctx: typer.Context,
    ref: Ref,
    limite: int | None = typer.Option(None, "--limite", "-n", metavar="N", help="Solo las N más recientes."),
    json: Json = False,
) -> None:
    """Muestra el historial de un cliente, lo más reciente primero (incluye cambios de etapa)."""
    from a3tui import domain
    from a3tui.cli import render
    from a3tui.services import actividades, clientes

    with contexto(typer_ctx, escritura=False) as ctx:
        cliente = clientes.resolve(ctx, ref)
        historial = actividades.list_(ctx, cliente, limit=domain.check_limite(limite) if limite is not None else None)
        if json:
            total = actividades.count(ctx, cliente) if limite is not None else len(historial)
            print_json(
                lista_json(
                    "actividades",
                    [render.actividad_json(a) for a in historial],
                    total,
                    cliente={"id": cliente.id, "nombre": cliente.nombre},
                )
            )
            return
        echo(f"Historial de {cliente.nombre} (id {cliente.id})")
        if not historial:
            echo("  (sin actividades)")
        for entrada in historial:
            echo(f"  {entrada.actividad.fecha:%Y-%m-%d %H:%M}  {entrada.resumen}")


@app.command(
    "pendientes",
    epilog="Ejemplo: a3 actividad pendientes · a3 actividad pendientes --json · a3 actividad respondida 31",
)
def pendientes(
    typer_ctx: typer.Context,
    limite: int = typer.Option(50, "--limite", "-n", metavar="N", help="Cuántos mostrar (por omisión 50)."),
    json: Json = False,
) -> None:
    """Mensajes y emails pendientes de respuesta del cliente, el más antiguo primero."""
    from a3tui import domain
    from a3tui.cli import render
    from a3tui.services import actividades

    with contexto(typer_ctx, escritura=False) as ctx:
        filas = actividades.pendientes_de_respuesta(ctx, limit=domain.check_limite(limite))
        total = actividades.count_pendientes_de_respuesta(ctx)
        if json:
            print_json(
                lista_json(
                    "pendientes",
                    [
                        {"cliente": {"id": f.cliente_id, "nombre": f.cliente}, "dias": f.dias}
                        | render.actividad_json(actividades.Entrada(f.actividad))
                        for f in filas
                    ],
                    total,
                )
            )
            return
        if not filas:
            echo("Nada pendiente de respuesta: ningún mensaje ni email marcado «no respondió» sigue sin contestar.")
            return
        echo(f"Pendientes de respuesta: {total}")
        for f in filas:
            echo(
                f"  {f.actividad.id:>6}  {domain.hace(f.actividad.fecha, ctx.ahora):<14} {f.cliente} (#{f.cliente_id})"
                f" · {f.resumen}"
            )
        if total > len(filas):
            echo(f"  … y {total - len(filas)} más (--limite).")
        # The two commands take different ids (a client's, a message's): show them filled in.
        primera = filas[0]
        echo(
            f"Cuando te conteste, regístralo con el id del cliente (#): a3 actividad mensaje {primera.cliente_id}"
            f" --entrante; o márcalo con el id del mensaje: a3 actividad respondida {primera.actividad.id}"
        )


@app.command("respondida", epilog="Ejemplo: a3 actividad respondida 31")
def respondida(
    typer_ctx: typer.Context,
    actividad_id: int = typer.Argument(
        ..., metavar="ID", help="Id del mensaje o email (de `a3 actividad pendientes`)."
    ),
) -> None:
    """Marca que el cliente ya respondió un mensaje o email: sale de pendientes."""
    from a3tui.services import actividades

    with contexto(typer_ctx, escritura=True) as ctx:
        actividad = actividades.marcar_respondido(ctx, actividad_id)
        que = actividad.tipo.etiqueta
    echo(f"{que} {actividad_id} marcado como respondido.")
