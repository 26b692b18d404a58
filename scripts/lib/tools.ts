import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** scripts/tools.sh, from the TypeScript source (scripts/lib) or the build (dist/scripts/lib). */
function toolsScript(): string {
  const candidates = [path.join(__dirname, '..', 'tools.sh'), path.join(__dirname, '..', '..', '..', 'scripts', 'tools.sh')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`scripts/tools.sh not found near ${__dirname}`);
  return found;
}

/** Builds the tool once (cached per user) and returns its path; scripts/tools.sh does the work. */
export function ensureTool(tool: 'temporal' | 'test-server'): string {
  const out = execFileSync('bash', [toolsScript(), tool], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = out.trim().split('\n');
  return lines[lines.length - 1];
}
