import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ZodTypeAny } from 'zod';
import { computeKeyDates, parseTimelineInput, planFirstRun, PolicyValidationError, policyDateOfReception, type FirstRunPlan, type TimelineInput } from '@ttg/policy';
import { can, mayReceiveInto, PATHWAY_UPDATES, rolesFor, scopeOf, type Action, type Actor, type PathwayUpdates } from '@ttg/contracts';
import type { Principal } from '../auth/principal';
import { StaffChecks } from '../auth/staff-checks';
import { Clock } from '../common/clock';
import { DomainError, policyRefusal } from '../common/domain-error';
import { nameBasedUuid } from '../common/ids';
import type { Counting, ListPage } from '../common/page';
import { parseInput } from '../common/validation';
import { PathwayCommands } from '../pathway/pathway.commands';
import { PolicyCatalogueService } from '../timeline/policy-catalogue.service';
import { TaskRepository } from '../tasks/task.repository';
import { presentTask, type TaskRow } from '../tasks/task.presenter';
import { CaseRepository, type CaseListFilter, type CaseRow } from './case.repository';
import { presentCase } from './case.presenter';
import {
  PERSON_FIELDS,
  breachSchema,
  circumstancesSchema,
  closeSchema,
  contactBodySchema,
  personSchema,
  earlierReleaseSchema,
  reallocateSchema,
  recallSchema,
  terminateLicenceSchema,
  unlawfullyAtLargeSchema,
  releaseDatesSchema,
  reReleaseSchema,
  transferSchema,
} from './case.schemas';

export const actorOf = (u: Principal): Actor => ({ userId: u.id, role: u.role });

/** How old the policy versions a reception is planned under may be: one stored on another instance is seen within this. */
const POLICY_VERSIONS_MAX_AGE_MS = 2_000;

/** Use cases on a case. Reads come from the read model, changes go to the pathway workflow. */
/** The Updates a COM or manager gives on the law's dates: the body each takes and the permission it needs. */
const LAW_COMMANDS = {
  terminateLicence: { schema: terminateLicenceSchema, action: 'case.terminateLicence', what: 'Recording a licence termination' },
  recordUnlawfullyAtLarge: { schema: unlawfullyAtLargeSchema, action: 'case.recordUnlawfullyAtLarge', what: 'Recording time unlawfully at large' },
  requestEarlierRelease: { schema: earlierReleaseSchema, action: 'case.requestEarlierRelease', what: 'Asking for release one day earlier' },
} as const satisfies Record<string, { schema: ZodTypeAny; action: Action; what: string }>;
export type LawCommand = keyof typeof LAW_COMMANDS;

