/** A calendar date with no time zone, `YYYY-MM-DD` (a date in England and Wales). */
export type IsoDate = string;
/** A UTC instant, ISO 8601, e.g. `2026-01-08T15:00:00Z` (no milliseconds when produced here). */
export type IsoInstant = string;

export const SENTENCE_TYPES = ['DETERMINATE', 'INDETERMINATE'] as const;
export type SentenceType = (typeof SENTENCE_TYPES)[number];

export const OFFENCE_CATEGORIES = ['VIOLENT', 'SEXUAL', 'OTHER'] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

/** The law's dates from the sentence calculation, each `null` or absent when unknown (the key-dates contract). */
export interface SentenceFactDates {
  sentenceExpiryDate?: IsoDate | null;
  licenceExpiryDate?: IsoDate | null;
  topUpSupervisionExpiryDate?: IsoDate | null;
  hdcEligibilityDate?: IsoDate | null;
  /** Home detention curfew approved: the person is released on this date (statute step only). */
  hdcApprovedDate?: IsoDate | null;
  /** Indeterminate sentences: the end of the minimum term, their earliest release date. */
  tariffDate?: IsoDate | null;
}

/** The key-dates input (the key-dates contract), with two optional extensions. */
export interface TimelineInput extends SentenceFactDates {
  receptionAt: IsoInstant;
  sentenceStartDate: IsoDate;
  sentenceType: SentenceType;
  /** Required for a DETERMINATE sentence; an INDETERMINATE sentence needs none. */
  sentenceLengthMonths?: number;
  conditionalReleaseDate?: IsoDate | null;
  automaticReleaseDate?: IsoDate | null;
  paroleEligibilityDate?: IsoDate | null;
  /** High-profile case: handover 15 months before the earliest release date. Default false. */
  earlyAllocation?: boolean;
  offenceCategory: OffenceCategory;
  /** Extension: release on home detention curfew (the day-of-release rule does not apply). */
  homeDetentionCurfew?: boolean;
  /** Extension: the term in days, for the statutory rule that a Saturday release stays for a term of 5 days or less. */
  sentenceLengthDays?: number;
}

/** The key-dates output (the key-dates contract), fields in the contract's order. */
export interface KeyDates {
  policyVersion: string;
  earliestReleaseDate: IsoDate;
  /** The effective release date: the day the person actually walks out. */
  releaseDate: IsoDate;
  custodyScreeningDueAt: IsoInstant;
  dutyToReferDue: IsoDate;
  preReleaseReviewOpens: IsoDate;
  preReleaseReviewDue: IsoDate;
  /** Null when the community offender manager is responsible from the start. */
  handoverDate: IsoDate | null;
  comResponsibleFromStart: boolean;
  firstAppointmentDue: IsoDate;
  /** Null where the licence has no fixed end (an indeterminate sentence). */
  supervisionEndDate: IsoDate | null;
  victimContactEligible: boolean;
}

/** The rule behind one key date, for people: a stable rule id and a plain-English sentence. */
export interface Explanation {
  rule: string;
  text: string;
}

export interface KeyDatesExplained {
  keyDates: KeyDates;
  explanations: Record<keyof KeyDates, Explanation>;
  /** Names of the key dates that were compressed (their deadline fell before the step could start). */
  compressed: (keyof KeyDates)[];
}

/** One field of the key-dates input, described for people (CLI help, problems, docs). */
export interface InputFieldDescription {
  /** `DETERMINATE`: required for a determinate sentence only. */
  required: boolean | 'DETERMINATE';
  /** What a caseworker calls it, used in problems ("must be on or after the conditional release date"). */
  label: string;
  meaning: string;
  example: string;
}

/** Every field of the key-dates input, in the contract's order: the one description the CLI help and problems use. */
export const TIMELINE_INPUT_FIELDS = {
  receptionAt: { required: true, label: 'the reception time', meaning: 'when the person was received into custody (an instant with a time zone)', example: '"2026-01-05T15:00:00Z"' },
  sentenceStartDate: { required: true, label: 'the sentence start date', meaning: 'the date the sentence started', example: '"2026-01-05"' },
  sentenceType: { required: true, label: 'the sentence type', meaning: `one of ${SENTENCE_TYPES.join(', ')} (life and IPP sentences are INDETERMINATE)`, example: '"DETERMINATE"' },
  sentenceLengthMonths: { required: 'DETERMINATE', label: 'the sentence length', meaning: 'the length of a determinate sentence in whole months (under 24 is "under 2 years")', example: '14' },
  conditionalReleaseDate: { required: false, label: 'the conditional release date', meaning: 'the conditional release date (CRD), unadjusted', example: '"2026-08-07"' },
  automaticReleaseDate: { required: false, label: 'the automatic release date', meaning: 'the automatic release date (ARD), unadjusted', example: 'null' },
  paroleEligibilityDate: { required: false, label: 'the parole eligibility date', meaning: 'the parole eligibility date (PED)', example: 'null' },
  earlyAllocation: { required: false, label: 'early allocation', meaning: 'a high-profile case: handover 15 months before the earliest release date (default false)', example: 'false' },
  offenceCategory: { required: true, label: 'the offence category', meaning: `one of ${OFFENCE_CATEGORIES.join(', ')} (decides the victim contact scheme)`, example: '"VIOLENT"' },
  homeDetentionCurfew: { required: false, label: 'home detention curfew', meaning: 'released on home detention curfew (no day-of-release rule); prefer hdcApprovedDate', example: 'false' },
  sentenceLengthDays: { required: false, label: 'the term in days', meaning: 'the term in days, for the rule that a Saturday release stays for a term of 5 days or less', example: '420' },
  sentenceExpiryDate: { required: false, label: 'the sentence expiry date', meaning: 'the sentence expiry date (SED)', example: '"2027-03-04"' },
  licenceExpiryDate: { required: false, label: 'the licence expiry date', meaning: 'the licence expiry date (LED): supervision ends then for 2 years or more', example: '"2027-03-04"' },
  topUpSupervisionExpiryDate: { required: false, label: 'the top-up supervision expiry date', meaning: 'the top-up supervision expiry date (TUSED), sentences under 2 years', example: '"2027-08-07"' },
  hdcEligibilityDate: { required: false, label: 'the HDC eligibility date', meaning: 'the home detention curfew eligibility date (HDCED)', example: '"2026-06-07"' },
  hdcApprovedDate: { required: false, label: 'the HDC approved date', meaning: 'home detention curfew approved: release on this date (leave out if refused or revoked)', example: '"2026-06-10"' },
  tariffDate: { required: false, label: 'the tariff date', meaning: 'indeterminate sentences: the end of the minimum term (their earliest release date)', example: '"2036-02-01"' },
} as const satisfies Record<keyof TimelineInput, InputFieldDescription>;
