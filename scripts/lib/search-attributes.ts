/** Types a custom search attribute can have (the subset ttg uses). */
export type SearchAttributeType = 'Keyword' | 'Datetime' | 'Bool' | 'Int' | 'Text';

/**
 * The operator search attributes the pathway workflow sets (no personal data). Registered by the
 * embedded dev server at start (scripts/lib/temporal-dev-server.ts) and, beyond one machine, by
 * the `temporal-init` service of docker-compose.yml (keep the two lists the same).
 */
export const SEARCH_ATTRIBUTES: Record<string, SearchAttributeType> = {
  TtgStage: 'Keyword',
  TtgPrison: 'Keyword',
  TtgRegion: 'Keyword',
  TtgReleaseDate: 'Datetime',
  TtgOverdue: 'Bool',
};
