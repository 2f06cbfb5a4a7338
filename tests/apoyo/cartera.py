"""Fixed sample data for the app tests and snapshots, written through the services.

Clock: Monday 2026-11-23 10:00. Advisor «ana». Every client, activity and task is
dated relative to that clock, so the alerts, KPIs and «hace N días» never drift.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from a3tui import services
from a3tui.services import actividades, apartados, clientes, documentos, notas, propiedades, tareas
from a3tui.store import Store

AHORA = datetime(2026, 11, 23, 10, 0)


def _dias(n: int) -> datetime:
    return AHORA - timedelta(days=n)


def sembrar(store: Store, ahora: datetime = AHORA) -> dict[str, int]:
    """Write the sample portfolio; return the ids of the clients by short name."""
    ids: dict[str, int] = {}
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        hoy = ahora.date()

        def cliente(
            clave: str, nombre: str, telefono: str, *, email: str | None = None, dias: int = 30, **kw
        ) -> object:
            c = clientes.add(
                ctx, nombre, telefonos=[telefono], email=email, primer_contacto=hoy - timedelta(days=dias), **kw
            )
            ids[clave] = c.id
            return c

        jose = cliente(
            "jose",
            "José Ñúñez Pérez",
            "8123456789",
            email="jose.nunez@correo.mx",
            temperatura="caliente",
            origen="referido",
        )
        actividades.llamada(
            ctx, jose, "contestó-interesado", duracion_min=12, nota="Busca casa de 3 recámaras", fecha=_dias(5)
        )
        notas.add(ctx, jose, "Prefiere casas de 2 plantas.")
        notas.add(ctx, jose, "Solo puede pagar $10,000 de enganche.")

        maria = cliente("maria", "María Fernanda González", "5512345678", email="mafer@correo.mx", temperatura="tibio")
        actividades.mensaje(ctx, maria, contenido="Le envié el folleto", respondio=True, fecha=_dias(6))

        luis = cliente("luis", "Luis Ángel Treviño", "8187654321", temperatura="caliente", dias=10)
        actividades.llamada(ctx, luis, "contestó-llamar-después", fecha=_dias(1))

        carmen = cliente(
            "carmen", "Carmen Ríos Salinas", "3312345678", email="carmen.rios@correo.mx", temperatura="frío", dias=60
        )
        actividades.llamada(ctx, carmen, "no-contestó", fecha=_dias(25))

        cliente("pedro", "Pedro Garza Leal", "8111122233", temperatura="tibio", dias=20)

        ana_sofia = cliente(
            "sofia", "Ana Sofía Martínez", "4421234567", email="sofia.mtz@correo.mx", temperatura="caliente", dias=15
        )
        actividades.reunion(ctx, ana_sofia, "muy-interesado", lugar="sala de ventas", fecha=_dias(2))
        cumbres = propiedades.add(
            ctx, "CUM-A-12", desarrollo="Cumbres Elite", modelo="Roble", precio_centavos=125_000_000, recamaras=3,
            plantas=2, m2=120, direccion="Av. Cumbres 100, Monterrey",
        )  # fmt: skip
        apartados.crear(ctx, ana_sofia, cumbres, 2_500_000, fecha=hoy - timedelta(days=1))

        roberto = cliente("roberto", "Roberto Cantú Elizondo", "8199988877", temperatura="tibio", dias=90)
        valle = propiedades.add(
            ctx, "VAL-B-03", desarrollo="Valle Alto", modelo="Encino", precio_centavos=98_000_000, recamaras=2,
            plantas=1, m2=85,
        )  # fmt: skip
        apartado = apartados.crear(ctx, roberto, valle, 1_500_000, fecha=hoy - timedelta(days=60))
        documentos.add(ctx, roberto, "ine.jpg", b"\xff\xd8\xff\xe0 ine de roberto", "jpg", "ine")
        documentos.add(
            ctx, roberto, "luz.pdf", b"%PDF-1.4 recibo de roberto", "pdf", "comprobante-domicilio",
            fecha_documento=hoy - timedelta(days=20),
        )  # fmt: skip
        apartados.escriturar(ctx, apartado, fecha=hoy - timedelta(days=10))
        propiedades.add(
            ctx, "CUM-C-07", desarrollo="Cumbres Elite", modelo="Nogal", precio_centavos=168_000_000, recamaras=3,
            plantas=2, m2=150, direccion="Av. Cumbres 140, Monterrey",
        )  # fmt: skip
        actividades.email(ctx, roberto, asunto="Escrituras", contenido="Fecha de firma", fecha=_dias(3))

        lucia = cliente("lucia", "Lucía Herrera Villarreal", "8144455566", temperatura="tibio", dias=40)
        clientes.cambiar_etapa(ctx, lucia, "cancelado", "Compró con otra inmobiliaria")

        ernesto = cliente(
            "ernesto", "Ernesto Salazar Núñez", "8177766655", email="ernesto@correo.mx", temperatura="tibio", dias=8
        )
        actividades.llamada(ctx, ernesto, "contestó-interesado", fecha=_dias(6))

        tareas.add(
            ctx, "Enviar cotización de la casa modelo Olivo", hoy - timedelta(days=2), cliente=jose, prioridad="alta"
        )
        tareas.add(ctx, "Llamar para confirmar la visita del sábado", hoy, hora=time(16, 30), cliente=luis)
        tareas.add(ctx, "Preparar la carpeta de documentos", hoy, cliente=ana_sofia, prioridad="alta")
        tareas.add(ctx, "Revisar inventario del desarrollo Los Pinos", hoy + timedelta(days=2), prioridad="baja")
        tareas.add(ctx, "Dar seguimiento a la propuesta", hoy + timedelta(days=4), cliente=maria)
        hecha = tareas.add(ctx, "Confirmar cita en notaría", hoy - timedelta(days=1), cliente=roberto)
        tareas.done(ctx, hecha.id)
    return ids


def sembrar_muchos(store: Store, n: int, ahora: datetime = AHORA) -> None:
    """``n`` plain clients named «Cliente 00001»… (for paging tests)."""
    with store.session() as session:
        ctx = services.contexto(session, "ana", ahora)
        for i in range(n):
            clientes.add(ctx, f"Cliente {i:05d}", primer_contacto=date(2026, 11, 1))
