import { z } from 'zod';

/** How a member is told who looked: staff, or a fellow member who administers their team. */
export const viewerRole = z.enum(['Staff', 'Team administrator']);

export const viewerRoleOf = (kind: 'OPERATOR' | 'TEAM_ADMIN'): z.infer<typeof viewerRole> =>
  kind === 'OPERATOR' ? 'Staff' : 'Team administrator';

/** What a member reads about a view that started: who, from where, why, how and until when. */
export const viewStartedData = z.object({
  actorName: z.string(),
  actorRole: viewerRole,
  locationName: z.string(),
  reason: z.string().nullable(),
  mode: z.enum(['READ_ONLY', 'FULL']),
  startedAt: z.coerce.date(),
  endsAt: z.coerce.date().nullable(),
  /** Started without asking the member first, where the location asks: told after the fact. */
  urgent: z.boolean().default(false),
});

/** What a member reads about a view that ended: what it looked at and what it changed. */
export const viewEndedData = z.object({
  actorName: z.string(),
  actorRole: viewerRole,
  locationName: z.string(),
  startedAt: z.coerce.date().nullable(),
  endedAt: z.coerce.date(),
  endedReason: z.string().nullable(),
  looked: z.string().nullable(),
  changed: z.array(z.string()),
});

export type ViewStartedData = z.output<typeof viewStartedData>;
export type ViewEndedData = z.output<typeof viewEndedData>;

export type ViewNotice =
  { kind: 'VIEW_STARTED'; data: ViewStartedData } | { kind: 'VIEW_ENDED'; data: ViewEndedData };

/** The changes a view made that a member is told about, by the audit event that records each. */
export const changeEvents: Readonly<Record<string, string>> = {
  BOOKING_CREATED: 'made a booking',
  BOOKING_CANCELLED: 'cancelled a booking',
  PROFILE_UPDATED: 'changed your profile details',
  PROFILE_SWITCHED: 'switched your current profile',
};

const modeText = { READ_ONLY: 'read-only', FULL: 'full access' } as const;

const endedText: Record<string, string> = {
  EXITED: 'they left it',
  REVOKED: 'it was revoked',
  EXPIRED: 'its time ran out',
  ACTOR_SESSION_ENDED: 'they signed out',
  RIGHT_WITHDRAWN: 'they lost the right to it',
};

/** The notice's headline, the same in the portal and in the e-mail's subject. */
export function noticeTitle(notice: ViewNotice): string {
  const { actorName, actorRole } = notice.data;
  const who = `${actorName} (${actorRole.toLowerCase()})`;
  return notice.kind === 'VIEW_STARTED'
    ? `${who} is viewing your account`
    : `${who} stopped viewing your account`;
}

/** The notice's lines under the headline, in plain language. */
export function noticeLines(notice: ViewNotice): string[] {
  if (notice.kind === 'VIEW_STARTED') {
    const { locationName, reason, mode, endsAt, urgent } = notice.data;
    return [
      ...(urgent
        ? ['Marked urgent: it started without asking you first. Your location allows this.']
        : []),
      `From: ${locationName}`,
      `Why: ${reason ?? 'no reason given'}`,
      `Access: ${modeText[mode]}`,
      endsAt ? `Ends at the latest: ${endsAt.toISOString()}` : 'Ends at the latest: not set',
    ];
  }
  const { looked, changed, endedReason } = notice.data;
  return [
    `Looked at: ${looked ?? 'nothing you would recognise'}`,
    `Changed: ${changed.length > 0 ? changed.join(', ') : 'nothing'}`,
    ...(endedReason && endedText[endedReason] ? [`Ended because ${endedText[endedReason]}`] : []),
  ];
}
