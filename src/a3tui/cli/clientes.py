"""`a3 cliente …`: add, list, show, edit, etapa, temperatura."""

from __future__ import annotations

import typer

from a3tui.cli.common import Json, Ref, contexto, echo, lista_json, print_json
from a3tui.cli.typer_es import TyperA3

app = TyperA3(
    help="Clientes: alta, búsqueda, ficha, datos, etapa y temperatura.",
    epilog=(
        'Ejemplos: a3 cliente add "Juan Pérez" --telefono 8123456789 · a3 cliente list --buscar perez · '
        "a3 cliente show perez · a3 cliente edit 12 --email juan@correo.com · "
        'a3 cliente etapa 12 cancelado --motivo "Compró en otro lado" · a3 cliente temperatura 12 caliente'
    ),
    no_args_is_help=True,
)


@app.command(
    "add",
    epilog='Ejemplo: a3 cliente add "Juan Pérez" --telefono "81 2345 6789" --email juan@correo.com --temperatura caliente',
)
def add(
    typer_ctx: typer.Context,
    nombre: str = typer.Argument(..., metavar="NOMBRE", help="Nombre completo."),
    telefono: list[str] | None = typer.Option(
        None, "--telefono", "-t", metavar="T", help="Teléfono de 10 dígitos (se puede repetir)."
    ),
    email: str | None = typer.Option(None, "--email", "-e", metavar="E", help="Correo electrónico."),
    direccion: str | None = typer.Option(None, "--direccion", metavar="TEXTO", help="Dirección."),
    origen: str | None = typer.Option(
        None, "--origen", metavar="O", help="referido, publicidad, redes sociales, sitio web, sala de ventas u otro."
    ),
    referido_por: str | None = typer.Option(None, "--referido-por", metavar="REF", help="Cliente que lo refirió."),
    etapa: str | None = typer.Option(None, "--etapa", metavar="E", help="Etapa inicial (por omisión prospecto)."),
    temperatura: str | None = typer.Option(
        None, "--temperatura", metavar="T", help="caliente, tibio o frío (por omisión tibio)."
    ),
    plaza: str | None = typer.Option(None, "--plaza", metavar="P", help="Plaza (por omisión la del asesor)."),
    primer_contacto: str | None = typer.Option(
        None, "--primer-contacto", metavar="F", help="Fecha del primer contacto (por omisión hoy)."
    ),
    nota: str | None = typer.Option(None, "--nota", metavar="TEXTO", help="Una primera nota."),
    curp: str | None = typer.Option(None, "--curp", metavar="CURP", help="CURP (se revisa su formato y dígito)."),
    rfc: str | None = typer.Option(None, "--rfc", metavar="RFC", help="RFC con homoclave (se revisa)."),
    forzar: bool = typer.Option(False, "--forzar", help="Guardar aunque el teléfono o email ya exista."),
) -> None:
    """Da de alta un cliente e imprime su id."""
    from a3tui import domain
    from a3tui.services import clientes

    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.add(
            ctx,
            nombre,
            telefonos=telefono or [],
            email=email,
            direccion=direccion,
            origen=origen,
            referido_por=referido_por,
            etapa=etapa,
            temperatura=temperatura,
            plaza=plaza,
            primer_contacto=domain.parse_fecha(primer_contacto, ctx.hoy, pasado=True) if primer_contacto else None,
            nota=nota,
            curp=curp,
            rfc=rfc,
            forzar=forzar,
        )
    # Printed once committed: an id on the screen is a client on disk.
    echo(str(cliente.id))


