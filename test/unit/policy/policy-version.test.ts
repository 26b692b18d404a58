import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY, loadPolicyFile, loadPolicyVersion, PolicyValidationError, selectPolicy, type PolicyVersion } from '@ttg/policy';
import { thrown } from '../../support/examples';
import { policyWith } from './fixtures';

const loadError = (doc: unknown): PolicyValidationError => thrown(PolicyValidationError, () => loadPolicyVersion(doc));

describe('the default policy version', () => {
  it('holds every England and Wales default figure', () => {
    expect(DEFAULT_POLICY.id).toBe('ew-default-2023-11-30');
    expect(DEFAULT_POLICY.figures).toMatchObject({
      custodyScreeningHours: 72,
      dutyToReferDaysBeforeRelease: 56,
      preReleaseReview: { opensDaysBeforeRelease: 84, dueDaysBeforeRelease: 56 },
      handover: {
        earlyAllocationMonthsBeforeErd: 15,
        indeterminateMonthsBeforeErd: 12,
        comResponsibleFromStartWithinMonths: 10,
        paroleEligibleMonthsBeforeErd: 12,
        standardMonthsBeforeErd: 8,
        standardDaysBeforeErd: 14,
        reminderDaysBefore: 56,
      },
      comAllocation: { overdueAfterDays: 2, escalateAfterDays: 14 },
      prisonReadAccessDays: 28,
      supervisionMonths: 12,
      lostContact: { workingDays: 10, escalateAfterWorkingDays: 5 },
      outcomeCheckpointMonths: [3, 6, 12],
      victimContact: { minSentenceMonths: 12, offenceCategories: ['VIOLENT', 'SEXUAL'] },
      releaseDay: { saturdayReleaseMaxTermDays: 5, dayOfReleaseRuleFrom: '2023-11-30', dayOfReleaseMinDaysServed: 28 },
      taskReminder: { workingDaysBeforeDue: 2, escalateWorkingDaysAfterDue: 5 },
      taskWorkingDays: { RESETTLEMENT_PLAN: 5, FIRST_APPOINTMENT: 1 },
    });
  });

  it('is in force for old receptions too', () => {
    expect(selectPolicy([DEFAULT_POLICY], '2005-06-01')).toBe(DEFAULT_POLICY);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(DEFAULT_POLICY.figures.lostContact)).toBe(true);
    expect(() => {
      (DEFAULT_POLICY.figures.lostContact as { workingDays: number }).workingDays = 1;
    }).toThrow(TypeError);
  });

  it('round-trips through JSON', () => {
    expect(loadPolicyVersion(JSON.parse(JSON.stringify(DEFAULT_POLICY)))).toEqual(DEFAULT_POLICY);
  });
});

const REMOVE = Symbol('remove');

/** The default document with the value at a dotted path replaced (or removed). */
function edited(path: string, value: unknown): unknown {
  return policyWith('edited', (doc) => {
    const keys = path.split('.');
    const last = keys.pop()!;
    let target = doc as Record<string, unknown>;
    for (const key of keys) target = target[key] as Record<string, unknown>;
    if (value === REMOVE) delete target[last];
    else target[last] = value;
  });
}

