import { z } from 'zod';
import { outcomeSchemas, PATHWAYS, pathwayTaskTypes, RISK_CATEGORIES, taskEntry, type FieldSpec, type TaskType } from '@ttg/contracts';
import type { ErrorTarget } from '../support/form-errors';
import { plural } from '../support/format';
import { PATHWAY_LABELS, PATHWAY_STATUS_TAGS, TASK_TYPE_LABELS, humanise } from '../support/labels';

/**
 * The form for each task type: its questions from the task catalogue (`form`), built on the
 * outcome schemas of libs/contracts: the choices of every radio and checkbox and whether a field
 * is optional come from the zod schema itself, so the form cannot offer what the server would
 * refuse. The server's validation (TaskService → parseOutcome) stays the only judge; this file
 * only turns form fields into the outcome object.
 */

export type { FieldKind, FieldSpec } from '@ttg/contracts';

export interface Choice {
  value: string;
  text: string;
  hint?: string;
}

export interface FormField extends FieldSpec {
  /** The form control's name and id (ids of radios, checkboxes and dates start with it). */
  name: string;
  optional: boolean;
  choices: Choice[];
  /** For per-pathway questions: one entry per pathway. */
  pathways?: { key: string; label: string; name: string; notesName?: string; actionsName?: string; actions?: Choice[] }[];
}

export interface ComOption {
  userId: string;
  displayName: string;
  teamCode: string | null;
  teamName: string | null;
  /** Their caseload, so the allocator can share the work fairly. */
  casesAllocated?: number;
  openTasks?: number;
}

/** The questions asked for each task type. */

/** Words for the outcome schemas' choices (anything not here reads as the code in words). */
const CHOICE_TEXT: Record<string, string> = {
  LOW: 'Low',
  MEDIUM: 'Medium',
  HIGH: 'High',
  VERY_HIGH: 'Very high',
  NO_CONCERNS: 'No concerns',
  CONCERNS: 'Concerns',
  SETTLED: 'Settled accommodation',
  TEMPORARY: 'Temporary accommodation',
  NONE: 'None',
  WORK: 'Work',
  TRAINING: 'Training',
  EDUCATION: 'Education',
  PASSPORT: 'Passport',
  BIRTH_CERTIFICATE: 'Birth certificate',
  DRIVING_LICENCE: 'Driving licence',
  CITIZEN_CARD: 'CitizenCard',
  OTHER: 'Other',
  YES: 'Yes',
  PARTLY: 'Partly',
  NO: 'No',
  NO_DEBTS: 'No debts',
  RESOLVED: 'Resolved',
  IN_HAND: 'In hand',
  UNRESOLVED: 'Unresolved',
  ACCEPTED: 'Accept the handover',
  SENT_BACK: 'Send it back to the prison',
  ATTENDED: 'Attended',
  FAILED_TO_ATTEND: 'Failed to attend',
  RESCHEDULED: 'Rescheduled',
  ...RISK_CATEGORIES,
};

export const choiceText = (value: string): string => CHOICE_TEXT[value] ?? PATHWAY_STATUS_TAGS[value as keyof typeof PATHWAY_STATUS_TAGS]?.text ?? humanise(value);

function unwrap(schema: z.ZodTypeAny): { schema: z.ZodTypeAny; optional: boolean } {
  let s = schema;
  let optional = false;
  for (;;) {
    if (s instanceof z.ZodEffects) s = s.innerType();
    else if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
      optional = true;
      s = s.unwrap();
    } else if (s instanceof z.ZodDefault) {
      optional = true;
      s = s.removeDefault();
    } else return { schema: s, optional };
  }
}

/** The zod schema of one outcome field (following objects and per-pathway records). */
export function schemaAt(type: TaskType, path: string): { schema: z.ZodTypeAny; optional: boolean } {
  let current = unwrap(outcomeSchemas[type]);
  let optional = false;
  for (const key of path.split('.')) {
    if (!(current.schema instanceof z.ZodObject)) throw new Error(`${type}: ${path} is not in the outcome schema`);
    const next: unknown = (current.schema.shape as Record<string, unknown>)[key];
    if (!(next instanceof z.ZodType)) throw new Error(`${type}: ${path} is not in the outcome schema`);
    current = unwrap(next);
    optional = optional || current.optional;
  }
  return { schema: current.schema, optional };
}

function choicesOf(schema: z.ZodTypeAny): Choice[] {
  const s = schema instanceof z.ZodArray ? unwrap(schema.element).schema : schema;
  if (!(s instanceof z.ZodEnum)) return [];
  return (s.options as string[]).map((value) => ({ value, text: choiceText(value) }));
}

const nameOf = (path: string) => path.replace(/\./g, '-');

