import { describe, expect, it } from 'vitest';
import {
  addDays,
  instantAt,
  isCalendarDay,
  isKnownTimeZone,
  localClockOf,
  localDayOf,
} from './local-time';

describe('wall-clock times at a location', () => {
  it('turns a local time into the instant, in and out of summer time', () => {
    expect(instantAt('2026-01-15', '10:00', 'Europe/London').toISOString()).toBe(
      '2026-01-15T10:00:00.000Z',
    );
    expect(instantAt('2026-07-15', '10:00', 'Europe/London').toISOString()).toBe(
      '2026-07-15T09:00:00.000Z',
    );
    expect(instantAt('2026-07-15', '10:00', 'America/New_York').toISOString()).toBe(
      '2026-07-15T14:00:00.000Z',
    );
  });

  it('resolves a time skipped by the spring change to after the gap', () => {
    // London skipped 01:00–02:00 on 29 March 2026.
    expect(instantAt('2026-03-29', '01:30', 'Europe/London').toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
  });

  it('names the local day of an instant', () => {
    const lateEvening = new Date('2026-07-15T23:30:00Z');
    expect(localDayOf(lateEvening, 'Europe/London')).toBe('2026-07-16');
    expect(localDayOf(lateEvening, 'America/New_York')).toBe('2026-07-15');
  });

  it('reads the wall clock of an instant', () => {
    const lateEvening = new Date('2026-07-15T23:30:00Z');
    expect(localClockOf(lateEvening, 'Europe/London')).toBe('00:30');
    expect(localClockOf(lateEvening, 'America/New_York')).toBe('19:30');
  });

  it('tells calendar days from look-alikes', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('2026-1-01')).toBe(false);
  });

  it('moves days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows real zones only', () => {
    expect(isKnownTimeZone('Europe/London')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
  });
});
