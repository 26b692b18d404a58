import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { type Pathway } from '@ttg/contracts';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { presentCase, type CaseView } from '../../cases/case.presenter';
import { CaseService } from '../../cases/case.service';
import { DomainError } from '../../common/domain-error';
import { NeedsService } from '../../needs/needs.service';
import { formKey } from '../support/actions';
import { PATHWAY_LABELS } from '../support/labels';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import { setFlash, type WebRequest } from '../support/web-session';
import { isPathway, planCommand, planErrors, planFormView, planValues, type PlanFormKind, type PlanValues } from './needs-plan.view-model';
import type { ErrorSummary } from '../support/form-errors';

const DONE: Record<PlanFormKind, (need: string) => string> = {
  add: (need) => `${need} need added`,
  status: (need) => `${need} need: status changed`,
  action: (need) => `${need} need: action added`,
};

/** The living plan on a case: add a need, change a need's status, add an action to a need (prison staff and COMs). */
@WebPages()
@Allow('case.planNeeds')
@Controller('cases/:id/needs')
export class NeedsPlanController {
  constructor(
    private readonly cases: CaseService,
    private readonly needs: NeedsService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get('add')
  async addForm(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.show(user, req, res, 'add', id, null, {}, null, 200);
  }

  @Post('add')
  async add(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    await this.submit(user, req, res, 'add', id, null, body);
  }

  /** A need's own forms: `status` (change its status) and `actions` (add an action to it). */
  @Get(':pathway/:form')
  async needForm(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Param('pathway') pathway: string, @Param('form') form: string): Promise<void> {
    await this.show(user, req, res, formOf(form), id, need(pathway), {}, null, 200);
  }

  @Post(':pathway/:form')
  async needSubmit(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Param('pathway') pathway: string, @Param('form') form: string, @Body() body: unknown): Promise<void> {
    await this.submit(user, req, res, formOf(form), id, need(pathway), body);
  }

  private async submit(user: Principal, req: WebRequest, res: Response, kind: PlanFormKind, id: string, pathway: Pathway | null, body: unknown): Promise<void> {
    await this.load(id, user);
    const values = planValues(kind, body);
    const key = formKey(body) ?? randomUUID();
    const command = planCommand(kind, values);
    if ('errors' in command) return this.show(user, req, res, kind, id, pathway, values, command.errors, 400, key);
    try {
      if (kind === 'add') await this.needs.add(id, user, command.body, key);
      else if (kind === 'status') await this.needs.changeStatus(id, user, pathway as Pathway, command.body, key);
      else await this.needs.addAction(id, user, pathway as Pathway, command.body, key);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code === 'UNAUTHENTICATED' || err.code === 'CASE_NOT_FOUND') throw err;
      const status = err.code === 'VALIDATION_FAILED' ? 400 : err.code === 'FORBIDDEN' ? 403 : 409;
      return this.show(user, req, res, kind, id, pathway, values, planErrors(kind, err), status);
    }
    const named = (pathway ?? (values.pathway as Pathway | undefined)) ?? null;
    setFlash(req, res, { kind: 'success', title: DONE[kind](named && isPathway(named) ? PATHWAY_LABELS[named] : 'The') });
    res.redirect(303, `/cases/${id}#needs-plan`);
  }

  private async show(user: Principal, req: WebRequest, res: Response, kind: PlanFormKind, id: string, pathway: Pathway | null, values: PlanValues, errors: ErrorSummary | null, status: number, key: string = randomUUID()): Promise<void> {
    const c = await this.load(id, user);
    const needs = await this.cases.needsOf(id);
    await this.renderer.page(req, res, 'need-form', planFormView(kind, c, needs, pathway, values, errors, key), status);
  }

  private async load(id: string, user: Principal): Promise<CaseView> {
    const c = presentCase(await this.cases.load(id, user));
    if (!c.active) throw new DomainError('CASE_CLOSED', 'This case is closed: its plan can no longer change');
    return c;
  }
}

/** The form a need's address names: its status or its actions, else the page is not found. */
function formOf(form: string): 'status' | 'action' {
  if (form === 'status') return 'status';
  if (form === 'actions') return 'action';
  throw new DomainError('NOT_FOUND', `There is no form called ${form}`);
}

/** A need named in the address: one of the seven pathways, else the page is not found. */
function need(pathway: string): Pathway {
  if (!isPathway(pathway)) throw new DomainError('NOT_FOUND', `There is no need called ${pathway}`);
  return pathway;
}
