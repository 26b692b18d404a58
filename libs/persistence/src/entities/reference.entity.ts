import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'prisons' })
export class PrisonEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'region_code' }) regionCode!: string;
}

@Entity({ name: 'probation_teams' })
export class ProbationTeamEntity {
  @PrimaryColumn('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'region_code' }) regionCode!: string;
}

@Entity({ name: 'policy_versions' })
export class PolicyVersionEntity {
  @PrimaryColumn('text') id!: string;
  @Column('date', { name: 'effective_from' }) effectiveFrom!: string;
  @Column('jsonb') document!: unknown;
  @Column('timestamptz', { name: 'created_at', default: () => 'now()' }) createdAt!: Date;
}
