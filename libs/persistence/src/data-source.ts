import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import type { Logger } from 'pino';
import { createLogger } from '@ttg/config/logging';
import { RedactingQueryLogger } from './query-logger';

type Extra = Partial<{
  poolSize: number;
  applicationName: string;
  log: Logger;
  /**
   * How long a query may wait for the server's answer, in ms (0: for ever). A paused or
   * unreachable server then fails the request in this time (a 503) instead of holding it and its
   * pooled connection; the same bound applies to taking a connection from the pool.
   */
  queryTimeoutMs: number;
}>;

export function dataSourceOptions(url: string, extra: Extra = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error', 'warn', 'migration'],
    logger: new RedactingQueryLogger(extra.log ?? createLogger('info')),
    poolSize: extra.poolSize ?? 10,
    applicationName: extra.applicationName ?? 'ttg',
    ...(extra.queryTimeoutMs ? { connectTimeoutMS: extra.queryTimeoutMs, extra: { query_timeout: extra.queryTimeoutMs } } : {}),
  };
}

export function createDataSource(url: string, extra?: Extra): DataSource {
  return new DataSource(dataSourceOptions(url, extra));
}

// Date-only columns stay 'YYYY-MM-DD' strings: a calendar date must never shift across time zones.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
