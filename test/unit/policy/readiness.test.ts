import { PATHWAYS } from '@ttg/contracts';
import { caseload, DEFAULT_POLICY, overdueReleaseReasons, overdueReleaseWindowDays, unmetPathways } from '@ttg/policy';

describe('readiness for release', () => {
  const allMet = Object.fromEntries(PATHWAYS.map((p) => [p, 'SUPPORT_NOT_REQUIRED']));
  const ready = { pastReleaseDate: false, pathways: allMet, comUserId: 'u-com', handoverStatus: 'ACCEPTED', overdueTasks: 0 };

  it('looks 12 weeks ahead by default: from when the pre-release review opens', () => {
    expect(overdueReleaseWindowDays(DEFAULT_POLICY)).toBe(84);
  });

  it('counts a pathway not started, or with support still required or under way, as unmet', () => {
    expect(unmetPathways({ ...allMet, ACCOMMODATION: 'SUPPORT_REQUIRED', HEALTH: 'IN_PROGRESS', FINANCE_ID_AND_DEBT: 'DONE', DRUGS_AND_ALCOHOL: 'SUPPORT_DECLINED' }, PATHWAYS)).toEqual(['ACCOMMODATION', 'HEALTH']);
    const { EDUCATION_SKILLS_AND_WORK: _missing, ...withoutOne } = allMet;
    expect(unmetPathways(withoutOne, PATHWAYS)).toEqual(['EDUCATION_SKILLS_AND_WORK']);
  });

  it('gives no reason for someone ready, and every reason that applies otherwise', () => {
    expect(overdueReleaseReasons(ready, PATHWAYS)).toEqual([]);
    expect(overdueReleaseReasons({ ...ready, comUserId: null, handoverStatus: null }, PATHWAYS)).toEqual(['NO_COM_ALLOCATED']);
    expect(overdueReleaseReasons({ ...ready, handoverStatus: 'SENT_BACK' }, PATHWAYS)).toEqual(['HANDOVER_NOT_ACCEPTED']);
    expect(overdueReleaseReasons({ pastReleaseDate: true, pathways: { ...allMet, ACCOMMODATION: 'SUPPORT_REQUIRED' }, comUserId: null, handoverStatus: null, overdueTasks: 2 }, PATHWAYS)).toEqual([
      'PAST_RELEASE_DATE_NOT_RELEASED',
      'UNMET_NEEDS',
      'NO_COM_ALLOCATED',
      'OVERDUE_TASKS',
    ]);
  });

  it('puts an officer over the caseload threshold only above it', () => {
    expect(caseload(30, 20, 50)).toEqual({ load: 50, overThreshold: false });
    expect(caseload(30, 21, 50)).toEqual({ load: 51, overThreshold: true });
  });
});
