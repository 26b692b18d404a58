import { type IsoDate } from './types';

export interface ValidationIssue {
  /** The field path, dot separated (`figures.lostContact.workingDays`). */
  field: string;
  reason: string;
}

/**
 * Input or policy data the rules cannot work with. The message names the first field at fault
 * (`sentenceLengthMonths: must be a whole number from 0 to 1200`); `issues` holds every problem.
 */
export class PolicyValidationError extends Error {
  readonly field: string;
  readonly reason: string;
  readonly issues: ValidationIssue[];

  constructor(field: string, reason: string, issues?: ValidationIssue[], messagePrefix?: string) {
    super(`${messagePrefix ?? ''}${field}: ${reason}`);
    this.name = 'PolicyValidationError';
    this.field = field;
    this.reason = reason;
    this.issues = issues && issues.length > 0 ? issues : [{ field, reason }];
  }

  /** One error from a non-empty list of issues; the first one gives the message. */
  static fromIssues(issues: ValidationIssue[], messagePrefix?: string): PolicyValidationError {
    const [first] = issues;
    if (!first) throw new Error('PolicyValidationError.fromIssues needs at least one issue');
    return new PolicyValidationError(first.field, first.reason, issues, messagePrefix);
  }
}

/** The years the England and Wales bank-holiday calendar is trusted for. */
export interface CalendarCoverage {
  fromYear: number;
  toYear: number;
}

/**
 * A working-day question about a date outside the years the holiday calendar is trusted for.
 * Never answered with a guess. It is a PolicyValidationError (field `calendar`), so callers
 * that reject bad input (HTTP 400, CLI exit 2, non-retryable activity failure) reject it too.
 */
export class CalendarOutOfRangeError extends PolicyValidationError {
  readonly date: IsoDate;
  readonly coverage: CalendarCoverage;

  constructor(date: IsoDate, coverage: CalendarCoverage) {
    super(
      'calendar',
      `${date} is outside the years the England and Wales bank-holiday calendar is trusted for (${coverage.fromYear} to ${coverage.toYear})`,
    );
    this.name = 'CalendarOutOfRangeError';
    this.date = date;
    this.coverage = coverage;
  }
}
