import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { generateSigningJwk, loadKeySetFromJson, type KeySet } from './key-set';
import {
  MAX_MAIL_LINK_SECONDS,
  signMailLinkToken,
  verifyMailLinkToken,
  type MailLinkTokenInput,
} from './mail-link-token';
import { signImpersonationToken } from './one-time-token';
import { TokenVerificationError, type TokenVerificationReason } from './token-verification-error';

const NOW = new Date('2030-06-01T12:00:00Z');
const ISSUER = 'hotdesk';
const AUDIENCE = 'hotdesk:mail-links';
let keySet: KeySet;
let otherKeys: KeySet;

beforeAll(async () => {
  keySet = await loadKeySetFromJson(JSON.stringify({ keys: [await generateSigningJwk()] }));
  otherKeys = await loadKeySetFromJson(JSON.stringify({ keys: [await generateSigningJwk()] }));
});

function link(overrides: Partial<MailLinkTokenInput> = {}): MailLinkTokenInput {
  return {
    issuer: ISSUER,
    audience: AUDIENCE,
    purpose: 'report_view',
    coworkerId: 42,
    subjectId: randomUUID(),
    jti: randomUUID(),
    lifetimeSeconds: 3600,
    now: NOW,
    ...overrides,
  };
}

const expected = { issuer: ISSUER, audience: AUDIENCE, purpose: 'report_view' as const, now: NOW };

async function refusal(promise: Promise<unknown>): Promise<TokenVerificationReason> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(TokenVerificationError);
  return (error as TokenVerificationError).reason;
}

describe('mail link tokens', () => {
  it('carry the member, the purpose, what they are about and their end', async () => {
    const input = link();
    const claims = await verifyMailLinkToken(
      keySet,
      await signMailLinkToken(keySet, input),
      expected,
    );
    expect(claims).toEqual({
      purpose: 'report_view',
      coworkerId: 42,
      subjectId: input.subjectId,
      jti: input.jti,
      expiresAt: new Date(NOW.getTime() + 3_600_000),
    });
  });

  it('work for their own purpose only', async () => {
    const token = await signMailLinkToken(keySet, link({ purpose: 'decide_access_request' }));
    expect(await refusal(verifyMailLinkToken(keySet, token, expected))).toBe('claims');
  });

  it('are refused once expired, from other keys, other audiences, or tampered with', async () => {
    const token = await signMailLinkToken(keySet, link({ lifetimeSeconds: 60 }));
    const later = new Date(NOW.getTime() + 120_000);
    expect(await refusal(verifyMailLinkToken(keySet, token, { ...expected, now: later }))).toBe(
      'expired',
    );
    const foreign = await signMailLinkToken(otherKeys, link());
    expect(await refusal(verifyMailLinkToken(keySet, foreign, expected))).toBe('unknown-key');
    const elsewhere = await signMailLinkToken(keySet, link({ audience: 'somewhere-else' }));
    expect(await refusal(verifyMailLinkToken(keySet, elsewhere, expected))).toBe('claims');
    const [header, payload, signature] = token.split('.');
    const body = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { sub: string };
    const forged = Buffer.from(JSON.stringify({ ...body, sub: '43' })).toString('base64url');
    expect(
      await refusal(verifyMailLinkToken(keySet, `${header}.${forged}.${signature}`, expected)),
    ).toBe('signature');
  });

  it('never accept an impersonation grant signed by the same keys', async () => {
    const grant = await signImpersonationToken(keySet, {
      issuer: ISSUER,
      audience: AUDIENCE,
      subject: '42',
      actor: { sub: '1' },
      location: '1',
      jti: randomUUID(),
      now: NOW,
    });
    expect(await refusal(verifyMailLinkToken(keySet, grant, expected))).toBe('header');
  });

  it('cannot be minted to outlive a week, and refuse oversized input unread', async () => {
    await expect(
      signMailLinkToken(keySet, link({ lifetimeSeconds: MAX_MAIL_LINK_SECONDS + 1 })),
    ).rejects.toThrow(RangeError);
    expect(await refusal(verifyMailLinkToken(keySet, 'a'.repeat(5000), expected))).toBe(
      'malformed',
    );
  });
});
