import { z } from 'zod';
import { PATHWAYS } from './domain';
import { longText } from './text';

/** Small zod building blocks shared by the task catalogue's outcomes and the other command schemas. */

/** A real calendar date, `YYYY-MM-DD` (2026-02-30 is refused). */
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine(
  (s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  },
  { message: 'must be a real calendar date' },
);

/** Free text up to `max` characters (2000 unless told). */
export const text = (max = 2000) => longText(max);

/** An object with one `value` per resettlement pathway, and nothing else. */
export const pathwayRecord = <T extends z.ZodTypeAny>(value: T) =>
  z.object(Object.fromEntries(PATHWAYS.map((p) => [p, value])) as Record<(typeof PATHWAYS)[number], T>).strict();

/** What a victim chose when referred to the victim contact scheme. */
export const VICTIM_CHOICES = ['OPTED_IN', 'DECLINED', 'NOT_CONTACTABLE'] as const;
export type VictimChoice = (typeof VICTIM_CHOICES)[number];
