import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { Principal } from '../auth/principal';
import { CaseRepository } from '../cases/case.repository';
import { caseListSchema } from '../cases/case.schemas';
import { Clock } from '../common/clock';
import { type After, decodeCursor, type ListPage } from '../common/page';
import { toCsv } from '../common/csv';
import { parseInput } from '../common/validation';
import { ReportService } from '../reports/report.service';
import { taskListSchema } from '../tasks/task.schemas';
import { TaskService } from '../tasks/task.service';

/**
 * The CSV downloads, one place for both doors: the API (`?format=csv`, bearer token) and the
 * pages' download links (`/downloads/*.csv`, the page cookie), which take the same query.
 */
@Injectable()
export class CsvExports {
  constructor(
    private readonly cases: CaseRepository,
    private readonly tasks: TaskService,
    private readonly reports: ReportService,
    private readonly clock: Clock,
  ) {}

  async casesCsv(user: Principal, query: unknown, res: Response): Promise<string> {
    const f = parseInput(caseListSchema, query);
    const today = this.clock.todayInLondon();
    const all = await everyRow((after) => this.cases.list(user, today, { ...f, page: 1, pageSize: EXPORT_BATCH, after }, 'bounded'));
    return send(res, 'cases.csv', all.map((c) => ({ id: c.id, prisonNumber: c.prison_number, givenName: c.given_name, familyName: c.family_name, prisonCode: c.prison_code, stage: c.stage, releaseDate: c.release_date, handoverDate: c.handover_date, handoverStatus: c.handover_status, overdueTasks: c.overdue_tasks, unmetNeeds: c.unmet_needs, lostContact: c.lost_contact })));
  }

  async tasksCsv(user: Principal, query: unknown, res: Response): Promise<string> {
    const f = parseInput(taskListSchema, query);
    const all = await everyRow((after) => this.tasks.list(user, { ...f, page: 1, pageSize: EXPORT_BATCH, after }, 'bounded'));
    return send(res, 'tasks.csv', all.map((t) => ({ id: t.id, caseId: t.caseId, prisonNumber: t.person?.prisonNumber ?? '', name: t.person ? `${t.person.givenName ?? ''} ${t.person.familyName ?? ''}` : '', type: t.type, title: t.title, pathway: t.pathway ?? '', status: t.status, assignee: t.assignee ?? '', dueDate: t.dueDate, overdue: t.overdue, escalated: t.escalated })));
  }

  async outcomesCsv(user: Principal, query: unknown, res: Response): Promise<string> {
    const q = this.reports.parse(query);
    return send(res, `outcomes-by-${q.groupBy}.csv`, await this.reports.outcomes(user, q));
  }
}

/** How many rows an export reads at a time (each batch by keyset, however far down the list). */
const EXPORT_BATCH = 2_000;

/** Every row of a list, batch after batch (each after the last one's cursor), in the list's order. */
async function everyRow<T>(batch: (after: After | undefined) => Promise<ListPage<T>>): Promise<T[]> {
  const rows: T[] = [];
  for (let after: After | undefined; ; ) {
    const page = await batch(after);
    rows.push(...page.items);
    if (!page.next) return rows;
    after = decodeCursor(page.next) ?? undefined;
  }
}

export function send(res: Response, filename: string, rows: Record<string, string | number | boolean | null>[]): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
  return toCsv(rows);
}
