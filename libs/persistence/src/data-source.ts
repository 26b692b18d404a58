import { types } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export function dataSourceOptions(url: string, extra: Partial<{ poolSize: number; applicationName: string }> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    poolSize: extra.poolSize ?? 10,
    applicationName: extra.applicationName ?? 'ttg',
  };
}

export function createDataSource(url: string, extra?: Partial<{ poolSize: number; applicationName: string }>): DataSource {
  return new DataSource(dataSourceOptions(url, extra));
}

// Date-only columns stay 'YYYY-MM-DD' strings: a calendar date must never shift across time zones.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
