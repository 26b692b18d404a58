import { Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { stopProcess, waitFor } from './process';

export interface DevServer {
  address: string;
  uiUrl: string | null;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` persisted to a SQLite file, with the search attributes the
 * workflows need, and waits until a client can reach it.
 */
export async function startTemporalDevServer(opts: {
  binary: string;
  dbFile: string;
  port: number;
  uiPort: number;
  searchAttributes: Record<string, string>;
  headless?: boolean;
  log?: (line: string) => void;
}): Promise<DevServer> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--db-filename', opts.dbFile, '--log-level', 'error'];
  if (opts.headless) args.push('--headless');
  else args.push('--ui-port', String(opts.uiPort));
  for (const [name, type] of Object.entries(opts.searchAttributes)) args.push('--search-attribute', `${name}=${type}`);
  const child = spawn(opts.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (chunk: Buffer) => opts.log?.(chunk.toString('utf8'));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `temporal dev server exited (${signal ?? code})`));
  const address = `127.0.0.1:${opts.port}`;
  await waitFor(`the Temporal dev server at ${address}`, async () => {
    if (exited) throw new Error(exited);
    const connection = await Connection.connect({ address, connectTimeout: 1000 });
    try {
      await connection.workflowService.getSystemInfo({});
      return true;
    } finally {
      await connection.close();
    }
  }, 90_000);
  return {
    address,
    uiUrl: opts.headless ? null : `http://localhost:${opts.uiPort}`,
    stop: () => stopProcess(child),
  };
}
