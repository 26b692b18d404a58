import type { Principal } from '../../../apps/api/src/auth/principal';
import type { StaffChecks } from '../../../apps/api/src/auth/staff-checks';
import type { Clock } from '../../../apps/api/src/common/clock';
import { DomainError, httpStatusOf } from '../../../apps/api/src/common/domain-error';
import type { PathwayCommands } from '../../../apps/api/src/pathway/pathway.commands';
import type { TaskRepository } from '../../../apps/api/src/tasks/task.repository';
import type { TaskRow } from '../../../apps/api/src/tasks/task.presenter';
import { TaskService } from '../../../apps/api/src/tasks/task.service';

/**
 * A first appointment or home visit has happened when its outcome is recorded: dated after today
 * in London it is refused at the API's edge (a 400 naming the field), before any command is sent.
 */
const com: Principal = { id: 'u-com', username: 'com.officer', displayName: 'COM', role: 'COM', prisonCode: null, teamCode: 'YH-LEEDS-N', regionCode: 'YH' };

function service(type: string) {
  const row = { id: 't-1', case_id: 'c-1', type, side: 'COMMUNITY', status: 'OPEN', assignee: 'u-com', title: type, completed_by: null } as unknown as TaskRow;
  const sent: unknown[] = [];
  const tasks = { findInScope: async () => row } as unknown as TaskRepository;
  const commands = { update: async (_caseId: string, _update: unknown, cmd: unknown) => { sent.push(cmd); throw new Error('sent'); } } as unknown as PathwayCommands;
  // 23:30 on 26 November 2026 in UTC is 23:30 in London (GMT): today is the 26th.
  const clock = { now: () => new Date('2026-11-26T23:30:00Z'), todayInLondon: () => '2026-11-26' } as Clock;
  return { svc: new TaskService(tasks, commands, clock, {} as StaffChecks), sent };
}

async function refusal(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  if (!(err instanceof DomainError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return { status: httpStatusOf(err.code), message: err.message, problems: err.details?.problems };
}

describe('completing a contact task', () => {
  it.each(['FIRST_APPOINTMENT', 'HOME_VISIT'])('refuses a %s dated after today, naming the field', async (type) => {
    const { svc, sent } = service(type);
    expect(await refusal(svc.complete('t-1', com, { outcome: 'ATTENDED', date: '2026-11-27' }))).toEqual({
      status: 400,
      message: 'outcome.date: cannot be in the future',
      problems: [{ field: 'outcome.date', reason: 'cannot be in the future' }],
    });
    expect(sent).toEqual([]);
  });

  it('sends one dated today', async () => {
    const { svc, sent } = service('HOME_VISIT');
    await expect(svc.complete('t-1', com, { outcome: 'ATTENDED', date: '2026-11-26' })).rejects.toThrow('sent');
    expect(sent).toEqual([expect.objectContaining({ taskId: 't-1', outcome: { outcome: 'ATTENDED', date: '2026-11-26' } })]);
  });
});
