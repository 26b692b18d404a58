import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** temporal-server: the folder holding temporal-server, temporal-sql-tool and the PostgreSQL schema. */
export type Tool = 'temporal' | 'test-server' | 'temporal-server' | 'schemathesis';

/** scripts/tools.sh, from the TypeScript source (scripts/lib) or the build (dist/scripts/lib). */
export function toolsScript(): string {
  const candidates = [path.join(__dirname, '..', 'tools.sh'), path.join(__dirname, '..', '..', '..', 'scripts', 'tools.sh')];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`scripts/tools.sh not found near ${__dirname}`);
  return found;
}

/** Raised when scripts/tools.sh could not provide a tool; it has already said why on stderr. */
export class ToolError extends Error {
  constructor(readonly tool: Tool) {
    super(`scripts/tools.sh could not provide ${tool} (the reason is printed above)`);
    this.name = 'ToolError';
  }
}

/**
 * The path of a tool, built or fetched once per machine (cached per user, keyed by version) by
 * scripts/tools.sh, whose progress and messages go to this process's standard error.
 */
export function ensureTool(tool: Tool): string {
  let out: string;
  try {
    out = execFileSync('bash', [toolsScript(), tool], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch {
    throw new ToolError(tool);
  }
  const lines = out.trim().split('\n');
  const found = lines[lines.length - 1];
  if (!found || !existsSync(found)) throw new ToolError(tool);
  return found;
}
