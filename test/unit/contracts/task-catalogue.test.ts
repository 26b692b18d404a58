import { TASK_CATALOGUE, TASK_TYPES, WORKING_DAY_TASK_TYPES, pathwayTaskTypes } from '@ttg/contracts';
import { DEFAULT_POLICY, loadPolicyVersion } from '@ttg/policy';
import { policyWith } from '../policy/fixtures';

describe('task catalogue', () => {
  it('gives each pathway the task types its support opens, PATHWAY_SUPPORT where it has none of its own', () => {
    expect(pathwayTaskTypes('ACCOMMODATION')).toEqual(['DUTY_TO_REFER', 'SECURE_ADDRESS']);
    expect(pathwayTaskTypes('EDUCATION_SKILLS_AND_WORK')).toEqual(['ETE_REFERRAL']);
    expect(pathwayTaskTypes('FINANCE_ID_AND_DEBT')).toEqual(['BANK_ACCOUNT', 'ID_DOCUMENTS', 'DEBT_ADVICE']);
    expect(pathwayTaskTypes('HEALTH')).toEqual(['PATHWAY_SUPPORT']);
  });

  it('puts COM allocation in the manager queue and supervision work with the community', () => {
    expect(TASK_CATALOGUE.COM_ALLOCATION.side).toBe('MANAGER');
    expect(TASK_TYPES.filter((t) => TASK_CATALOGUE[t].side === 'COMMUNITY')).toEqual([
      'HANDOVER_ACCEPTANCE', 'VICTIM_CONTACT', 'FIRST_APPOINTMENT', 'HOME_VISIT', 'RISK_REVIEW', 'OUTCOME_CHECKPOINT', 'CLOSURE',
    ]);
  });

  it('lists the task types counted in working days', () => {
    expect(WORKING_DAY_TASK_TYPES).toEqual([
      'RISK_SCREENING', 'DOMESTIC_ABUSE_CHECK', 'SAFEGUARDING_CHECK', 'RESETTLEMENT_PLAN', 'HANDOVER_ACCEPTANCE', 'HANDOVER_PACK_REVISION',
      'FIRST_APPOINTMENT', 'HOME_VISIT', 'RISK_REVIEW', 'OUTCOME_CHECKPOINT', 'CLOSURE',
    ]);
    for (const t of WORKING_DAY_TASK_TYPES) expect(DEFAULT_POLICY.figures.taskWorkingDays[t]).toBeGreaterThan(0);
  });

  it('a policy version without a working-day figure for such a task type is refused when loaded, naming the type', () => {
    const doc = policyWith('no-home-visit', (d) => {
      delete (d.figures.taskWorkingDays as Record<string, number>).HOME_VISIT;
    });
    expect(() => loadPolicyVersion(doc)).toThrow('figures.taskWorkingDays.HOME_VISIT: is required');
  });
});
