import { readCsv } from '../../../apps/api/src/imports/csv-reader';

/**
 * The import template is downloaded with one line ending and filled in with another (Excel on
 * Windows writes \r\n, an editor on a Mac \n): every row is read, whichever ending each line has.
 */
describe('readCsv', () => {
  const header = 'prisonNumber,givenName,familyName';

  it.each([
    ['\\r\\n then \\n', `${header}\r\nA1234BC,Ann,Smith\nB2345CD,Bob,Jones\n`],
    ['\\n then \\r\\n', `${header}\nA1234BC,Ann,Smith\r\nB2345CD,Bob,Jones\r\n`],
    ['\\r alone', `${header}\rA1234BC,Ann,Smith\rB2345CD,Bob,Jones`],
  ])('reads every row of a file with mixed line endings (%s)', async (_name, text) => {
    expect(await readCsv(text, 100)).toEqual([
      { prisonNumber: 'A1234BC', givenName: 'Ann', familyName: 'Smith' },
      { prisonNumber: 'B2345CD', givenName: 'Bob', familyName: 'Jones' },
    ]);
  });

  it('keeps a line break inside a quoted value', async () => {
    expect(await readCsv(`${header}\r\nA1234BC,"Ann\nMarie",Smith\n`, 100)).toEqual([{ prisonNumber: 'A1234BC', givenName: 'Ann\nMarie', familyName: 'Smith' }]);
  });
});
