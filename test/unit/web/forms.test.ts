import { parseTimelineInput, PolicyValidationError } from '@ttg/policy';
import { DomainError } from '../../../apps/api/src/common/domain-error';
import { calculatorErrors, calculatorValues, timelineInputFrom } from '../../../apps/api/src/web/pages/calculator.view-model';
import { sentence } from '../../../apps/api/src/web/support/form-errors';
import { importFile } from '../../../apps/api/src/web/pages/imports.view-model';
import { newCaseBody, receivingPrisons, receptionErrors, receptionValues } from '../../../apps/api/src/web/pages/reception.view-model';
import { currentValues, releaseDatesChange, releaseDateValues } from '../../../apps/api/src/web/pages/release-dates.view-model';
import type { Principal } from '../../../apps/api/src/auth/principal';

/** The page forms turned into the bodies the use cases validate (the use cases judge the values). */
describe('receiving a person: the form as the new-case body', () => {
  const form = {
    _csrf: 'token',
    prisonNumber: ' a1234 bc ',
    givenName: 'Ash',
    familyName: '',
    'dateOfBirth-day': '3',
    'dateOfBirth-month': '2',
    'dateOfBirth-year': '1991',
    'receptionDate-day': '6',
    'receptionDate-month': '7',
    'receptionDate-year': '2026',
    receptionTime: '15:00',
    'sentenceStartDate-day': '6',
    'sentenceStartDate-month': '7',
    'sentenceStartDate-year': '2026',
    sentenceType: 'DETERMINATE',
    sentenceLengthMonths: '10',
    offenceCategory: 'OTHER',
    flags: 'homeDetentionCurfew',
  };

  it('normalises the prison number, turns dates to ISO, London time to UTC, and leaves blank fields out', () => {
    const body = newCaseBody(receptionValues(form), 'LEI');
    expect(body).toEqual({
      prisonNumber: 'A1234BC',
      givenName: 'Ash',
      dateOfBirth: '1991-02-03',
      prisonCode: 'LEI',
      receptionAt: '2026-07-06T14:00:00Z',
      sentenceStartDate: '2026-07-06',
      sentenceType: 'DETERMINATE',
      sentenceLengthMonths: 10,
      conditionalReleaseDate: null,
      automaticReleaseDate: null,
      paroleEligibilityDate: null,
      offenceCategory: 'OTHER',
      earlyAllocation: false,
      homeDetentionCurfew: true,
    });
  });

  it('links each refusal to its field with its label', () => {
    const err = new DomainError('VALIDATION_FAILED', 'x', { problems: [{ field: 'familyName', reason: 'Required' }, { field: 'sentenceStartDate', reason: 'must be a real calendar date YYYY-MM-DD' }] });
    expect(receptionErrors(err).list).toEqual([
      { text: 'Enter family name', href: '#familyName' },
      { text: 'Sentence start date must be a real calendar date YYYY-MM-DD', href: '#sentenceStartDate-day' },
    ]);
    const dup = new DomainError('CASE_ALREADY_ACTIVE', 'Prison number A1234BC already has an active case');
    expect(receptionErrors(dup).list[0]).toMatchObject({ href: '#prisonNumber', text: expect.stringContaining('already has an active case') });
  });

  it('says what to do about a missing answer: enter a text field, select a choice', () => {
    const err = new DomainError('VALIDATION_FAILED', 'x', {
      problems: [
        { field: 'givenName', reason: 'Required' },
        { field: 'prisonCode', reason: 'Required' },
        { field: 'offenceCategory', reason: 'must be one of VIOLENT, SEXUAL, OTHER' },
        { field: 'sentenceType', reason: 'Required' },
      ],
    });
    expect(receptionErrors(err).list).toEqual([
      { text: 'Enter given name', href: '#givenName' },
      { text: 'Select prison', href: '#prisonCode' },
      { text: 'Select the offence category', href: '#offenceCategory' },
      { text: 'Select the sentence type', href: '#sentenceType' },
    ]);
    expect(sentence('Reason', 'Expected string, received undefined')).toBe('Enter reason');
    expect(sentence('Community offender manager', 'Required', true)).toBe('Select community offender manager');
    expect(sentence('Reason', 'is required when the handover is sent back')).toBe('Reason is required when the handover is sent back');
  });

  it('asks for the offence category on the calculator rather than choosing one', () => {
    const values = calculatorValues({ sentenceType: 'DETERMINATE' });
    let issues: { field: string; reason: string }[] = [];
    try {
      parseTimelineInput(timelineInputFrom(values));
    } catch (err) {
      if (!(err instanceof PolicyValidationError)) throw err;
      issues = err.issues;
    }
    expect(calculatorErrors(issues).byField.offenceCategory).toEqual({ text: 'Select the offence category' });
    expect(calculatorErrors(issues).byField['receptionDate-day']).toEqual({ text: 'Enter the date received into custody' });
  });

  it('offers the prisons in the user’s scope only', () => {
    const prisons = [
      { code: 'LEI', name: 'HMP Leeds', regionCode: 'YH' },
      { code: 'HMI', name: 'HMP Humber', regionCode: 'YH' },
      { code: 'MAN', name: 'HMP Manchester', regionCode: 'NW' },
    ];
    const user = (p: Partial<Principal>) => ({ id: 'u', username: 'u', displayName: 'U', prisonCode: null, teamCode: null, regionCode: null, ...p }) as Principal;
    expect(receivingPrisons(user({ role: 'PRISON_STAFF', prisonCode: 'LEI' }), prisons).map((p) => p.code)).toEqual(['LEI']);
    expect(receivingPrisons(user({ role: 'MANAGER', regionCode: 'YH' }), prisons).map((p) => p.code)).toEqual(['LEI', 'HMI']);
    expect(receivingPrisons(user({ role: 'MANAGER', prisonCode: 'MAN', regionCode: 'NW' }), prisons).map((p) => p.code)).toEqual(['MAN']);
    expect(receivingPrisons(user({ role: 'ADMIN' }), prisons)).toHaveLength(3);
    expect(receivingPrisons(user({ role: 'COM', teamCode: 'T' }), prisons)).toEqual([]);
  });
});

