import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface IdempotencyRecord {
  route: string;
  request_hash: string;
  status_code: number;
  response: unknown;
}

/** The first answer to each (user, Idempotency-Key), kept so a repeat gets it back. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly ds: DataSource) {}

  async find(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const found: IdempotencyRecord[] = await this.ds.query(`SELECT route, request_hash, status_code, response FROM idempotency_records WHERE user_id = $1 AND key = $2`, [userId, key]);
    return found[0] ?? null;
  }

  async keep(userId: string, key: string, record: IdempotencyRecord): Promise<void> {
    await this.ds.query(
      `INSERT INTO idempotency_records (user_id, key, route, request_hash, status_code, response) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT (user_id, key) DO NOTHING`,
      [userId, key, record.route, record.request_hash, record.status_code, JSON.stringify(record.response ?? null)],
    );
  }
}
