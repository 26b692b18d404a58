import { AuditEventEntity } from './audit-event.entity';
import { CaseEntity } from './case.entity';
import { ContactEntity, IdempotencyRecordEntity } from './contact.entity';
import { NotificationEntity, OutboxEntity } from './notification.entity';
import { PolicyVersionEntity, PrisonEntity, ProbationTeamEntity } from './reference.entity';
import { TaskEntity } from './task.entity';
import { UserEntity } from './user.entity';

export * from './audit-event.entity';
export * from './case.entity';
export * from './contact.entity';
export * from './notification.entity';
export * from './reference.entity';
export * from './task.entity';
export * from './user.entity';

export const ENTITIES = [AuditEventEntity, CaseEntity, ContactEntity, IdempotencyRecordEntity, NotificationEntity, OutboxEntity, PolicyVersionEntity, PrisonEntity, ProbationTeamEntity, TaskEntity, UserEntity];
