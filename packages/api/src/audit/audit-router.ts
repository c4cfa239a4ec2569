import { z } from 'zod';

import { t } from '../trpc/init';
import { operatorProcedure } from '../trpc/procedures';
import { pageInput, recordId } from '../contract/fields';
import { auditEventTypes } from './audit-event-types';
import { exportAuditEventsCsv, impersonationsPerDay, queryAuditEvents } from './audit-query';

const filterInput = z.object({
  type: z.enum(auditEventTypes).optional(),
  actor: z.string().trim().max(200).optional(),
  actorUserId: recordId.optional(),
  customer: z.string().trim().max(200).optional(),
  targetCoworkerId: recordId.optional(),
  locationId: recordId.optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});

/** Operators: the audit trail of their locations. */
export const auditRouter = t.router({
  types: operatorProcedure.query(() => [...auditEventTypes]),
  list: operatorProcedure
    .input(filterInput.extend(pageInput))
    .query(({ ctx, input: { page, pageSize, ...filter } }) =>
      queryAuditEvents(ctx, ctx.actor, filter, { page, pageSize }),
    ),
  exportCsv: operatorProcedure
    .input(filterInput)
    .query(async ({ ctx, input }) => ({ csv: await exportAuditEventsCsv(ctx, ctx.actor, input) })),
  impersonationsPerDay: operatorProcedure
    .input(z.object({ days: z.number().int().min(1).max(365).default(30) }).default({ days: 30 }))
    .query(({ ctx, input }) => impersonationsPerDay(ctx, ctx.actor, input.days)),
});
