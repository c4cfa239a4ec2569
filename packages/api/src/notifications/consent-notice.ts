import { type Prisma } from '@hotdesk/db';
import { z } from 'zod';

import { type Db } from '../context';
import { insertMails } from './outbox-rows';
import { renderMemberMail } from './view-mail';
import { viewerRole } from './view-notice';

/** What a member reads when someone asks to view their account: who, where, why, how, until when. */
export const consentRequestedData = z.object({
  requesterName: z.string(),
  requesterRole: viewerRole,
  locationName: z.string(),
  reason: z.string().nullable(),
  mode: z.enum(['READ_ONLY', 'FULL']),
  answerBy: z.coerce.date(),
});

export type ConsentRequestedData = z.output<typeof consentRequestedData>;

const modeText = { READ_ONLY: 'read-only (they look, nothing changes)', FULL: 'full access' };

/** The notice's headline, the same in the portal and in the e-mail's subject. */
export function consentTitle(data: ConsentRequestedData): string {
  return `${data.requesterName} (${data.requesterRole.toLowerCase()}) asks to view your account`;
}

/** The notice's lines under the headline, in plain language. */
export function consentLines(data: ConsentRequestedData): string[] {
  return [
    `From: ${data.locationName}`,
    `Why: ${data.reason ?? 'no reason given'}`,
    `Access: ${modeText[data.mode]}`,
    `Answer by: ${data.answerBy.toISOString()} (no answer means no)`,
  ];
}

/** The one Message-ID of a request's e-mail: a resend is recognised as the same message. */
export function consentMessageIdOf(accessRequestId: string): string {
  return `<consent-request.${accessRequestId}@hotdesk>`;
}

export interface ConsentAsk {
  accessRequestId: string;
  coworkerId: number;
  memberName: string;
  memberEmail: string;
  data: ConsentRequestedData;
  /** The e-mail's signed link to the request's page (`/from-mail`, `decide_access_request`). */
  answerUrl: string;
  /** Account activity, where the member answers signed in. */
  activityUrl: string;
  now: Date;
}

/**
 * Asks the member, in the transaction that creates the request: a notice in the portal with
 * Approve and Deny, and an e-mail in the outbox (sent at least once by the mail sender). The
 * request has no view to follow yet, so it is not the notifier's to write.
 */
export async function askMember(tx: Db, ask: ConsentAsk): Promise<void> {
  await tx.notification.create({
    data: {
      coworkerId: ask.coworkerId,
      kind: 'CONSENT_REQUESTED',
      accessRequestId: ask.accessRequestId,
      createdAt: ask.now,
      data: ask.data as unknown as Prisma.InputJsonValue,
    },
  });
  const mail = renderMemberMail({
    subject: consentTitle(ask.data),
    memberName: ask.memberName,
    lines: consentLines(ask.data),
    button: { label: 'Approve or deny', url: ask.answerUrl, colour: '#4338ca' },
    note:
      'Nothing starts unless you agree. That link opens a page that asks you first: deny from ' +
      'it straight away, or sign in as yourself to approve. It works once, until you are due ' +
      'to answer.',
    activity: 'You can also answer, signed in, in',
    activityUrl: ask.activityUrl,
  });
  await insertMails(
    tx,
    [{ messageId: consentMessageIdOf(ask.accessRequestId), to: ask.memberEmail, ...mail }],
    ask.now,
  );
}

/**
 * What a team administrator reads when the member they asked answers, or lets the time run out.
 */
export const consentAnsweredData = z.object({
  memberName: z.string(),
  answer: z.enum(['approved', 'denied', 'unanswered']),
  locationName: z.string(),
  mode: z.enum(['READ_ONLY', 'FULL']),
  /** Until when a yes opens the view (it opens one); null while another approval is due. */
  usableUntil: z.coerce.date().nullable(),
});

export type ConsentAnsweredData = z.output<typeof consentAnsweredData>;

const answeredHeadline = {
  approved: 'agreed to your request to view their account',
  denied: 'declined your request to view their account',
  unanswered: 'did not answer your request to view their account in time',
};

export function answeredTitle(data: ConsentAnsweredData): string {
  return `${data.memberName} ${answeredHeadline[data.answer]}`;
}

export function answeredLines(data: ConsentAnsweredData): string[] {
  return [`At: ${data.locationName}`, `Access: ${modeText[data.mode]}`, whatNow(data)];
}

function whatNow(data: ConsentAnsweredData): string {
  switch (data.answer) {
    case 'denied':
      return 'Nothing starts. Ask again only if they expect it.';
    case 'unanswered':
      return 'Nothing starts: no answer means no. Ask again if you still need to, or ask them directly.';
    case 'approved':
      return data.usableUntil
        ? `Open the view from Team permissions by ${data.usableUntil.toISOString()}: their yes works once.`
        : 'The view still waits for the rest of its approval.';
  }
}

/**
 * Tells the team administrator who asked, in the transaction that settles the request: they
 * may have left the page they asked from, and the portal's notices reach them on every page.
 * The notice goes to whichever of their profiles is at the request's location (their notices
 * cover them all).
 */
export async function tellRequester(
  tx: Db,
  told: {
    accessRequestId: string;
    requesterUserId: number;
    locationId: number;
    data: ConsentAnsweredData;
    now: Date;
  },
): Promise<void> {
  const profiles = await tx.coworker.findMany({
    where: { userId: told.requesterUserId },
    select: { id: true, locationId: true },
  });
  const profile = profiles.find((each) => each.locationId === told.locationId) ?? profiles[0];
  if (!profile) return;
  await tx.notification.create({
    data: {
      coworkerId: profile.id,
      kind: 'CONSENT_ANSWERED',
      accessRequestId: told.accessRequestId,
      createdAt: told.now,
      data: told.data as unknown as Prisma.InputJsonValue,
    },
  });
}
