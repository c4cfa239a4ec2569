import { type NotificationKind, type Prisma } from '@hotdesk/db';

import { type ServiceContext } from '../context';
import { viewIsLive } from '../impersonation/impersonation-liveness';
import { reporterOf } from '../impersonation/impersonation-snapshot';
import { mayReportView, reportWordsMaxLength } from '../impersonation/rules';
import { saveOwnProfileChoice } from '../profiles/profile-service';
import { type Actor } from '../sessions/actor';
import {
  answeredLines,
  answeredTitle,
  consentAnsweredData,
  consentLines,
  consentRequestedData,
  consentTitle,
} from './consent-notice';
import {
  noticeLines,
  noticeTitle,
  viewEndedData,
  viewStartedData,
  type ViewNotice,
} from './view-notice';

/** The newest this many are listed; older ones stay in Account activity. */
const LIST_SIZE = 50;

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  impersonationId: string | null;
  /** For a request for the member's consent: which, and whether it still waits for them. */
  consent: { requestId: string; answer: 'waiting' | 'approved' | 'denied' | 'closed' } | null;
  title: string;
  lines: string[];
  createdAt: Date;
  read: boolean;
  /** The view the notice is about, for "I did not expect this" beside it (none for a request). */
  view: {
    viewerName: string;
    locationName: string;
    live: boolean;
    /** Whether the member may report it (rules/ `mayReportView`). */
    canReport: boolean;
    report: { id: string; words: string | null; createdAt: Date } | null;
  } | null;
}

export interface NotificationList {
  items: NotificationView[];
  unread: number;
  /** The current profile's choice to be told by e-mail too. */
  emailViewNotices: boolean;
  reportWordsMaxLength: number;
}

// A member's notices cover every profile of theirs: any of them may have been viewed.
const ownedBy = (actor: Actor): Prisma.NotificationWhereInput =>
  actor.userId !== null
    ? { coworker: { userId: actor.userId } }
    : { coworkerId: actor.coworkerId ?? -1 };

function noticeOf(kind: 'VIEW_STARTED' | 'VIEW_ENDED', data: unknown): ViewNotice {
  return kind === 'VIEW_STARTED'
    ? { kind, data: viewStartedData.parse(data) }
    : { kind, data: viewEndedData.parse(data) };
}

type RequestState = {
  id: string;
  status: string;
  expiresAt: Date;
  memberApprovedAt: Date | null;
  memberDeniedAt: Date | null;
};

/** Where a request for the member's consent stands, as the member's notice (and link) show it. */
export function answerOf(
  request: RequestState,
  now: Date,
): NonNullable<NotificationView['consent']> {
  const answer = request.memberDeniedAt
    ? 'denied'
    : request.memberApprovedAt
      ? 'approved'
      : request.status === 'PENDING' && request.expiresAt > now
        ? 'waiting'
        : 'closed';
  return { requestId: request.id, answer };
}

/** The member's newest notices of views of their account, and how many are unread. */
export async function listNotifications(
  ctx: ServiceContext,
  actor: Actor,
): Promise<NotificationList> {
  const [rows, unread, profile] = await Promise.all([
    ctx.db.notification.findMany({
      where: ownedBy(actor),
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: LIST_SIZE,
      select: {
        id: true,
        kind: true,
        impersonationId: true,
        createdAt: true,
        readAt: true,
        data: true,
        accessRequest: {
          select: {
            id: true,
            status: true,
            expiresAt: true,
            memberApprovedAt: true,
            memberDeniedAt: true,
          },
        },
        coworker: { select: { id: true, userId: true } },
        impersonation: {
          select: {
            endedAt: true,
            sessionExpiresAt: true,
            report: { select: { id: true, words: true, createdAt: true } },
          },
        },
      },
    }),
    ctx.db.notification.count({ where: { ...ownedBy(actor), readAt: null } }),
    actor.coworkerId === null
      ? null
      : ctx.db.coworker.findUnique({
          where: { id: actor.coworkerId },
          select: { emailViewNotices: true },
        }),
  ]);
  const reporter = reporterOf(actor);
  const now = ctx.now();
  return {
    items: rows.map((row) => {
      const about = {
        id: row.id,
        kind: row.kind,
        impersonationId: row.impersonationId,
        createdAt: row.createdAt,
        read: row.readAt !== null,
      };
      if (row.kind === 'CONSENT_ANSWERED') {
        const answered = consentAnsweredData.parse(row.data);
        return {
          ...about,
          consent: null,
          title: answeredTitle(answered),
          lines: answeredLines(answered),
          view: null,
        };
      }
      if (row.kind === 'CONSENT_REQUESTED' || !row.impersonation) {
        const asked = consentRequestedData.parse(row.data);
        return {
          ...about,
          consent: row.accessRequest && answerOf(row.accessRequest, now),
          title: consentTitle(asked),
          lines: consentLines(asked),
          view: null,
        };
      }
      const notice = noticeOf(row.kind, row.data);
      const { endedAt, sessionExpiresAt, report } = row.impersonation;
      return {
        ...about,
        consent: null,
        title: noticeTitle(notice),
        lines: noticeLines(notice),
        view: {
          viewerName: notice.data.actorName,
          locationName: notice.data.locationName,
          live: viewIsLive({ endedAt, sessionExpiresAt }, now),
          canReport: mayReportView(reporter, {
            targetCoworkerId: row.coworker.id,
            targetUserId: row.coworker.userId,
          }),
          report,
        },
      };
    }),
    unread,
    emailViewNotices: profile?.emailViewNotices ?? true,
    reportWordsMaxLength,
  };
}

/** Marks these notices of the member's (or, without ids, all of them) read. */
export async function markNotificationsRead(
  ctx: ServiceContext,
  actor: Actor,
  ids: string[] | undefined,
): Promise<number> {
  const { count } = await ctx.db.notification.updateMany({
    where: { ...ownedBy(actor), readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: ctx.now() },
  });
  return count;
}

/**
 * The member's choice to be told of views of the current profile by e-mail as well; the
 * portal's notices stay on whatever they choose.
 */
export async function setEmailViewNotices(
  ctx: ServiceContext,
  actor: Actor,
  email: boolean,
): Promise<void> {
  await saveOwnProfileChoice(ctx, actor, {
    data: { emailViewNotices: email },
    type: 'VIEW_NOTICE_PREFERENCE_CHANGED',
    audit: { email },
  });
}
