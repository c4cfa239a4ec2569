import { randomBytes } from 'node:crypto';
import { demoAccounts } from '@hotdesk/db';
import { type Page } from '@playwright/test';
import { seriousViolations, waitForContent } from '../support/accessibility';
import {
  adminTrpc,
  customerIdByEmail,
  operators,
  signInToAdmin,
  viewPortalAsOperator,
} from '../support/admin';
import { appRoutes, dynamicSegmentsOf, routePatternOf, type AppName } from '../support/app-routes';
import { banner, DEMO_PASSWORD, PortalApi } from '../support/portal';
import { fillRoutes } from '../support/route-params';
import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

const { alice, bob } = demoAccounts;

/** A way someone sees an app: every page of it is checked in this state, in one browser. */
interface Viewpoint {
  app: AppName;
  who: string;
  /** The demo member whose pages are shown (see `ParamLookup`). */
  member: string;
  enter?: (page: Page) => Promise<void>;
  /** What must hold on every page in this state, besides passing the check. */
  onEveryPage?: (page: Page) => Promise<void>;
}

async function signInToPortal(page: Page, email: string) {
  await PortalApi.of(page).mutation('session.signIn', { email, password: DEMO_PASSWORD });
}

/** The banner is a landmark, and what it says is announced once, not at every tick. */
async function bannerIsAnnounced(page: Page) {
  const bar = banner(page);
  await expect(bar.getByRole('status')).toHaveText(
    /^Viewing as Bob Brown by Dana Downtown \(staff\), read-only\. \d+ minutes? left\.$/,
  );
  await expect(bar.getByRole('timer', { name: 'Time left' })).not.toHaveAttribute(
    'aria-live',
    /polite|assertive/,
  );
}

const viewpoints: Viewpoint[] = [
  { app: 'admin', who: 'signed out', member: bob.email },
  {
    app: 'admin',
    who: 'as an operator (ADMIN of Downtown Hub)',
    member: bob.email,
    // A view of Bob started (not opened), so the impersonation's own page has one to show.
    enter: async (page) => {
      await signInToAdmin(page, operators.downtownAdmin.email);
      await adminTrpc(page.request, 'impersonation.start', {
        coworkerId: await customerIdByEmail(page, bob.email),
        reason: 'Accessibility check of every page',
      });
    },
  },
  { app: 'portal', who: 'signed out', member: bob.email },
  {
    app: 'portal',
    who: 'as a member (Bob)',
    member: bob.email,
    enter: (page) => signInToPortal(page, bob.email),
  },
  {
    app: 'portal',
    who: 'as a team administrator (Alice)',
    member: alice.email,
    enter: (page) => signInToPortal(page, alice.email),
  },
  {
    app: 'portal',
    who: 'while an operator views Bob read-only',
    member: bob.email,
    enter: async (page) => {
      await viewPortalAsOperator(page, {
        operator: operators.downtownAdmin.email,
        member: bob.email,
        reason: 'Accessibility check of every page',
      });
    },
    onEveryPage: bannerIsAnnounced,
  },
];

const baseUrl = { admin: ADMIN_URL, portal: PORTAL_URL } as const;

for (const { app, who, member, enter, onEveryPage } of viewpoints) {
  test(`every ${app} page ${who} has no serious or critical WCAG A/AA violation`, async ({
    page,
  }) => {
    test.slow();
    const routes = appRoutes(app);
    await enter?.(page);
    const paths = (await fillRoutes(app, routes.pages, member)).map(({ path }) => path);
    // Whatever an unknown address shows: the app's own not-found page, when it has one.
    const missing = routes.hasNotFoundPage
      ? `/no-such-page-${randomBytes(4).toString('hex')}`
      : null;

    const checked = new Set<string>();
    const problems: string[] = [];
    for (const path of missing ? [...paths, missing] : paths) {
      await test.step(path, async () => {
        const response = await page.goto(`${baseUrl[app]}${path}`);
        expect(response?.status(), `${path} answers`).toBe(path === missing ? 404 : 200);
        await waitForContent(page);
        await onEveryPage?.(page);
        // Pages that send this visitor elsewhere (to sign-in) are checked where they land, once.
        const shown = new URL(page.url()).pathname;
        if (checked.has(shown)) return;
        checked.add(shown);
        const found = await seriousViolations(page);
        problems.push(...found.map((line) => `${shown}: ${line}`));
      });
    }
    expect(problems, `serious or critical violations ${who}`).toEqual([]);
  });
}

test('the pages are read from the apps’ folders as Next.js routes them', () => {
  expect(routePatternOf('(console)/customers/[id]')).toBe('/customers/[id]');
  expect(routePatternOf('.')).toBe('/');
  expect(routePatternOf('account/@panel/activity')).toBe('/account/activity');
  expect(routePatternOf('team/_parts/list')).toBeNull();
  expect(() => routePatternOf('customers/(..)audit')).toThrow(/intercepting route/);
  expect(appRoutes('admin').pages).toEqual(
    expect.arrayContaining(['/customers', '/customers/[id]']),
  );
  expect(appRoutes('portal').pages).toEqual(
    expect.arrayContaining(['/', '/team/permissions/[teamId]']),
  );
});

test('a page whose dynamic segment has no demo value fails the check, naming the segment', async () => {
  const pattern = '/receipts/[receiptId]';
  expect(dynamicSegmentsOf(pattern)).toEqual([
    { segment: '[receiptId]', prefix: '/receipts/[receiptId]' },
  ]);
  await expect(fillRoutes('portal', [pattern], bob.email)).rejects.toThrow(
    "no demo value for the dynamic segment [receiptId] of portal /receipts/[receiptId] (add '/receipts/[receiptId]')",
  );
});