@Injectable()
export class CaseService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly tasks: TaskRepository,
    private readonly commands: PathwayCommands,
    private readonly policies: PolicyCatalogueService,
    private readonly clock: Clock,
    private readonly staff: StaffChecks,
  ) {}

  /**
   * Splits and validates a new-case body: person fields, then the key-dates input, planned (the
   * first run's key dates and deadlines) under the policy version in force on the reception's date.
   */
  parseNewCase(body: unknown): { person: ReturnType<typeof personSchema.parse>; sentence: TimelineInput; plan: FirstRunPlan } {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DomainError('VALIDATION_FAILED', '(body): must be a JSON object');
    const raw = body as Record<string, unknown>;
    const personRaw = Object.fromEntries(PERSON_FIELDS.filter((k) => k in raw).map((k) => [k, raw[k]]));
    const sentenceRaw = Object.fromEntries(Object.entries(raw).filter(([k]) => !PERSON_FIELDS.includes(k)));
    const problems: { field: string; reason: string }[] = [];
    const person = personSchema.safeParse(personRaw);
    if (!person.success) problems.push(...person.error.issues.map((i) => ({ field: i.path.join('.'), reason: i.message })));
    let sentence: TimelineInput | undefined;
    let plan: FirstRunPlan | undefined;
    try {
      sentence = parseTimelineInput(sentenceRaw);
      plan = planFirstRun(sentence, this.policies.current(policyDateOfReception(sentence.receptionAt)), this.clock.now().toISOString());
    } catch (err) {
      if (!(err instanceof PolicyValidationError)) throw err;
      problems.push(...err.issues);
    }
    if (problems.length || !person.success || !sentence || !plan) {
      throw new DomainError('VALIDATION_FAILED', problems.map((p) => `${p.field}: ${p.reason}`).join('; '), { problems });
    }
    return { person: person.data, sentence, plan };
  }

  /**
   * Receives a person: one call starts the pathway and waits until the case's row is written by
   * its projection, so there is never a row without a workflow nor a workflow without its row.
   * The case id is derived from the Idempotency-Key (or the import row), so a repeat of the same
   * create finds the same workflow; another active case for the prison number is a 409.
   */
  async create(user: Principal, body: unknown, importKey: string | null = null, idempotencyKey?: string) {
    await this.policies.fresh(POLICY_VERSIONS_MAX_AGE_MS);
    const { person, sentence, plan } = this.parseNewCase(body);
    const prison = await this.cases.prison(person.prisonCode);
    if (!prison) throw new DomainError('VALIDATION_FAILED', `prisonCode: ${person.prisonCode} is not a known prison`, { problems: [{ field: 'prisonCode', reason: 'is not a known prison' }] });
    if (!can(user.role, 'case.receive')) throw new DomainError('FORBIDDEN', 'Cases are started by prison reception');
    if (!mayReceiveInto(user, { code: prison.code, regionCode: prison.region_code })) {
      const own = scopeOf(user.role) === 'PRISON' && user.prisonCode ? await this.cases.prison(user.prisonCode) : null;
      throw new DomainError('FORBIDDEN', scopeOf(user.role) === 'PRISON' ? `You can only receive people into ${own?.name ?? 'your prison'}` : 'That prison is outside your scope');
    }
    if (importKey) {
      const existing = await this.cases.byImportKey(importKey);
      if (existing) return { created: false, case: await this.view(existing.id, user) };
    }
    const id = importKey ? nameBasedUuid(`import:${importKey}`) : idempotencyKey ? nameBasedUuid(`create:${user.id}:${idempotencyKey}`) : randomUUID();
    const { prisonCode, ...who } = person;
    try {
      await this.commands.create({ caseId: id, prisonCode, regionCode: prison.region_code, sentence, startedBy: actorOf(user), person: { ...who, importKey }, policyVersionId: plan.policyVersionId, firstRun: plan });
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CASE_ALREADY_ACTIVE') {
        throw new DomainError('CASE_ALREADY_ACTIVE', `Prison number ${person.prisonNumber} already has an active case`, err.details);
      }
      throw err;
    }
    return { created: true, case: await this.view(id, user) };
  }

  async load(id: string, user: Principal): Promise<CaseRow> {
    const row = await this.cases.findInScope(id, user, this.clock.todayInLondon());
    if (!row) throw new DomainError('CASE_NOT_FOUND', `Case ${id} was not found`);
    return row;
  }

  async view(id: string, user: Principal) {
    const row = await this.load(id, user);
    const [tasks, needs] = await Promise.all([this.tasks.byCase(id), this.cases.needs(id)]);
    return { ...presentCase(row), needs, tasks: tasks.map(presentTask) };
  }

  /** The case's tracked needs with their history (read model; call after `load` has checked scope). */
  needsOf(id: string) {
    return this.cases.needs(id);
  }

  /** The case's tasks as stored rows (read model; call after `load` has checked scope). */
  tasksOf(id: string): Promise<TaskRow[]> {
    return this.tasks.byCase(id);
  }

  /** A page of the cases in the user's scope that match the filter: exactly counted for the API, bounded for the pages. */
  list(user: Principal, f: CaseListFilter, counting: Counting = 'exact'): Promise<ListPage<CaseRow>> {
    return this.cases.list(user, this.clock.todayInLondon(), f, counting);
  }

  async history(id: string, user: Principal, page: number, pageSize: number) {
    await this.load(id, user);
    return this.cases.history(id, { page, pageSize });
  }

  async contacts(id: string, user: Principal) {
    await this.load(id, user);
    return { items: await this.cases.contacts(id) };
  }

  private requireRole(user: Principal, action: Action, what: string): void {
    if (!can(user.role, action)) throw new DomainError('FORBIDDEN', `${what} needs one of the roles ${rolesFor(action).join(', ')}`);
  }

  /** Runs a command on an active case in the caller's scope, then answers with the case. */
  async command(id: string, user: Principal, run: (row: CaseRow) => Promise<unknown>) {
    const row = await this.load(id, user);
    if (!row.active) throw new DomainError('CASE_CLOSED', `Case ${id} is closed`);
    await run(row);
    return this.view(id, user);
  }

  changeReleaseDates(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(releaseDatesSchema, body);
    this.requireRole(user, 'case.changeReleaseDates', 'Changing release dates');
    return this.command(id, user, async (row) => {
      await this.checkNewReleaseDates(row, b);
      return this.commands.update(id, PATHWAY_UPDATES.changeReleaseDates, { ...b, actor: actorOf(user) }, key);
    });
  }

  /**
   * The sentence with the new dates must still make sense to the policy (a release date before
   * the sentence starts, a determinate sentence left without any release date): refused here
   * with the field named, before anything reaches the workflow.
   */
  private async checkNewReleaseDates(row: CaseRow, change: Record<string, unknown>): Promise<void> {
    const { reason: _reason, ...dates } = change;
    const merged = { ...(row.sentence as Record<string, unknown>), ...Object.fromEntries(Object.entries(dates).filter(([, v]) => v !== undefined)) };
    try {
      const sentence = parseTimelineInput(merged);
      if (row.policy_version) await this.policies.ensure(row.policy_version);
      computeKeyDates(sentence, row.policy_version ? this.policies.byId(row.policy_version) : this.policies.current(policyDateOfReception(sentence.receptionAt)));
    } catch (err) {
      if (!(err instanceof PolicyValidationError)) throw err;
      throw policyRefusal(err);
    }
  }

  async transfer(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(transferSchema, body);
    this.requireRole(user, 'case.transfer', 'A transfer');
    const row = await this.load(id, user);
    if (!row.active) throw new DomainError('CASE_CLOSED', `Case ${id} is closed`);
    const prison = await this.cases.prison(b.prisonCode);
    if (!prison) throw new DomainError('VALIDATION_FAILED', `prisonCode: ${b.prisonCode} is not a known prison`, { problems: [{ field: 'prisonCode', reason: 'is not a known prison' }] });
    const from = await this.cases.prison(row.prison_code);
    const fromPrison = from ? { code: from.code, name: from.name } : undefined;
    await this.commands.update(id, PATHWAY_UPDATES.transfer, { prisonCode: prison.code, regionCode: prison.region_code, reason: b.reason, actor: actorOf(user), fromPrison }, key);
    // Prison staff transferring a case out no longer see it: the answer says where it went, and no more.
    try {
      return { ...(await this.view(id, user)), inScope: true as const };
    } catch (err) {
      if (err instanceof DomainError && err.code === 'CASE_NOT_FOUND') return { id, prisonCode: prison.code, inScope: false as const };
      throw err;
    }
  }

  recordContact(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(contactBodySchema, body);
    this.requireRole(user, 'case.recordContact', 'Recording a contact');
    // A contact has happened: it cannot be dated after today in London.
    if (b.date > this.clock.todayInLondon()) throw new DomainError('VALIDATION_FAILED', 'date: cannot be in the future', { problems: [{ field: 'date', reason: 'cannot be in the future' }] });
    return this.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.recordContact, { ...b, contactId: key ? `${id}-c-${key}` : `${id}-c-${randomUUID()}`, actor: actorOf(user) }, key));
  }

  recall(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(recallSchema, body);
    this.requireRole(user, 'case.recall', 'A recall');
    const recalledAt = b.recalledAt ?? this.clock.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    return this.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.recall, { recalledAt, reason: b.reason, actor: actorOf(user) }, key));
  }

  reRelease(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(reReleaseSchema, body);
    this.requireRole(user, 'case.reRelease', 'A re-release');
    return this.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.reRelease, { releasedOn: b.releasedOn, actor: actorOf(user) }, key));
  }

  recordBreach(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(breachSchema, body);
    this.requireRole(user, 'case.breach', 'Recording a breach');
    return this.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.recordBreach, { ...b, actor: actorOf(user) }, key));
  }

  changeOfCircumstances(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(circumstancesSchema, body);
    return this.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.changeOfCircumstances, { ...b, actor: actorOf(user) }, key));
  }

  async reallocateCom(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(reallocateSchema, body);
    this.requireRole(user, 'case.reallocate', 'Reallocating a case');
    await this.staff.comOfTeam(user, b.comUserId, b.teamCode);
    return this.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.reallocateCom, { ...b, actor: actorOf(user) }, key));
  }

  /** The sentence-law commands: the checked body and the actor, for the roles the permission table names. */
  lawCommand<C extends LawCommand>(command: C, id: string, user: Principal, body: unknown, key?: string) {
    const { schema, action, what } = LAW_COMMANDS[command];
    const b: object = parseInput(schema as ZodTypeAny, body);
    this.requireRole(user, action, what);
    const arg = { ...b, actor: actorOf(user) } as PathwayUpdates[C];
    return this.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES[command], arg, key));
  }

  close(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(closeSchema, body);
    this.requireRole(user, 'case.close', 'Closing a case');
    return this.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.closeCase, { reason: b.reason, actor: actorOf(user) }, key));
  }
}