/** The form of a task type, ready for the template. */
export function buildForm(type: TaskType, coms: ComOption[] = []): FormField[] {
  return taskEntry(type).form.map((spec) => {
    const { schema, optional } = schemaAt(type, spec.path);
    const field: FormField = { ...spec, name: nameOf(spec.path), optional, choices: choicesOf(schema) };
    if (spec.kind === 'pathwayYesNo') {
      const details = spec.detailsPath;
      field.pathways = PATHWAYS.map((p) => ({ key: p, label: PATHWAY_LABELS[p], name: `${field.name}-${p}`, ...(details ? { notesName: `${nameOf(details)}-${p}` } : {}) }));
    }
    if (spec.kind === 'pathwayPlan') {
      field.choices = choicesOf(schemaAt(type, `${spec.path}.${PATHWAYS[0]}.status`).schema);
      field.pathways = PATHWAYS.map((p) => ({
        key: p,
        label: PATHWAY_LABELS[p],
        name: `${field.name}-${p}-status`,
        notesName: `${field.name}-${p}-notes`,
        actionsName: `${field.name}-${p}-actions`,
        actions: pathwayTaskTypes(p).map((t) => ({ value: t, text: TASK_TYPE_LABELS[t] })),
      }));
    }
    if (spec.kind === 'comUser') {
      field.choices = coms.map((c) => ({ value: c.userId, text: c.displayName, hint: [c.teamName ?? c.teamCode ?? 'No probation team', ...(c.casesAllocated === undefined ? [] : [`${plural(c.casesAllocated, 'case')} allocated, ${plural(c.openTasks ?? 0, 'open task')}`])].join(' · ') }));
    }
    return field;
  });
}

/** Where the server's problems (`outcome.<path>…`) are shown on this form. */
export function errorTargets(fields: FormField[]): ErrorTarget[] {
  return fields.flatMap((field): ErrorTarget[] => {
    const first = field.kind === 'date' ? `${field.name}-day` : field.kind === 'pathwayYesNo' || field.kind === 'pathwayPlan' ? field.pathways?.[0]?.name ?? field.name : field.name;
    const target: ErrorTarget = { path: `outcome.${field.path}`, id: first, label: field.label, ...(field.choices?.length || field.pathways || field.kind === 'comUser' ? { choice: true } : {}) };
    if (field.pathways) target.children = Object.fromEntries(field.pathways.map((p) => [p.key, { id: p.name, label: p.label, choice: true }]));
    if (field.kind === 'comUser') return [target, { path: 'outcome.teamCode', id: field.name, label: 'Probation team', choice: true }];
    if (field.kind === 'pathwayYesNo' && field.detailsPath) {
      return [target, ...(field.pathways ?? []).map((p) => ({ path: `outcome.${field.detailsPath}.${p.key}`, id: p.notesName ?? p.name, label: `What the ${p.label.toLowerCase()} need is` }))];
    }
    // A plan's reason for a pathway is shown at its notes box.
    if (field.kind === 'pathwayPlan') {
      return [
        target,
        ...(field.pathways ?? []).flatMap((p) => [
          { path: `outcome.${field.path}.${p.key}.notes`, id: p.notesName ?? p.name, label: `Notes for ${p.label}` },
          { path: `outcome.${field.path}.${p.key}.actions`, id: p.actionsName ?? p.name, label: `Actions for ${p.label}`, choice: true },
        ]),
      ];
    }
    return [target];
  });
}

export type FormValues = Record<string, string | string[]>;

/** The submitted form, keeping only this form's fields (for re-display after an error). */
export function formValues(fields: FormField[], body: unknown): FormValues {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const names = fields.flatMap((field) => {
    if (field.kind === 'date') return [`${field.name}-day`, `${field.name}-month`, `${field.name}-year`];
    if (field.pathways) return field.pathways.flatMap((p) => [p.name, ...(p.notesName ? [p.notesName] : []), ...(p.actionsName ? [p.actionsName] : [])]);
    return [field.name];
  });
  const values: FormValues = {};
  for (const name of names) {
    const v = raw[name];
    if (typeof v === 'string') values[name] = v.slice(0, 5000);
    else if (Array.isArray(v)) values[name] = v.filter((x): x is string => typeof x === 'string').slice(0, 50);
  }
  return values;
}

const str = (v: string | string[] | undefined): string => (typeof v === 'string' ? v.trim() : '');
const yesNo = (v: string): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);

/** A GOV.UK date input as `YYYY-MM-DD` (unpadded parts are padded; the server judges the rest). */
/** The optional "done on an earlier day" date of every task form: its form values, the date, and where its error shows. */
export const DONE_ON_TARGET: ErrorTarget = { path: 'doneOn', id: 'doneOn-day', label: 'The day the work was done' };
export function doneOnFrom(body: unknown): { values: FormValues; doneOn: string | undefined } {
  const raw = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const values: FormValues = {};
  for (const part of ['day', 'month', 'year']) {
    const v = raw[`doneOn-${part}`];
    if (typeof v === 'string') values[`doneOn-${part}`] = v.trim().slice(0, 4);
  }
  return { values, doneOn: dateFrom(str(values['doneOn-day']), str(values['doneOn-month']), str(values['doneOn-year'])) };
}

export function dateFrom(day: string, month: string, year: string): string | undefined {
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    node = (typeof next === 'object' && next !== null ? next : (node[key] = {})) as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function getPath(source: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), source);
}

