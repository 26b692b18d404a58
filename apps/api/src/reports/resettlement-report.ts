import { z } from 'zod';
import { isoDateSchema } from '@ttg/contracts';

/**
 * Resettlement outcomes by prison, region or month of release: accommodation on release night and
 * at the outcome checkpoints (settled, temporary, none), work or training on release, at 6 weeks
 * and at 6 months, and how many people were released with unmet needs (any, and accommodation). Optionally
 * for one sex, so women's outcomes can be reported separately.
 */
export const resettlementQuery = z
  .object({
    groupBy: z.enum(['prison', 'region', 'month']).default('prison'),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    sex: z.enum(['FEMALE', 'MALE']).optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .strict();
export type ResettlementQuery = z.infer<typeof resettlementQuery>;

const GROUPS: Record<ResettlementQuery['groupBy'], string> = {
  prison: 'c.prison_code',
  region: 'c.region_code',
  month: `to_char(c.release_date, 'YYYY-MM')`,
};

const ACCOMMODATION = { Settled: 'SETTLED', Temporary: 'TEMPORARY', None: 'NONE' } as const;
const WORK = `('WORK','TRAINING','EDUCATION')`;
/** Months after release with a recorded checkpoint (the policy's outcome checkpoints). */
const CHECKPOINT_MONTHS = [3, 6, 12] as const;

const atRelease = (field: string) => `c.detail -> 'release' -> 'outcomes' ->> '${field}'`;
const atCheckpoint = (unit: 'months' | 'weeks', n: number, field: string) =>
  `(SELECT o -> 'outcome' ->> '${field}' FROM jsonb_array_elements(COALESCE(c.detail -> 'outcomes', '[]'::jsonb)) o WHERE (o ->> '${unit}')::int = ${n}${unit === 'months' ? ` AND (o ->> 'weeks') IS NULL` : ''} LIMIT 1)`;
const atMonths = (months: number, field: string) => atCheckpoint('months', months, field);
/** Weeks after release of the early work-or-training checkpoint (the policy's outcome checkpoints in weeks). */
const CHECKPOINT_WEEKS = 6;
const count = (alias: string, condition: string) => `count(*) FILTER (WHERE ${condition})::int AS "${alias}"`;

/** The report's columns: one fact each, from the read model's release and checkpoint outcomes and its needs at release. */
export const RESETTLEMENT_COLUMNS: string[] = [
  `count(*)::int AS released`,
  ...Object.entries(ACCOMMODATION).map(([name, value]) => count(`releaseNight${name}`, `${atRelease('accommodation')} = '${value}'`)),
  ...CHECKPOINT_MONTHS.flatMap((m) => Object.entries(ACCOMMODATION).map(([name, value]) => count(`accommodation${m}Months${name}`, `${atMonths(m, 'accommodation')} = '${value}'`))),
  count('workOrTrainingOnRelease', `${atRelease('workOrTraining')} IN ${WORK}`),
  count(`workOrTraining${CHECKPOINT_WEEKS}Weeks`, `${atCheckpoint('weeks', CHECKPOINT_WEEKS, 'workOrTraining')} IN ${WORK}`),
  count('workOrTraining6Months', `${atMonths(6, 'workOrTraining')} IN ${WORK}`),
  count('releasedWithUnmetNeeds', `cardinality(c.released_with_unmet_needs) > 0`),
  count('releasedWithUnmetAccommodation', `'ACCOMMODATION' = ANY(c.released_with_unmet_needs)`),
];

export const resettlementGroup = (groupBy: ResettlementQuery['groupBy']): string => GROUPS[groupBy];