@app.command(
    "list",
    epilog="Ejemplos: a3 cliente list --buscar perez · a3 cliente list --etapa prospecto --temperatura caliente · a3 cliente list --frios --dias 10",
)
def list_(
    typer_ctx: typer.Context,
    etapa: str | None = typer.Option(None, "--etapa", metavar="E", help="Solo esta etapa."),
    temperatura: str | None = typer.Option(None, "--temperatura", metavar="T", help="Solo esta temperatura."),
    buscar: str | None = typer.Option(
        None, "--buscar", "-b", metavar="TEXTO", help="Nombre, email o dígitos del teléfono (sin importar acentos)."
    ),
    frios: bool = typer.Option(False, "--frios", help="Solo prospectos sin actividad en --dias días."),
    dias: int = typer.Option(7, "--dias", metavar="N", help="Días sin actividad para --frios."),
    alerta: str | None = typer.Option(None, "--alerta", metavar="A", help="Solo rojo, amarillo o verde."),
    orden: str = typer.Option("nombre", "--orden", metavar="O", help="nombre, proximo, actividad o inactivo."),
    limite: int = typer.Option(50, "--limite", "-n", metavar="N", help="Máximo de filas."),
    pagina: int = typer.Option(1, "--pagina", metavar="N", help="Página de resultados (de --limite filas)."),
    asesor: str | None = typer.Option(
        None,
        "--asesor",
        metavar="LOGIN",
        help="Los clientes de otro asesor, o «plaza» para toda la plaza (coordinador).",
    ),
    json: Json = False,
) -> None:
    """Lista tus clientes con su alerta de seguimiento (o los de un asesor o la plaza, si coordinas)."""
    from a3tui import domain
    from a3tui.cli import render
    from a3tui.errors import DatoInvalido
    from a3tui.services import clientes

    desde = domain.check_pagina(pagina, domain.check_limite(limite))
    if dias < 0:
        raise DatoInvalido("--dias no puede ser negativo.")
    filtro = clientes.Filtro(
        etapa=domain.parse_valor(domain.Etapa, etapa, "La etapa") if etapa else None,
        temperatura=domain.parse_valor(domain.Temperatura, temperatura, "La temperatura") if temperatura else None,
        buscar=buscar or "",
        frios=frios,
        dias=dias,
        alertas=(domain.parse_valor(domain.Alerta, alerta, "La alerta"),) if alerta else (),
        orden=orden,
        asesor=asesor,
    )
    from a3tui.services import asesores

    with contexto(typer_ctx, escritura=False) as ctx:
        ctx = asesores.ver(ctx, asesor)  # for the title and the advisor column
        filas = clientes.list_(ctx, filtro, offset=desde, limit=limite)
        total = clientes.count(ctx, filtro) if len(filas) == limite or pagina > 1 else len(filas)
        nombres = clientes.nombres_de_asesores(ctx) if clientes.varios_asesores(ctx) else None
        if json:
            print_json(lista_json("clientes", [render.fila_json(f, nombres) for f in filas], total))
            return
        if not filas:
            echo("No hay clientes que coincidan." if total == 0 else "No hay más clientes en esa página.")
            return
        if asesor:
            echo(f"Clientes de {ctx.cartera.titulo}:")
        from a3tui.cli.salida import imprimir

        imprimir(render.clientes_table(filas, ctx.ahora, nombres))
        if total > len(filas):
            echo(f"{desde + 1}–{desde + len(filas)} de {total} clientes; usa --pagina {pagina + 1} para ver más.")


