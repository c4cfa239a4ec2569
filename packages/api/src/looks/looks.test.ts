import { randomUUID } from 'node:crypto';

import { createPrismaClient, type PrismaClient } from '@hotdesk/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { adminRouter } from '../admin';
import { setLogSink } from '../logging/logger';
import { portalRouter } from '../portal';
import { type Actor } from '../sessions/actor';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { trpcCode, trpcTestContext } from '../../test/support/trpc-test-context';
import {
  recordLook,
  settleAllLookRecording,
  settleLookRecording,
  type Look,
} from './look-recorder';

let h: ApiTestHarness;
let bob: number;
let acme: number;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
  acme = (await h.db.team.findFirstOrThrow({ where: { name: 'Acme' } })).id;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const portalAs = (actor: Actor) =>
  portalRouter.createCaller(trpcTestContext(h, 'portal', actor).ctx);
const adminAs = (actor: Actor) => adminRouter.createCaller(trpcTestContext(h, 'admin', actor).ctx);

/** An operator's view of bob, through the REST contract: its bearer and its caller. */
async function viewBob(operator = 'owner@hotdesk.test') {
  const view = await impersonateViaRest(h, operator, bob);
  return { ...view, actor: await h.actorOf(view.accessToken) };
}

/** What was recorded of one view, once the queue is written. */
async function looksOf(impersonationId: string) {
  await settleLookRecording(h.db);
  return h.db.lookRecord.findMany({
    where: { impersonationId },
    orderBy: { id: 'asc' },
    select: {
      what: true,
      objectIds: true,
      summary: true,
      subject: true,
      outcome: true,
      targetCoworkerId: true,
    },
  });
}

describe('reads served to an impersonated session', () => {
  it('are recorded by the server for tRPC queries called directly, with what, ids, subject and outcome', async () => {
    const view = await viewBob();
    const portal = portalAs(view.actor);

    await portal.teams.mine({});
    expect(await trpcCode(portal.teams.administered({ teamId: acme }))).toBe('FORBIDDEN');
    await portal.invoices.list({});
    const overdue = await h.db.invoice.findUniqueOrThrow({ where: { number: 'INV-0042' } });
    await portal.invoices.get({ invoiceId: overdue.id });

    expect(await looksOf(view.impersonationId)).toEqual([
      {
        what: 'teams.mine',
        objectIds: null,
        summary: 'viewed your teams',
        subject: null,
        outcome: 'OK',
        targetCoworkerId: bob,
      },
      {
        what: 'teams.administered',
        objectIds: { teamId: acme },
        summary: 'opened your team',
        subject: null,
        outcome: 'FORBIDDEN',
        targetCoworkerId: bob,
      },
      {
        what: 'invoices.list',
        objectIds: null,
        summary: 'viewed your invoices',
        subject: null,
        outcome: 'OK',
        targetCoworkerId: bob,
      },
      {
        what: 'invoices.get',
        objectIds: { invoiceId: overdue.id },
        summary: 'opened',
        subject: 'INV-0042',
        outcome: 'OK',
        targetCoworkerId: bob,
      },
    ]);
  });

  it('are recorded for REST GETs, and a refused read says why', async () => {
    const view = await viewBob();

    expect(
      (await h.rest('GET', '/api/public/coworkers/profiles', { bearer: view.accessToken })).status,
    ).toBe(200);
    const grant = await h.rest('GET', `/api/public/coworkers/${bob}/impersonate`, {
      bearer: view.accessToken,
    });
    expect(grant.status).toBe(403);

    expect(await looksOf(view.impersonationId)).toEqual([
      {
        what: 'GET /api/public/coworkers/profiles',
        objectIds: null,
        summary: 'viewed your profile',
        subject: null,
        outcome: 'OK',
        targetCoworkerId: bob,
      },
      {
        what: 'GET /api/public/coworkers/{coworkerId}/impersonate',
        objectIds: { coworkerId: String(bob) },
        summary: null,
        subject: null,
        outcome: 'FORBIDDEN',
        targetCoworkerId: bob,
      },
    ]);
  });

  it('are not recorded for anyone acting as themselves', async () => {
    const before = await h.db.lookRecord.count();
    const member = await h.signIn('bob@example.com');

    await portalAs(member.actor).teams.mine({});
    await portalAs(member.actor).impersonation.accountActivity();
    await h.rest('GET', '/api/public/coworkers/profiles', { bearer: member.accessToken });
    await settleLookRecording(h.db);

    expect(await h.db.lookRecord.count()).toBe(before);
  });
});

