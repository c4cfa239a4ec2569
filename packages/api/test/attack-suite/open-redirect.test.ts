import { describe, expect, it } from 'vitest';

import { safeRedirectPath } from '../../src/security/safe-redirect';
import { recordAttack, Tally } from './attack-log';

/**
 * Open redirect after sign-in: `?next=` is followed once the person is signed in, so a link
 * to the sign-in page could send a member or an operator on to a look-alike site. Every value
 * below is what the page receives (the query already decoded once); the browser then resolves
 * the answer against the app, as it would. Only the app's own paths may come out.
 */

const origin = 'http://localhost:3001';
const options = { origin, fallback: '/customers', avoid: ['/sign-in'] };

// Each would take the browser off the app, were it followed as given.
const hostile: string[] = [
  '//evil.example',
  '///evil.example',
  '////evil.example/',
  '/\\evil.example',
  '\\\\evil.example',
  '/\\/evil.example',
  '\\/evil.example',
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  ' //evil.example',
  '/\t\\evil.example',
  '/.//evil.example',
  '/..//evil.example',
  '/%2e%2e//evil.example',
  '/./\\evil.example',
  'https://evil.example',
  'HTTPS://EVIL.EXAMPLE/customers',
  'https:/evil.example',
  'https:\\\\evil.example',
  'http://localhost:3001@evil.example',
  '//localhost:3001@evil.example/',
  'http://localhost:3001.evil.example/',
  'http://localhost:3000/',
  'https://localhost:3001/',
  'javascript:alert(document.domain)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'javascript://localhost:3001/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'blob:http://localhost:3001/uuid',
  'ftp://evil.example',
  '//evil.example:443/customers',
];

// Harmless: they stay on the app, and come back as the path they resolve to.
const kept: Array<[string, string]> = [
  ['/customers', '/customers'],
  ['/customers/12?tab=history#top', '/customers/12?tab=history#top'],
  ['/audit?type=SIGN_IN', '/audit?type=SIGN_IN'],
  ['http://localhost:3001/policies', '/policies'],
  ['/%09/evil.example', '/%09/evil.example'],
  ['/%2F/evil.example', '/%2F/evil.example'],
  ['/a/../customers', '/customers'],
  ['customers', '/customers'],
  ['/customers?next=//evil.example', '/customers?next=//evil.example'],
];

// Empty, absent, or the sign-in page itself: the fallback.
const fallbacks: unknown[] = ['', null, undefined, 42, ['/customers'], '/sign-in', '/sign-in/x'];

/** Where the browser really ends up when it is sent to `target` from the app. */
const landsOn = (target: string) => new URL(target, `${origin}/sign-in`).origin;

describe('the sign-in redirect (`next`)', () => {
  it('never leaves the app, whatever `next` holds', () => {
    const tally = new Tally();
    const escaped: string[] = [];
    for (const next of hostile) {
      const target = safeRedirectPath(next, options);
      const stays = landsOn(target) === origin;
      tally.add(stays ? (target === options.fallback ? 'dropped' : 'kept on the app') : 'LEFT');
      if (!stays) escaped.push(`${JSON.stringify(next)} → ${target}`);
    }
    recordAttack('open redirect: hostile `next` after sign-in (//, /\\, tab, .., schemes)', tally);
    expect(escaped).toEqual([]);
    for (const next of hostile) {
      expect(safeRedirectPath(next, options), JSON.stringify(next)).toBe('/customers');
    }
  });

  it.each(kept)('keeps %j as %j', (next, path) => {
    expect(safeRedirectPath(next, options)).toBe(path);
    expect(landsOn(path)).toBe(origin);
  });

  it.each(fallbacks.map((next) => [next]))('falls back for %j', (next) => {
    expect(safeRedirectPath(next, options)).toBe('/customers');
  });
});
