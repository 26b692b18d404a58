import { Injectable } from '@nestjs/common';
import { mayWorkSide, type TaskSide } from '@ttg/contracts';
import type { UserEntity } from '@ttg/persistence';
import { DomainError } from '../common/domain-error';
import type { Principal } from './principal';
import { UserRepository } from './user.repository';

const refuse = (field: string, reason: string, value: string) => new DomainError('VALIDATION_FAILED', `${field}: ${value} ${reason}`, { problems: [{ field, reason }] });

/**
 * The people and teams a command names are checked against the reference tables and the
 * caller's scope, so data cannot widen what a user reaches: an assignee must be an active
 * officer among the staff the caller works with who may work the task's side; a probation team
 * must exist and be in the caller's region; a COM must be an active COM of that team.
 */
@Injectable()
export class StaffChecks {
  constructor(private readonly users: UserRepository) {}

  /** An active user among the staff the caller works with, or a 400 on `field`. */
  async colleague(caller: Principal, userId: string, field: string): Promise<UserEntity> {
    const user = (await this.users.isColleague(caller, userId)) ? await this.users.findById(userId) : null;
    if (!user) throw refuse(field, 'is not an active officer you work with', userId);
    return user;
  }

  /** Someone the caller may give a task of this side to. */
  async assignee(caller: Principal, userId: string, side: TaskSide, field = 'userId'): Promise<UserEntity> {
    const user = await this.colleague(caller, userId, field);
    if (!mayWorkSide(user.role, side)) throw refuse(field, `(${user.role}) cannot work ${side.toLowerCase()} tasks`, user.username);
    return user;
  }

  /** A known probation team in the caller's region (administrators: any), and an active COM of it. */
  async comOfTeam(caller: Principal, comUserId: string, teamCode: string, prefix = ''): Promise<void> {
    if (!(await this.users.teamInRegion(caller, teamCode))) throw refuse(`${prefix}teamCode`, 'is not a probation team in your region', teamCode);
    const com = await this.colleague(caller, comUserId, `${prefix}comUserId`);
    if (com.role !== 'COM' || com.teamCode !== teamCode) throw refuse(`${prefix}comUserId`, `must be a community offender manager of ${teamCode}`, com.username);
  }
}
