/** The operator search attributes the pathway workflow sets (no personal data). */
export const SEARCH_ATTRIBUTES: Record<string, 'Keyword' | 'Datetime' | 'Bool' | 'Int' | 'Text'> = {
  TtgStage: 'Keyword',
  TtgPrison: 'Keyword',
  TtgRegion: 'Keyword',
  TtgReleaseDate: 'Datetime',
  TtgOverdue: 'Bool',
};
