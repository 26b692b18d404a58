import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { UserEntity } from '../../../../libs/persistence/src';
import type { Principal } from './principal';

@Injectable()
export class UserRepository {
  constructor(private readonly ds: DataSource) {}

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { username, active: true } });
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.ds.getRepository(UserEntity).findOne({ where: { id, active: true } });
  }

  static toPrincipal(u: UserEntity): Principal {
    return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, prisonCode: u.prisonCode, teamCode: u.teamCode, regionCode: u.regionCode };
  }
}
