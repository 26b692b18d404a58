import { MAX_PAGE } from '../../common/page';
import { Controller, Get, Logger, Param, Query, Req, Res } from '@nestjs/common';
import { can } from '@ttg/contracts';
import type { Response } from 'express';
import { z } from 'zod';
import { explainKeyDates, type KeyDatesExplained, type TimelineInput } from '@ttg/policy';
import { CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { presentCase } from '../../cases/case.presenter';
import { CaseService } from '../../cases/case.service';
import { Clock } from '../../common/clock';
import { Settings } from '../../common/settings';
import { presentTask } from '../../tasks/task.presenter';
import { PolicyCatalogueService } from '../../timeline/policy-catalogue.service';
import { ReferenceNames } from '../support/reference-names';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import type { WebRequest } from '../support/web-session';
import { caseListQuery, caseListView, toCaseFilter } from './case-list.view-model';
import { caseView } from './case.view-model';
import { HISTORY_PAGE_SIZE, historyView, type AuditEventRow } from './history.view-model';
import { safeError } from '@ttg/config/logging';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(MAX_PAGE).catch(1) });

/** The case list, the case page and its audit history. */
@WebPages()
@Controller('cases')
export class CasesController {
  private readonly logger = new Logger('web');

  constructor(
    private readonly cases: CaseService,
    private readonly policies: PolicyCatalogueService,
    private readonly reference: ReferenceNames,
    private readonly renderer: WebRenderer,
    private readonly settings: Settings,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Query() query: unknown): Promise<void> {
    const q = caseListQuery.parse(query ?? {});
    const { items, total, totalAtLeast } = await this.cases.list(user, toCaseFilter(q), 'bounded');
    const prisons = new Map(await Promise.all([...new Set(items.map((c) => c.prison_code))].map(async (code) => [code, (await this.reference.nameOf(code)) ?? code] as const)));
    await this.renderer.page(req, res, 'cases', caseListView(q, { items: items.map(presentCase), total, totalAtLeast }, prisons, can(user.role, 'case.receive')));
  }

  @Get(':id')
  async show(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const row = await this.cases.load(id, user);
    const c = { ...presentCase(row), tasks: (await this.cases.tasksOf(id)).map(presentTask), needs: await this.cases.needsOf(id) };
    const history = await this.cases.history(id, user, 1, 8);
    const handover = (c.handover ?? {}) as { comUserId?: string | null; comTeamCode?: string | null };
    const names = await historyNames(this.reference, history.items, [...c.tasks.flatMap((t) => [t.assignee, t.completedBy]), handover.comUserId, ...c.needs.flatMap((n) => n.history.map((h) => h.by))]);
    const detail = (row.detail ?? {}) as { needs?: Record<string, boolean> };
    const { uiUrl, namespace } = this.settings.config.temporal;
    await this.renderer.page(
      req,
      res,
      'case',
      caseView(c, {
        user,
        today: this.clock.todayInLondon(),
        names,
        prisonName: await this.reference.describe(c.prisonCode),
        teamName: await this.reference.describe(handover.comTeamCode),
        explained: await this.explain(c.sentence, c.policyVersion),
        history,
        temporalUrl: !can(user.role, 'admin.workflows') ? null : `${uiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(c.workflowId)}`,
        needs: detail.needs ?? {},
      }),
    );
  }

  @Get(':id/history')
  async history(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string, @Query() query: unknown): Promise<void> {
    const { page } = pageQuery.parse(query ?? {});
    const c = presentCase(await this.cases.load(id, user));
    const history = await this.cases.history(id, user, page, HISTORY_PAGE_SIZE);
    const tasks = await this.cases.tasksOf(id);
    const names = await historyNames(this.reference, history.items);
    await this.renderer.page(req, res, 'history', historyView(c, history, page, { user, names, taskTitles: new Map(tasks.map((t) => [t.id, t.title])) }));
  }

  /** The rule behind each key date, from the policy module, under the version the case runs on. */
  private async explain(sentence: unknown, policyVersion: string | null): Promise<KeyDatesExplained | null> {
    try {
      if (policyVersion) await this.policies.ensure(policyVersion);
      const policy = policyVersion ? this.policies.byId(policyVersion) : this.policies.current(this.clock.todayInLondon());
      return explainKeyDates(sentence as TimelineInput, policy);
    } catch (err) {
      // The stored dates still show; only the sentences explaining them are missing.
      this.logger.warn({ err: safeError(err), policyVersion: policyVersion ?? '(current)' }, 'key dates could not be explained');
      return null;
    }
  }
}

/** The prison and team codes an event names, so the history says their names. */
function codesOf(e: AuditEventRow): string[] {
  const codes: unknown[] = [];
  for (const side of [e.before, e.after]) if (typeof side === 'object' && side !== null) codes.push((side as Record<string, unknown>).prisonCode, (side as Record<string, unknown>).comTeamCode);
  return codes.filter((v): v is string => typeof v === 'string');
}

/** User names by id and prison and team names by code, for an event list. */
async function historyNames(reference: ReferenceNames, items: AuditEventRow[], more: (string | null | undefined)[] = []): Promise<Map<string, string>> {
  const [users, codes] = await Promise.all([reference.userNames([...more, ...items.map((e) => e.actorId), ...items.flatMap(assigneesOf)]), reference.namesOf(items.flatMap(codesOf))]);
  return new Map([...codes, ...users]);
}

function assigneesOf(e: AuditEventRow): string[] {
  const ids: unknown[] = [];
  for (const side of [e.before, e.after]) if (typeof side === 'object' && side !== null) ids.push((side as Record<string, unknown>).assignee, (side as Record<string, unknown>).comUserId);
  return ids.filter((v): v is string => typeof v === 'string');
}
