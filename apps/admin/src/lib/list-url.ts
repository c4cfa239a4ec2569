const key = (pathname: string) => `hotdesk-admin:last-url:${pathname}`;

/** The last search of a list page, so "Back to customers" returns to the same results. */
export function rememberListUrl(pathname: string, url: string) {
  window.sessionStorage.setItem(key(pathname), url);
}

export function lastListUrl(pathname: string): string {
  const url = typeof window === 'undefined' ? null : window.sessionStorage.getItem(key(pathname));
  return url?.startsWith(pathname) ? url : pathname;
}