describe('changing release dates: only what changed is sent', () => {
  const sentence = { sentenceStartDate: '2026-01-05', conditionalReleaseDate: '2026-08-07', automaticReleaseDate: null, paroleEligibilityDate: null, homeDetentionCurfew: false };

  it('starts from the case’s dates and sends nothing when nothing changed', () => {
    const values = currentValues(sentence);
    expect(values).toEqual({ homeDetentionCurfew: 'no', 'conditionalReleaseDate-day': '7', 'conditionalReleaseDate-month': '8', 'conditionalReleaseDate-year': '2026' });
    expect(releaseDatesChange({ ...values, reason: 'x' }, sentence)).toBeNull();
  });

  it('sends a moved date, a cleared one as null, the curfew flag and the reason', () => {
    const values = releaseDateValues({
      'conditionalReleaseDate-day': '',
      'conditionalReleaseDate-month': '',
      'conditionalReleaseDate-year': '',
      'automaticReleaseDate-day': '1',
      'automaticReleaseDate-month': '9',
      'automaticReleaseDate-year': '2026',
      homeDetentionCurfew: 'yes',
      reason: ' Recalculated ',
      _csrf: 'ignored',
    });
    expect(releaseDatesChange(values, sentence)).toEqual({ conditionalReleaseDate: null, automaticReleaseDate: '2026-09-01', homeDetentionCurfew: true, reason: 'Recalculated' });
  });
});

describe('bulk import: the file from the form', () => {
  it('takes an uploaded CSV, else pasted rows, and names what is wrong otherwise', () => {
    const file = (name: string, text: string) => ({ originalname: name, buffer: Buffer.from(text), size: text.length });
    expect(importFile(file('people.csv', 'a,b\n1,2'), '', undefined)).toEqual({ csv: 'a,b\n1,2' });
    expect(importFile(undefined, 'a,b\n1,2', undefined)).toEqual({ csv: 'a,b\n1,2' });
    expect(importFile(file('people.xlsx', 'PK'), '', undefined)).toMatchObject({ errors: { list: [{ text: 'The selected file must be a CSV file', href: '#file' }] } });
    expect(importFile(undefined, '  ', undefined)).toMatchObject({ errors: { list: [{ text: 'Select a CSV file, or paste its rows' }] } });
    expect(importFile(undefined, '', 'The file must be smaller than 5 MB')).toMatchObject({ errors: { list: [{ text: 'The file must be smaller than 5 MB' }] } });
  });
});
