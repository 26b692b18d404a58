import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { newPayloadKey } from '@ttg/codec/payload-codec';
import { loadConfig } from '@ttg/config/config';
import { SEARCH_ATTRIBUTES } from '../../../scripts/lib/search-attributes';

/**
 * No Docker engine runs here, so the compose file is checked by reading it: the api and worker
 * containers' environment must be a valid configuration that points at the compose services.
 */
type Service = {
  image?: string;
  restart?: string;
  environment?: Record<string, string>;
  command?: string[];
  ports?: string[];
  volumes?: string[];
  container_name?: string;
  depends_on?: Record<string, { condition: string }>;
};

const compose = parse(readFileSync(path.join(__dirname, '../../../docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };

/** Compose's ${VAR:-default} substitution, with only the required variables (${VAR:?message}) set. */
const required: Record<string, string> = { TTG_PAYLOAD_KEYS: newPayloadKey('compose') };
const substitute = (env: Record<string, string>) =>
  Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v).replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1').replace(/\$\{([A-Z_]+):\?[^}]*\}/g, (_, name: string) => required[name] ?? '')]));

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Temporal persisted in PostgreSQL, its UI, the api and a scalable worker', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['postgres', 'temporal-schema', 'temporal', 'temporal-ui', 'temporal-init', 'api', 'worker']));
    expect(compose.services.temporal.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(compose.services.worker.container_name).toBeUndefined();
    expect(compose.services.worker.ports).toBeUndefined();
    expect(compose.services.worker.command).toEqual(['node', 'dist/apps/worker/src/main.js']);
    expect(compose.services.api.command).toEqual(['node', 'dist/apps/api/src/main.js']);
  });

  it('runs the Temporal server itself (not auto-setup) on the schema temporal-sql-tool sets up, at the version the cluster profile builds', () => {
    const tools = readFileSync(path.join(__dirname, '../../../scripts/tools.sh'), 'utf8');
    const version = /TEMPORAL_SERVER_VERSION="v([\d.]+)"/.exec(tools)?.[1];
    expect(version).toBe('1.29.1');
    expect(compose.services.temporal.image).toBe(`temporalio/server:${version}`);
    expect(Object.values(compose.services).map((s) => s.image ?? '')).not.toContainEqual(expect.stringContaining('auto-setup'));
    expect(compose.services['temporal-schema'].image).toMatch(new RegExp(`^temporalio/admin-tools:${version}`));
    const script = compose.services['temporal-schema'].command?.join('\n') ?? '';
    for (const step of ['create-database', 'setup-schema -v 0.0', 'update-schema -d']) expect(script).toContain(step);
    expect(script).toContain('temporal:temporal temporal_visibility:visibility');
    expect(compose.services.temporal.depends_on).toEqual({ 'temporal-schema': { condition: 'service_completed_successfully' } });
    expect(compose.services.temporal.environment).toMatchObject({ DBNAME: 'temporal', VISIBILITY_DBNAME: 'temporal_visibility' });
  });

  it('registers every search attribute the workflow sets, and the default namespace', () => {
    const script = compose.services['temporal-init'].command?.join('\n') ?? '';
    expect(script).toContain('namespace create --namespace default');
    const listed = /for sa in ([^;]+);/.exec(script)?.[1].trim().split(/\s+/);
    expect(Object.fromEntries((listed ?? []).map((pair) => pair.split('=')))).toEqual(SEARCH_ATTRIBUTES);
  });

  it('scales the api and the worker, keeps PostgreSQL on a volume and restarts what stops', () => {
    expect(compose.services.api.ports).toEqual(['3000-3009:3000']);
    expect(compose.services.api.container_name).toBeUndefined();
    expect(compose.services.postgres.volumes).toEqual(['pgdata:/var/lib/postgresql/data']);
    expect(Object.keys(compose.volumes)).toEqual(['pgdata']);
    for (const name of ['postgres', 'temporal', 'temporal-ui', 'api', 'worker']) expect(compose.services[name].restart).toBe('unless-stopped');
    for (const name of ['temporal-schema', 'temporal-init']) expect(compose.services[name].restart).toBe('on-failure');
  });

  it.each(['api', 'worker'])('gives the %s container a valid configuration for the compose services', (name) => {
    const config = loadConfig(substitute(compose.services[name].environment ?? {}));
    expect(config.database).toMatchObject({ embedded: false, url: 'postgres://ttg:ttg@postgres:5432/ttg' });
    expect(config.temporal).toMatchObject({ embedded: false, address: 'temporal:7233', taskQueue: 'ttg-pathway' });
    expect(config.auth.jwtSecret).toBeDefined();
    expect(config.temporal.payloadKeys?.currentId).toBe('compose');
  });

  it('has the api apply migrations on boot and the worker expose its metrics to the network', () => {
    expect(loadConfig(substitute(compose.services.api.environment ?? {})).migrateOnBoot).toBe(true);
    expect(loadConfig(substitute(compose.services.worker.environment ?? {})).temporal.workerMetricsHost).toBe('0.0.0.0');
  });
});
