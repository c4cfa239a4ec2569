import { generateSigningJwk, loadKeySetFromJson, signMailLinkToken } from '@hotdesk/auth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { setLogSink, type LogSink } from '../logging/logger';
import { logger } from '../logging/logger';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { portalOverHttp, type TrpcAnswer } from '../../test/support/trpc-over-http';
import { reportUnexpectedView } from '../impersonation/report-unexpected-view';
import { issueMailLink } from './issue-mail-link';
import { readMailLink, spendMailLink } from './read-mail-link';

let h: ApiTestHarness;
let bob: number;
let erin: number;

const WEEK = 7 * 24 * 60 * 60;

beforeAll(async () => {
  h = await startApiTestHarness();
  bob = await h.coworkerIdOf('bob@example.com');
  erin = await h.coworkerIdOf('erin@example.com', 'riverside');
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** The token of the link the e-mail about this view would carry, for this member. */
async function reportLinkToken(impersonationId: string, coworkerId = bob): Promise<string> {
  const url = await issueMailLink(h.ctx, {
    purpose: 'report_view',
    coworkerId,
    subjectId: impersonationId,
    lifetimeSeconds: WEEK,
    now: h.ctx.now(),
  });
  const [page, token] = url.split('#');
  expect(page).toBe(`${h.ctx.config.portalUrl}/from-mail`);
  expect(url).not.toContain('?');
  return token!;
}

// The page calls both without a session: the link is the credential.
const anonymous = () => portalOverHttp(h, null);
const describeLink = (token: string) => anonymous().mutation('mailLinks.describe', { token });
const reportFromLink = (token: string, words?: string) =>
  anonymous().mutation<{ alreadyReported: boolean; viewEnded: boolean }>('mailLinks.reportView', {
    token,
    words,
  });

/** What the impersonated session gets on its next request, over the REST contract. */
async function nextRequestStatus(accessToken: string): Promise<number> {
  return (await h.rest('GET', '/api/public/coworkers/profiles', { bearer: accessToken })).status;
}

/** Everything a link could change. */
async function stateOf(impersonationId: string) {
  return {
    reports: await h.db.impersonationReport.count({ where: { impersonationId } }),
    spent: await h.db.spentMailLink.count(),
    events: await h.db.auditEvent.count({ where: { impersonationId } }),
    view: await h.db.impersonation.findUniqueOrThrow({
      where: { id: impersonationId },
      select: { endedAt: true, endedReason: true },
    }),
  };
}

function expectInvalid(answer: TrpcAnswer) {
  expect(answer.status).toBe(400);
  expect(answer.error?.data).toMatchObject({ field: 'token', reason: 'mail_link_invalid' });
  expect(answer.error?.message).toMatch(/^This link is not valid any more\./);
}

describe('a view e-mail’s "I did not expect this" link', () => {
  it('is described without a session, and describing changes nothing', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob, {
      reason: 'Checking a desk',
      mode: 'full',
    });
    const token = await reportLinkToken(view.impersonationId);
    const before = await stateOf(view.impersonationId);

    const answer = await describeLink(token);
    await describeLink(token);

    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({
      purpose: 'report_view',
      memberName: 'Bob Brown',
      viewerName: 'Olivia Owner',
      viewerRole: 'Staff',
      locationName: 'Downtown Hub',
      mode: 'FULL',
      reason: 'Checking a desk',
      live: true,
      alreadyReported: false,
      endedAt: null,
    });
    expect(await stateOf(view.impersonationId)).toEqual(before);
    expect(await nextRequestStatus(view.accessToken)).toBe(200);
  });

  it('ends a live view and records the report and its audit events, spending the link', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const token = await reportLinkToken(view.impersonationId);

    const answer = await reportFromLink(token, '  Not me.  ');

    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({ alreadyReported: false, viewEnded: true });
    expect(await nextRequestStatus(view.accessToken)).toBe(401);
    const report = await h.db.impersonationReport.findUniqueOrThrow({
      where: { impersonationId: view.impersonationId },
    });
    expect(report).toMatchObject({ coworkerId: bob, words: 'Not me.' });
    const events = await h.db.auditEvent.findMany({
      where: { impersonationId: view.impersonationId },
    });
    expect(events.find((event) => event.type === 'IMPERSONATION_REPORTED')).toMatchObject({
      actorUserId: null,
      actorCoworkerId: bob,
      data: { reportId: report.id, via: 'link', viewEnded: true },
    });
    expect(await h.db.spentMailLink.count()).toBeGreaterThan(0);
    const described = await describeLink(token);
    expect(described.error?.data.reason).toBe('mail_link_used');
  });

  it('spends the link in the report’s transaction: a report that fails leaves it unspent', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const token = await reportLinkToken(view.impersonationId);
    const link = await readMailLink(h.ctx, token, ['report_view']);
    const before = await stateOf(view.impersonationId);

    // Words PostgreSQL cannot store (the procedures refuse them at the door; the service is
    // called here directly so that the report's own insert fails after the spend).
    await expect(
      reportUnexpectedView(
        h.ctx,
        {
          via: 'link',
          coworkerId: bob,
          spendLink: (tx) => spendMailLink(tx, link, h.ctx.now()),
        },
        { impersonationId: view.impersonationId, words: 'bad\u0000words' },
      ),
    ).rejects.toBeTruthy();

    expect(await stateOf(view.impersonationId)).toEqual(before);
    const answer = await reportFromLink(token);
    expect(answer.data).toMatchObject({ alreadyReported: false, viewEnded: true });
  });

  it('refuses a used link with its own clear answer, and changes nothing more', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const token = await reportLinkToken(view.impersonationId);
    expect((await reportFromLink(token)).status).toBe(200);
    const before = await stateOf(view.impersonationId);

    const again = await reportFromLink(token, 'again');

    expect(again.status).toBe(400);
    expect(again.error?.data).toMatchObject({ field: 'token', reason: 'mail_link_used' });
    expect(again.error?.message).toMatch(/already been used/);
    expect(await stateOf(view.impersonationId)).toEqual(before);
  });

  it('of two clicks at once, exactly one reports and spends the link', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const token = await reportLinkToken(view.impersonationId);
    const spentBefore = await h.db.spentMailLink.count();

    const answers = await Promise.all([reportFromLink(token, 'one'), reportFromLink(token, 'two')]);

    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    const refused = answers.find((answer) => answer.status === 400);
    expect(refused?.error?.data.reason).toBe('mail_link_used');
    expect(await h.db.spentMailLink.count()).toBe(spentBefore + 1);
    expect(
      await h.db.impersonationReport.count({ where: { impersonationId: view.impersonationId } }),
    ).toBe(1);
  });

  it('answers the first report when the member reported from the portal already', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const token = await reportLinkToken(view.impersonationId);
    const { actor } = await h.signIn('bob@example.com');
    const first = await portalOverHttp(h, actor).mutation('impersonation.report', {
      impersonationId: view.impersonationId,
      words: 'From the bell',
    });
    expect(first.status).toBe(200);

    expect((await describeLink(token)).data).toMatchObject({ alreadyReported: true, live: false });
    const answer = await reportFromLink(token, 'From the e-mail');
    expect(answer.data).toMatchObject({ alreadyReported: true, viewEnded: false });
    expect(
      (
        await h.db.impersonationReport.findUniqueOrThrow({
          where: { impersonationId: view.impersonationId },
        })
      ).words,
    ).toBe('From the bell');
  });

  it('refuses forged, expired, malformed, other-purpose and other-member links alike, never a 500', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const erinsView = await impersonateViaRest(h, 'owner@hotdesk.test', erin);
    const otherKeys = await loadKeySetFromJson(
      JSON.stringify({ keys: [await generateSigningJwk()] }),
    );
    const claims = {
      coworkerId: bob,
      subjectId: view.impersonationId,
      jti: crypto.randomUUID(),
      issuer: h.ctx.config.issuer,
      audience: h.ctx.config.mailLinkAudience,
      lifetimeSeconds: WEEK,
      now: h.ctx.now(),
    };
    const bad: Record<string, string> = {
      forged: await signMailLinkToken(otherKeys, { ...claims, purpose: 'report_view' }),
      'other purpose': await signMailLinkToken(h.keys, {
        ...claims,
        purpose: 'decide_access_request',
      }),
      'other audience': await signMailLinkToken(h.keys, {
        ...claims,
        purpose: 'report_view',
        audience: h.ctx.config.exchangeAudience,
      }),
      expired: await signMailLinkToken(h.keys, {
        ...claims,
        purpose: 'report_view',
        now: new Date(Date.now() - WEEK * 1000 - 60_000),
      }),
      // Bob's link naming Erin's view, and Erin's link naming Bob's.
      'another member’s view': await reportLinkToken(erinsView.impersonationId, bob),
      'another member': await reportLinkToken(view.impersonationId, erin),
      'not a view': await signMailLinkToken(h.keys, {
        ...claims,
        purpose: 'report_view',
        subjectId: 'not-a-uuid',
      }),
      'unknown view': await reportLinkToken('00000000-0000-4000-8000-000000000000'),
      malformed: 'a.b.c',
      empty: '',
      garbage: '%%%not a token%%%',
    };
    const before = await stateOf(view.impersonationId);
    const erinBefore = await stateOf(erinsView.impersonationId);

    for (const [name, token] of Object.entries(bad)) {
      const described = await describeLink(token);
      const reported = await reportFromLink(token, name);
      expectInvalid(described);
      expectInvalid(reported);
      expect(reported.error?.message, name).toBe(described.error?.message);
    }

    expect(await stateOf(view.impersonationId)).toEqual(before);
    expect(await stateOf(erinsView.impersonationId)).toEqual(erinBefore);
    expect(await nextRequestStatus(view.accessToken)).toBe(200);
    expect(await nextRequestStatus(erinsView.accessToken)).toBe(200);
  });

  it('reports only the view it names, whatever else the request carries', async () => {
    const named = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const other = await impersonateViaRest(h, 'admin@downtown.hotdesk.test', bob);
    const token = await reportLinkToken(named.impersonationId);

    const answer = await anonymous().mutation('mailLinks.reportView', {
      token,
      impersonationId: other.impersonationId,
    });

    expect(answer.status).toBe(200);
    expect(await nextRequestStatus(named.accessToken)).toBe(401);
    expect(await nextRequestStatus(other.accessToken)).toBe(200);
    expect(
      await h.db.impersonationReport.count({ where: { impersonationId: other.impersonationId } }),
    ).toBe(0);
  });

  it('refuses words that are too long, naming the field, and spends nothing', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const token = await reportLinkToken(view.impersonationId);
    const before = await stateOf(view.impersonationId);
    const answer = await reportFromLink(token, 'x'.repeat(10_000));
    expect(answer.status).toBe(400);
    expect(answer.error?.data.field).toBe('words');
    expect(await stateOf(view.impersonationId)).toEqual(before);
  });

  it('never writes the token to a log, as a field or inside a link', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const token = await reportLinkToken(view.impersonationId);
    const lines: string[] = [];
    const previous: LogSink = setLogSink((line) => lines.push(line));
    try {
      logger.warn('mail_link.test', {
        token,
        input: { token },
        link: `${h.ctx.config.portalUrl}/from-mail#${token}`,
        error: new Error(`could not open ${token}`),
      });
    } finally {
      setLogSink(previous);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(token);
    expect(lines[0]).not.toContain(token.split('.')[1]);
  });
});
