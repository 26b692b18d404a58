import { z } from 'zod';
import { isoDateSchema } from '@ttg/contracts';
import { RESETTLEMENT_FIGURES } from '@ttg/persistence/read-counters';

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

export const resettlementGroup = (groupBy: ResettlementQuery['groupBy']): string => GROUPS[groupBy];

/** The report's columns over rows of cases \`c\` (one fact each, as RESETTLEMENT_FIGURES defines it). */
export const RESETTLEMENT_COLUMNS: string[] = RESETTLEMENT_FIGURES.map((f) => `count(*) FILTER (WHERE ${f.condition})::int AS "${f.name}"`);

/** The same columns summed from the resettlement counters. */
export const RESETTLEMENT_COUNTED_COLUMNS: string[] = RESETTLEMENT_FIGURES.map((f) => `sum(${f.column})::int AS "${f.name}"`);

/** The group of a counter row (its prison, region or month of release, from its day or month column). */
export const resettlementCounterGroup = (groupBy: ResettlementQuery['groupBy'], released: 'release_date' | 'release_month'): string =>
  groupBy === 'month' ? `to_char(${released}, 'YYYY-MM')` : groupBy === 'prison' ? 'prison_code' : 'region_code';
