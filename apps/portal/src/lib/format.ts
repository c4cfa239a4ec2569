const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

/** "4 min 12 s", "1 h 5 min", "less than a second". */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds === 0) return 'less than a second';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${rest} s`;
}

/** A countdown clock: "59:07", or "1:02:03" past an hour. */
export function formatClock(milliseconds: number): string {
  const total = Math.max(0, Math.ceil(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(hours > 0 ? 2 : 1, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function modeLabel(mode: 'READ_ONLY' | 'FULL'): string {
  return mode === 'READ_ONLY' ? 'Read-only' : 'Full access';
}

const staffRoles: Record<string, string> = {
  OWNER: 'Owner (staff)',
  ADMIN: 'Administrator (staff)',
  OPERATOR: 'Operator (staff)',
  VIEWER: 'Viewer (staff)',
};

/** The viewer's role as a member understands it: staff roles say so, team roles speak for themselves. */
export function actorRoleLabel(role: string): string {
  return staffRoles[role] ?? role;
}

/** "1 minute", "45 seconds". */
export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "£25.00", "$35.00": an amount in minor units of an ISO 4217 currency. */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
}
