import { adminRouter, createAdminContext } from '@hotdesk/api/admin';
import { headers } from 'next/headers';
import { serverEnv } from '@hotdesk/api/env';

/**
 * Why this browser's console session ended, when it did not end here (signed out from another
 * device, everywhere, or for a reused token); read on the server for the sign-in page.
 */
export async function endedSessionNotice() {
  const incoming = await headers();
  const forwarded = new Headers();
  const cookie = incoming.get('cookie');
  if (cookie !== null) forwarded.set('cookie', cookie);
  const req = new Request(`${serverEnv().HOTDESK_ADMIN_URL}/sign-in`, { headers: forwarded });
  const ctx = await createAdminContext({ req, resHeaders: new Headers() });
  return adminRouter.createCaller(ctx).session.endedNotice();
}
