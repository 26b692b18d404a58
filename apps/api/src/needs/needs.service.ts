import { Injectable } from '@nestjs/common';
import { addNeedSchema, needActionSchema, needStatusSchema, PATHWAY_UPDATES } from '@ttg/contracts';
import type { Principal } from '../auth/principal';
import { actorOf, CaseService } from '../cases/case.service';
import { DomainError } from '../common/domain-error';
import { parseInput } from '../common/validation';
import { PathwayCommands } from '../pathway/pathway.commands';

/** The body's fields with the need named in the path (a body must be a JSON object). */
function withPathway(body: unknown, pathway?: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new DomainError('VALIDATION_FAILED', '(body): must be a JSON object', { problems: [{ field: '(body)', reason: 'must be a JSON object' }] });
  return pathway === undefined ? { ...body } : { ...body, pathway };
}

/**
 * The living resettlement plan's use cases, for the API and the pages alike: add a need, change a
 * need's status (with a reason when support is declined or not required), add an action to a need.
 * Each answers with the case (the caller reads its own write).
 */
@Injectable()
export class NeedsService {
  constructor(
    private readonly cases: CaseService,
    private readonly commands: PathwayCommands,
  ) {}

  add(id: string, user: Principal, body: unknown, key?: string) {
    const b = parseInput(addNeedSchema, withPathway(body));
    return this.cases.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.addNeed, { ...b, actor: actorOf(user) }, key));
  }

  changeStatus(id: string, user: Principal, pathway: string, body: unknown, key?: string) {
    const b = parseInput(needStatusSchema, withPathway(body, pathway));
    return this.cases.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.changeNeedStatus, { ...b, actor: actorOf(user) }, key));
  }

  addAction(id: string, user: Principal, pathway: string, body: unknown, key?: string) {
    const b = parseInput(needActionSchema, withPathway(body, pathway));
    return this.cases.command(id, user, () => this.commands.update(id, PATHWAY_UPDATES.addNeedAction, { ...b, actor: actorOf(user) }, key));
  }
}