@app.command("show", epilog="Ejemplo: a3 cliente show perez --json")
def show(
    typer_ctx: typer.Context,
    ref: Ref,
    json: Json = False,
) -> None:
    """Muestra la ficha de un cliente: datos, seguimiento, notas, tareas y últimas actividades."""
    from a3tui import domain
    from a3tui.cli import render
    from a3tui.cli.salida import Texto, imprimir
    from a3tui.services import clientes, expediente

    with contexto(typer_ctx, escritura=False) as ctx:
        cliente = clientes.resolve(ctx, ref)
        datos = expediente.get(ctx, cliente, limite_historial=None if json else 5, vista_tareas="pendientes")
        enlaces = _enlaces(datos.ficha.cliente.nombre, datos.ficha.telefonos)
        if json:
            print_json(render.expediente_json(datos) | {"enlaces": enlaces})
            return
        ficha = datos.ficha
        c = ficha.cliente
        imprimir(Texto(c.nombre, "bold"), Texto(f"  (id {c.id})", "dim"))
        etapa = domain.etapa_con_temperatura(c.etapa, c.temperatura)
        if c.motivo_cancelacion:
            etapa += f" · motivo: {c.motivo_cancelacion}"
        # Without a next contact the alert alone says so («— sin seguimiento»), once.
        proximo = Texto(f"{domain.en_dias(c.proximo_contacto, ctx.hoy)} " if c.proximo_contacto else "")
        proximo.append(render.alerta_text(ficha.alerta))
        campos: list[tuple[str, str | Texto]] = [
            ("Teléfonos", ", ".join(render.telefono(t) for t in ficha.telefonos) or "—"),
            ("Email", c.email or "—"),
            ("Dirección", c.direccion or "—"),
            ("Etapa", etapa),
            ("Asesor", f"{ficha.asesor} · plaza {c.plaza}"),
            ("Primer contacto", f"{c.primer_contacto.isoformat()} ({domain.hace(c.primer_contacto, ctx.ahora)})"),
            ("Origen", c.origen.value if c.origen else "—"),
            ("Referido por", f"{ficha.referido_por[1]} (id {ficha.referido_por[0]})" if ficha.referido_por else "—"),
            ("Última actividad", domain.hace(c.ultima_actividad, ctx.ahora)),
            ("Próximo contacto", proximo),
        ]
        if enlaces is not None:  # next to the phones: how to reach them at once
            campos[1:1] = [("WhatsApp", enlaces["whatsapp"]), ("Llamar", enlaces["llamar"])]
        if ficha.referidos:
            campos.append(("Refirió a", ", ".join(f"{n} ({i})" for i, n in ficha.referidos)))
        if c.curp or c.rfc:
            campos.append(("CURP / RFC", f"{c.curp or '—'} / {c.rfc or '—'}"))
        if datos.apartado is not None:
            a = datos.apartado.apartado
            campos.append(
                (
                    "Apartado",
                    f"[{a.id}] {datos.apartado.propiedad} · {domain.format_dinero(a.monto_centavos)} · {a.estado.value}",
                )
            )
        for etiqueta, valor in campos:
            imprimir(Texto(f"{etiqueta + ':':<18}", "bold"), valor)
        if datos.pasos:
            imprimir(Texto(f"\nQué hacer ({c.etapa.value})", "bold"))
            for paso in datos.pasos:
                marca = "✓" if paso.hecho else "·"
                imprimir(f"  {marca} {paso.texto}  [{paso.clave}]")
        if c.etapa == domain.Etapa.APARTADO and datos.faltantes:
            imprimir(Texto("Para escriturar falta: ", "bold").append("; ".join(datos.faltantes) + "."))
        imprimir(Texto("\nÚltimas actividades", "bold"))
        if not datos.historial:
            imprimir("  (sin actividades)")
        for entrada in datos.historial:
            imprimir(f"  {entrada.actividad.fecha:%Y-%m-%d %H:%M}  {entrada.resumen}")
        imprimir(Texto("\nNotas", "bold"))
        if not datos.notas:
            imprimir("  (sin notas)")
        for nota in datos.notas:
            imprimir(f"  [{nota.id}] {nota.creado:%Y-%m-%d}  {nota.texto}")
        imprimir(Texto("\nTareas pendientes", "bold"))
        if not datos.tareas:
            imprimir("  (sin tareas)")
        for fila in datos.tareas:
            t = fila.tarea
            imprimir(f"  [{t.id}] {domain.en_dias(t.vence, ctx.hoy)}  {t.descripcion} ({t.prioridad.value})")
        # The open service cases, when there are: one line each, the most urgent first.
        from a3tui.services import casos

        abiertos = casos.abiertos_de(ctx, cliente)
        if abiertos:
            imprimir(Texto("\nCasos abiertos", "bold"))
        for caso in abiertos:
            linea = Texto(f"  {caso.folio}  {caso.tipo.value} · {caso.estado.value.replace('-', ' ')} · ")
            linea.append(render.alerta_caso_text(caso.alerta, caso.vence, ctx.ahora))
            imprimir(linea.append(f"  {domain.cortar(caso.descripcion, 50)}"))


