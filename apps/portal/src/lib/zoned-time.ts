// Times at a location, on its own clocks whatever the browser's zone: a booking in London
// reads 10:00 in New York too, with the zone named beside it.

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();

function formatIn(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: object) {
  let format = cache.get(timeZone);
  if (!format)
    cache.set(timeZone, (format = new Intl.DateTimeFormat('en-GB', { timeZone, ...options })));
  return format;
}

/** "Thu 3 Dec 2026" at `timeZone`. */
export function formatDayIn(instant: Date, timeZone: string): string {
  return formatIn(dayFormats, timeZone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(instant);
}

/** "09:30" at `timeZone`. */
export function formatClockIn(instant: Date, timeZone: string): string {
  return formatIn(clockFormats, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

/** "Thu 3 Dec 2026, 10:00–11:00" at `timeZone`. */
export function formatSpanIn(startsAt: Date, endsAt: Date, timeZone: string): string {
  return `${formatDayIn(startsAt, timeZone)}, ${formatClockIn(startsAt, timeZone)}–${formatClockIn(endsAt, timeZone)}`;
}

/** "Thu 3 Dec 2026" for a calendar day `YYYY-MM-DD`, read as that day anywhere. */
export function formatCalendarDay(day: string): string {
  return formatDayIn(new Date(`${day}T12:00:00Z`), 'UTC');
}
