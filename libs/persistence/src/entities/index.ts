import { AuditEventEntity } from './audit-event.entity';
import { CaseEntity } from './case.entity';
import { ContactEntity, IdempotencyRecordEntity } from './contact.entity';
import { NotificationEntity, OutboxEntity } from './notification.entity';
import { PolicyVersionEntity, PrisonEntity, ProbationTeamEntity } from './reference.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

export {
  AuditEventEntity,
  CaseEntity,
  ContactEntity,
  IdempotencyRecordEntity,
  NotificationEntity,
  OutboxEntity,
  PolicyVersionEntity,
  PrisonEntity,
  ProbationTeamEntity,
  TaskEntity,
  UserEntity,
};

export const ENTITIES = [
  AuditEventEntity,
  CaseEntity,
  ContactEntity,
  IdempotencyRecordEntity,
  NotificationEntity,
  OutboxEntity,
  PolicyVersionEntity,
  PrisonEntity,
  ProbationTeamEntity,
  TaskEntity,
  UserEntity,
];
