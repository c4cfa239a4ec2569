import { describe, expect, it } from 'vitest';

import { getRuntime } from '../../src/runtime';
import { jtiOf } from '../support/impersonation-flow';
import { cookieValue, origins, trpc, useAppRuntime } from './app-runtime';
import { recordAttack, Tally } from './attack-log';

/**
 * Session planting through `/impersonate#token=`: a link that silently swaps someone's portal
 * for a view chosen by whoever sent it. Through the portal's real tRPC handler, with real
 * cookies: a team administrator's link opens only in her own browser, and any link asks a
 * browser that is signed in already (the landing page shows the preview's answer).
 */

const runtime = useAppRuntime();
const { cookies } = runtime;
const sameOrigin = { origin: origins.portal };

async function teamAdminLink(): Promise<string> {
  const grant = await trpc('portal', 'impersonation.startForTeamMember', {
    input: { coworkerId: runtime.ids.bob, reason: 'planting test' },
    cookie: cookies.alice,
    headers: sameOrigin,
  });
  expect(grant.code).toBe('OK');
  return (grant.data as { token: string }).token;
}

async function operatorLink(): Promise<string> {
  const grant = await trpc('admin', 'impersonation.start', {
    input: { coworkerId: runtime.ids.bob },
    cookie: cookies.ownerAdmin,
    headers: { origin: origins.admin },
  });
  expect(grant.code).toBe('OK');
  return (grant.data as { token: string }).token;
}

const stillPending = async (token: string) =>
  (
    await (
      await getRuntime()
    ).db.impersonation.findUniqueOrThrow({
      where: { id: jtiOf(token) },
    })
  ).exchangedAt === null;

describe('session planting through the impersonation link', () => {
  it('a team administrator’s link, redeemed by any other browser, opens nothing', async () => {
    const token = await teamAdminLink();
    const tally = new Tally();
    const otherBrowsers = {
      'signed in as carol': cookies.carol,
      'signed out': undefined,
      'viewing bob (impersonation cookie)': cookies.impersonation,
      'a dead session cookie': 'hotdesk_portal_session=hds_forged',
    };
    for (const [label, cookie] of Object.entries(otherBrowsers)) {
      const answer = await trpc('portal', 'impersonation.exchange', {
        input: { token },
        cookie,
        headers: sameOrigin,
      });
      tally.add(`${label}: ${answer.code}`);
      expect(answer.setCookies.join(';')).not.toContain('hotdesk_portal_impersonation=hds_');
    }
    recordAttack('team-admin link redeemed in another browser (tRPC exchange)', tally);
    expect(tally.summary()).not.toContain('OK');
    expect(await stillPending(token)).toBe(true);

    const own = await trpc('portal', 'impersonation.exchange', {
      input: { token },
      cookie: cookies.alice,
      headers: sameOrigin,
    });
    expect(own.code).toBe('OK');
    expect(cookieValue(own.setCookies, 'hotdesk_portal_impersonation')).toMatch(/^hds_/);
  });

  it('the preview names nobody to another browser, and asks a signed-in one to confirm', async () => {
    const tally = new Tally();
    const teamToken = await teamAdminLink();
    for (const cookie of [cookies.carol, undefined]) {
      const preview = await trpc('portal', 'impersonation.preview', {
        input: { token: teamToken },
        cookie,
        headers: sameOrigin,
      });
      tally.add(`team-admin link elsewhere: ${(preview.data as { status: string }).status}`);
      expect(JSON.stringify(preview.data)).not.toMatch(/Alice|Bob/);
    }
    const staffToken = await operatorLink();
    const signedIn = await trpc('portal', 'impersonation.preview', {
      input: { token: staffToken },
      cookie: cookies.carol,
      headers: sameOrigin,
    });
    const data = signedIn.data as { confirmationRequired: boolean };
    tally.add(
      `staff link in carol's browser: confirmation ${data.confirmationRequired ? 'required' : 'SKIPPED'}`,
    );
    recordAttack('impersonation link previewed in a browser that is not the actor’s', tally);
    expect(data.confirmationRequired).toBe(true);
    expect(await stillPending(staffToken)).toBe(true);
    expect(await stillPending(teamToken)).toBe(true);
    // The preview left carol's session as it was.
    const me = await trpc('portal', 'me', { cookie: cookies.carol });
    expect((me.data as { impersonation: unknown }).impersonation).toBeNull();
  });
});
