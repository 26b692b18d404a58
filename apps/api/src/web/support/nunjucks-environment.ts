import nunjucks from 'nunjucks';
import { formatDate, formatDateTime } from './format';
import { HANDOVER_KEY, RELEASE_REASON_KEY, SUPERVISION_KEY, TAG_KEY } from './labels';
import { WEB_PATHS } from './web-paths';

/**
 * The one Nunjucks environment of the pages: our templates first, then govuk-frontend's
 * (`govuk/components/…`) and MoJ frontend's (`moj/components/…`). Autoescaping is on, so
 * every value is escaped unless a template says otherwise.
 */
export function createNunjucksEnvironment(opts: { watch?: boolean } = {}): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([WEB_PATHS.views, WEB_PATHS.govukDist, WEB_PATHS.mojRoot], { noCache: opts.watch === true });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  env.addFilter('govukDate', (value: string | Date | null | undefined, style?: 'long' | 'short') => formatDate(value, style));
  env.addFilter('govukDateTime', (value: string | Date | null | undefined) => formatDateTime(value));
  // The MoJ timeline macro formats its dates through this filter.
  env.addFilter('mojDate', (value: string | Date | null | undefined, type?: string) => (type === 'date' ? formatDate(value) : formatDateTime(value)));
  env.addGlobal('govukRebrand', true);
  env.addGlobal('tagKeyRows', TAG_KEY);
  env.addGlobal('handoverKeyRows', HANDOVER_KEY);
  env.addGlobal('releaseReasonKeyRows', RELEASE_REASON_KEY);
  env.addGlobal('supervisionKeyRows', SUPERVISION_KEY);
  return env;
}
