import { verifyImpersonationToken } from '@hotdesk/auth';
import { describe, expect, it } from 'vitest';

import { recordAttack } from './attack-log';
import { exchange } from './attack-fixtures';
import { campaign, liveGrant, signEs256, useJwtTarget } from './jwt-campaign';
import {
  attackerKeys,
  b64url,
  publicKeyAsSecrets,
  signEd25519,
  signHmac,
  signWithOurKey,
  type Json,
} from './token-forge';

/**
 * JWT attacks on the algorithm and the key at the exchange endpoint. Each campaign forges its
 * tokens from a fresh, real grant (so the `jti` is live and only the attacked property is
 * wrong), expects 401 for every one, then redeems the untouched original exactly once.
 */

const t = useJwtTarget();

describe('algorithm confusion', () => {
  it('alg none / None / NONE / nOnE, with an empty, the original or a dummy signature', async () => {
    const grant = await liveGrant(t);
    const forgeries: Array<[string, string]> = [];
    for (const alg of ['none', 'None', 'NONE', 'nOnE'])
      for (const [label, signature] of [
        ['empty', ''],
        ['original', grant.signature],
        ['dummy', 'AAAA'],
      ] as const)
        forgeries.push([
          `${alg}/${label}`,
          `${b64url({ ...grant.header, alg })}.${b64url(grant.payload)}.${signature}`,
        ]);
    forgeries.push([
      'no alg',
      `${b64url({ typ: grant.header.typ, kid: t.ourKid })}.${b64url(grant.payload)}.`,
    ]);
    forgeries.push([
      'two segments',
      `${b64url({ ...grant.header, alg: 'none' })}.${b64url(grant.payload)}`,
    ]);
    await campaign(t, 'alg none / None / NONE / nOnE (×3 signatures)', grant.token, forgeries);
  });

  it('HS256 / HS384 / HS512 keyed with our public key in every serialisation', async () => {
    const grant = await liveGrant(t);
    const jwk = t.h.keys.publicJwks().keys[0]!;
    const forgeries: Array<[string, string]> = [];
    for (const alg of ['HS256', 'HS384', 'HS512'] as const)
      for (const [label, secret] of publicKeyAsSecrets(jwk))
        forgeries.push([`${alg} ${label}`, signHmac(alg, secret, grant.header, grant.payload)]);
    await campaign(
      t,
      'HS256/384/512 keyed with the public key (JWK, JWKS, raw x, PEM, DER)',
      grant.token,
      forgeries,
    );
  });

  it('our genuine Ed25519 signature under another alg label (EdDSA, ES256, RS256, HS256, empty, null)', async () => {
    const grant = await liveGrant(t, t.downtownAdmin);
    const forgeries: Array<[string, string]> = [];
    for (const alg of [
      'EdDSA',
      'ed25519',
      'ED25519',
      'Ed448',
      'ES256',
      'RS256',
      'PS256',
      'HS256',
      '',
      null,
      ['Ed25519'],
    ])
      forgeries.push([
        `alg ${JSON.stringify(alg)}`,
        await signWithOurKey(t.h.keys, { ...grant.header, alg }, grant.payload),
      ]);
    await campaign(
      t,
      'genuine signature relabelled (EdDSA, ES256, RS256, HS256, "", null, array)',
      grant.token,
      forgeries,
    );
  });
});

