import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../../libs/config/src/config';

/**
 * No Docker engine runs here, so the compose file is checked by reading it: the api and worker
 * containers' environment must be a valid configuration that points at the compose services.
 */
type Service = { environment?: Record<string, string>; command?: string[]; ports?: string[]; container_name?: string; depends_on?: Record<string, { condition: string }> };

const compose = parse(readFileSync(path.join(__dirname, '../../../docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };

/** Compose's ${VAR:-default} substitution, with nothing set. */
const substitute = (env: Record<string, string>) =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]));

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Temporal persisted in PostgreSQL, its UI, the api and a scalable worker', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'temporal', 'temporal-ui', 'temporal-init', 'api', 'worker']));
    expect(compose.services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(compose.services.worker.container_name).toBeUndefined();
    expect(compose.services.worker.ports).toBeUndefined();
    expect(compose.services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(compose.services.api.command).toEqual(['node', 'dist/apps/api/src/main.js']);
  });

  it.each(['api', 'worker'])('gives the %s container a valid configuration for the compose services', (name) => {
    const config = loadConfig(substitute(compose.services[name].environment ?? {}));
    expect(config.database).toMatchObject({ embedded: false, url: 'postgres://ttg:ttg@postgres:5432/ttg' });
    expect(config.temporal).toMatchObject({ embedded: false, address: 'temporal:7233', taskQueue: 'ttg-pathway' });
    expect(config.auth.jwtSecret).toBeDefined();
  });

  it('has the api apply migrations on boot and the worker expose its metrics to the network', () => {
    expect(loadConfig(substitute(compose.services.api.environment ?? {})).migrateOnBoot).toBe(true);
    expect(loadConfig(substitute(compose.services.worker.environment ?? {})).temporal.workerMetricsHost).toBe('0.0.0.0');
  });
});
