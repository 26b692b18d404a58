/** Request bodies the e2e tests send: a person received today, due out in about ten months. */

/** A random prison number starting with `letter` (each test file its own letter, so parallel runs do not collide). */
export function prisonNumber(letter = 'A'): string {
  const upper = () => String.fromCharCode(65 + Math.floor(Math.random() * 26));
  return `${letter}${String(1000 + Math.floor(Math.random() * 8999))}${upper()}${upper()}`;
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

/** The same, with a prison number starting with `letter`. */
export function newCaseBody(letter: string, overrides: Record<string, unknown> = {}) {
  return newCase({ prisonNumber: prisonNumber(letter), ...overrides });
}
