import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Every environment variable the configuration reads has a row in the README's configuration table. */
describe("the README's configuration table", () => {
  const root = path.join(__dirname, '../../..');
  const source = readFileSync(path.join(root, 'libs/config/src/config.ts'), 'utf8');
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 5));
  const variables = [...source.matchAll(/^\s+([A-Z][A-Z0-9_]+): (?:z\.|bool)/gm)].map((m) => m[1]);

  it('reads the variables from the configuration schema', () => {
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'LOG_LEVEL']));
  });

  it.each(variables)('%s is documented', (name) => {
    const rows = table.split('\n').filter((line) => line.startsWith('|') && line.split('|')[1].includes(`\`${name}\``));
    expect(rows).toHaveLength(1);
  });

  // The tools script reads its own variables (where tools are cached, forcing a build).
  const toolVariables = [...new Set([...readFileSync(path.join(root, 'scripts/tools.sh'), 'utf8').matchAll(/\$\{(TTG_[A-Z0-9_]+)/g)].map((m) => m[1]))];

  it('reads the tools script’s variables', () => {
    expect(toolVariables).toEqual(expect.arrayContaining(['TTG_CACHE_DIR', 'TTG_FORCE_BUILD']));
  });

  it.each(toolVariables)('%s (scripts/tools.sh) is documented', (name) => {
    const rows = table.split('\n').filter((line) => line.startsWith('|') && line.split('|')[1].includes(`\`${name}\``));
    expect(rows).toHaveLength(1);
  });
});
