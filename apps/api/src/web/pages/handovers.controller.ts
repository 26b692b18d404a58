import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { isOpenTask, mayWorkSide } from '@ttg/contracts';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { CaseService } from '../../cases/case.service';
import { DomainError } from '../../common/domain-error';
import { HandoverService } from '../../handover/handover.service';
import { TaskService } from '../../tasks/task.service';
import { formKey } from '../support/actions';
import { formRefusal, summaryFromDomainError, type ErrorSummary } from '../support/form-errors';
import { ReferenceNames } from '../support/reference-names';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { setFlash, type WebRequest } from '../support/web-session';
import { handoverPackView, INBOX_PAGE_SIZE, inboxQuery, inboxView } from './handover.view-model';
import { buildForm, errorTargets, formValues, outcomeFrom, type FormValues } from './task-forms';

/** The COM's handover inbox, the handover pack (and its print view), accept or send back. */
@WebPages()
@Controller()
export class HandoversController {
  constructor(
    private readonly cases: CaseService,
    private readonly tasks: TaskService,
    private readonly handovers: HandoverService,
    private readonly reference: ReferenceNames,
    private readonly renderer: WebRenderer,
  ) {}

  @Get('handovers')
  @Allow('handover.inbox')
  async inbox(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Query() query: unknown): Promise<void> {
    const { status, page } = inboxQuery.parse(query ?? {});
    const { items: rows, total } = await this.handovers.inbox(user, status, { page, pageSize: INBOX_PAGE_SIZE });
    const names = await this.reference.userNames(rows.map((r) => (typeof r.comUserId === 'string' ? r.comUserId : null)));
    const prisons = await this.reference.namesOf(rows.map((r) => String(r.prisonCode)));
    await this.renderer.page(req, res, 'handovers', inboxView(rows, status, { user, names, prisons, page, total }));
  }

  @Get('cases/:id/handover-pack')
  async pack(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Query('print') print?: string): Promise<void> {
    await this.render(user, req, res, id, print === '1', {}, null, 200);
  }

  @Post('cases/:id/handover-pack')
  async decide(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    const taskId = await this.acceptanceTask(id, user);
    const fields = buildForm('HANDOVER_ACCEPTANCE');
    const values = formValues(fields, body);
    try {
      if (!taskId) throw new DomainError('INVALID_STATE', 'There is no handover waiting for a decision on this case');
      await this.tasks.complete(taskId, user, outcomeFrom(fields, values), formKey(body));
    } catch (caught) {
      const { error: err, status } = formRefusal(caught);
      return this.render(user, req, res, id, false, values, summaryFromDomainError(err, errorTargets(fields)), status);
    }
    setFlash(req, res, { kind: 'success', title: values.decision === 'ACCEPTED' ? 'Handover accepted' : 'Handover sent back to the prison' });
    res.redirect(303, '/handovers');
  }

  private async acceptanceTask(caseId: string, user: Principal): Promise<string | null> {
    await this.cases.load(caseId, user);
    const open = (await this.cases.tasksOf(caseId)).find((t) => t.type === 'HANDOVER_ACCEPTANCE' && isOpenTask(t.status));
    return open?.id ?? null;
  }

  private async render(user: Principal, req: WebRequest, res: Response, id: string, print: boolean, values: FormValues, errors: ErrorSummary | null, status: number): Promise<void> {
    const { row, tasks: taskRows, pack } = await this.handovers.pack(id, user);
    const acceptance = taskRows.find((t) => t.type === 'HANDOVER_ACCEPTANCE' && isOpenTask(t.status));
    const handover = (pack.handover ?? {}) as { comUserId?: string | null };
    const names = await this.reference.userNames([handover.comUserId, ...taskRows.map((t) => t.completed_by)]);
    const decision = acceptance && !print && mayWorkSide(user.role, acceptance.side) ? { taskId: acceptance.id, fields: buildForm('HANDOVER_ACCEPTANCE'), values, errors, idempotencyKey: randomUUID() } : null;
    const view = handoverPackView(pack, { print, prisonName: await this.reference.describe(row.prison_code), names, decision });
    await this.renderer.page(req, res, print ? 'handover-pack-print' : 'handover-pack', view, status);
  }
}
