import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createNunjucksEnvironment } from '../../../apps/api/src/web/support/nunjucks-environment';
import { WEB_PATHS } from '../../../apps/api/src/web/support/web-paths';

/** Every page and partial compiles: a template syntax error fails here, not as a 500 in a browser. */
describe('the Nunjucks templates', () => {
  const env = createNunjucksEnvironment({ watch: false });
  const templates = ['pages', 'partials'].flatMap((dir) => readdirSync(path.join(WEB_PATHS.views, dir)).filter((f) => f.endsWith('.njk')).map((f) => `${dir}/${f}`));

  it('finds the pages', () => {
    expect(templates).toEqual(expect.arrayContaining(['pages/case.njk', 'pages/import.njk', 'pages/imports.njk', 'pages/reception.njk', 'pages/release-dates.njk', 'pages/sign-out.njk']));
  });

  it.each(templates)('%s compiles', (name) => {
    expect(() => env.getTemplate(name, true)).not.toThrow();
  });
});
