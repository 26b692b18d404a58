/** The demo users the start banner names, with what each is (every one of `DEMO_USERS`: a unit test checks). */
export const DEMO_SIGN_INS: [username: string, what: string][] = [
  ['prison.staff', 'prison resettlement staff, HMP Leeds'],
  ['prison.staff2', 'prison resettlement staff, HMP Leeds'],
  ['wakefield.staff', 'prison resettlement staff, HMP Wakefield'],
  ['com.officer', 'community offender manager, Leeds North probation team'],
  ['com.officer2', 'community offender manager, Leeds South probation team'],
  ['manager', 'manager, Yorkshire and the Humber'],
  ['admin', 'administrator'],
];

/** The banner's sign-in lines: each user and what they are, then the password. */
export function signInLines(password: string): string[] {
  const width = Math.max(...DEMO_SIGN_INS.map(([u]) => u.length)) + 2;
  return [...DEMO_SIGN_INS.map(([u, what], i) => `${i === 0 ? 'Sign in as:   ' : '              '}${u.padEnd(width)}(${what})`), `Password:     ${password}`];
}
