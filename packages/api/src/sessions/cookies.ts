import { type SessionAudience } from '@hotdesk/db';

/**
 * Each app has its own cookie names (both run on localhost in dev, and cookies ignore ports).
 * The portal keeps an impersonated session in a second cookie so a team administrator's own
 * session survives untouched underneath it and comes back on exit.
 */
export function sessionCookieNames(audience: SessionAudience, secure: boolean) {
  const prefix = secure ? '__Host-' : '';
  const app = audience === 'ADMIN' ? 'admin' : 'portal';
  return {
    session: `${prefix}hotdesk_${app}_session`,
    impersonation: `${prefix}hotdesk_${app}_impersonation`,
  };
}

export function serializeCookie(
  name: string,
  value: string,
  options: { secure: boolean; expires?: Date },
): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (options.secure) parts.push('Secure');
  parts.push(options.expires ? `Expires=${options.expires.toUTCString()}` : 'Max-Age=0');
  return parts.join('; ');
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return null;
}
