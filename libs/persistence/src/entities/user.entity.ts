import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@ttg/contracts';

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
  /** Moves on at sign-out and deactivation: tokens issued at an older version are refused. */
  @Column('integer', { name: 'token_version', default: 0 }) tokenVersion!: number;
  /** Set when an administrator resets the password: it then only lets the user choose their own. */
  @Column('boolean', { name: 'must_change_password', default: false }) mustChangePassword!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
