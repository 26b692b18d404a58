import type { Actor, SentenceFacts } from '@ttg/contracts';

/**
 * The people and facts one pathway is driven with, shared by the pathway integration tests and
 * the history benchmark (bench/measure/history.ts), which drives the same whole pathway.
 * The actors are the demo users the seed creates.
 */
export const PRISON: Actor = { userId: 'u-prison-staff', role: 'PRISON_STAFF' };
export const COM: Actor = { userId: 'u-com-officer', role: 'COM' };
export const MANAGER: Actor = { userId: 'u-manager', role: 'MANAGER' };

/**
 * Received Monday 2030-01-07 09:00Z, 24 months, conditional release Friday 2031-01-10: released
 * Thursday 2031-01-09 (no release before a weekend), handover Friday 2030-04-26, supervision to 2032-01-09.
 */
export const TWO_YEAR_SENTENCE: SentenceFacts = {
  receptionAt: '2030-01-07T09:00:00Z',
  sentenceStartDate: '2030-01-07',
  sentenceType: 'DETERMINATE',
  sentenceLengthMonths: 24,
  conditionalReleaseDate: '2031-01-10',
  offenceCategory: 'OTHER',
};

/** The same sentence with every optional fact stated: no other release date, no early allocation. */
export const TWO_YEAR_SENTENCE_STATED: SentenceFacts = { ...TWO_YEAR_SENTENCE, automaticReleaseDate: null, paroleEligibilityDate: null, earlyAllocation: false };

/** The whole pathway's sentence (whole-pathway.test.ts, the history benchmark): a violent offence, so victim contact applies. */
export const WHOLE_PATHWAY_SENTENCE: SentenceFacts = { ...TWO_YEAR_SENTENCE_STATED, offenceCategory: 'VIOLENT' };

/** Custody screening's needs: three of the seven resettlement pathways. */
export const ALL_NEEDS = {
  ACCOMMODATION: true,
  EDUCATION_SKILLS_AND_WORK: true,
  FINANCE_ID_AND_DEBT: true,
  DRUGS_AND_ALCOHOL: false,
  HEALTH: false,
  CHILDREN_FAMILIES_AND_COMMUNITIES: false,
  ATTITUDES_THINKING_AND_BEHAVIOUR: false,
};

/** The reason a plan gives for no need where the screening found one (a plan must give one). */
export const PLAN_NO_NEED = 'Assessed for the plan: no support needed';

/** A resettlement plan's outcome: support required on the `required` pathways, not on the others (with the plan's reason). */
export function planOutcome(required: string[]): { pathways: Record<string, { status: string; notes?: string }> } {
  return {
    pathways: Object.fromEntries(
      Object.keys(ALL_NEEDS).map((p) => [p, required.includes(p) ? { status: 'SUPPORT_REQUIRED' } : { status: 'SUPPORT_NOT_REQUIRED', notes: PLAN_NO_NEED }]),
    ),
  };
}
