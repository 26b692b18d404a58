import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Append-only: who, when, what, before and after. */
@Entity({ name: 'audit_events' })
export class AuditEventEntity {
  @PrimaryColumn('text') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('timestamptz') at!: Date;
  @Column('text', { name: 'actor_id' }) actorId!: string;
  @Column('text', { name: 'actor_role' }) actorRole!: string;
  @Column('text') action!: string;
  @Column('text', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('jsonb', { nullable: true }) before!: unknown;
  @Column('jsonb', { nullable: true }) after!: unknown;
  @Column('jsonb', { nullable: true }) details!: unknown;
}
