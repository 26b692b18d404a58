import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureTool } from '../../scripts/lib/tools';

const root = path.resolve(__dirname, '..', '..');
/** What the worker and API processes run: npm run build writes them. */
const BUILT = ['dist/apps/worker/src/main.js', 'dist/apps/api/src/main.js', 'dist/workflow-bundle.js'].map((p) => path.join(root, p));
const SOURCES = ['apps', 'libs', 'workflows', 'activities', 'scripts'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * The cluster and fault tiers run the product as separate processes, from the build: npm run
 * build first when dist/ is missing or older than a source file (CI's npm ci has just built it).
 */
export function buildIfStale(): void {
  const built = Math.min(...BUILT.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  if (built < Math.max(...SOURCES.map((d) => newestSource(path.join(root, d))))) {
    process.stderr.write('\ncluster tests: dist/ is missing or older than the sources: npm run build…\n');
    try {
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'pipe', encoding: 'utf8' });
    } catch (err) {
      const { stdout, stderr } = err as { stdout?: string; stderr?: string };
      throw new Error(`npm run build failed:\n${stdout ?? ''}${stderr ?? ''}`);
    }
  }
}

/** The build, then the Temporal server (scripts/tools.sh temporal-server, built once per machine), published as TTG_TEMPORAL_SERVER_DIR. */
export default function globalSetup(): void {
  buildIfStale();
  process.env.TTG_TEMPORAL_SERVER_DIR = ensureTool('temporal-server');
}