def _enlaces(nombre: str, telefonos: list[str]) -> dict[str, str] | None:
    """The client's WhatsApp chat and phone call as links (of the first phone, as the
    ficha's w and l give them), or None without a phone."""
    from a3tui import domain

    if not telefonos:
        return None
    return {"whatsapp": domain.enlace_chat(nombre, telefonos[0]), "llamar": domain.enlace_llamada(telefonos[0])}


@app.command(
    "edit",
    epilog="Ejemplo: a3 cliente edit 12 --telefono 8123456789 --telefono 5512345678 --email nuevo@correo.com",
)
def edit(
    typer_ctx: typer.Context,
    ref: Ref,
    nombre: str | None = typer.Option(None, "--nombre", metavar="NOMBRE", help="Nuevo nombre."),
    telefono: list[str] | None = typer.Option(
        None, "--telefono", "-t", metavar="T", help="Teléfonos (reemplazan a los actuales; se puede repetir)."
    ),
    email: str | None = typer.Option(None, "--email", "-e", metavar="E", help='Email ("" lo borra).'),
    direccion: str | None = typer.Option(None, "--direccion", metavar="TEXTO", help="Dirección."),
    origen: str | None = typer.Option(None, "--origen", metavar="O", help="Origen del cliente."),
    referido_por: str | None = typer.Option(None, "--referido-por", metavar="REF", help="Cliente que lo refirió."),
    plaza: str | None = typer.Option(None, "--plaza", metavar="P", help="Plaza."),
    primer_contacto: str | None = typer.Option(
        None, "--primer-contacto", metavar="F", help="Fecha de primer contacto."
    ),
    curp: str | None = typer.Option(None, "--curp", metavar="CURP", help='CURP ("" la borra).'),
    rfc: str | None = typer.Option(None, "--rfc", metavar="RFC", help='RFC ("" lo borra).'),
    forzar: bool = typer.Option(False, "--forzar", help="Guardar aunque el teléfono o email ya exista."),
) -> None:
    """Cambia los datos personales y de contacto de un cliente."""
    from a3tui import domain
    from a3tui.errors import DatoInvalido
    from a3tui.services import clientes

    cambios = (nombre, telefono, email, direccion, origen, referido_por, plaza, primer_contacto, curp, rfc)
    if all(v is None for v in cambios):
        raise DatoInvalido("Indica qué cambiar, por ejemplo --telefono o --email.")
    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.resolve(ctx, ref)
        clientes.edit(
            ctx,
            cliente,
            nombre=nombre,
            telefonos=telefono,
            email=email,
            direccion=direccion,
            origen=origen,
            referido_por=referido_por,
            plaza=plaza,
            primer_contacto=domain.parse_fecha(primer_contacto, ctx.hoy, pasado=True) if primer_contacto else None,
            curp=curp,
            rfc=rfc,
            forzar=forzar,
        )
    echo(f"Cliente {cliente.id} {cliente.nombre} actualizado.")


@app.command(
    "etapa",
    epilog=(
        'Ejemplos: a3 cliente etapa perez cancelado --motivo "Compró con otra desarrolladora"'
        " · a3 cliente etapa perez prospecto"
    ),
)
def etapa(
    typer_ctx: typer.Context,
    ref: Ref,
    etapa: str = typer.Argument(..., metavar="ETAPA", help="prospecto, apartado, escriturado, entregado o cancelado."),
    motivo: str | None = typer.Option(
        None, "--motivo", "-m", metavar="TEXTO", help="Motivo (obligatorio al cancelar)."
    ),
) -> None:
    """Cambia la etapa de un cliente; queda registrado en su historial."""
    from a3tui import domain
    from a3tui.services import clientes

    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.resolve(ctx, ref)
        anterior = cliente.etapa
        clientes.cambiar_etapa(ctx, cliente, etapa, motivo)
        siguiente = domain.en_dias(cliente.proximo_contacto, ctx.hoy)
    echo(f"{cliente.nombre}: {anterior.value} → {cliente.etapa.value}. Próximo contacto: {siguiente}.")


