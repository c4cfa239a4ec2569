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

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** An amount in minor units (pence, cents) in its own currency: "£325.00", "$300.00", "¥500". */
export function formatMoney(minor: number, currency: string): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    moneyFormats.set(currency, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

const calendarDays = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date ("2026-12-01") as the reader writes dates; no time zone can move the day. */
export function formatCalendarDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return calendarDays.format(new Date(Date.UTC(year, month - 1, date)));
}

/** The wall-clock time of an instant at a place: a visit's "09:00" at its location. */
export function formatTimeIn(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone }).format(instant);
}
