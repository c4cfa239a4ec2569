import { expect, request, test, type APIRequestContext, type Page } from '@playwright/test';
import { artifactPath, PORTAL_URL } from './system';

/** Password of every demo account (DESIGN.md, "Demo data"). */
export const DEMO_PASSWORD = 'hotdesk-demo';

/**
 * Screenshots of a flow's steps, numbered in order, saved under `artifacts/<flow>/` and
 * attached to the test report.
 */
export function stepShots(flow: string) {
  let count = 0;
  return async (page: Page, name: string) => {
    count += 1;
    const file = `${flow}/${String(count).padStart(2, '0')}-${name}.png`;
    const body = await page.screenshot({ path: artifactPath(file), fullPage: true });
    await test.info().attach(file, { body, contentType: 'image/png' });
  };
}

/** Signs in through the portal's own form and waits for the dashboard. */
export async function signInToPortal(page: Page, email: string, next = '/') {
  await page.goto(
    `${PORTAL_URL}/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`,
  );
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${PORTAL_URL}${next}`);
}

/** The impersonation banner of the portal. */
export function banner(page: Page) {
  return page.getByRole('region', { name: 'Impersonation' });
}

interface TrpcError {
  error: { json: { message: string; data: { code: string; httpStatus: number } } };
}

/**
 * A person talking to the portal's tRPC endpoint directly (cookies kept in the context), to set
 * up what a test needs without driving a second browser.
 */
export class PortalApi {
  private constructor(
    readonly context: APIRequestContext,
    private readonly owned = true,
  ) {}

  static async create() {
    return new PortalApi(await request.newContext({ baseURL: PORTAL_URL }));
  }

  /** The same calls with a page's own cookies: what that browser itself could do. */
  static of(page: Page) {
    return new PortalApi(page.request, false);
  }

  static async signedIn(email: string) {
    const api = await PortalApi.create();
    await api.mutation('session.signIn', { email, password: DEMO_PASSWORD });
    return api;
  }

  async query<T>(path: string, input?: unknown): Promise<T> {
    const search =
      input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
    return this.read<T>(path, await this.context.get(`${PORTAL_URL}/api/trpc/${path}${search}`));
  }

  async mutation<T>(path: string, input?: unknown): Promise<T> {
    return this.read<T>(
      path,
      await this.context.post(`${PORTAL_URL}/api/trpc/${path}`, {
        data: input === undefined ? {} : { json: input },
      }),
    );
  }

  private async read<T>(path: string, response: Awaited<ReturnType<APIRequestContext['get']>>) {
    const body: unknown = await response.json();
    if (!response.ok()) {
      throw new Error(`${path}: ${response.status()} ${(body as TrpcError).error.json.message}`);
    }
    return (body as { result: { data: { json: T } } }).result.data.json;
  }

  /** The coworker id of a member of a team this (administrator) account manages. */
  async teamMember(fullName: string): Promise<{ teamId: number; coworkerId: number }> {
    const { teams } = await this.query<{
      teams: Array<{ id: number; members: Array<{ coworkerId: number; fullName: string }> }>;
    }>('teams.mine', { isTeamAdmin: true });
    for (const team of teams) {
      const member = team.members.find((m) => m.fullName === fullName);
      if (member) return { teamId: team.id, coworkerId: member.coworkerId };
    }
    throw new Error(`${fullName} is in no team this account administers`);
  }

  /** A team administrator's one-time impersonation token for a member of their team. */
  async teamAdminToken(fullName: string, reason: string, mode: 'read-only' | 'full' = 'read-only') {
    const { coworkerId } = await this.teamMember(fullName);
    const grant = await this.mutation<{ token: string }>('impersonation.startForTeamMember', {
      coworkerId,
      reason,
      mode,
    });
    return grant.token;
  }

  async dispose() {
    if (this.owned) await this.context.dispose();
  }
}

/**
 * The owner views Bob's account over the REST contract (grant, then exchange), read-only unless
 * `mode` says full: the returned API's cookie holds the view, left running.
 */
export async function ownerViewsBobOverRest(
  reason: string,
  mode: 'read-only' | 'full' = 'read-only',
): Promise<PortalApi> {
  const api = await PortalApi.create();
  const signIn = await api.context.post(`${PORTAL_URL}/api/token`, {
    form: { grant_type: 'password', username: 'owner@hotdesk.test', password: DEMO_PASSWORD },
  });
  const { access_token: bearer } = (await signIn.json()) as { access_token: string };
  const alice = await PortalApi.signedIn('alice@example.com');
  const { coworkerId } = await alice.teamMember('Bob Brown');
  await alice.dispose();
  const grant = await api.context.get(`${PORTAL_URL}/api/sys/users/impersonate`, {
    params: { coworkerId, reason, mode },
    headers: { Authorization: `Bearer ${bearer}` },
  });
  expect(grant.status()).toBe(200);
  const { token } = (await grant.json()) as { token: string };
  await api.mutation('impersonation.exchange', { token });
  return api;
}