@app.command("temperatura", epilog="Ejemplo: a3 cliente temperatura 12 caliente")
def temperatura(
    typer_ctx: typer.Context,
    ref: Ref,
    temperatura: str = typer.Argument(..., metavar="T", help="caliente, tibio o frío."),
) -> None:
    """Cambia la temperatura de un prospecto (cambia su frecuencia de seguimiento)."""
    from a3tui import domain
    from a3tui.services import clientes

    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.resolve(ctx, ref)
        clientes.cambiar_temperatura(ctx, cliente, temperatura)
        siguiente = domain.en_dias(cliente.proximo_contacto, ctx.hoy)
        temperatura = cliente.temperatura.value if cliente.temperatura else ""
    echo(f"{cliente.nombre} ahora es {temperatura}. Próximo contacto: {siguiente}.")


@app.command(
    "paso",
    epilog="Ejemplos: a3 cliente paso perez · a3 cliente paso perez credito · a3 cliente paso perez credito --no",
)
def paso(
    typer_ctx: typer.Context,
    ref: Ref,
    clave: str | None = typer.Argument(None, metavar="PASO", help="El paso a marcar (sin él, lista los pasos)."),
    no: bool = typer.Option(False, "--no", help="Desmarcarlo."),
    json: Json = False,
) -> None:
    """Muestra qué hacer en la etapa del cliente (según la guía) y marca a mano un paso hecho."""
    from a3tui.services import clientes, etapas

    with contexto(typer_ctx, escritura=clave is not None) as ctx:
        cliente = clientes.resolve(ctx, ref)
        if clave is not None:
            etapas.marcar(ctx, cliente, clave, not no)
        pasos = etapas.pasos(ctx, cliente)
    if json:
        print_json(
            lista_json(
                "pasos",
                [{"paso": p.clave, "texto": p.texto, "hecho": p.hecho, "automatico": p.automatico} for p in pasos],
                cliente={"id": cliente.id, "nombre": cliente.nombre, "etapa": cliente.etapa},
            )
        )
        return
    echo(f"Qué hacer con {cliente.nombre} ({cliente.etapa.value}):")
    for p in pasos:
        origen = " (a3 lo sabe)" if p.automatico else ""
        echo(f"  {'✓' if p.hecho else '·'} {p.texto}  [{p.clave}]{origen}")


@app.command(
    "transferir",
    epilog='Ejemplo: a3 cliente transferir perez luis --motivo "Vive en Saltillo, Luis atiende esa zona"',
)
def transferir(
    typer_ctx: typer.Context,
    ref: Ref,
    asesor: str = typer.Argument(..., metavar="ASESOR", help="Login o nombre del asesor que lo recibe."),
    motivo: str = typer.Option(..., "--motivo", metavar="TEXTO", help="Por qué (obligatorio)."),
) -> None:
    """Transfiere un cliente a otro asesor: la de un coordinador es inmediata; la tuya espera su aprobación."""
    from a3tui.domain import EstadoTransferencia
    from a3tui.services import asesores, clientes, transferencias

    with contexto(typer_ctx, escritura=True) as ctx:
        cliente = clientes.resolve(ctx, ref)
        destino = asesores.buscar(ctx, asesor)
        t = transferencias.transferir(ctx, cliente, destino, motivo)
    if t.estado == EstadoTransferencia.APROBADA:
        echo(f"{cliente.nombre} ahora es cliente de {destino.nombre} (transferencia {t.id}).")
    else:
        echo(
            f"Transferencia {t.id} pedida: {cliente.nombre} pasará a {destino.nombre} cuando un coordinador la apruebe."
        )


