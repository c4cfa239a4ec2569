import { createPrismaClient, DEMO_PASSWORD, type PrismaClient } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { auditSealingQuiet, sealAuditChainNow, settleAuditSealing } from '../audit/audit-sealer';
import { attachAuditTrail, auditTrailOf } from '../audit/audit-trail';
import { type ServiceContext } from '../context';
import { settleLookRecording } from '../looks/look-recorder';
import { portalRouter } from '../portal';
import { authenticateAccessToken } from '../sessions/authenticate';
import { signInWithPassword } from '../sessions/sign-in';
import { listMyTeams } from '../teams/team-service';
import { trpcTestContext } from '../../test/support/trpc-test-context';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { dispatchRestRequest } from './rest-router';

/*
 * The hot path's statements are a budget, not an accident. Every statement the pool sends
 * (Prisma's and raw ones, BEGIN and COMMIT included) is counted at the driver, for each step of
 * the flow a client goes through, together with the deferred work the step sets off (the audit
 * sealer, the look recorder) until the system is quiet. A count is deterministic; timings stay
 * out of tests.
 */

const budgets = {
  authenticate: 1,
  grant: 3,
  exchange: 3,
  profiles: 2,
};

let h: ApiTestHarness;
let counted: PrismaClient;
let ctx: ServiceContext;
let bob: number;
const sent: string[] = [];

beforeAll(async () => {
  h = await startApiTestHarness();
  counted = createPrismaClient({ url: h.url, max: 5, observeStatement: (sql) => sent.push(sql) });
  const trail = auditTrailOf(h.ctx.db);
  // Checkpoints are written once an interval whatever the traffic, not per step: kept out.
  attachAuditTrail(counted, {
    ...trail,
    checkpoints: { ...trail.checkpoints, intervalMs: 3_600_000 },
  });
  ctx = { ...h.ctx, db: counted };
  bob = await h.coworkerIdOf('bob@example.com');
  // The process's first pass reads the whole queue and its first checkpoint is immediate;
  // every later pass knows the head, and the next checkpoint is an hour away.
  await sealAuditChainNow(counted);
  await signIn('carol@example.com');
  await settleAuditSealing(counted);
}, 120_000);

/** Signs in through the counted client, so its sealer is the only one moving the chain. */
async function signIn(email: string): Promise<{ accessToken: string }> {
  return signInWithPassword(ctx, {
    email,
    password: DEMO_PASSWORD,
    audience: 'PORTAL',
    transport: 'bearer',
  });
}

afterAll(async () => {
  await settleAuditSealing(counted);
  await counted.$disconnect();
  await h?.close();
});

interface Measured<T> {
  result: T;
  /** Sent for the step, deferred work included, but not the look recorder's. */
  statements: string[];
  /** The look recorder's batch writes the step set off (deferred: never on the request path). */
  lookWrites: number;
  /** Transactions committed on the request's own path (the sealer's are deferred work). */
  commits: number;
}

const isWrite = (sql: string) =>
  /^\s*(insert|update|delete|with\b[\s\S]*\b(insert|update|delete)\b)/i.test(sql);
// Authentication's coarse last-seen write (at most one per half minute) is its own allowance.
const isLastSeenTouch = (sql: string) => /UPDATE "Session" SET "lastSeenAt"/.test(sql);
const isLookWrite = (sql: string) => /INSERT INTO "LookRecord"/.test(sql);
const isSealer = (sql: string) =>
  /AuditChainLink|AuditSealQueue.*DELETE|pg_try_advisory_xact_lock/i.test(sql);

/** Runs one step and counts what it sent, and what it set off, until everything is quiet. */
async function measure<T>(step: () => Promise<T>): Promise<Measured<T>> {
  await auditSealingQuiet(counted);
  await settleLookRecording(counted);
  sent.length = 0;
  const result = await step();
  await auditSealingQuiet(counted);
  await settleLookRecording(counted);
  const statements = sent.filter((sql) => !isLookWrite(sql));
  const lookWrites = sent.length - statements.length;
  let inTransaction = false;
  let commits = 0;
  let sealing = false;
  for (const sql of statements) {
    if (/^\s*begin/i.test(sql)) inTransaction = true;
    else if (/^\s*(commit|rollback)/i.test(sql)) {
      if (/^\s*commit/i.test(sql) && !sealing) commits += 1;
      inTransaction = false;
      sealing = false;
    } else if (isSealer(sql)) sealing = true;
    else if (!inTransaction && isWrite(sql) && !isLastSeenTouch(sql)) commits += 1;
  }
  return { result, statements, lookWrites, commits };
}

