import type { Logger as Pino } from 'pino';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { safeError } from '@ttg/config/logging';

/**
 * TypeORM's logging through pino: a failed query is logged with its SQL (which holds `$n`
 * placeholders, never values) and the database's error code; its parameters never are. Slow
 * queries likewise. Everything else TypeORM says goes to debug.
 */
export class RedactingQueryLogger implements TypeOrmLogger {
  constructor(private readonly out: Pino) {}

  logQuery(): void {
    // Every query is not worth a line.
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown[]): void {
    this.out.error({ err: typeof error === 'string' ? { message: '[query error]' } : safeError(error), sql: sqlOf(query) }, 'query failed');
  }

  logQuerySlow(time: number, query: string): void {
    this.out.warn({ ms: time, sql: sqlOf(query) }, 'slow query');
  }

  logSchemaBuild(message: string): void {
    this.out.debug({ schema: message }, 'schema');
  }

  logMigration(message: string): void {
    this.out.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    this.out[level === 'warn' ? 'warn' : 'debug']({ typeorm: typeof message === 'string' ? message.slice(0, 200) : '[object]' }, 'typeorm');
  }
}

/** The statement, shortened; values are never in it (every query is parameterised). */
function sqlOf(query: string): string {
  return query.replace(/\s+/g, ' ').slice(0, 500);
}
