import { assessOutcome, DEFAULT_POLICY, loadPolicyVersion, outcomeMeetsNeed, readinessAlarms, readinessGaps } from '@ttg/policy';
import defaultDocument from '../../../libs/policy/versions/default.json';

describe('need rules: an outcome meets a need only when it says so', () => {
  it.each([
    ['SECURE_ADDRESS', { accommodation: 'SETTLED', address: '1 Street' }, true],
    ['SECURE_ADDRESS', { accommodation: 'TEMPORARY', address: 'Hostel' }, true],
    ['SECURE_ADDRESS', { accommodation: 'NONE' }, false],
    ['BANK_ACCOUNT', { opened: true }, true],
    ['BANK_ACCOUNT', { opened: false }, false],
    ['ID_DOCUMENTS', { documents: ['PASSPORT'] }, true],
    ['ID_DOCUMENTS', { documents: [] }, false],
    ['DEBT_ADVICE', { referred: true, debtsResolved: 'NO' }, true],
    ['DEBT_ADVICE', { referred: false, debtsResolved: 'NO_DEBTS' }, true],
    ['DEBT_ADVICE', { referred: false, debtsResolved: 'NO' }, false],
    ['ETE_REFERRAL', { arranged: 'TRAINING' }, true],
    ['ETE_REFERRAL', { arranged: 'NONE' }, false],
    ['PATHWAY_SUPPORT', { summary: 'x', supportArranged: false }, false],
    ['DUTY_TO_REFER', { localAuthority: 'Leeds', referredOn: '2030-01-01' }, true],
  ] as const)('%s %j meets the need: %s', (type, outcome, meets) => {
    expect(outcomeMeetsNeed(type, outcome)).toBe(meets);
  });

  it('opens a follow-up 5 working days on, escalating the second accommodation follow-up', () => {
    // Friday 2030-01-11 + 5 working days = Friday 2030-01-18.
    expect(assessOutcome('SECURE_ADDRESS', { accommodation: 'NONE' }, '2030-01-11', 0, DEFAULT_POLICY).followUp).toEqual({ title: 'Follow up the duty to refer with the local housing authority', escalate: false, dueDate: '2030-01-18' });
    expect(assessOutcome('SECURE_ADDRESS', { accommodation: 'NONE' }, '2030-01-11', 1, DEFAULT_POLICY).followUp).toMatchObject({ escalate: true });
    expect(assessOutcome('SECURE_ADDRESS', { accommodation: 'NONE' }, '2030-01-11', 5, DEFAULT_POLICY).followUp).toMatchObject({ escalate: true });
    expect(assessOutcome('BANK_ACCOUNT', { opened: true }, '2030-01-11', 0, DEFAULT_POLICY)).toMatchObject({ meets: true, followUp: null });
  });

  it('raises readiness alarms 14 days and 2 working days before release, at the start of the London day', () => {
    expect(readinessAlarms('2031-01-09', DEFAULT_POLICY)).toEqual([
      { key: 'DAYS_BEFORE_RELEASE', at: '2030-12-26T00:00:00Z', on: '2030-12-26' },
      { key: 'WORKING_DAYS_BEFORE_RELEASE', at: '2031-01-07T00:00:00Z', on: '2031-01-07' },
    ]);
    // British Summer Time: 00:00 London is 23:00Z the day before; Monday release, 2 working days back is Thursday.
    expect(readinessAlarms('2030-06-10', DEFAULT_POLICY)[1]).toEqual({ key: 'WORKING_DAYS_BEFORE_RELEASE', at: '2030-06-05T23:00:00Z', on: '2030-06-06' });
  });

  it('watches accommodation, ID and bank account only while the need is unmet', () => {
    expect(readinessGaps({ ACCOMMODATION: { status: 'IN_PROGRESS', open: ['SECURE_ADDRESS'] }, FINANCE_ID_AND_DEBT: { status: 'IN_PROGRESS', open: ['BANK_ACCOUNT', 'DEBT_ADVICE'] } })).toEqual(['ACCOMMODATION', 'BANK_ACCOUNT']);
    expect(readinessGaps({ ACCOMMODATION: { status: 'MET', open: [] }, FINANCE_ID_AND_DEBT: { status: 'SUPPORT_DECLINED', open: ['ID_DOCUMENTS'] } })).toEqual([]);
  });

  it('gives stored versions without the needs figures the default figures', () => {
    const { needs: _needs, ...figures } = defaultDocument.figures;
    expect(loadPolicyVersion({ ...defaultDocument, id: 'older', figures }).figures.needs).toMatchObject({ followUpWorkingDays: 5, alarmDaysBeforeRelease: 14, alarmWorkingDaysBeforeRelease: 2 });
    // Versions stored before the rules were data take the shipped rules.
    const { outcomeRules: _rules, readinessWatch: _watch, ...figuresOnly } = defaultDocument.figures.needs;
    const older = loadPolicyVersion({ ...defaultDocument, id: 'older-rules', figures: { ...defaultDocument.figures, needs: figuresOnly } });
    expect(older.figures.needs.outcomeRules).toEqual(DEFAULT_POLICY.figures.needs.outcomeRules);
    expect(older.figures.needs.readinessWatch.map((w) => w.key)).toEqual(['ACCOMMODATION', 'ID_DOCUMENTS', 'BANK_ACCOUNT']);
  });

  it('takes the rules from the policy version: a version can decide that temporary accommodation does not meet the need, and watch debt advice', () => {
    const needs = defaultDocument.figures.needs;
    const stricter = loadPolicyVersion({
      ...defaultDocument,
      id: 'stricter-2031',
      figures: {
        ...defaultDocument.figures,
        needs: {
          ...needs,
          outcomeRules: { ...needs.outcomeRules, SECURE_ADDRESS: { ...needs.outcomeRules.SECURE_ADDRESS, meetsWhen: [[{ field: 'accommodation', oneOf: ['SETTLED'] }, { field: 'address', present: true }]] } },
          readinessWatch: [...needs.readinessWatch, { key: 'DEBT_ADVICE', label: 'debt advice', pathway: 'FINANCE_ID_AND_DEBT', taskType: 'DEBT_ADVICE' }],
        },
      },
    });
    const hostel = { accommodation: 'TEMPORARY', address: 'Hostel' };
    expect(outcomeMeetsNeed('SECURE_ADDRESS', hostel)).toBe(true);
    expect(outcomeMeetsNeed('SECURE_ADDRESS', hostel, stricter)).toBe(false);
    expect(assessOutcome('SECURE_ADDRESS', hostel, '2030-01-11', 0, stricter)).toMatchObject({ meets: false, rulesVersion: 'stricter-2031', unmetMeans: 'no address for release night' });
    expect(assessOutcome('SECURE_ADDRESS', hostel, '2030-01-11', 0, DEFAULT_POLICY)).toMatchObject({ meets: true, rulesVersion: DEFAULT_POLICY.id });
    const gaps = { FINANCE_ID_AND_DEBT: { status: 'IN_PROGRESS', open: ['DEBT_ADVICE'] } };
    expect(readinessGaps(gaps)).toEqual([]);
    expect(readinessGaps(gaps, stricter)).toEqual(['DEBT_ADVICE']);
  });

  it('refuses rules that do not make sense, naming the field', () => {
    const needs = defaultDocument.figures.needs;
    const bad = (over: object) => () => loadPolicyVersion({ ...defaultDocument, id: 'bad', figures: { ...defaultDocument.figures, needs: { ...needs, ...over } } });
    expect(bad({ outcomeRules: { HOUSING: needs.outcomeRules.SECURE_ADDRESS } })).toThrow(/figures\.needs\.outcomeRules\.HOUSING/);
    expect(bad({ outcomeRules: { SECURE_ADDRESS: { ...needs.outcomeRules.SECURE_ADDRESS, followUps: [] } } })).toThrow(/figures\.needs\.outcomeRules\.SECURE_ADDRESS\.followUps: expected at least one follow-up/);
    expect(bad({ readinessWatch: [{ key: 'X', label: 'x', pathway: 'HOUSING', taskType: null }] })).toThrow(/figures\.needs\.readinessWatch\.0\.pathway: expected a pathway/);
  });
});
