import { parseOutcome, PATHWAYS, TASK_TYPES, type TaskType } from '@ttg/contracts';
import { DomainError } from '../../../apps/api/src/common/domain-error';
import { buildForm, errorTargets, formValues, outcomeFrom, outcomeRows, type ComOption, type FormField } from '../../../apps/api/src/web/pages/task-forms';
import { summaryFromDomainError } from '../../../apps/api/src/web/support/form-errors';
import { createNunjucksEnvironment } from '../../../apps/api/src/web/support/nunjucks-environment';

/**
 * The task forms against the outcome schemas, without a server: every task type has a form,
 * its choices are the schema's, a filled form is a valid outcome, and every server problem of
 * an empty form links to an element that exists on the rendered page.
 */
const coms: ComOption[] = [{ userId: 'u-com-officer', displayName: 'Chris Morgan', teamCode: 'YH-LEEDS-N', teamName: 'Leeds North probation team' }];
const env = createNunjucksEnvironment();

function render(type: TaskType, fields: FormField[], errors: ReturnType<typeof summaryFromDomainError> | null): string {
  return env.render('pages/task.njk', {
    navigation: [],
    user: null,
    csrfToken: 't',
    pageTitle: type,
    task: { id: 'x', title: type, open: true, status: { text: 'Open', classes: '' }, flags: [] },
    person: { name: 'A Person', prisonNumber: 'A1234BC', caseHref: '/cases/x' },
    summary: [],
    form: { action: '/tasks/x', fields, values: {}, idempotencyKey: 'k' },
    errors,
  });
}

/** A plausible answer for every field of a form, as a browser would post it. */
function filled(fields: FormField[]): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  for (const f of fields) {
    if (f.kind === 'radios' || f.kind === 'comUser') body[f.name] = f.choices[0].value;
    if (f.kind === 'yesNo') body[f.name] = 'yes';
    if (f.kind === 'confirm') body[f.name] = 'true';
    if (f.kind === 'checkboxes') body[f.name] = [f.choices[0].value];
    if (f.kind === 'text' || f.kind === 'textarea' || f.kind === 'lines') body[f.name] = 'Some words';
    if (f.kind === 'date') Object.assign(body, { [`${f.name}-day`]: '7', [`${f.name}-month`]: '8', [`${f.name}-year`]: '2026' });
    for (const p of f.pathways ?? []) body[p.name] = f.kind === 'pathwayPlan' ? f.choices[0].value : 'no';
  }
  return body;
}

describe.each(TASK_TYPES.map((t) => [t]))('%s form', (type) => {
  const fields = buildForm(type, coms);

  it('asks every question with the choices of the outcome schema', () => {
    expect(fields.length).toBeGreaterThan(0);
    for (const f of fields.filter((x) => ['radios', 'checkboxes', 'comUser', 'pathwayPlan'].includes(x.kind))) expect({ field: f.path, choices: f.choices.length > 0 }).toEqual({ field: f.path, choices: true });
  });

  it('turns a filled form into a valid outcome', () => {
    const outcome = outcomeFrom(fields, formValues(fields, filled(fields)), coms);
    expect(parseOutcome(type, outcome)).toMatchObject({ ok: true });
  });

  it('links every problem of an empty form to an element on the page', () => {
    const parsed = parseOutcome(type, outcomeFrom(fields, formValues(fields, {}), coms));
    const html = render(type, fields, null);
    if (parsed.ok) return; // every field is optional
    const summary = summaryFromDomainError(new DomainError('VALIDATION_FAILED', 'bad', { problems: parsed.problems }), errorTargets(fields));
    for (const item of summary.list) {
      expect({ text: item.text, href: item.href }).toEqual({ text: item.text, href: expect.stringMatching(/^#/) });
      expect({ href: item.href, onPage: html.includes(`id="${item.href?.slice(1)}"`) }).toEqual({ href: item.href, onPage: true });
    }
    const withErrors = render(type, fields, summary);
    expect(withErrors).toContain('govuk-error-summary');
    expect(withErrors.match(/govuk-error-message/g)?.length ?? 0).toBeGreaterThan(0);
  });
});

describe('the resettlement plan form chooses the actions of each need', () => {
  const fields = buildForm('RESETTLEMENT_PLAN', coms);
  const plan = fields.find((f) => f.kind === 'pathwayPlan') as FormField;
  const body = (over: Record<string, string | string[]>) => ({
    ...Object.fromEntries((plan.pathways ?? []).map((p) => [p.name, 'SUPPORT_NOT_REQUIRED'])),
    ...over,
  });

  it('offers each pathway its own actions, and sends those ticked for a need that needs support', () => {
    const finance = plan.pathways?.find((p) => p.key === 'FINANCE_ID_AND_DEBT');
    expect(finance?.actions?.map((a) => a.value)).toEqual(['BANK_ACCOUNT', 'ID_DOCUMENTS', 'DEBT_ADVICE']);
    const outcome = outcomeFrom(fields, formValues(fields, body({ [finance?.name ?? '']: 'SUPPORT_REQUIRED', [finance?.actionsName ?? '']: ['ID_DOCUMENTS', 'DEBT_ADVICE'], 'pathways-HEALTH-actions': 'PATHWAY_SUPPORT' })), coms);
    const parsed = parseOutcome('RESETTLEMENT_PLAN', outcome);
    expect(parsed).toMatchObject({ ok: true, value: { pathways: { FINANCE_ID_AND_DEBT: { status: 'SUPPORT_REQUIRED', actions: ['ID_DOCUMENTS', 'DEBT_ADVICE'] }, HEALTH: { status: 'SUPPORT_NOT_REQUIRED' } } } });
    // A need with no support required opens nothing, whatever was ticked.
    expect((parsed as { value: { pathways: Record<string, { actions?: string[] }> } }).value.pathways.HEALTH.actions).toBeUndefined();
  });

  it('refuses an action of another pathway, or none for a need that needs support, naming the field', () => {
    const wrong = parseOutcome('RESETTLEMENT_PLAN', { pathways: { ...Object.fromEntries(PATHWAYS.map((p) => [p, { status: 'SUPPORT_NOT_REQUIRED' }])), ACCOMMODATION: { status: 'SUPPORT_REQUIRED', actions: ['BANK_ACCOUNT'] } } });
    expect(wrong).toMatchObject({ ok: false, problems: [{ field: 'outcome.pathways.ACCOMMODATION.actions.0', reason: expect.stringContaining('duty to refer') }] });
    const none = outcomeFrom(fields, formValues(fields, body({ 'pathways-ACCOMMODATION-status': 'SUPPORT_REQUIRED' })), coms);
    expect(parseOutcome('RESETTLEMENT_PLAN', none)).toMatchObject({ ok: false, problems: [{ field: 'outcome.pathways.ACCOMMODATION.actions' }] });
  });
});

describe('a completed plan as the task page shows it', () => {
  it('names each need\'s actions and notes in words', () => {
    const rows = outcomeRows('RESETTLEMENT_PLAN', { pathways: { ...Object.fromEntries(PATHWAYS.map((p) => [p, { status: 'SUPPORT_NOT_REQUIRED' }])), FINANCE_ID_AND_DEBT: { status: 'SUPPORT_REQUIRED', actions: ['ID_DOCUMENTS', 'DEBT_ADVICE'], notes: 'Has a bank account' } } });
    expect(rows.find((r) => r.key === 'Finance, ID and debt')).toEqual({ key: 'Finance, ID and debt', value: 'Support required. Actions: ID documents, Debt advice. Has a bank account' });
  });
});
