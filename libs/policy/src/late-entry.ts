import { londonDateOf } from './dates';
import type { IsoDate, IsoInstant } from './types';

/**
 * Work recorded on a later day than it was done (a caseload brought onto ttg, a form filled in
 * after the visit) says the day it was done. That day has happened, so it is not after today in
 * England and Wales, and the work was for a person in custody, so it is not before their reception.
 * The problem with a given day, in words, or null when it is a day the work could have been done.
 */
export function doneOnProblem(doneOn: IsoDate, receptionAt: IsoInstant, today: IsoDate): string | null {
  if (doneOn > today) return 'cannot be in the future';
  const received = londonDateOf(receptionAt);
  if (doneOn < received) return `cannot be before the person was received into custody on ${received}`;
  return null;
}
