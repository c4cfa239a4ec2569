/**
 * The portal router's caller as the member lists bench uses it: a signed-in member's context,
 * as the portal's tRPC handler builds it for a bearer request, without HTTP.
 */
import { type Actor, type ServiceContext } from '@hotdesk/api/services';
import { portalRouter } from '@hotdesk/api/portal';

export interface ListPage {
  items: unknown[];
  nextCursor: string | null;
}

/** `bookings.list` and `invoices.list` of the portal router, as the bench calls them. */
export interface MemberListsCaller {
  bookings: {
    list(input: {
      when: 'upcoming' | 'past';
      cursor?: string | null;
      limit?: number;
    }): Promise<ListPage>;
  };
  invoices: {
    list(input: { cursor?: string | null; limit?: number }): Promise<ListPage>;
  };
}

export function memberListsCaller(ctx: ServiceContext, actor: Actor): MemberListsCaller {
  const caller: MemberListsCaller = portalRouter.createCaller({
    ...ctx,
    app: 'portal',
    actor,
    secureCookies: false,
    setCookie: () => {},
    sameOrigin: true,
    sessionCookie: null,
  });
  return caller;
}