describe('loadPolicyVersion: a malformed version names the field path', () => {
  it.each([
    ['figures.lostContact.workingDays', 0, 'figures.lostContact.workingDays: expected a positive integer'],
    ['figures.lostContact.workingDays', '10', 'figures.lostContact.workingDays: expected a positive integer'],
    ['figures.lostContact.workingDays', 2.5, 'figures.lostContact.workingDays: expected a positive integer'],
    ['figures.supervisionMonths', REMOVE, 'figures.supervisionMonths: is required'],
    ['figures.outcomeCheckpointMonths', [3, 12, 6], 'figures.outcomeCheckpointMonths: expected months in increasing order'],
    ['figures.outcomeCheckpointMonths', [3, -6], 'figures.outcomeCheckpointMonths.1: expected a positive integer'],
    ['figures.releaseDay.dayOfReleaseRuleFrom', '2023-11-31', 'figures.releaseDay.dayOfReleaseRuleFrom: expected a real calendar date YYYY-MM-DD'],
    ['figures.victimContact.offenceCategories', ['VIOLENT', 'ARSON'], 'figures.victimContact.offenceCategories.1: expected one of VIOLENT, SEXUAL, OTHER'],
    ['figures.taskWorkingDays.RESETTLEMENT_PLAN', REMOVE, 'figures.taskWorkingDays.RESETTLEMENT_PLAN: is required'],
    ['figures.taskWorkingDays.HOME_VISIT', 0, 'figures.taskWorkingDays.HOME_VISIT: expected a positive integer'],
    ['figures.taskWorkingDays.homeVisit', 3, 'figures.taskWorkingDays.homeVisit: expected a task type in UPPER_SNAKE_CASE'],
    ['figures.handover.reminderDays', 56, 'figures.handover.reminderDays: is not a known field'],
    ['figures.preReleaseReview.opensDaysBeforeRelease', 50, 'figures.preReleaseReview.opensDaysBeforeRelease: expected the review to open on or before it is due'],
    ['effectiveFrom', 'soon', 'effectiveFrom: expected a real calendar date YYYY-MM-DD'],
    ['id', '', 'id: expected letters, digits, ".", "_" or "-" (at most 100)'],
    ['figures', 7, 'figures: expected an object'],
  ])('%s = %p → "%s"', (path, value, message) => {
    expect(loadError(edited(path, value)).message).toBe(message);
  });

  it('refuses something that is not an object', () => {
    expect(loadError([]).message).toBe('(input): expected a policy version object');
  });
});

describe('loadPolicyFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ttg-policy-'));

  it('loads a valid file', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(policyWith('file-version', (d) => (d.effectiveFrom = '2027-04-01'))));
    expect(loadPolicyFile(file)).toMatchObject({ id: 'file-version', effectiveFrom: '2027-04-01' });
  });

  it('names the file and the field of a malformed file', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(policyWith('bad', (d) => ((d.figures.lostContact as Record<string, unknown>).workingDays = -1))));
    expect(() => loadPolicyFile(file)).toThrow(`policy file ${file}: figures.lostContact.workingDays: expected a positive integer`);
  });

  it('reports a file that is not JSON or is missing', () => {
    const file = join(dir, 'not.json');
    writeFileSync(file, '{ "id": ');
    expect(() => loadPolicyFile(file)).toThrow(/^policy file .*not\.json: file: is not valid JSON/);
    expect(() => loadPolicyFile(join(dir, 'missing.json'))).toThrow(/file: cannot be read \(ENOENT\)$/);
  });
});

describe('selectPolicy: the latest version in force on a date', () => {
  const v = (id: string, effectiveFrom: string): PolicyVersion => loadPolicyVersion(policyWith(id, (d) => (d.effectiveFrom = effectiveFrom)));
  const versions = [v('a', '2020-01-01'), v('c', '2027-04-01'), v('b', '2024-01-01')];

  it.each([
    ['2023-12-31', 'a'],
    ['2024-01-01', 'b'],
    ['2027-03-31', 'b'],
    ['2027-04-01', 'c'],
    ['2030-01-01', 'c'],
  ])('on %s → %s', (date, id) => {
    expect(selectPolicy(versions, date).id).toBe(id);
  });

  it('refuses a date before every version', () => {
    expect(() => selectPolicy(versions, '2019-12-31')).toThrow('onDate: no policy version is in force on 2019-12-31 (the earliest is effective from 2020-01-01)');
    expect(() => selectPolicy([], '2026-01-01')).toThrow(PolicyValidationError);
  });

  it('takes the later listed of two versions with the same date', () => {
    expect(selectPolicy([v('first', '2024-01-01'), v('second', '2024-01-01')], '2025-01-01').id).toBe('second');
  });
});