async function rest(
  method: string,
  path: string,
  options: { bearer?: string; query?: Record<string, string | number> } = {},
) {
  const url = new URL(path, 'http://portal.test');
  for (const [key, value] of Object.entries(options.query ?? {}))
    url.searchParams.set(key, String(value));
  const headers = new Headers();
  if (options.bearer) headers.set('Authorization', `Bearer ${options.bearer}`);
  const response = await dispatchRestRequest(ctx, new Request(url, { method, headers }));
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function report(step: string, measured: Measured<unknown>) {
  // Shown when a budget breaks: which statements went over.
  return `${step}: ${measured.statements.length} statements\n${measured.statements
    .map((sql, i) => `  ${i + 1}. ${sql.replace(/\s+/g, ' ').slice(0, 160)}`)
    .join('\n')}`;
}

describe('the statements of one impersonation flow, step by step', () => {
  it('stays within budget for an operator: authenticate, grant, exchange, profiles, and a view’s own requests', async () => {
    const owner = await signIn('owner@hotdesk.test');

    const auth = await measure(() => authenticateAccessToken(ctx, owner.accessToken, 'PORTAL'));
    expect(auth.result).not.toBeNull();
    expect(auth.statements.length, report('authenticate', auth)).toBeLessThanOrEqual(
      budgets.authenticate,
    );

    const grant = await measure(() =>
      rest('GET', '/api/sys/users/impersonate', {
        bearer: owner.accessToken,
        query: { coworkerId: bob },
      }),
    );
    expect(grant.result.status).toBe(200);
    // Authentication included: the grant's facts are read in the authenticating statement.
    expect(grant.statements.length, report('grant', grant)).toBeLessThanOrEqual(budgets.grant);
    expect(grant.commits, report('grant', grant)).toBe(1);

    const exchange = await measure(() =>
      rest('POST', '/api/sys/users/exchange', {
        query: { token: String(grant.result.json.token), validForInMinutes: 30 },
      }),
    );
    expect(exchange.result.status).toBe(200);
    expect(exchange.statements.length, report('exchange', exchange)).toBeLessThanOrEqual(
      budgets.exchange,
    );
    expect(exchange.commits, report('exchange', exchange)).toBe(1);
    const viewBearer = String(exchange.result.json.token);

    const profiles = await measure(() =>
      rest('GET', '/api/public/coworkers/profiles', { bearer: viewBearer }),
    );
    expect(profiles.result.status).toBe(200);
    expect(profiles.statements.length, report('profiles (a view)', profiles)).toBeLessThanOrEqual(
      budgets.profiles,
    );
    // The view's read is on the record: one statement, written later, beside the budget.
    expect(profiles.lookWrites).toBe(1);

    const viewAuth = await measure(() => authenticateAccessToken(ctx, viewBearer, 'PORTAL'));
    expect(viewAuth.result?.impersonation).not.toBeNull();
    expect(
      viewAuth.statements.length,
      report('authenticate (a view)', viewAuth),
    ).toBeLessThanOrEqual(budgets.authenticate);
  });

  it('stays within budget for a member’s own profiles GET', async () => {
    const carol = await signIn('carol@example.com');
    const profiles = await measure(() =>
      rest('GET', '/api/public/coworkers/profiles', { bearer: carol.accessToken }),
    );
    expect(profiles.result.status).toBe(200);
    expect(profiles.statements.length, report('profiles', profiles)).toBeLessThanOrEqual(
      budgets.profiles,
    );
    // Nobody records what members read of their own account: not one statement more.
    expect(profiles.lookWrites).toBe(0);
  });

  it('sends nothing more for a member’s own tRPC read than its service does, and one deferred write for a view’s', async () => {
    const page = { page: 1, pageSize: 25 };
    const readTeams = async (accessToken: string) => {
      const actor = (await authenticateAccessToken(ctx, accessToken, 'PORTAL'))!;
      const portal = portalRouter.createCaller({
        ...trpcTestContext(h, 'portal', actor).ctx,
        db: counted,
      });
      return {
        service: await measure(() => listMyTeams(ctx, actor, page)),
        procedure: await measure(() => portal.teams.mine(page)),
      };
    };

    const member = await readTeams((await signIn('alice@example.com')).accessToken);
    expect(member.procedure.statements).toEqual(member.service.statements);
    expect(member.procedure.lookWrites).toBe(0);

    const owner = await signIn('owner@hotdesk.test');
    const grant = await rest('GET', '/api/sys/users/impersonate', {
      bearer: owner.accessToken,
      query: { coworkerId: bob },
    });
    const exchange = await rest('POST', '/api/sys/users/exchange', {
      query: { token: String(grant.json.token), validForInMinutes: 30 },
    });
    const view = await readTeams(String(exchange.json.token));
    expect(view.procedure.statements).toEqual(view.service.statements);
    expect(view.procedure.lookWrites).toBe(1);
  });

  it('keeps the grant’s budget where full access needs a second approval and the member’s yes: the approval is read with the snapshot and used up by the write', async () => {
    const downtown = (await h.db.location.findUniqueOrThrow({ where: { webAddress: 'downtown' } }))
      .id;
    const userId = async (email: string) =>
      (await h.db.user.findUniqueOrThrow({ where: { email } })).id;
    const dana = await userId('admin@downtown.hotdesk.test');
    await h.db.locationPolicy.create({
      data: { locationId: downtown, fullAccessNeedsSecondApproval: true, askMemberFirst: true },
    });
    const approval = await h.db.accessRequest.create({
      data: {
        id: '5b0f7d1e-8f5e-4c51-9d0b-3a6f1c2e4d70',
        kind: 'OPERATOR',
        mode: 'FULL',
        requesterUserId: dana,
        targetCoworkerId: bob,
        locationId: downtown,
        expiresAt: new Date(h.ctx.now().getTime() + 30 * 60_000),
        status: 'APPROVED',
        secondApproverUserId: await userId('owner@hotdesk.test'),
        secondApprovedAt: h.ctx.now(),
        needsMemberConsent: true,
        memberApprovedAt: h.ctx.now(),
      },
    });
    try {
      const signedIn = await signIn('admin@downtown.hotdesk.test');
      const grant = await measure(() =>
        rest('GET', '/api/sys/users/impersonate', {
          bearer: signedIn.accessToken,
          query: { coworkerId: bob, mode: 'full', reason: 'Ticket 9' },
        }),
      );
      expect(grant.result.status).toBe(200);
      expect(grant.statements.length, report('approved grant', grant)).toBeLessThanOrEqual(
        budgets.grant,
      );
      expect(grant.commits, report('approved grant', grant)).toBe(1);
      const used = await h.db.accessRequest.findUniqueOrThrow({ where: { id: approval.id } });
      expect(used.status).toBe('USED');
    } finally {
      await h.db.locationPolicy.deleteMany();
    }
  });

  it('stays within budget for a team administrator’s grant and exchange', async () => {
    const alice = await signIn('alice@example.com');
    const grant = await measure(() =>
      rest('GET', `/api/public/coworkers/${bob}/impersonate`, { bearer: alice.accessToken }),
    );
    expect(grant.result.status).toBe(200);
    expect(grant.statements.length, report('team grant', grant)).toBeLessThanOrEqual(budgets.grant);
    const exchange = await measure(() =>
      rest('POST', '/api/sys/users/exchange', {
        query: { token: String(grant.result.json.token), validForInMinutes: 30 },
      }),
    );
    expect(exchange.result.status).toBe(200);
    expect(exchange.statements.length, report('team exchange', exchange)).toBeLessThanOrEqual(
      budgets.exchange,
    );
  });
});
