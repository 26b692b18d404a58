import { DEFAULT_POLICY, type TimelineInput } from '@ttg/policy';

/** The key-dates calculator's reference example (its stable interface): a 14-month violent sentence, input and output. */
export const CONTRACT_INPUT: TimelineInput = {
  receptionAt: '2026-01-05T15:00:00Z',
  sentenceStartDate: '2026-01-05',
  sentenceType: 'DETERMINATE',
  sentenceLengthMonths: 14,
  conditionalReleaseDate: '2026-08-07',
  automaticReleaseDate: null,
  paroleEligibilityDate: null,
  earlyAllocation: false,
  offenceCategory: 'VIOLENT',
};

export const CONTRACT_OUTPUT = {
  policyVersion: DEFAULT_POLICY.id,
  earliestReleaseDate: '2026-08-07',
  releaseDate: '2026-08-06',
  custodyScreeningDueAt: '2026-01-08T15:00:00Z',
  dutyToReferDue: '2026-06-11',
  preReleaseReviewOpens: '2026-05-14',
  preReleaseReviewDue: '2026-06-11',
  handoverDate: null,
  comResponsibleFromStart: true,
  firstAppointmentDue: '2026-08-07',
  supervisionEndDate: '2027-08-06',
  victimContactEligible: true,
};

/** A copy of the default policy document with some figures replaced (policy as data). */
export function policyWith(id: string, change: (doc: { figures: Record<string, unknown> } & Record<string, unknown>) => void): unknown {
  const doc = JSON.parse(JSON.stringify(DEFAULT_POLICY)) as { figures: Record<string, unknown> } & Record<string, unknown>;
  doc.id = id;
  change(doc);
  return doc;
}

/** A life sentence with only the required facts: add a tariff or parole eligibility date. */
export const LIFE_SENTENCE: TimelineInput = {
  receptionAt: '2016-02-01T11:00:00Z',
  sentenceStartDate: '2016-02-01',
  sentenceType: 'INDETERMINATE',
  offenceCategory: 'OTHER',
};
