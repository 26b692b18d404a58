import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { createIndexesConcurrently, dropIndexesConcurrently, type IndexDefinition } from './concurrent-indexes';

/**
 * A prison's active caseload by release date, as prison staff's case list shows it first: read in
 * index order and stopped at the page, instead of sorting every case the prison has held (at the
 * nation's size a prison holds thousands; docs/benchmarks.md). Ordered by id too, the list's
 * tie-break. Built CONCURRENTLY.
 */
const INDEXES: IndexDefinition[] = [['cases_prison_active_release', `ON cases (prison_code, release_date, id) WHERE active`]];

export class PrisonCaseloadOrder1764000000108 implements MigrationInterface {
  name = 'PrisonCaseloadOrder1764000000108';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await createIndexesConcurrently(q, INDEXES);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropIndexesConcurrently(q, INDEXES);
  }
}
