import { z } from 'zod';
import { parsePayloadKeys, type PayloadKeys } from '@ttg/codec/payload-codec';

/**
 * Configuration is read from the environment once, at start-up, validated into this typed
 * object, and handed to everything else through dependency injection. Nothing else reads
 * process.env. A bad value stops start-up with a message naming the variable.
 */
const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  TTG_ARCHIVE_AFTER_DAYS: z.coerce.number().int().min(0).max(36_500).default(365),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d+$/, 'must be host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('ttg-pathway'),
  TEMPORAL_UI_URL: z.string().url().optional(),
  TTG_SEARCH_ATTRIBUTES: bool.default('1'),
  TTG_WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  TTG_WORKER_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  TTG_MIGRATE_ON_BOOT: bool.default('0'),
  TTG_DATA_DIR: z.string().min(1).default('.ttg/data'),
  TTG_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  TTG_TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TTG_TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  TTG_DEMO: bool.default('1'),
  TTG_DEMO_PASSWORD: z.string().min(1).default('demo'),
  TTG_SEED_DEMO_USERS: bool.optional(),
  JWT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86400).default(300),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(30 * 86400).default(8 * 3600),
  SESSION_MAX_SECONDS: z.coerce.number().int().min(300).max(90 * 86400).default(12 * 3600),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('ttg@localhost'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TTG_POLICY_FILE: z.string().min(1).optional(),
  TTG_WORKER_METRICS_URL: z.string().url().optional(),
  TTG_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  TTG_API_INSTANCES: z.coerce.number().int().min(1).max(16).default(2),
  TTG_TEMPORAL_SERVICES: z.enum(['all', 'separate']).default('all'),
  TTG_TRUST_PROXY: z.string().min(1).optional(),
  TTG_PUBLIC_URL: z.string().url().optional(),
  TTG_PAYLOAD_KEYS: z.string().min(1).optional(),
  TTG_PAYLOAD_KEY_ID: z.string().min(1).optional(),
});

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  http: {
    host: string;
    port: number;
    /**
     * Which proxies' X-Forwarded-For to believe for the client's address (Express's `trust proxy`:
     * `loopback`, addresses or subnets, or a number of hops); unset: none, the socket's address.
     */
    trustProxy: string | number | false;
    /** The address people use (`https://…` makes every cookie Secure, wherever TLS ends). */
    publicUrl: string | undefined;
  };
  /** Where the embedded services keep their files. */
  dataDir: string;
  database: { url: string | undefined; embedded: boolean; embeddedPort: number; /** DATABASE_QUERY_TIMEOUT_MS: a query of the API or a worker waits this long for the server (0: for ever). */ queryTimeoutMs: number };
  temporal: {
    address: string;
    embedded: boolean;
    namespace: string;
    taskQueue: string;
    uiUrl: string;
    searchAttributes: boolean;
    workerMetricsPort: number;
    workerMetricsHost: string;
    embeddedPort: number;
    embeddedUiPort: number;
    /** The keys that seal workflow payloads (the current one, and old ones kept for reading); unset: none configured. */
    payloadKeys: PayloadKeys | undefined;
  };
  demo: { caseload: boolean; password: string; seedUsers: boolean };
  auth: {
    jwtSecret: string | undefined;
    jwtTtlSeconds: number;
    /** How long a refresh token (and so a page session) lasts unused; each refresh gives a new one for as long again. */
    refreshTtlSeconds: number;
    /** How long a sign-in lasts however often it is refreshed: its refresh tokens end that long after it. */
    sessionMaxSeconds: number;
    oidc: { issuer: string; audience: string | undefined; jwksUrl: string | undefined } | undefined;
  };
  mail: { smtpUrl: string | undefined; from: string };
  /** TTG_ARCHIVE_AFTER_DAYS: a closed case's tasks, history, contacts and notifications move to the archive this long after closure (0: never). */
  archiveAfterDays: number;
  logLevel: string;
  policyFile: string | undefined;
  /** Where the API finds the worker's Prometheus metrics to include in its own /metrics. */
  workerMetricsUrl: string | undefined;
  /** The API process runs pending migrations (and seeds demo users if asked) before it serves. */
  migrateOnBoot: boolean;
  /**
   * `npm run start:cluster`: worker and API processes (the APIs on PORT, PORT+1, …) and whether
   * the Temporal server runs its four services in one process or one process each.
   */
  cluster: { workers: number; apiInstances: number; temporalServices: 'all' | 'separate' };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  let payloadKeys: PayloadKeys | undefined;
  try {
    payloadKeys = e.TTG_PAYLOAD_KEYS === undefined ? undefined : parsePayloadKeys(e.TTG_PAYLOAD_KEYS, e.TTG_PAYLOAD_KEY_ID);
  } catch (err) {
    throw new ConfigError([`TTG_PAYLOAD_KEYS: ${err instanceof Error ? err.message : String(err)}`]);
  }
  const temporalEmbedded = e.TEMPORAL_ADDRESS === undefined;
  const databaseEmbedded = e.DATABASE_URL === undefined;
  return {
    env: e.NODE_ENV,
    http: { host: e.HOST, port: e.PORT, trustProxy: e.TTG_TRUST_PROXY === undefined ? false : /^\d+$/.test(e.TTG_TRUST_PROXY) ? Number(e.TTG_TRUST_PROXY) : e.TTG_TRUST_PROXY, publicUrl: e.TTG_PUBLIC_URL },
    dataDir: e.TTG_DATA_DIR,
    database: { url: e.DATABASE_URL, embedded: databaseEmbedded, embeddedPort: e.TTG_PG_PORT, queryTimeoutMs: e.DATABASE_QUERY_TIMEOUT_MS },
    temporal: {
      address: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${e.TTG_TEMPORAL_PORT}`,
      embedded: temporalEmbedded,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiUrl: e.TEMPORAL_UI_URL ?? `http://localhost:${e.TTG_TEMPORAL_UI_PORT}`,
      searchAttributes: e.TTG_SEARCH_ATTRIBUTES,
      workerMetricsPort: e.TTG_WORKER_METRICS_PORT,
      workerMetricsHost: e.TTG_WORKER_METRICS_HOST,
      embeddedPort: e.TTG_TEMPORAL_PORT,
      embeddedUiPort: e.TTG_TEMPORAL_UI_PORT,
      payloadKeys,
    },
    demo: {
      caseload: e.TTG_DEMO,
      password: e.TTG_DEMO_PASSWORD,
      seedUsers: e.TTG_SEED_DEMO_USERS ?? databaseEmbedded,
    },
    auth: {
      jwtSecret: e.JWT_SECRET,
      jwtTtlSeconds: e.JWT_TTL_SECONDS,
      refreshTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
      sessionMaxSeconds: e.SESSION_MAX_SECONDS,
      oidc: e.OIDC_ISSUER
        ? { issuer: e.OIDC_ISSUER, audience: e.OIDC_AUDIENCE, jwksUrl: e.OIDC_JWKS_URL }
        : undefined,
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    archiveAfterDays: e.TTG_ARCHIVE_AFTER_DAYS,
    logLevel: e.LOG_LEVEL,
    policyFile: e.TTG_POLICY_FILE,
    migrateOnBoot: e.TTG_MIGRATE_ON_BOOT,
    cluster: { workers: e.TTG_WORKERS, apiInstances: e.TTG_API_INSTANCES, temporalServices: e.TTG_TEMPORAL_SERVICES },
    workerMetricsUrl:
      e.TTG_WORKER_METRICS_URL ?? (e.TTG_WORKER_METRICS_PORT > 0 ? `http://127.0.0.1:${e.TTG_WORKER_METRICS_PORT}/metrics` : undefined),
  };
}
