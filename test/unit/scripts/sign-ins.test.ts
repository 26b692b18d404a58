import { DEMO_USERS } from '@ttg/persistence/seed';
import { DEMO_SIGN_INS, signInLines } from '../../../scripts/lib/sign-ins';

/** The start banner names every demo user the seed creates, each with what they are, and the password. */
describe('the start banner’s sign-ins', () => {
  it('names every demo user', () => {
    expect(DEMO_SIGN_INS.map(([u]) => u).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
  });

  it('lines each up under the first, then the password', () => {
    const lines = signInLines('demo');
    expect(lines[0]).toBe('Sign in as:   prison.staff     (prison resettlement staff, HMP Leeds)');
    expect(lines).toContain('              com.officer2     (community offender manager, Leeds South probation team)');
    expect(lines).toContain('              prison.staff2    (prison resettlement staff, HMP Leeds)');
    expect(lines.at(-1)).toBe('Password:     demo');
    expect(lines).toHaveLength(DEMO_USERS.length + 1);
  });
});
