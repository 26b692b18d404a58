import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'contacts' })
export class ContactEntity {
  @PrimaryColumn('text') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('date') date!: string;
  @Column('text') kind!: string;
  @Column('text') outcome!: string;
  @Column('text', { nullable: true }) notes!: string | null;
  @Column('text', { name: 'recorded_by' }) recordedBy!: string;
  @Column('timestamptz', { name: 'recorded_at' }) recordedAt!: Date;
}

@Entity({ name: 'idempotency_records' })
export class IdempotencyRecordEntity {
  @PrimaryColumn('text', { name: 'user_id' }) userId!: string;
  @PrimaryColumn('text') key!: string;
  @Column('text') route!: string;
  @Column('text', { name: 'request_hash' }) requestHash!: string;
  @Column('integer', { name: 'status_code' }) statusCode!: number;
  @Column('jsonb') response!: unknown;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}
