import { isUnmetNeed, TASK_CATALOGUE, type NeedStatus, type Pathway, type TaskType } from '@ttg/contracts';
import type { NeedView } from '../../cases/case.repository';
import { readinessLabel } from '@ttg/policy';
import { formatDate, formatDateTime } from '../support/format';
import { NEED_STATUS_TAGS, PATHWAY_LABELS, humanise, labelOf } from '../support/labels';

/** What the plan holds, as the read model gives it (case page and handover pack alike). */
export interface PlanFacts {
  needs: NeedView[];
  immediateNeeds: string[];
  riskFlags: string[];
  unmetNeeds: string[];
  releasedWithUnmetNeeds: string[] | null;
}

const pathwayLabel = (p: string): string => labelOf(PATHWAY_LABELS, p);
const statusText = (s: string): string => NEED_STATUS_TAGS[s as NeedStatus]?.text ?? humanise(s);

/** The words of the "Unmet needs" tag: which needs (empty when none is unmet). */
export function unmetNeedsText(unmet: string[]): string {
  return unmet.length ? `Unmet needs: ${unmet.map(pathwayLabel).join(', ')}` : '';
}

/** Each need with its status, why, what is still open and its history; screening's immediate needs and risk flags. */
export function needsView(plan: PlanFacts, names: Map<string, string>) {
  const who = (id: string) => (id === 'system' ? 'ttg' : names.get(id) ?? id);
  return {
    tracked: plan.needs.length > 0,
    items: plan.needs.map((n) => ({
      pathway: n.pathway,
      label: pathwayLabel(n.pathway),
      status: NEED_STATUS_TAGS[n.status as NeedStatus] ?? { text: humanise(n.status), classes: 'govuk-tag--grey' },
      reason: n.reason ?? '',
      open: n.open.map((t) => TASK_CATALOGUE[t as TaskType]?.label ?? humanise(t)),
      /** Unmet, with no action under way yet. */
      awaitingAction: isUnmetNeed(n.status) && n.open.length === 0,
      history: n.history.map((h) => ({
        when: formatDateTime(h.at),
        who: who(h.by),
        change: `${statusText(h.from)} → ${statusText(h.to)}`,
        reason: h.reason ?? '',
      })),
    })),
    immediateNeeds: plan.immediateNeeds,
    riskFlags: plan.riskFlags,
    unmet: plan.unmetNeeds.map((p) => pathwayLabel(p as Pathway)),
    releasedWithUnmet: plan.releasedWithUnmetNeeds === null ? null : plan.releasedWithUnmetNeeds.map(pathwayLabel),
  };
}
export type NeedsView = ReturnType<typeof needsView>;

/** The readiness alarm as the read model keeps it (the last one fired, with what is still unmet). */
interface AlarmFacts {
  at?: string;
  releaseDate?: string;
  open?: string[];
}

/** The release-readiness alert while a fired alarm's needs are still unmet (null once met, or after release). */
export function readinessAlert(alarm: unknown, released: boolean): { title: string; text: string } | null {
  const a = (alarm ?? {}) as AlarmFacts;
  if (released || !a.open?.length || !a.releaseDate) return null;
  const labels = a.open.map((k) => readinessLabel(k));
  return {
    title: 'Not ready for release',
    text: `Due for release on ${formatDate(a.releaseDate)} with unmet needs: ${labels.join(', ')}. The prison team, the probation team and the manager were told on ${formatDate(a.at ? new Date(a.at) : null)}.`,
  };
}
