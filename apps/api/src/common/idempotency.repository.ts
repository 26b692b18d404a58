import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface IdempotencyRecord {
  route: string;
  request_hash: string;
  status: 'IN_PROGRESS' | 'DONE';
  status_code: number | null;
  response: unknown;
}

/**
 * A reservation left IN_PROGRESS this long is taken to be abandoned (its process stopped) and may be
 * taken over: three times the 10 s bound on a command, so a live request is never taken over.
 */
const ABANDONED_AFTER = '30 seconds';

/**
 * Each (user, Idempotency-Key): reserved IN_PROGRESS before the work, then DONE with the first
 * answer, so a repeat (even one in parallel) gets that answer back instead of working again.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly ds: DataSource) {}

  /** Reserves the key for this request: null when reserved, else the record another request holds. */
  async reserve(userId: string, key: string, route: string, requestHash: string): Promise<IdempotencyRecord | null> {
    const reserved: unknown[] = await this.ds.query(
      `INSERT INTO idempotency_records (user_id, key, route, request_hash, status) VALUES ($1, $2, $3, $4, 'IN_PROGRESS')
       ON CONFLICT (user_id, key) DO UPDATE SET created_at = now()
         WHERE idempotency_records.status = 'IN_PROGRESS' AND idempotency_records.request_hash = EXCLUDED.request_hash
           AND idempotency_records.created_at < now() - interval '${ABANDONED_AFTER}'
       RETURNING 1`,
      [userId, key, route, requestHash],
    );
    if (reserved.length > 0) return null;
    const found: IdempotencyRecord[] = await this.ds.query(
      `SELECT route, request_hash, status, status_code, response FROM idempotency_records WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    // Released between the two statements: the caller tries again.
    return found[0] ?? { route, request_hash: requestHash, status: 'IN_PROGRESS', status_code: null, response: null };
  }

  /** Keeps the answer of the reserved request. */
  async complete(userId: string, key: string, statusCode: number, response: unknown): Promise<void> {
    await this.ds.query(
      `UPDATE idempotency_records SET status = 'DONE', status_code = $3, response = $4 WHERE user_id = $1 AND key = $2`,
      [userId, key, statusCode, JSON.stringify(response ?? null)],
    );
  }

  /** Gives the key back after the request failed, so a repeat works afresh. */
  async release(userId: string, key: string): Promise<void> {
    await this.ds.query(`DELETE FROM idempotency_records WHERE user_id = $1 AND key = $2 AND status = 'IN_PROGRESS'`, [userId, key]);
  }
}
