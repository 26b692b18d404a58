import { problemsCsv } from '../../../apps/api/src/web/pages/imports.view-model';

/** The download of an import's rows with problems: a line a row, with its problems and the cells it had, to fix and import again. */
describe('the rows with problems, as a CSV', () => {
  it('gives each row once with its problems in words and its cells under the file’s columns', () => {
    const row = { prisonNumber: 'BAD', givenName: 'Bob', familyName: 'Import, Jr', dateOfBirth: '1985-13-05', prisonCode: 'LEI' };
    const cells = Object.entries(row) as [string, string][];
    const csv = problemsCsv([
      { row: 3, column: 'dateOfBirth', reason: 'must be a real date', cells },
      { row: 3, column: 'prisonNumber', reason: 'must be a prison number like A1234BC', cells },
      { row: 5, column: '(row)', reason: 'You can only receive people into HMP Leeds', cells: Object.entries({ ...row, prisonNumber: 'A1234BC', dateOfBirth: '1985-12-05', prisonCode: 'WDI' }) as [string, string][] },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'row,problems,prisonNumber,givenName,familyName,dateOfBirth,prisonCode',
      '3,Date of birth (dateOfBirth): must be a real date; Prison number (prisonNumber): must be a prison number like A1234BC,BAD,Bob,"Import, Jr",1985-13-05,LEI',
      '5,You can only receive people into HMP Leeds,A1234BC,Bob,"Import, Jr",1985-12-05,WDI',
      '',
    ]);
  });

  it('still lists the problems of an import recorded before the cells were kept', () => {
    expect(problemsCsv([{ row: 2, column: 'givenName', reason: 'Required' }])).toBe('row,problems\r\n2,Given name (givenName): Required\r\n');
  });
});
