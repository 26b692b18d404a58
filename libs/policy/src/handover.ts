import { addCalendarDays, addMonths } from './dates';
import { DEFAULT_POLICY, type PolicyVersion } from './policy-version';
import { type Explanation, type IsoDate, type SentenceType } from './types';

/** The five handover rules (Manage POM Cases), applied in this order; the first that fits decides. */
export type HandoverRule =
  | 'EARLY_ALLOCATION'
  | 'INDETERMINATE'
  | 'COM_RESPONSIBLE_FROM_START'
  | 'DETERMINATE_PAROLE_ELIGIBLE'
  | 'DETERMINATE_STANDARD';

export interface HandoverFacts {
  sentenceType: SentenceType;
  sentenceStartDate: IsoDate;
  earliestReleaseDate: IsoDate;
  hasParoleEligibilityDate: boolean;
  earlyAllocation?: boolean;
}

export interface HandoverDecision {
  rule: HandoverRule;
  /** 1 to 5, in the order the handover rules are tried (early allocation first, the standard rule last). */
  ruleNumber: 1 | 2 | 3 | 4 | 5;
  /** Null when the COM is responsible from the start (rule 3). Never moved off a non-working day. */
  handoverDate: IsoDate | null;
  comResponsibleFromStart: boolean;
}

export function decideHandover(facts: HandoverFacts, policy: PolicyVersion = DEFAULT_POLICY): HandoverDecision {
  const f = policy.figures.handover;
  const erd = facts.earliestReleaseDate;
  const before = (months: number, days = 0) => addCalendarDays(addMonths(erd, -months), -days);
  if (facts.earlyAllocation) {
    return { rule: 'EARLY_ALLOCATION', ruleNumber: 1, handoverDate: before(f.earlyAllocationMonthsBeforeErd), comResponsibleFromStart: false };
  }
  if (facts.sentenceType === 'INDETERMINATE') {
    return { rule: 'INDETERMINATE', ruleNumber: 2, handoverDate: before(f.indeterminateMonthsBeforeErd), comResponsibleFromStart: false };
  }
  if (addMonths(facts.sentenceStartDate, f.comResponsibleFromStartWithinMonths) >= erd) {
    return { rule: 'COM_RESPONSIBLE_FROM_START', ruleNumber: 3, handoverDate: null, comResponsibleFromStart: true };
  }
  if (facts.hasParoleEligibilityDate) {
    return { rule: 'DETERMINATE_PAROLE_ELIGIBLE', ruleNumber: 4, handoverDate: before(f.paroleEligibleMonthsBeforeErd), comResponsibleFromStart: false };
  }
  return {
    rule: 'DETERMINATE_STANDARD',
    ruleNumber: 5,
    handoverDate: before(f.standardMonthsBeforeErd, f.standardDaysBeforeErd),
    comResponsibleFromStart: false,
  };
}

export function explainHandover(d: HandoverDecision, facts: HandoverFacts, policy: PolicyVersion = DEFAULT_POLICY): Explanation {
  const f = policy.figures.handover;
  const erd = `the earliest release date ${facts.earliestReleaseDate}`;
  const text: Record<HandoverRule, string> = {
    EARLY_ALLOCATION: `Handover rule 1 (early allocation, a high-profile case): ${f.earlyAllocationMonthsBeforeErd} months before ${erd}, ${d.handoverDate ?? ''}.`,
    INDETERMINATE: `Handover rule 2 (indeterminate sentence): ${f.indeterminateMonthsBeforeErd} months before ${erd}, ${d.handoverDate ?? ''}.`,
    COM_RESPONSIBLE_FROM_START: `Handover rule 3: the sentence started ${facts.sentenceStartDate}, and ${f.comResponsibleFromStartWithinMonths} months later (${addMonths(facts.sentenceStartDate, f.comResponsibleFromStartWithinMonths)}) is on or after ${erd}, so there is no handover: the community offender manager is responsible from the start and is allocated when the resettlement plan is due.`,
    DETERMINATE_PAROLE_ELIGIBLE: `Handover rule 4 (determinate sentence with parole eligibility): ${f.paroleEligibleMonthsBeforeErd} months before ${erd}, ${d.handoverDate ?? ''}.`,
    DETERMINATE_STANDARD: `Handover rule 5 (determinate sentence): ${f.standardMonthsBeforeErd} months and ${f.standardDaysBeforeErd} days before ${erd}, ${d.handoverDate ?? ''}. A handover date is not moved off a non-working day.`,
  };
  return { rule: `HANDOVER_RULE_${d.ruleNumber}_${d.rule}`, text: text[d.rule] };
}
