/** A calendar day, `YYYY-MM-DD`, and a wall-clock time, `HH:MM`, at some place. */
export type LocalDay = string;
export type LocalClock = string;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockAsUtc(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    partsIn(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
}

/** Whether `timeZone` is an IANA zone this runtime knows ("Europe/London"). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    partsIn(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant a wall clock at `timeZone` shows `clock` on `day`. A time skipped by a
 * daylight-saving change resolves to the instant after the gap, as clocks on the wall do.
 */
export function instantAt(day: LocalDay, clock: LocalClock, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hour, minute] = clock.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(year, month - 1, date, hour, minute);
  // The zone's offset at a first guess, then at the corrected instant (it differs across a
  // daylight-saving change).
  let instant = wanted - (wallClockAsUtc(new Date(wanted), timeZone) - wanted);
  instant = wanted - (wallClockAsUtc(new Date(instant), timeZone) - instant);
  return new Date(instant);
}

/** The calendar day at `timeZone` when `instant` happens. */
export function localDayOf(instant: Date, timeZone: string): LocalDay {
  return new Date(wallClockAsUtc(instant, timeZone)).toISOString().slice(0, 10);
}

/** The wall-clock time, `HH:MM`, at `timeZone` when `instant` happens. */
export function localClockOf(instant: Date, timeZone: string): LocalClock {
  return new Date(wallClockAsUtc(instant, timeZone)).toISOString().slice(11, 16);
}

/** Whether `day` is a `YYYY-MM-DD` date that exists ("2026-02-30" does not). */
export function isCalendarDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && addDays(day, 0) === day;
}

/** `day` moved by `days` calendar days. */
export function addDays(day: LocalDay, days: number): LocalDay {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}