describe('the token choosing its own key', () => {
  it('jwk / jku / x5u / x5c with an attacker key, and our kid on an attacker signature', async () => {
    const grant = await liveGrant(t);
    const es256 = await attackerKeys('ES256');
    const base = { alg: 'Ed25519', typ: grant.header.typ };
    const evil = t.attacker.publicJwk;
    const headers: Array<[string, Json]> = [
      ['our kid, attacker signature', { ...base, kid: t.ourKid }],
      ['attacker kid', { ...base, kid: evil.kid }],
      ['no kid', base],
      ['embedded jwk', { ...base, jwk: evil }],
      ['embedded jwk + attacker kid', { ...base, kid: evil.kid, jwk: evil }],
      ['embedded jwk + our kid', { ...base, kid: t.ourKid, jwk: evil }],
      [
        'jku to attacker JWKS',
        { ...base, kid: evil.kid, jku: 'https://evil.example/.well-known/jwks.json' },
      ],
      ['jku + our kid', { ...base, kid: t.ourKid, jku: 'https://evil.example/jwks.json' }],
      ['x5u', { ...base, kid: t.ourKid, x5u: 'https://evil.example/cert.pem' }],
      [
        'x5c',
        {
          ...base,
          kid: t.ourKid,
          x5c: [Buffer.from('not really a certificate').toString('base64')],
        },
      ],
      ['x5t', { ...base, kid: t.ourKid, x5t: 'AAAA' }],
    ];
    const forgeries: Array<[string, string]> = [];
    for (const [label, header] of headers)
      forgeries.push([
        label,
        await signEd25519(t.attacker.keys.signingKey().privateKey, header, grant.payload),
      ]);
    forgeries.push([
      'ES256 attacker key with our kid',
      await signEs256(
        es256.keys.signingKey().privateKey,
        { alg: 'ES256', typ: grant.header.typ, kid: t.ourKid },
        grant.payload,
      ),
    ]);
    // Rig control: the attacker's tokens are well-formed, they verify against the attacker's own key.
    await expect(
      verifyImpersonationToken(t.attacker.keys, forgeries[1]![1], {
        issuer: t.h.ctx.config.issuer,
        audience: t.h.ctx.config.exchangeAudience,
        now: t.h.ctx.now(),
      }),
    ).resolves.toMatchObject({ jti: grant.payload.jti });
    await campaign(
      t,
      'attacker-signed: embedded jwk, jku, x5u, x5c, our kid, ES256',
      grant.token,
      forgeries,
    );
  });

  it('header parameters injected next to our genuine signature (crit, b64, jku, jwk, cty, zip)', async () => {
    const grant = await liveGrant(t, t.downtownAdmin);
    const ours = t.h.keys.publicJwks().keys[0]!;
    const extras: Array<[string, Json]> = [
      ['crit exp', { crit: ['exp'] }],
      ['crit unknown', { crit: ['urn:evil'], 'urn:evil': true }],
      ['b64 false', { b64: false, crit: ['b64'] }],
      ['jku', { jku: 'https://evil.example/jwks.json' }],
      ['jwk (our own key)', { jwk: ours }],
      ['x5u', { x5u: 'https://evil.example/c.pem' }],
      ['cty JWT', { cty: 'JWT' }],
      ['zip DEF', { zip: 'DEF' }],
      ['enc', { enc: 'A256GCM' }],
      ['unknown', { foo: 'bar' }],
      ['__proto__', JSON.parse('{"__proto__":{"alg":"none"}}') as Json],
    ];
    const forgeries: Array<[string, string]> = [];
    for (const [label, extra] of extras)
      forgeries.push([
        label,
        await signWithOurKey(t.h.keys, { ...grant.header, ...extra }, grant.payload),
      ]);
    await campaign(
      t,
      'header injection with a genuine signature (crit, b64, jku, jwk, cty, zip)',
      grant.token,
      forgeries,
    );
  });

  it('kid traversal and injection, with our genuine signature', async () => {
    const grant = await liveGrant(t);
    const kids: unknown[] = [
      '../../etc/passwd',
      '../../../../../../dev/null',
      '/dev/null',
      'file:///dev/null',
      `${t.ourKid}/../${t.ourKid}`,
      `../keys/${t.ourKid}`,
      "' OR '1'='1",
      `${t.ourKid}' --`,
      '1; DROP TABLE "Session"; --',
      'http://evil.example/key',
      '',
      ' ',
      `${t.ourKid} `,
      t.ourKid.toUpperCase(),
      `${t.ourKid}\u0000`,
      'k'.repeat(129),
      'k'.repeat(10_000),
      123,
      null,
      [t.ourKid],
      { kid: t.ourKid },
    ];
    const forgeries: Array<[string, string]> = [];
    for (const kid of kids)
      forgeries.push([
        `kid ${JSON.stringify(kid).slice(0, 40)}`,
        await signWithOurKey(t.h.keys, { ...grant.header, kid }, grant.payload),
      ]);
    await campaign(
      t,
      'kid traversal / SQL-ish / type confusion (genuine signature)',
      grant.token,
      forgeries,
    );
  });
});

describe('smuggling and controls', () => {
  it('the token wrapped, padded or prefixed is refused', async () => {
    const grant = await liveGrant(t);
    const token = grant.token;
    const forgeries: Array<[string, string]> = [
      ['leading space', ` ${token}`],
      ['trailing space', `${token} `],
      ['trailing newline', `${token}\n`],
      ['Bearer prefix', `Bearer ${token}`],
      ['quoted', `"${token}"`],
      ['padding =', `${token}=`],
      ['base64 (+/)', token.replace(/-/g, '+').replace(/_/g, '/')],
      ['percent-encoded once more', encodeURIComponent(encodeURIComponent(token))],
      ['doubled', `${token}${token}`],
      ['JSON', JSON.stringify({ token })],
      ['5 segments (JWE shape)', `${token}.AAAA.BBBB`],
    ];
    await campaign(t, 'token wrapped / padded / prefixed / JWE-shaped', token, forgeries);
  });

  it('rig control: a token re-signed by this rig with nothing changed is accepted', async () => {
    const grant = await liveGrant(t, t.riversideAdmin, t.ids.erin);
    const resigned = await signWithOurKey(t.h.keys, grant.header, grant.payload);
    const answer = await exchange(t.h, resigned);
    recordAttack('control: faithful re-signature by the forging rig (must be accepted)', {
      tried: 1,
      outcome: String(answer.status),
    });
    expect(answer.status).toBe(200);
  });

  it('the published key set holds no private key material', () => {
    const published = t.h.keys.publicJwks();
    const fields = published.keys.flatMap((key) => Object.keys(key));
    recordAttack('private parameters in the published JWKS', {
      tried: published.keys.length,
      outcome: fields.some((field) => ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].includes(field))
        ? 'LEAKED'
        : 'none',
    });
    expect(new Set(fields)).toEqual(new Set(['kty', 'crv', 'x', 'kid', 'alg', 'use']));
  });
});
