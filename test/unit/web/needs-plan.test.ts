import { DomainError } from '../../../apps/api/src/common/domain-error';
import { needReviewView, needRevisions, REVIEW_TARGETS, reviewValues } from '../../../apps/api/src/web/pages/need-review';
import { planCommand, planErrors, planLinks, planValues } from '../../../apps/api/src/web/pages/needs-plan.view-model';
import { readinessAlert } from '../../../apps/api/src/web/pages/needs.view-model';
import { summaryFromDomainError } from '../../../apps/api/src/web/support/form-errors';

const need = (pathway: string, status: string, reason: string | null = null, open: string[] = []) => ({ pathway, status, reason, open, history: [] });

describe("the living plan's forms", () => {
  it('turns each form into the body the API takes, and refuses a choice left unmade in words', () => {
    expect(planCommand('add', planValues('add', { pathway: 'HEALTH', reason: ' Diabetes ', _csrf: 'x' }))).toEqual({ body: { pathway: 'HEALTH', reason: 'Diabetes' } });
    expect(planCommand('add', planValues('add', { reason: 'x' }))).toEqual({ errors: { list: [{ text: 'Select the need to add', href: '#pathway' }], byField: { pathway: { text: 'Select the need to add' } } } });
    expect(planCommand('status', { status: 'SUPPORT_DECLINED', reason: '' })).toEqual({ body: { status: 'SUPPORT_DECLINED', reason: undefined } });
    expect(planCommand('status', {})).toMatchObject({ errors: { list: [{ text: 'Select the new status', href: '#status' }] } });
    expect(planCommand('action', { taskType: 'SECURE_ADDRESS', 'dueDate-day': '7', 'dueDate-month': '3', 'dueDate-year': '2027', title: '' })).toEqual({ body: { taskType: 'SECURE_ADDRESS', dueDate: '2027-03-07', title: undefined } });
    expect(planCommand('action', { taskType: 'SECURE_ADDRESS', 'dueDate-day': '7', 'dueDate-month': 'March', 'dueDate-year': '2027' })).toMatchObject({ errors: { list: [{ href: '#dueDate-day' }] } });
  });

  it("names the refused field in plain English: a status without the reason it requires", () => {
    const err = new DomainError('VALIDATION_FAILED', 'reason: is required when support is declined or not required', { problems: [{ field: 'reason', reason: 'is required when support is declined or not required' }] });
    expect(planErrors('status', err).list).toEqual([{ text: 'Reason is required when support is declined or not required', href: '#reason' }]);
    const open = new DomainError('VALIDATION_FAILED', 'pathway: is already open', { problems: [{ field: 'pathway', reason: 'is already open' }] });
    expect(planErrors('add', open).list).toEqual([{ text: 'That need is already open', href: '#pathway' }]);
  });

  it('links each need to its forms only for those who may plan, and no action on a declined need', () => {
    expect(planLinks('c-1', [need('HEALTH', 'IN_PROGRESS')], false)).toBeNull();
    expect(planLinks('c-1', [need('HEALTH', 'IN_PROGRESS'), need('ACCOMMODATION', 'SUPPORT_DECLINED', 'Own flat')], true)).toEqual({
      addHref: '/cases/c-1/needs/add',
      byPathway: {
        HEALTH: { statusHref: '/cases/c-1/needs/HEALTH/status', actionHref: '/cases/c-1/needs/HEALTH/actions' },
        ACCOMMODATION: { statusHref: '/cases/c-1/needs/ACCOMMODATION/status', actionHref: null },
      },
    });
  });
});

describe("the pre-release review's plan revision", () => {
  it('shows every need with its status and offers only the changes that mean something', () => {
    const v = needReviewView([need('ACCOMMODATION', 'IN_PROGRESS', null, ['SECURE_ADDRESS']), need('HEALTH', 'SUPPORT_NOT_REQUIRED', 'No need found at custody screening')], {});
    expect(v?.map((n) => [n.label, n.status.text, n.open.join(), n.items.map((i) => i.text).join('|')])).toEqual([
      ['Accommodation', 'Unmet: in progress', 'Secure an address', 'Keep as it is|Support declined|No need'],
      ['Health', 'No need', '', 'Keep as it is|Support required|Support declined'],
    ]);
    expect(needReviewView([], {})).toBeNull();
  });

  it('sends only the needs revised, with their reasons, and shows a refusal beside the need', () => {
    const values = reviewValues({ 'review-HEALTH-status': 'SUPPORT_REQUIRED', 'review-HEALTH-reason': ' Diabetes found ', 'review-ACCOMMODATION-status': '', other: 'x' });
    expect(needRevisions(values)).toEqual({ HEALTH: { status: 'SUPPORT_REQUIRED', reason: 'Diabetes found' } });
    expect(needRevisions(reviewValues({ 'review-HEALTH-status': '' }))).toBeUndefined();
    const err = new DomainError('INVALID_OUTCOME', 'x', { problems: [{ field: 'outcome.needs.ACCOMMODATION.reason', reason: 'is required when support is declined or not required' }] });
    expect(summaryFromDomainError(err, REVIEW_TARGETS).list).toEqual([{ text: 'Reason for the accommodation need is required when support is declined or not required', href: '#review-ACCOMMODATION-reason' }]);
  });
});

describe('the release readiness alert', () => {
  it('shows while a fired alarm has unmet needs, in words and dates people read', () => {
    expect(readinessAlert({ at: '2026-11-21T00:00:00Z', releaseDate: '2026-12-05', open: ['ACCOMMODATION', 'BANK_ACCOUNT'] }, false)).toEqual({
      title: 'Not ready for release',
      text: 'Due for release on 5 December 2026 with unmet needs: accommodation, bank account. The prison team, the probation team and the manager were told on 21 November 2026.',
    });
    expect(readinessAlert({ at: '2026-11-21T00:00:00Z', releaseDate: '2026-12-05', open: [] }, false)).toBeNull();
    expect(readinessAlert({ at: '2026-11-21T00:00:00Z', releaseDate: '2026-12-05', open: ['ACCOMMODATION'] }, true)).toBeNull();
    expect(readinessAlert(null, false)).toBeNull();
  });
});
