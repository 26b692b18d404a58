import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import type { Principal } from '../../auth/principal';
import { Clock } from '../../common/clock';
import { DashboardRepository } from '../../dashboard/dashboard.repository';
import { ReferenceNames } from './reference-names';

const staffRows = z.array(
  z.object({
    userId: z.string(),
    displayName: z.string(),
    role: z.enum(['PRISON_STAFF', 'COM']),
    prisonCode: z.string().nullable(),
    teamCode: z.string().nullable(),
    casesAllocated: z.number(),
    openTasks: z.number(),
    overdueTasks: z.number(),
  }),
);
export type StaffMember = z.infer<typeof staffRows>[number] & { teamName: string | null };

/** Prison staff and community offender managers with their caseloads (the dashboard's caseload query). */
@Injectable()
export class StaffDirectory {
  constructor(
    private readonly dashboard: DashboardRepository,
    private readonly reference: ReferenceNames,
    private readonly clock: Clock,
  ) {}

  /** The community offender managers among them (COM allocation, reallocation). */
  async coms(user: Principal): Promise<StaffMember[]> {
    return (await this.list(user)).filter((m) => m.role === 'COM');
  }

  async list(user: Principal): Promise<StaffMember[]> {
    const rows = staffRows.parse(await this.dashboard.caseloads(user, this.clock.todayInLondon()));
    return Promise.all(rows.map(async (r) => ({ ...r, teamName: r.teamCode ? await this.reference.nameOf(r.teamCode) : null })));
  }
}
