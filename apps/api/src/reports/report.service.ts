import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { isoDateSchema } from '@ttg/contracts';
import type { Principal } from '../auth/principal';
import { Clock } from '../common/clock';
import { parseInput } from '../common/validation';
import { ReportRepository } from './report.repository';
import { resettlementQuery, type ResettlementQuery } from './resettlement-report';

export const outcomesQuery = z.object({ groupBy: z.enum(['prison', 'region']).default('prison'), from: isoDateSchema.optional(), to: isoDateSchema.optional(), format: z.enum(['json', 'csv']).default('json') }).strict();
export type OutcomesQuery = z.infer<typeof outcomesQuery>;
const share = (n: number, of: number) => (of === 0 ? null : Math.round((1000 * n) / of) / 10);

/** Outcomes by prison or region, with the shares a report shows. */
@Injectable()
export class ReportService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
  ) {}

  parse(query: unknown): OutcomesQuery {
    return parseInput(outcomesQuery, query);
  }

  parseResettlement(query: unknown): ResettlementQuery {
    return parseInput(resettlementQuery, query);
  }

  resettlement(user: Principal, q: ResettlementQuery) {
    return this.reports.resettlement(user, this.clock.todayInLondon(), q);
  }

  async outcomes(user: Principal, q: OutcomesQuery) {
    const rows = await this.reports.outcomes(user, this.clock.todayInLondon(), q.groupBy, q.from, q.to);
    return rows.map((r) => ({
      ...r,
      settledAccommodationPct: share(r.settledAccommodation, r.released),
      workOrTrainingPct: share(r.workOrTraining, r.released),
      bankAccountPct: share(r.bankAccount, r.released),
      idPct: share(r.id, r.released),
      handoversOnTimePct: share(r.handoversOnTime, r.handoversDue),
    }));
  }
}
