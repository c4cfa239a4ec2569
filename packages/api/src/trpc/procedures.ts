import { recordAuditEvent } from '../audit/record-audit-event';
import { viewChangeRefusal } from '../impersonation/rules';
import { forbidden, HotdeskError, unauthenticated } from '../errors';
import { lookOfRead, outcomeOf } from '../looks/look-of-read';
import { recordLook } from '../looks/look-recorder';
import { refuseNulCharacters } from '../validation/nul-character';
import { domainErrors, t } from './init';

// Cookie-authenticated mutations must come from the app's own pages: a cross-site form or
// fetch cannot act with the user's cookie, and sign-in cannot be forged either.
const sameOriginMutations = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && !ctx.sameOrigin) {
    throw forbidden('Cross-site request refused.');
  }
  return next();
});

// Read-only impersonations may look but not touch (rules/); the refusal itself is on the record.
const readOnlyImpersonation = t.middleware(async ({ ctx, type, meta, path, next }) => {
  const refusal = viewChangeRefusal(ctx.actor?.impersonation ?? null);
  if (type === 'mutation' && refusal && !meta?.allowInReadOnly) {
    await recordAuditEvent(ctx.db, {
      type: 'IMPERSONATION_MUTATION_DENIED',
      actor: ctx.actor,
      data: { procedure: path },
      request: ctx.request,
      at: ctx.now(),
    });
    throw new HotdeskError('READ_ONLY_SESSION', refusal.message);
  }
  return next();
});

// Every read served to a view is on the record, for the member and the operators (looks/):
// queued after the answer, written later in a batch. Anyone else's request does nothing here.
const recordViewReads = t.middleware(async ({ ctx, type, path, meta, getRawInput, next }) => {
  const view = ctx.actor?.impersonation;
  if (!view || type !== 'query') return next();
  const at = ctx.now();
  const result = await next();
  const input = await getRawInput().catch(() => undefined);
  recordLook(
    ctx.db,
    lookOfRead(view, {
      at,
      what: path,
      input,
      look: meta?.look,
      output: result.ok ? result.data : undefined,
      outcome: result.ok ? 'OK' : outcomeOf(result.error),
    }),
  );
  return result;
});

// Before any input schema runs: PostgreSQL cannot store U+0000, so no string field may carry it.
const refuseNulInput = t.middleware(async ({ getRawInput, next }) => {
  refuseNulCharacters(await getRawInput());
  return next();
});

export const publicProcedure = t.procedure
  .use(domainErrors)
  .use(recordViewReads)
  .use(sameOriginMutations)
  .use(refuseNulInput)
  .use(readOnlyImpersonation);

/** Any signed-in caller of this app, impersonated sessions included. */
export const sessionProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.actor) throw unauthenticated();
  return next({ ctx: { actor: ctx.actor } });
});

/** A person acting as themselves: never an impersonated session. */
export const ownSessionProcedure = sessionProcedure.use(({ ctx, next }) => {
  if (ctx.actor.impersonation) {
    throw forbidden('Not available while viewing as someone else.');
  }
  return next({ ctx: { actor: ctx.actor } });
});

/** Staff of at least one location (VIEWER included; services narrow further). */
export const operatorProcedure = ownSessionProcedure.use(({ ctx, next }) => {
  if (ctx.actor.operatorRoles.length === 0) throw unauthenticated('Operators only.');
  return next({ ctx: { actor: ctx.actor } });
});
