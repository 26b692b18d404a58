import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder above this file that holds `apps/api/views` (the source tree, or the image's /app). */
function projectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'apps', 'api', 'views'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`apps/api/views was not found above ${start}`);
  }
}

const root = projectRoot(__dirname);

/** Where the pages' templates and files live, in the source tree and in the built image alike. */
export const WEB_PATHS = {
  views: path.join(root, 'apps', 'api', 'views'),
  ownAssets: path.join(root, 'apps', 'api', 'assets'),
  /** `govuk/…` templates and `govuk/assets`, `govuk/govuk-frontend.min.*`. */
  govukDist: path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist'),
  /** `moj/…` templates, `moj/assets`, `moj/moj-frontend.min.*`. */
  mojRoot: path.dirname(require.resolve('@ministryofjustice/frontend/package.json')),
};
