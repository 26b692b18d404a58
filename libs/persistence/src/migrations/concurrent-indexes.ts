import type { QueryRunner } from 'typeorm';

/** An index by name and the rest of its `CREATE INDEX` statement (`ON table (…) [WHERE …]`). */
export type IndexDefinition = [name: string, definition: string];

/**
 * Builds indexes CONCURRENTLY (the migration must run outside a transaction), so a running
 * deployment keeps serving and projecting while they build; an index left invalid by an
 * interrupted build is dropped and built again.
 */
export async function createIndexesConcurrently(q: QueryRunner, indexes: IndexDefinition[]): Promise<void> {
  const invalid: { relname: string }[] = await q.query(
    `SELECT c.relname FROM pg_class c JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relname = ANY($1) AND NOT i.indisvalid`,
    [indexes.map(([name]) => name)],
  );
  for (const { relname } of invalid) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${relname}`);
  for (const [name, definition] of indexes) await q.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ${definition}`);
}

export async function dropIndexesConcurrently(q: QueryRunner, indexes: IndexDefinition[]): Promise<void> {
  for (const [name] of indexes) await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${name}`);
}
