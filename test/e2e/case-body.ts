/** A date `offsetDays` from today, as the API takes dates. */
export const today = (offsetDays = 0): string => new Date(Date.now() + offsetDays * 86400_000).toISOString().slice(0, 10);

/** A random prison number with the given first letter (each test file its own, so they do not collide). */
export const prisonNumber = (letter: string): string =>
  `${letter}${String(1000 + Math.floor(Math.random() * 8999))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}${String.fromCharCode(65 + Math.floor(Math.random() * 26))}`;

/** The body of `POST /api/v1/cases` for a person received today at HMP Leeds, with a release in 300 days. */
export function newCaseBody(letter: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    prisonNumber: prisonNumber(letter),
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
