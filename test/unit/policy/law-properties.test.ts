import fc from 'fast-check';
import * as policy from '@ttg/policy';
import { CONTRACT_INPUT, LIFE_SENTENCE } from './fixtures';

const { addCalendarDays, addMonths, computeKeyDates, daysBetween, decideSupervisionEnd, isWorkingDay, moveByUnlawfullyAtLarge, onOrBeforeWorkingDay, precedingEligibleWorkingDay } = policy;
type TimelineInput = policy.TimelineInput;

const DAY0 = '2017-01-01';
const date = (fromDays = 0, toDays = 6000) => fc.integer({ min: fromDays, max: toDays }).map((n) => addCalendarDays(DAY0, n));
const nextIsWorking = (d: string) => isWorkingDay(addCalendarDays(d, 1));

describe('properties of the law\'s dates', () => {
  it('one more day earlier: a working day not followed by a non-working day, with none such in between', () => {
    fc.assert(
      fc.property(date(30), (d) => {
        const earlier = precedingEligibleWorkingDay(d);
        expect(earlier < d).toBe(true);
        expect(isWorkingDay(earlier) && nextIsWorking(earlier)).toBe(true);
        for (let day = addCalendarDays(earlier, 1); day < d; day = addCalendarDays(day, 1)) expect(isWorkingDay(day) && nextIsWorking(day)).toBe(false);
      }),
    );
  });

  it('HDC: released on the approved date moved back to a working day, never a later one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 60, max: 200 }), (afterStart) => {
        const approved = addCalendarDays(CONTRACT_INPUT.sentenceStartDate, afterStart);
        const input: TimelineInput = { ...CONTRACT_INPUT, conditionalReleaseDate: addCalendarDays(approved, 30), hdcApprovedDate: approved };
        expect(computeKeyDates(input).releaseDate).toBe(onOrBeforeWorkingDay(approved));
      }),
    );
  });

  it('indeterminate: handover is the tariff date − 12 months, clamped to the end of the month', () => {
    fc.assert(
      fc.property(date(4000, 6000), (tariffDate) => {
        const input: TimelineInput = { ...LIFE_SENTENCE, tariffDate };
        const k = computeKeyDates(input);
        expect(k.handoverDate).toBe(addMonths(tariffDate, -12));
        const day = Number(tariffDate.slice(8));
        expect(Number(k.handoverDate!.slice(8))).toBe(Math.min(day, new Date(Date.UTC(Number(tariffDate.slice(0, 4)) - 1, Number(tariffDate.slice(5, 7)), 0)).getUTCDate()));
        expect(k.supervisionEndDate).toBeNull();
      }),
    );
  });

  it('supervision: later of licence and top-up expiry; exactly 24 months and more never from the 12-month rule when a licence expiry is known', () => {
    fc.assert(
      fc.property(date(0, 3000), date(0, 3000), date(0, 3000), fc.integer({ min: 0, max: 60 }), (release, led, tused, months) => {
        expect(decideSupervisionEnd({ sentenceType: 'DETERMINATE', sentenceLengthMonths: months, licenceExpiryDate: led, topUpSupervisionExpiryDate: tused }, release).date).toBe(led > tused ? led : tused);
        const withLed = decideSupervisionEnd({ sentenceType: 'DETERMINATE', sentenceLengthMonths: months, licenceExpiryDate: led }, release);
        expect(withLed.date).toBe(months >= 24 ? led : [led, addMonths(release, 12)].sort()[1]);
      }),
    );
  });

  it('time unlawfully at large of N days moves every known end date by exactly N days', () => {
    fc.assert(
      fc.property(date(), fc.option(date(), { nil: null }), fc.integer({ min: 0, max: 2000 }), (led, tused, n) => {
        const moved = moveByUnlawfullyAtLarge({ licenceExpiryDate: led, topUpSupervisionExpiryDate: tused }, n);
        expect(daysBetween(led, moved.licenceExpiryDate!)).toBe(n);
        expect(moved.topUpSupervisionExpiryDate === null ? tused === null : daysBetween(tused!, moved.topUpSupervisionExpiryDate!) === n).toBe(true);
      }),
    );
  });
});
