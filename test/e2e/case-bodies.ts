/** Request bodies the e2e tests send: a person received today, due out in about ten months. */

let n = 0;

/** A prison number not used before in this test run (a counter, with random letters for parallel runs). */
export function prisonNumber(): string {
  const letter = () => String.fromCharCode(65 + Math.floor(Math.random() * 26));
  return `A${String(1000 + (n++ % 8999)).padStart(4, '0')}${letter()}${letter()}`;
}

/** Today (UTC) plus some days, as YYYY-MM-DD. */
export function today(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86400_000).toISOString().slice(0, 10);
}

/** The body of POST /api/v1/cases, with any field overridden. */
export function newCase(overrides: Record<string, unknown> = {}) {
  return {
    prisonNumber: prisonNumber(),
    givenName: 'Jo',
    familyName: 'Bloggs',
    dateOfBirth: '1990-04-01',
    prisonCode: 'LEI',
    receptionAt: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    sentenceStartDate: today(),
    sentenceType: 'DETERMINATE',
    sentenceLengthMonths: 24,
    conditionalReleaseDate: today(300),
    offenceCategory: 'OTHER',
    ...overrides,
  };
}
