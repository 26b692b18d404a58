import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { CaseService } from '../cases/case.service';
import { Clock } from '../common/clock';
import type { Page, PageRequest } from '../common/page';
import { buildHandoverPack } from './handover-pack';
import { HandoverRepository, type HandoverInboxRow } from './handover.repository';

/** The handover inbox and a case's handover pack, for the API and the pages alike. */
@Injectable()
export class HandoverService {
  constructor(
    private readonly cases: CaseService,
    private readonly handovers: HandoverRepository,
    private readonly clock: Clock,
  ) {}

  /** Cases coming to the user (COM) or in their scope, those waiting for a decision first. */
  inbox(user: Principal, status: string | undefined, page: PageRequest): Promise<Page<HandoverInboxRow>> {
    return this.handovers.inbox(user, this.clock.todayInLondon(), status, page);
  }

  /** The case (in the user's scope), its tasks and the pack built from them. */
  async pack(id: string, user: Principal) {
    const row = await this.cases.load(id, user);
    const tasks = await this.cases.tasksOf(id);
    return { row, tasks, pack: buildHandoverPack(row, tasks, await this.cases.needsOf(id)) };
  }
}
