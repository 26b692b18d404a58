import { DateTime } from 'luxon';
import { addCalendarDays, addMonths, daysBetween, endOfDayInstant, isIsoDate, isIsoInstant, londonDateOf } from '@ttg/policy';
import { addHours, weekdayName, weekdayOf } from '../../../libs/policy/src/dates';

/**
 * The policy's date arithmetic is plain calendar-day maths on ISO dates (no date library on the
 * hot path). These checks hold it to what a full date library answers, over every day from 2015
 * to 2035 and instants around each change of the clocks in London.
 */
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const everyDay = (() => {
  const out: string[] = [];
  for (let t = Date.UTC(2015, 0, 1); t <= Date.UTC(2035, 11, 31); t += DAY) out.push(iso(t));
  return out;
})();
const luxonDay = (d: string) => DateTime.fromISO(d, { zone: 'utc' });
const luxonInstant = (dt: DateTime) => dt.toUTC().toISO({ suppressMilliseconds: true });

describe('calendar-day arithmetic agrees with a date library', () => {
  it('adds days and months and counts days between, every day 2015–2035', () => {
    for (const [i, d] of everyDay.entries()) {
      const days = (i % 97) - 48;
      const months = (i % 41) - 20;
      expect(addCalendarDays(d, days)).toBe(luxonDay(d).plus({ days }).toISODate());
      expect(addMonths(d, months)).toBe(luxonDay(d).plus({ months }).toISODate());
      expect(daysBetween(d, '2026-03-29')).toBe(Math.round(luxonDay('2026-03-29').diff(luxonDay(d), 'days').days));
      expect(weekdayOf(d)).toBe(luxonDay(d).weekday);
    }
    expect(weekdayName('2026-11-27')).toBe('Friday');
  });

  it('finds the end of each day in London, every day 2015–2035 (both changes of the clocks every year)', () => {
    for (const d of everyDay) {
      const day = luxonDay(d);
      const expected = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: 'Europe/London' }).plus({ days: 1 });
      expect(endOfDayInstant(d)).toBe(luxonInstant(expected));
    }
  });

  it('dates instants in London every 20 minutes around every change of the clocks 2015–2035', () => {
    for (let year = 2015; year <= 2035; year += 1) {
      for (const month of [3, 10]) {
        const lastSunday = DateTime.fromObject({ year, month, day: 31 }, { zone: 'utc' }).minus({ days: DateTime.fromObject({ year, month, day: 31 }, { zone: 'utc' }).weekday % 7 });
        for (let t = lastSunday.minus({ days: 1 }).toMillis(); t < lastSunday.plus({ days: 2 }).toMillis(); t += 20 * 60_000) {
          const at = new Date(t).toISOString();
          expect(londonDateOf(at)).toBe(DateTime.fromMillis(t, { zone: 'Europe/London' }).toISODate());
        }
      }
    }
  });

  it.each([
    ['2026-06-11T00:30:00+01:00', '2026-06-11'],
    ['2026-06-10T23:30:00-00:30', '2026-06-11'],
    ['2026-01-01T24:00Z', '2026-01-02'],
    ['2026-01-01T10:00+0100', '2026-01-01'],
    ['2024-02-29T10:00:00.123456789z', '2024-02-29'],
  ])('reads the instant %s as a date-library would (%s in London)', (at, date) => {
    expect(londonDateOf(at)).toBe(date);
    expect(londonDateOf(at)).toBe(DateTime.fromISO(at, { setZone: true }).setZone('Europe/London').toISODate());
  });

  it.each([
    ['2026-01-08T15:00:00Z', 24, '2026-01-09T15:00:00Z'],
    ['2026-03-28T12:00:00.5Z', 24, '2026-03-29T12:00:00.500Z'],
    ['2026-06-01T00:30:00+01:00', 1, '2026-06-01T00:30:00Z'],
  ])('adds hours to %s exactly (+%i h = %s)', (at, hours, expected) => {
    expect(addHours(at, hours)).toBe(expected);
    expect(addHours(at, hours)).toBe(luxonInstant(DateTime.fromISO(at, { setZone: true }).plus({ hours })));
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-1-01', '20260101', '2026-04-31'])('refuses %s as a date, as a date library does', (d) => {
    expect(isIsoDate(d)).toBe(false);
    expect(() => addCalendarDays(d, 1)).toThrow('must be a real calendar date');
  });

  it.each(['2026-01-01T24:30Z', '2026-01-01T23:60Z', '2026-01-01T10:00:60Z', '2026-02-29T10:00Z', '2026-01-01T10:00', '2026-01-01'])('refuses %s as an instant (not real, or without a time zone)', (at) => {
    expect(isIsoInstant(at)).toBe(false);
  });
});