describe('the recorder', () => {
  let counted: PrismaClient;
  const sent: string[] = [];

  beforeAll(() => {
    counted = createPrismaClient({ url: h.url, max: 2, observeStatement: (sql) => sent.push(sql) });
  });

  afterAll(async () => {
    await counted.$disconnect();
  });

  const lookAt = (impersonationId: string, what: string): Look => ({
    impersonationId,
    targetCoworkerId: bob,
    at: new Date(),
    what,
    objectIds: { id: what },
    summary: null,
    subject: null,
    outcome: 'OK',
  });

  it('writes the looks queued together in one INSERT', async () => {
    const view = await viewBob();
    sent.length = 0;

    for (const what of ['a', 'b', 'c', 'd', 'e'])
      recordLook(counted, lookAt(view.impersonationId, what));
    expect(sent).toEqual([]);
    await settleLookRecording(counted);

    expect(sent.filter((sql) => /INSERT INTO "LookRecord"/.test(sql))).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect((await looksOf(view.impersonationId)).map((look) => look.what)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('writes what every client of the process still holds at shutdown', async () => {
    const view = await viewBob();
    recordLook(counted, lookAt(view.impersonationId, 'pages'));
    recordLook(h.db, lookAt(view.impersonationId, 'rest'));

    await settleAllLookRecording();

    expect(await h.db.lookRecord.count({ where: { impersonationId: view.impersonationId } })).toBe(
      2,
    );
  });

  it('drops a batch the database refuses, says so in the log, and goes on with the next', async () => {
    const view = await viewBob();
    const lines: string[] = [];
    const previous = setLogSink((line) => lines.push(line));
    try {
      // A grant that does not exist: the database refuses the whole batch.
      recordLook(counted, lookAt('00000000-0000-4000-8000-000000000000', 'lost'));
      await settleLookRecording(counted);
      recordLook(counted, lookAt(view.impersonationId, 'kept'));
      await settleLookRecording(counted);
    } finally {
      setLogSink(previous);
    }

    const dropped = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(dropped).toContainEqual(
      expect.objectContaining({ level: 'warn', event: 'looks.dropped', looks: 1 }),
    );
    expect(await h.db.lookRecord.count({ where: { what: 'lost' } })).toBe(0);
    expect((await looksOf(view.impersonationId)).map((look) => look.what)).toEqual(['kept']);
  });

  it('tries a refused batch again after a pause, and keeps it once the database takes it', async () => {
    const view = await viewBob();
    const {
      id: _id,
      sessionId: _session,
      ...grant
    } = await h.db.impersonation.findUniqueOrThrow({
      where: { id: view.impersonationId },
    });
    const lateGrantId = randomUUID();
    const lines: Array<Record<string, unknown>> = [];
    const previous = setLogSink((line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    try {
      // The grant the look names does not exist yet: the first write is refused.
      recordLook(counted, lookAt(lateGrantId, 'late'));
      await vi.waitFor(
        () =>
          expect(lines).toContainEqual(expect.objectContaining({ event: 'looks.write_failed' })),
        { timeout: 5_000, interval: 50 },
      );
      await h.db.impersonation.create({ data: { ...grant, id: lateGrantId } });
      // No settling here: the recorder's own retry, after its pause, must write it.
      await vi.waitFor(
        async () => expect(await h.db.lookRecord.count({ where: { what: 'late' } })).toBe(1),
        { timeout: 5_000, interval: 100 },
      );
    } finally {
      setLogSink(previous);
    }

    expect(lines.filter((line) => line.event === 'looks.write_failed')).toEqual([
      expect.objectContaining({ level: 'warn', looks: 1, attempt: 1 }),
    ]);
    expect(lines.map((line) => line.event)).not.toContain('looks.dropped');
  });
});

describe('the timeline of an impersonation', () => {
  it('lists its start, every read and refused change, and its end, in order', async () => {
    const view = await viewBob('admin@downtown.hotdesk.test');
    const portal = portalAs(view.actor);
    // Steps a few milliseconds apart, as a person's clicks are: times are kept to the millisecond.
    const step = () => h.advanceClock(5);
    step();
    await portal.me();
    await portal.me();
    step();
    await portal.teams.mine({});
    step();
    expect(
      await trpcCode(portal.profiles.updateDetails({ fullName: 'Not Bob', companyName: '' })),
    ).toBe('FORBIDDEN');
    step();
    await portal.impersonation.exit();
    await settleLookRecording(h.db);

    const operator = await h.signIn('admin@downtown.hotdesk.test', 'ADMIN');
    const timeline = await adminAs(operator.actor).impersonation.timeline({
      impersonationId: view.impersonationId,
    });

    expect(timeline.impersonation).toMatchObject({ id: view.impersonationId, status: 'ended' });
    expect(
      timeline.entries.map((entry) =>
        entry.kind === 'event' ? entry.type : `${entry.what} ×${entry.times}`,
      ),
    ).toEqual([
      'IMPERSONATION_GRANTED',
      'IMPERSONATION_EXCHANGED',
      'me ×2',
      'teams.mine ×1',
      'IMPERSONATION_MUTATION_DENIED',
      'IMPERSONATION_EXITED',
    ]);
    expect(timeline.looksTruncated).toBe(false);
  });

  it('is refused to operators of other locations as if it did not exist', async () => {
    const view = await viewBob('admin@downtown.hotdesk.test');
    const riverside = await h.signIn('admin@riverside.hotdesk.test', 'ADMIN');
    const admin = adminAs(riverside.actor);

    expect(
      await trpcCode(admin.impersonation.timeline({ impersonationId: view.impersonationId })),
    ).toBe('NOT_FOUND');
    expect(
      await trpcCode(
        admin.impersonation.timeline({ impersonationId: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).toBe('NOT_FOUND');
    const owner = await h.signIn('owner@hotdesk.test', 'ADMIN');
    expect(
      await trpcCode(
        adminAs(owner.actor).impersonation.timeline({ impersonationId: view.impersonationId }),
      ),
    ).toBe('OK');
  });
});
