// Small sessionStorage helpers: per tab, survive the full page loads the portal does when the
// identity changes, gone when the tab closes.

const RETURN_TO_KEY = 'hotdesk:impersonation-return-to';
const FLASH_KEY = 'hotdesk:flash';
const MAIL_LINK_KEY = 'hotdesk:mail-link';

function read(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null) {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // Storage can be unavailable (privacy modes); the fallbacks still work.
  }
}

/** Where a team administrator goes back to when their view as a member ends. */
export function rememberImpersonationReturn(path: string) {
  write(RETURN_TO_KEY, path);
}

export function takeImpersonationReturn(): string | null {
  const path = read(RETURN_TO_KEY);
  write(RETURN_TO_KEY, null);
  return path?.startsWith('/') && !path.startsWith('//') ? path : null;
}

/** A message to show as a toast after the next full page load. */
export function setFlash(message: string) {
  write(FLASH_KEY, message);
}

export function takeFlash(): string | null {
  const message = read(FLASH_KEY);
  write(FLASH_KEY, null);
  return message;
}

/**
 * A link from an e-mail kept across signing in (its page asks the member to sign in before a
 * yes): in this tab's storage only, so the token still never reaches a server or an address.
 */
export function keepMailLinkForSignIn(token: string) {
  write(MAIL_LINK_KEY, token);
}

export function takeMailLinkAfterSignIn(): string | null {
  const token = read(MAIL_LINK_KEY);
  write(MAIL_LINK_KEY, null);
  return token;
}
