import { PATHWAYS } from '@ttg/contracts';

/** New-case bodies for `POST /api/v1/cases`, drawn from a seeded random source. */
export interface NewCaseBody {
  prisonNumber: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  prisonCode: string;
  receptionAt: string;
  sentenceStartDate: string;
  sentenceType: 'DETERMINATE';
  sentenceLengthMonths: number;
  conditionalReleaseDate: string;
  offenceCategory: 'VIOLENT' | 'OTHER';
}

export const GIVEN = ['Aaron', 'Bilal', 'Callum', 'Darren', 'Ellis', 'Femi', 'Gary', 'Harvey', 'Imran', 'Jamie', 'Kyle', 'Liam', 'Mason', 'Nathan', 'Owen', 'Patrick', 'Reece', 'Sean', 'Tyler', 'Usman'];
export const FAMILY = ['Ahmed', 'Barker', 'Clarke', 'Dixon', 'Evans', 'Fletcher', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Kaur', 'Lewis', 'Murphy', 'Nolan', 'Patel', 'Quinn', 'Robinson', 'Shaw', 'Taylor', 'Walker'];

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const letter = (r: () => number) => String.fromCharCode(65 + Math.floor(r() * 26));

/**
 * People received today at one prison. Prison numbers match /^[A-Z]\d{4}[A-Z]{2}$/ and are unique
 * (none of `taken`, none repeated); release dates fall 6 to 24 months ahead.
 */
export function newCaseBodies(count: number, r: () => number, prisonCode: string, taken: Set<string>, now = Date.now()): NewCaseBody[] {
  const out: NewCaseBody[] = [];
  const used = new Set(taken);
  while (out.length < count) {
    const prisonNumber = `${letter(r)}${String(Math.floor(r() * 10_000)).padStart(4, '0')}${letter(r)}${letter(r)}`;
    if (used.has(prisonNumber)) continue;
    used.add(prisonNumber);
    const releaseInDays = 180 + Math.floor(r() * 540);
    out.push({
      prisonNumber,
      givenName: GIVEN[Math.floor(r() * GIVEN.length)],
      familyName: FAMILY[Math.floor(r() * FAMILY.length)],
      dateOfBirth: isoDay(now - (18 + Math.floor(r() * 50)) * 365 * DAY - Math.floor(r() * 365) * DAY),
      prisonCode,
      receptionAt: new Date(now - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      sentenceStartDate: isoDay(now),
      sentenceType: 'DETERMINATE',
      sentenceLengthMonths: Math.max(2, Math.round((releaseInDays / 30) * 2)),
      conditionalReleaseDate: isoDay(now + releaseInDays * DAY),
      offenceCategory: r() < 0.25 ? 'VIOLENT' : 'OTHER',
    });
  }
  return out;
}

/** A valid CUSTODY_SCREENING outcome (libs/contracts/src/outcomes.ts). */
export function screeningOutcome(r: () => number): { immediateNeeds: string[]; riskFlags: string[]; needs: Record<string, boolean> } {
  return { immediateNeeds: r() < 0.3 ? ['prescription medication'] : [], riskFlags: [], needs: Object.fromEntries(PATHWAYS.map((p) => [p, r() < 0.4])) };
}
