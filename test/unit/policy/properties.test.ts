import fc from 'fast-check';
import {
  addCalendarDays,
  addWorkingDays,
  comAllocationDates,
  computeKeyDates,
  effectiveReleaseDate,
  explainKeyDates,
  firstAppointmentDue,
  isWorkingDay,
  lostContactDates,
  onOrBeforeWorkingDay,
  outcomeCheckpoints,
  resettlementPlanDue,
  taskReminderAndEscalation,
  type TimelineInput,
} from '@ttg/policy';

const DAY0 = '2016-01-01';
/** A date well inside the calendar's coverage, leaving room for arithmetic either side. */
const date = (fromDays = 0, toDays = 6900) => fc.integer({ min: fromDays, max: toDays }).map((n) => addCalendarDays(DAY0, n));
const workingDate = date().map(onOrBeforeWorkingDay).filter((d) => d >= DAY0);

const timelineInput: fc.Arbitrary<TimelineInput> = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 5000 }),
    receptionDelay: fc.integer({ min: -30, max: 60 }),
    receptionMinute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
    releaseAfter: fc.integer({ min: 0, max: 1500 }),
    otherAfter: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
    sentenceType: fc.constantFrom('DETERMINATE' as const, 'INDETERMINATE' as const),
    which: fc.constantFrom('CRD' as const, 'ARD' as const, 'PED' as const),
    sentenceLengthMonths: fc.integer({ min: 0, max: 240 }),
    earlyAllocation: fc.boolean(),
    homeDetentionCurfew: fc.boolean(),
    sentenceLengthDays: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
    offenceCategory: fc.constantFrom('VIOLENT' as const, 'SEXUAL' as const, 'OTHER' as const),
  })
  .map((r) => {
    const start = addCalendarDays(DAY0, r.startOffset);
    const reception = addCalendarDays(start, r.receptionDelay);
    const hh = String(Math.floor(r.receptionMinute / 60)).padStart(2, '0');
    const mm = String(r.receptionMinute % 60).padStart(2, '0');
    const release = addCalendarDays(start, r.releaseAfter);
    const other = r.otherAfter === null ? null : addCalendarDays(start, r.otherAfter);
    const input: TimelineInput = {
      receptionAt: `${reception}T${hh}:${mm}:00Z`,
      sentenceStartDate: start,
      sentenceType: r.sentenceType,
      sentenceLengthMonths: r.sentenceLengthMonths,
      conditionalReleaseDate: r.which === 'CRD' ? release : other,
      automaticReleaseDate: r.which === 'ARD' ? release : null,
      paroleEligibilityDate: r.sentenceType === 'INDETERMINATE' || r.which === 'PED' ? release : null,
      earlyAllocation: r.earlyAllocation,
      offenceCategory: r.offenceCategory,
      homeDetentionCurfew: r.homeDetentionCurfew,
    };
    return r.sentenceLengthDays === undefined ? input : { ...input, sentenceLengthDays: r.sentenceLengthDays };
  });

describe('properties', () => {
  it('no key-date due date is ever a non-working day', () => {
    fc.assert(
      fc.property(timelineInput, (input) => {
        const k = computeKeyDates(input);
        expect(isWorkingDay(k.dutyToReferDue)).toBe(true);
        expect(isWorkingDay(k.preReleaseReviewDue)).toBe(true);
        expect(isWorkingDay(k.firstAppointmentDue)).toBe(true);
      }),
    );
  });

  it('no helper due date is ever a non-working day', () => {
    fc.assert(
      fc.property(date(), (d) => {
        expect(isWorkingDay(comAllocationDates(d).due)).toBe(true);
        expect(isWorkingDay(firstAppointmentDue(d))).toBe(true);
        expect(isWorkingDay(resettlementPlanDue(`${d}T12:00:00Z`))).toBe(true);
        const lost = lostContactDates(d);
        expect(isWorkingDay(lost.flagOn) && isWorkingDay(lost.escalateOn)).toBe(true);
        for (const c of outcomeCheckpoints(d)) expect(isWorkingDay(c.due)).toBe(true);
        const t = taskReminderAndEscalation(d);
        expect(isWorkingDay(t.reminderOn) && isWorkingDay(t.escalateOn)).toBe(true);
      }),
    );
  });

  it('the effective release date is never after the release date and is always a working day', () => {
    fc.assert(
      fc.property(
        date(40),
        fc.integer({ min: 0, max: 40 }),
        fc.constantFrom('DETERMINATE' as const, 'INDETERMINATE' as const),
        fc.boolean(),
        fc.boolean(),
        (release, served, sentenceType, paroleDirected, homeDetentionCurfew) => {
          const effective = effectiveReleaseDate(release, { sentenceType, sentenceStartDate: addCalendarDays(release, -served), paroleDirected, homeDetentionCurfew });
          expect(effective <= release).toBe(true);
          expect(isWorkingDay(effective)).toBe(true);
        },
      ),
    );
  });

  it('the effective release date is the key dates release date, never after the earliest release date', () => {
    fc.assert(
      fc.property(timelineInput, (input) => {
        const k = computeKeyDates(input);
        expect(k.releaseDate <= k.earliestReleaseDate).toBe(true);
      }),
    );
  });

  it('the same input always gives the same output', () => {
    fc.assert(
      fc.property(timelineInput, (input) => {
        const copy = JSON.parse(JSON.stringify(input)) as TimelineInput;
        expect(computeKeyDates(copy)).toEqual(computeKeyDates(input));
        expect(explainKeyDates(copy)).toEqual(explainKeyDates(input));
      }),
    );
  });

  it('adding n working days then counting back n gives the working day we started from', () => {
    fc.assert(
      fc.property(workingDate, fc.integer({ min: -60, max: 60 }), (d, n) => {
        expect(addWorkingDays(addWorkingDays(d, n), -n)).toBe(d);
      }),
    );
  });

  it('adding n working days passes exactly n working days', () => {
    fc.assert(
      fc.property(date(), fc.integer({ min: 1, max: 30 }), (d, n) => {
        const end = addWorkingDays(d, n);
        let count = 0;
        for (let day = addCalendarDays(d, 1); day <= end; day = addCalendarDays(day, 1)) if (isWorkingDay(day)) count += 1;
        expect(count).toBe(n);
        expect(isWorkingDay(end)).toBe(true);
      }),
    );
  });
});
