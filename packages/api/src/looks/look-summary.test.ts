import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portalRouter } from '../portal';
import { startApiTestHarness, type ApiTestHarness } from '../../test/support/api-test-harness';
import { impersonateViaRest } from '../../test/support/impersonation-flow';
import { trpcTestContext } from '../../test/support/trpc-test-context';
import { settleLookRecording } from './look-recorder';
import { summarizeView } from './look-summary';

const at = (second: number) => new Date(Date.UTC(2026, 11, 1, 9, 0, second));

describe('the summary of one view', () => {
  it('says each thing once, in the order it first happened', () => {
    expect(
      summarizeView([
        { at: at(3), text: 'opened INV-0042' },
        { at: at(1), text: 'viewed your invoices' },
        { at: at(5), text: 'viewed your invoices' },
        { at: at(4), text: 'revealed your door PIN' },
      ]),
    ).toBe('viewed your invoices, opened INV-0042, revealed your door PIN');
  });

  it('says nothing when nothing recognisable was looked at, and counts what a line cannot hold', () => {
    expect(summarizeView([])).toBeNull();
    const many = Array.from({ length: 13 }, (_, i) => ({ at: at(i), text: `opened INV-${i}` }));
    expect(summarizeView(many)).toMatch(/^opened INV-0, .*, opened INV-9 and 3 more$/);
  });
});

describe('account activity', () => {
  let h: ApiTestHarness;
  let bob: number;

  beforeAll(async () => {
    h = await startApiTestHarness();
    bob = await h.coworkerIdOf('bob@example.com');
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('tells the member what each view looked at and revealed, and nothing it was refused', async () => {
    const view = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    const portal = portalRouter.createCaller(
      trpcTestContext(h, 'portal', await h.actorOf(view.accessToken)).ctx,
    );
    h.advanceClock(5);
    await portal.me();
    h.advanceClock(5);
    await portal.teams.mine({});
    const acme = await h.db.team.findFirstOrThrow({ where: { name: 'Acme' } });
    await portal.teams.administered({ teamId: acme.id }).catch(() => null);
    await portal.me();
    h.advanceClock(5);
    // Another part of the portal records the reveal of a secret as an audit event of the view.
    await h.db.auditEvent.create({
      data: {
        type: 'MEMBER_SECRET_REVEALED',
        impersonationId: view.impersonationId,
        targetCoworkerId: bob,
        occurredAt: h.ctx.now(),
        data: { secret: 'DOOR_PIN' },
      },
    });
    await portal.impersonation.exit();
    const quiet = await impersonateViaRest(h, 'owner@hotdesk.test', bob);
    await settleLookRecording(h.db);

    const member = await h.signIn('bob@example.com');
    const activity = await portalRouter
      .createCaller(trpcTestContext(h, 'portal', member.actor).ctx)
      .impersonation.accountActivity();

    const summaryOf = (id: string) => activity.find((row) => row.id === id)?.lookSummary;
    expect(summaryOf(view.impersonationId)).toBe(
      'viewed your profile, viewed your teams, revealed your door PIN',
    );
    expect(summaryOf(quiet.impersonationId)).toBeNull();
  });
});
