import type { CaseView } from '../../../apps/api/src/cases/case.presenter';
import { caseListQuery, caseListView } from '../../../apps/api/src/web/pages/case-list.view-model';
import { needsView, unmetNeedsText } from '../../../apps/api/src/web/pages/needs.view-model';

describe('needs on the case page and in the handover pack', () => {
  it('says which needs are unmet, and nothing when none is', () => {
    expect(unmetNeedsText(['ACCOMMODATION', 'FINANCE_ID_AND_DEBT'])).toBe('Unmet needs: Accommodation, Finance, ID and debt');
    expect(unmetNeedsText([])).toBe('');
  });

  it('says on the case list which needs are unmet, and shows no tag where none is', () => {
    const row = (unmetNeedList: string[]) =>
      ({ id: 'c1', familyName: 'Smith', givenName: 'Ann', prisonNumber: 'A1234BC', prisonCode: 'LEI', stage: 'PRE_RELEASE', active: true, overdueTasks: 0, lostContact: false, unmetNeeds: unmetNeedList.length > 0, unmetNeedList, keyDates: {}, handover: {} }) as unknown as CaseView;
    const tags = (c: CaseView) => caseListView(caseListQuery.parse({}), { items: [c], total: 1 }, new Map()).rows[0].flags.map((f) => f.text);
    expect(tags(row(['ACCOMMODATION', 'FINANCE_ID_AND_DEBT']))).toEqual(['Unmet needs: Accommodation, Finance, ID and debt']);
    expect(tags(row([]))).toEqual([]);
  });

  it('shows each need with its status, reason, what is open and its history', () => {
    const v = needsView(
      {
        needs: [{ pathway: 'HEALTH', status: 'SUPPORT_DECLINED', reason: 'Own GP', open: [], history: [{ at: '2030-01-08T10:00:00Z', by: 'u-1', role: 'PRISON_STAFF', from: 'SUPPORT_REQUIRED', to: 'SUPPORT_DECLINED', reason: 'Own GP' }] }],
        immediateNeeds: ['Insulin'],
        riskFlags: ['Self-harm'],
        unmetNeeds: [],
        releasedWithUnmetNeeds: ['ACCOMMODATION'],
      },
      new Map([['u-1', 'Pat Officer']]),
    );
    expect(v.items[0].awaitingAction).toBe(false);
    const waiting = needsView({ needs: [{ pathway: 'ACCOMMODATION', status: 'SUPPORT_REQUIRED', reason: null, open: [], history: [] }], immediateNeeds: [], riskFlags: [], unmetNeeds: ['ACCOMMODATION'], releasedWithUnmetNeeds: null }, new Map());
    expect(waiting.items[0]).toMatchObject({ awaitingAction: true, open: [] });
    expect(v.items[0]).toMatchObject({ label: 'Health', status: { text: 'Support declined' }, reason: 'Own GP', history: [{ who: 'Pat Officer', change: 'Support required → Support declined', reason: 'Own GP' }] });
    expect(v).toMatchObject({ tracked: true, immediateNeeds: ['Insulin'], riskFlags: ['Self-harm'], unmet: [], releasedWithUnmet: ['Accommodation'] });
  });
});
