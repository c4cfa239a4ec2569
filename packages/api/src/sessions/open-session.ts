import { randomUUID } from 'node:crypto';

import { generateOpaqueToken, hashOpaqueToken } from '@hotdesk/auth';
import { type SessionAudience } from '@hotdesk/db';

import { type Db, type ServiceContext } from '../context';

export interface IssuedSession {
  sessionId: string;
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  expiresAt: Date;
}

export interface OpenSessionInput {
  userId: number | null;
  coworkerId: number | null;
  audience: SessionAudience;
  clientId?: string | null;
  /** Absolute end of the session: refreshing never moves it. */
  expiresAt: Date;
  accessLivesAsLongAsSession?: boolean;
  /** The session starts with a fresh password proof (a sign-in). */
  reauthenticated?: boolean;
}

/** A session about to be stored: its row, and the tokens only its hashes keep. */
export interface SessionDraft {
  row: {
    id: string;
    userId: number | null;
    coworkerId: number | null;
    audience: SessionAudience;
    clientId: string | null;
    accessTokenHash: string;
    refreshTokenHash: string;
    accessExpiresAt: Date;
    expiresAt: Date;
    createdAt: Date;
    lastSeenAt: Date;
    reauthenticatedAt: Date | null;
    ip: string | null;
    userAgent: string | null;
  };
  issued: IssuedSession;
}

/** Mints a session's tokens and the row that stands for them, for a statement to insert. */
export function draftSession(
  ctx: Pick<ServiceContext, 'config' | 'now' | 'request'>,
  input: OpenSessionInput,
): SessionDraft {
  const id = randomUUID();
  const accessToken = generateOpaqueToken('session');
  const refreshToken = generateOpaqueToken('refresh');
  const accessExpiresAt = input.accessLivesAsLongAsSession
    ? input.expiresAt
    : accessExpiry(ctx, input.expiresAt);
  return {
    row: {
      id,
      userId: input.userId,
      coworkerId: input.coworkerId,
      audience: input.audience,
      clientId: input.clientId ?? null,
      accessTokenHash: hashOpaqueToken(accessToken),
      refreshTokenHash: hashOpaqueToken(refreshToken),
      accessExpiresAt,
      expiresAt: input.expiresAt,
      createdAt: ctx.now(),
      lastSeenAt: ctx.now(),
      reauthenticatedAt: input.reauthenticated ? ctx.now() : null,
      ip: ctx.request.ip,
      userAgent: ctx.request.userAgent?.slice(0, 512) ?? null,
    },
    issued: {
      sessionId: id,
      accessToken,
      refreshToken,
      accessExpiresAt,
      expiresAt: input.expiresAt,
    },
  };
}

/** Creates a session; the tokens are returned once and only their hashes are stored. */
export async function openSession(
  db: Db,
  ctx: Pick<ServiceContext, 'config' | 'now' | 'request'>,
  input: OpenSessionInput,
): Promise<IssuedSession> {
  const draft = draftSession(ctx, input);
  await db.session.create({ data: draft.row, select: { id: true } });
  return draft.issued;
}

/** An access token lives `accessTokenMinutes`, never past the session's absolute end. */
export function accessExpiry(ctx: Pick<ServiceContext, 'config' | 'now'>, sessionEnd: Date): Date {
  const regular = ctx.now().getTime() + ctx.config.accessTokenMinutes * 60_000;
  return new Date(Math.min(regular, sessionEnd.getTime()));
}