@app.command("duplicados", epilog="Ejemplos: a3 cliente duplicados · a3 cliente duplicados --asesor plaza --json")
def duplicados(
    typer_ctx: typer.Context,
    asesor: str | None = typer.Option(
        None, "--asesor", metavar="LOGIN", help="Buscar entre los clientes de otro asesor o de la «plaza»."
    ),
    limite: int = typer.Option(50, "--limite", "-n", metavar="N", help="Máximo de pares."),
    json: Json = False,
) -> None:
    """Busca clientes que probablemente son la misma persona: mismo teléfono o email, o nombres muy parecidos."""
    from a3tui import domain
    from a3tui.services import asesores, fusion

    with contexto(typer_ctx, escritura=False) as ctx:
        pares = fusion.duplicados(asesores.ver(ctx, asesor), limite=domain.check_limite(limite))
    if json:
        print_json(
            lista_json(
                "duplicados",
                [
                    {
                        "a": {"id": p.a.id, "nombre": p.a.nombre},
                        "b": {"id": p.b.id, "nombre": p.b.nombre},
                        "puntaje": p.puntaje,
                        "razon": p.razon,
                    }
                    for p in pares
                ],
            )
        )
        return
    if not pares:
        echo("No encontré clientes duplicados.")
        return
    for p in pares:
        echo(f"{p.puntaje:>3}%  {p.a.id} {p.a.nombre}  ↔  {p.b.id} {p.b.nombre}  ({p.razon})")
    echo("Para unir dos: a3 cliente fusionar QUEDA OTRO (un coordinador).")


@app.command(
    "fusionar",
    epilog="Ejemplos: a3 cliente fusionar 12 47 · a3 cliente fusionar 12 47 --tomar email --tomar direccion --si",
)
def fusionar(
    typer_ctx: typer.Context,
    sobreviviente: str = typer.Argument(..., metavar="QUEDA", help="El cliente que se queda (id o nombre)."),
    otro: str = typer.Argument(..., metavar="OTRO", help="El duplicado que se une a él."),
    tomar: list[str] | None = typer.Option(
        None, "--tomar", metavar="CAMPO", help="Usar el dato del otro (nombre, email, direccion…); se puede repetir."
    ),
    si: bool = typer.Option(False, "--si", help="No preguntar."),
) -> None:
    """Fusiona dos registros del mismo cliente (coordinador): todo lo del otro pasa al que queda; nada se borra."""
    import sys

    from a3tui.errors import DatoInvalido
    from a3tui.services import clientes, fusion

    campos = tuple(t.strip().lower() for t in tomar or [])
    # The plan is read (and shown) outside the write transaction: the question never holds the database.
    with contexto(typer_ctx, escritura=False) as ctx:
        queda, se_une = fusion.registro(ctx, sobreviviente), fusion.registro(ctx, otro)
        plan = fusion.plan(ctx, queda, se_une, campos)
    # A name may end in a period («Juan P. G.»): the sentence doesn't add a second one.
    echo(f"Queda {queda.id} {queda.nombre}; se le une {se_une.id} {se_une.nombre}".rstrip(".") + ".")
    echo(plan.que_pasa)
    if plan.documentos_repetidos:
        echo(f"{plan.documentos_repetidos} documento(s) idénticos a los suyos se quedan con el registro fusionado.")
    for campo, (a, b) in plan.diferencias.items():
        gana = b if campo in campos else a
        echo(f"  {fusion.CAMPOS[campo]}: {a} / {b} → queda {gana}")
    if not si:
        if not sys.stdin.isatty():
            raise DatoInvalido("Para fusionar sin preguntar usa --si.")
        if input("¿Fusionar? [s/N] ").strip().lower() not in ("s", "si", "sí"):
            echo("No se fusionó nada.")
            return
    with contexto(typer_ctx, escritura=True) as ctx:
        fusion.fusionar(ctx, clientes.get(ctx, queda.id or 0), clientes.get(ctx, se_une.id or 0), campos)
    echo(f"Listo: {se_une.id} se fusionó en {queda.id} {queda.nombre}; el id {se_une.id} ahora lleva a él.")
