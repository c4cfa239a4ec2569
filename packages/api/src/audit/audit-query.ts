import { Prisma } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { viewableLocations, type Actor } from '../sessions/actor';
import { containsText, nameOrEmailContains } from '../text-search';

export interface AuditFilter {
  type?: string;
  /** Matches the actor's name or e-mail. */
  actor?: string;
  actorUserId?: number;
  /** Matches the customer's name or e-mail. */
  customer?: string;
  targetCoworkerId?: number;
  locationId?: number;
  from?: Date;
  to?: Date;
}

const eventSelect = {
  id: true,
  type: true,
  occurredAt: true,
  ip: true,
  data: true,
  impersonationId: true,
  actorUser: { select: { id: true, fullName: true, email: true } },
  targetCoworker: { select: { id: true, fullName: true, email: true } },
  location: { select: { id: true, name: true } },
} satisfies Prisma.AuditEventSelect;

function whereFor(actor: Actor, filter: AuditFilter): Prisma.AuditEventWhereInput {
  const scope = viewableLocations(actor);
  return {
    AND: [
      // Location-bound operators see their locations' events only; events without a location
      // (sign-ins) belong to OWNERs.
      scope === 'all' ? {} : { locationId: { in: scope } },
      filter.locationId !== undefined ? { locationId: filter.locationId } : {},
      filter.type ? { type: filter.type } : {},
      filter.actorUserId !== undefined ? { actorUserId: filter.actorUserId } : {},
      filter.targetCoworkerId !== undefined ? { targetCoworkerId: filter.targetCoworkerId } : {},
      filter.actor
        ? {
            actorUser: {
              OR: [{ fullName: containsText(filter.actor) }, { email: containsText(filter.actor) }],
            },
          }
        : {},
      filter.customer ? { targetCoworker: nameOrEmailContains(filter.customer) } : {},
      filter.from || filter.to
        ? {
            occurredAt: {
              ...(filter.from ? { gte: filter.from } : {}),
              ...(filter.to ? { lte: filter.to } : {}),
            },
          }
        : {},
    ],
  };
}

export async function queryAuditEvents(
  ctx: ServiceContext,
  actor: Actor,
  filter: AuditFilter,
  page: { page: number; pageSize: number },
) {
  const where = whereFor(actor, filter);
  const [total, rows] = await Promise.all([
    ctx.db.auditEvent.count({ where }),
    ctx.db.auditEvent.findMany({
      where,
      orderBy: { id: 'desc' },
      skip: (page.page - 1) * page.pageSize,
      take: page.pageSize,
      select: eventSelect,
    }),
  ]);
  return { rows: rows.map((row) => ({ ...row, id: row.id.toString() })), total, ...page };
}

const exportLimit = 50_000;

/** The filtered log as CSV (newest first, at most 50,000 rows), safe to open in a spreadsheet. */
export async function exportAuditEventsCsv(ctx: ServiceContext, actor: Actor, filter: AuditFilter) {
  const rows = await ctx.db.auditEvent.findMany({
    where: whereFor(actor, filter),
    orderBy: { id: 'desc' },
    take: exportLimit,
    select: eventSelect,
  });
  const header = [
    'id',
    'occurredAt',
    'type',
    'actorEmail',
    'actorName',
    'customerId',
    'customerName',
    'location',
    'impersonationId',
    'ip',
    'data',
  ];
  const lines = rows.map((row) =>
    [
      row.id.toString(),
      row.occurredAt.toISOString(),
      row.type,
      row.actorUser?.email ?? '',
      row.actorUser?.fullName ?? '',
      row.targetCoworker?.id.toString() ?? '',
      row.targetCoworker?.fullName ?? '',
      row.location?.name ?? '',
      row.impersonationId ?? '',
      row.ip ?? '',
      row.data === null ? '' : JSON.stringify(row.data),
    ]
      .map(csvField)
      .join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

function csvField(value: string): string {
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Impersonations started per day over the last `days` days, for the admin chart. */
export async function impersonationsPerDay(ctx: ServiceContext, actor: Actor, days = 30) {
  const scope = viewableLocations(actor);
  const since = new Date(ctx.now().getTime() - days * 86_400_000);
  const locationClause =
    scope === 'all'
      ? Prisma.empty
      : Prisma.sql`AND "locationId" IN (${Prisma.join(scope.length ? scope : [-1])})`;
  const counts = await ctx.db.$queryRaw<Array<{ day: Date; count: bigint }>>`
    SELECT date_trunc('day', "occurredAt") AS day, count(*) AS count
    FROM "AuditEvent"
    WHERE type = 'IMPERSONATION_EXCHANGED' AND "occurredAt" >= ${since} ${locationClause}
    GROUP BY 1 ORDER BY 1`;
  return counts.map((row) => ({
    day: row.day.toISOString().slice(0, 10),
    count: Number(row.count),
  }));
}
