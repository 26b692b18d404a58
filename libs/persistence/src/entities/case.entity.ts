import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The read model of one person's case: a projection of the pathway workflow's state. */
@Entity({ name: 'cases' })
export class CaseEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { name: 'prison_number' }) prisonNumber!: string;
  @Column('text', { name: 'given_name' }) givenName!: string;
  @Column('text', { name: 'family_name' }) familyName!: string;
  @Column('date', { name: 'date_of_birth' }) dateOfBirth!: string;
  @Column('text', { name: 'prison_code' }) prisonCode!: string;
  @Column('text', { name: 'region_code' }) regionCode!: string;
  @Column('text') stage!: string;
  @Column('boolean') active!: boolean;
  @Column('jsonb') sentence!: unknown;
  @Column('jsonb', { name: 'key_dates', nullable: true }) keyDates!: unknown;
  @Column('jsonb', { nullable: true }) pathways!: unknown;
  @Column('jsonb', { nullable: true }) handover!: unknown;
  @Column('jsonb', { nullable: true }) risk!: unknown;
  @Column('jsonb', { nullable: true }) detail!: unknown;
  @Column('date', { name: 'release_date', nullable: true }) releaseDate!: string | null;
  @Column('date', { name: 'handover_date', nullable: true }) handoverDate!: string | null;
  @Column('text', { name: 'handover_status', nullable: true }) handoverStatus!: string | null;
  @Column('text', { name: 'com_user_id', nullable: true }) comUserId!: string | null;
  @Column('text', { name: 'com_team_code', nullable: true }) comTeamCode!: string | null;
  @Column('date', { name: 'prison_access_until', nullable: true }) prisonAccessUntil!: string | null;
  @Column('boolean', { name: 'unmet_needs' }) unmetNeeds!: boolean;
  @Column('integer', { name: 'overdue_tasks' }) overdueTasks!: number;
  @Column('boolean', { name: 'lost_contact' }) lostContact!: boolean;
  @Column('text', { name: 'policy_version', nullable: true }) policyVersion!: string | null;
  @Column('integer', { name: 'state_version' }) stateVersion!: number;
  @Column('text', { name: 'workflow_id' }) workflowId!: string;
  @Column('text', { name: 'import_key', nullable: true }) importKey!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt!: Date;
  @Column('timestamptz', { name: 'closed_at', nullable: true }) closedAt!: Date | null;
}
