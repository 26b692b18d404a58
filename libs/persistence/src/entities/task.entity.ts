import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'tasks' })
export class TaskEntity {
  @PrimaryColumn('text') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text') type!: string;
  @Column('text', { nullable: true }) pathway!: string | null;
  @Column('text') side!: string;
  @Column('text') status!: string;
  @Column('text', { nullable: true }) assignee!: string | null;
  @Column('text') title!: string;
  @Column('text', { name: 'prison_code' }) prisonCode!: string;
  @Column('text', { name: 'region_code' }) regionCode!: string;
  @Column('text', { name: 'com_team_code', nullable: true }) comTeamCode!: string | null;
  @Column('date', { name: 'due_date' }) dueDate!: string;
  @Column('timestamptz', { name: 'due_at' }) dueAt!: Date;
  @Column('boolean') overdue!: boolean;
  @Column('boolean') escalated!: boolean;
  @Column('boolean') compressed!: boolean;
  @Column('jsonb', { nullable: true }) outcome!: unknown;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'completed_at', nullable: true }) completedAt!: Date | null;
  @Column('text', { name: 'completed_by', nullable: true }) completedBy!: string | null;
  @Column('integer', { name: 'state_version' }) stateVersion!: number;
}
