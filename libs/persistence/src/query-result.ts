/**
 * The rows an `UPDATE … RETURNING` or `DELETE … RETURNING` gave back through TypeORM's
 * `DataSource.query`: for those two commands the PostgreSQL driver answers `[rows, rowCount]`,
 * not the rows, so `result.length` is always 2 and says nothing about what changed.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
