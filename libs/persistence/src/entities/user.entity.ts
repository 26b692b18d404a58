import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '../../../contracts/src';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryColumn('text') id!: string;
  @Column('text', { unique: true }) username!: string;
  @Column('text', { name: 'password_hash', nullable: true }) passwordHash!: string | null;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('text') role!: Role;
  @Column('text', { name: 'prison_code', nullable: true }) prisonCode!: string | null;
  @Column('text', { name: 'team_code', nullable: true }) teamCode!: string | null;
  @Column('text', { name: 'region_code', nullable: true }) regionCode!: string | null;
  @Column('text', { nullable: true }) email!: string | null;
  @Column('boolean', { default: true }) active!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
