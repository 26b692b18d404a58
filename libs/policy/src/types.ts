/** A calendar date with no time zone, `YYYY-MM-DD` (a date in England and Wales). */
export type IsoDate = string;
/** A UTC instant, ISO 8601, e.g. `2026-01-08T15:00:00Z` (no milliseconds when produced here). */
export type IsoInstant = string;

export const SENTENCE_TYPES = ['DETERMINATE', 'INDETERMINATE'] as const;
export type SentenceType = (typeof SENTENCE_TYPES)[number];

export const OFFENCE_CATEGORIES = ['VIOLENT', 'SEXUAL', 'OTHER'] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

/** The key-dates input (contract section 1), with two optional extensions. */
export interface TimelineInput {
  receptionAt: IsoInstant;
  sentenceStartDate: IsoDate;
  sentenceType: SentenceType;
  sentenceLengthMonths: number;
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

/** The key-dates output (contract section 1), fields in the contract's order. */
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
  supervisionEndDate: IsoDate;
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
