import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair, type TypedSearchAttributes } from '@temporalio/common';
import type { Stage } from './domain';

/**
 * The pathway's search attributes, for operators finding workflows (never personal data): its
 * stage, prison, region, whether a task is overdue and the release date. Set when the workflow
 * starts (the API knows them at reception) and upserted by the workflow only when they change.
 */
const TtgStage = defineSearchAttributeKey('TtgStage', SearchAttributeType.KEYWORD);
const TtgPrison = defineSearchAttributeKey('TtgPrison', SearchAttributeType.KEYWORD);
const TtgRegion = defineSearchAttributeKey('TtgRegion', SearchAttributeType.KEYWORD);
const TtgReleaseDate = defineSearchAttributeKey('TtgReleaseDate', SearchAttributeType.DATETIME);
const TtgOverdue = defineSearchAttributeKey('TtgOverdue', SearchAttributeType.BOOL);

/** What the search attributes say of a case. */
export interface PathwaySearchFacts {
  stage: Stage;
  prisonCode: string;
  regionCode: string;
  overdue: boolean;
  releaseDate: string | null;
}

export function pathwaySearchAttributes(f: PathwaySearchFacts): SearchAttributePair[] {
  return [
    { key: TtgStage, value: f.stage },
    { key: TtgPrison, value: f.prisonCode },
    { key: TtgRegion, value: f.regionCode },
    { key: TtgOverdue, value: f.overdue },
    ...(f.releaseDate ? [{ key: TtgReleaseDate, value: new Date(`${f.releaseDate}T00:00:00Z`) }] : []),
  ];
}

/** The facts as one comparable string (what was last sent). */
export const searchFactsKey = (f: PathwaySearchFacts): string => JSON.stringify([f.stage, f.prisonCode, f.regionCode, f.overdue, f.releaseDate]);

/** The facts a workflow was started with, as `searchFactsKey` gives them ('' when it was started without them). */
export function startedSearchFactsKey(attrs: TypedSearchAttributes): string {
  const stage = attrs.get(TtgStage);
  const prisonCode = attrs.get(TtgPrison);
  const regionCode = attrs.get(TtgRegion);
  const overdue = attrs.get(TtgOverdue);
  if (stage === undefined || prisonCode === undefined || regionCode === undefined || overdue === undefined) return '';
  const release = attrs.get(TtgReleaseDate);
  return searchFactsKey({ stage: stage as Stage, prisonCode, regionCode, overdue, releaseDate: release ? release.toISOString().slice(0, 10) : null });
}
