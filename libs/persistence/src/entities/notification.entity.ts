import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryColumn('text') id!: string;
  @Column('uuid', { name: 'case_id' }) caseId!: string;
  @Column('text', { name: 'task_id', nullable: true }) taskId!: string | null;
  @Column('text') kind!: string;
  @Column('text', { name: 'recipient_user_id', nullable: true }) recipientUserId!: string | null;
  @Column('text') audience!: string;
  @Column('text', { name: 'prison_code' }) prisonCode!: string;
  @Column('text', { name: 'region_code' }) regionCode!: string;
  @Column('text', { name: 'com_team_code', nullable: true }) comTeamCode!: string | null;
  @Column('text') message!: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
}

@Entity({ name: 'outbox' })
export class OutboxEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'notification_id' }) notificationId!: string;
  @Column('text', { name: 'to_address' }) toAddress!: string;
  @Column('text') subject!: string;
  @Column('text') body!: string;
  @Column('text') status!: string;
  @Column('integer') attempts!: number;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  @Column('timestamptz', { name: 'created_at' }) createdAt!: Date;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt!: Date | null;
}