/** The outcome object the form describes; blank optional answers are left out. */
export function outcomeFrom(fields: FormField[], values: FormValues, coms: ComOption[] = []): Record<string, unknown> {
  const outcome: Record<string, unknown> = {};
  for (const field of fields) {
    const v = values[field.name];
    switch (field.kind) {
      case 'radios':
      case 'text':
      case 'textarea':
        setPath(outcome, field.path, str(v) || undefined);
        break;
      case 'yesNo':
        setPath(outcome, field.path, yesNo(str(v)));
        break;
      case 'confirm':
        setPath(outcome, field.path, str(v) === 'true' ? true : undefined);
        break;
      case 'checkboxes':
        setPath(outcome, field.path, (Array.isArray(v) ? v : v ? [v] : []).filter((x) => x !== ''));
        break;
      case 'lines':
        setPath(outcome, field.path, str(v).split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
        break;
      case 'date':
        setPath(outcome, field.path, dateFrom(str(values[`${field.name}-day`]), str(values[`${field.name}-month`]), str(values[`${field.name}-year`])));
        break;
      case 'pathwayYesNo':
        for (const p of field.pathways ?? []) {
          const answer = yesNo(str(values[p.name]));
          setPath(outcome, `${field.path}.${p.key}`, answer);
          // What the need is: kept only with a "yes" (words typed before choosing "no" are not a need).
          const detail = p.notesName ? str(values[p.notesName]) : '';
          if (field.detailsPath && detail && answer === true) setPath(outcome, `${field.detailsPath}.${p.key}`, detail);
        }
        if (outcome[field.path] === undefined) setPath(outcome, field.path, {});
        break;
      case 'pathwayPlan':
        for (const p of field.pathways ?? []) {
          setPath(outcome, `${field.path}.${p.key}.status`, str(values[p.name]) || undefined);
          setPath(outcome, `${field.path}.${p.key}.notes`, str(p.notesName ? values[p.notesName] : undefined) || undefined);
          // The actions ticked, for a need that needs support (the others open none).
          if (p.actionsName && str(values[p.name]) === 'SUPPORT_REQUIRED') {
            const ticked = values[p.actionsName];
            setPath(outcome, `${field.path}.${p.key}.actions`, Array.isArray(ticked) ? ticked : ticked ? [ticked] : []);
          }
          if ((outcome[field.path] as Record<string, unknown> | undefined)?.[p.key] === undefined) setPath(outcome, `${field.path}.${p.key}`, {});
        }
        break;
      case 'comUser': {
        const id = str(v);
        setPath(outcome, field.path, id || undefined);
        const com = coms.find((c) => c.userId === id);
        if (com?.teamCode) setPath(outcome, 'teamCode', com.teamCode);
        break;
      }
    }
    // A group of questions left blank is still a group, so the server names each missing answer.
    const parent = field.path.split('.').slice(0, -1).join('.');
    if (parent && getPath(outcome, parent) === undefined) setPath(outcome, parent, {});
  }
  return outcome;
}

/** A completed task's outcome as rows for a summary list, labelled like the form. */
export function outcomeRows(type: TaskType, outcome: unknown, userNames: Map<string, string> = new Map()): { key: string; value: string }[] {
  if (typeof outcome !== 'object' || outcome === null) return [];
  const o = outcome as Record<string, unknown>;
  const rows: { key: string; value: string }[] = [];
  const show = (v: unknown): string => {
    if (v === undefined || v === null || v === '') return 'Not recorded';
    if (typeof v === 'boolean') return v ? 'Yes' : 'No';
    if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'string' && /^[A-Z_]+$/.test(x) ? choiceText(x) : String(x))).join(', ') : 'None';
    if (typeof v === 'string') return /^[A-Z][A-Z_]+$/.test(v) ? choiceText(v) : v;
    return JSON.stringify(v);
  };
  const get = (path: string): unknown => getPath(o, path);
  for (const spec of taskEntry(type).form) {
    if (spec.kind === 'pathwayYesNo' || spec.kind === 'pathwayPlan') {
      for (const p of PATHWAYS) {
        const v = get(`${spec.path}.${p}`);
        if (spec.kind === 'pathwayYesNo') rows.push({ key: `${PATHWAY_LABELS[p]}: needs help`, value: show(v) });
        else {
          const entry = (v ?? {}) as { status?: string; notes?: string; actions?: string[] };
          const actions = entry.actions?.length ? `. Actions: ${entry.actions.map((t) => TASK_TYPE_LABELS[t as TaskType] ?? t).join(', ')}` : '';
          rows.push({ key: PATHWAY_LABELS[p], value: `${show(entry.status)}${actions}${entry.notes ? `. ${entry.notes}` : ''}` });
        }
      }
    } else if (spec.kind === 'comUser') {
      const id = get(spec.path);
      rows.push({ key: spec.label, value: typeof id === 'string' ? userNames.get(id) ?? id : 'Not recorded' });
      rows.push({ key: 'Probation team', value: show(get('teamCode')) });
    } else {
      rows.push({ key: spec.label, value: show(get(spec.path)) });
    }
  }
  return rows;
}
