import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createNunjucksEnvironment } from '../../../apps/api/src/web/support/nunjucks-environment';
import { WEB_PATHS } from '../../../apps/api/src/web/support/web-paths';
import { FLAG_HINTS } from '../../../apps/api/src/web/support/labels';

/** Every page and partial compiles: a template syntax error fails here, not as a 500 in a browser. */
describe('the Nunjucks templates', () => {
  const env = createNunjucksEnvironment({ watch: false });
  const templates = ['pages', 'partials'].flatMap((dir) => readdirSync(path.join(WEB_PATHS.views, dir)).filter((f) => f.endsWith('.njk')).map((f) => `${dir}/${f}`));

  it('finds the pages', () => {
    expect(templates).toEqual(expect.arrayContaining(['pages/case.njk', 'pages/import.njk', 'pages/imports.njk', 'pages/reception.njk', 'pages/release-dates.njk', 'pages/sign-out.njk']));
  });

  it('"What the tags mean" lists every flag with its meaning (it listed none: the macro shadowed the global)', () => {
    const html = env.renderString('{% import "partials/macros.njk" as ttg %}{{ ttg.tagKey() }}', {});
    for (const [flag, hint] of Object.entries(FLAG_HINTS)) expect({ flag, shown: html.includes(hint) }).toEqual({ flag, shown: true });
  });

  it.each(templates)('%s compiles', (name) => {
    expect(() => env.getTemplate(name, true)).not.toThrow();
  });
});
