import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The readiness check's question to PostgreSQL. */
@Injectable()
export class HealthRepository {
  constructor(private readonly ds: DataSource) {}

  /** Resolves when PostgreSQL answers. */
  async ping(): Promise<void> {
    await this.ds.query('SELECT 1');
  }
}
