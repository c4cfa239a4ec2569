import { createPortalContext, portalRouter } from '@hotdesk/api/portal';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { serverEnv } from '@hotdesk/api/env';

// What the API's context reads from a request: the session cookies, the agent for the audit
// trail and the host typed (app URLs follow it). The client's address is not a header: the
// app server runs the whole request with it (packages/server).
const forwardedHeaders = ['cookie', 'user-agent', 'host'];

/** The portal router called in-process for this request, as the browser's own cookies allow. */
const getCaller = cache(async () => {
  const incoming = await headers();
  const forwarded = new Headers();
  for (const name of forwardedHeaders) {
    const value = incoming.get(name);
    if (value !== null) forwarded.set(name, value);
  }
  const req = new Request(`${serverEnv().HOTDESK_PORTAL_URL}/`, { headers: forwarded });
  // Server components cannot set cookies; a dead impersonation cookie is cleared by the
  // next API call from the browser instead.
  const ctx = await createPortalContext({ req, resHeaders: new Headers() });
  return portalRouter.createCaller(ctx);
});

/** The signed-in caller of this request, or null; fetched once per request. */
export const getSession = cache(async () => (await getCaller()).me());

/** The caller's profiles for the switcher; only meaningful when signed in. */
export const getProfiles = cache(async () => (await getCaller()).profiles.list());

/** For member pages: the session, or a redirect to sign-in that comes back to `path`. */
export async function requireSession(path: string) {
  const session = await getSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(path)}`);
  return session;
}

/** The caller's signed-in devices, for the first render of /account/sessions. */
export const getOwnSessions = cache(async () => (await getCaller()).session.list());

/** Why this browser's session ended (another device signed it out, a reused token…), or null. */
export const getEndedNotice = cache(async () => (await getCaller()).session.endedNotice());
