import { ADMIN_URL, PORTAL_URL } from '../support/system';
import { expect, test } from '../support/test';

const pages = [
  `${PORTAL_URL}/`,
  `${PORTAL_URL}/sign-in`,
  `${PORTAL_URL}/impersonate`,
  `${ADMIN_URL}/sign-in`,
  `${ADMIN_URL}/customers`,
];

const apiAnswers = [
  `${PORTAL_URL}/api/public/coworkers/profiles`,
  `${PORTAL_URL}/api/trpc/me`,
  `${PORTAL_URL}/api/health`,
  `${PORTAL_URL}/.well-known/jwks.json`,
  `${ADMIN_URL}/api/trpc/me`,
  `${ADMIN_URL}/api/health`,
  `${ADMIN_URL}/api/no-such-route`,
];

test('every page carries the security headers, with a fresh CSP nonce', async ({ request }) => {
  const nonces = new Set<string>();
  for (const url of pages) {
    const response = await request.get(url, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(csp, url).toContain("frame-ancestors 'none'");
    expect(csp, url).toContain("object-src 'none'");
    expect(csp, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp, url).not.toContain('unsafe-eval');
    nonces.add(/'nonce-([^']+)'/.exec(csp)?.[1] ?? '');
    expect(headers['referrer-policy'], url).toBe('no-referrer');
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    expect(headers['x-frame-options'], url).toBe('DENY');
  }
  expect(nonces.size).toBe(pages.length);
});

test('every API answer carries a policy under which nothing loads, frames or sniffs it', async ({
  request,
}) => {
  for (const url of apiAnswers) {
    const response = await request.get(url, { maxRedirects: 0 });
    const headers = response.headers();
    expect(headers['content-type'], url).toContain('application/json');
    expect(headers['content-security-policy'], url).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
    expect(headers['referrer-policy'], url).toBe('no-referrer');
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    expect(headers['x-frame-options'], url).toBe('DENY');
  }
});

test('the pages really run under that policy: scripts load, nothing is blocked', async ({
  page,
  consoleErrors,
}) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(`${PORTAL_URL}/sign-in`);
  await page.getByLabel('Email').fill('bob@example.com');
  await expect(page.getByLabel('Email')).toHaveValue('bob@example.com');
  await page.goto(`${ADMIN_URL}/sign-in`);
  await page.getByLabel('Email').fill('owner@hotdesk.test');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  expect(violations).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
