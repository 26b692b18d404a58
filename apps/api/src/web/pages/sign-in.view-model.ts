import { type ErrorSummary, errorSummary } from '../support/form-errors';

/** The sign-in page's errors: what is missing, or that the pair did not match (never which one). */
export function signInErrors(username: string, password: string, mismatch = false): ErrorSummary | null {
  const problems: { field: string; text: string }[] = [];
  if (!username) problems.push({ field: 'username', text: 'Enter your username' });
  if (!password) problems.push({ field: 'password', text: 'Enter your password' });
  if (!problems.length && mismatch) problems.push({ field: 'username', text: 'The username or password is not right' });
  return problems.length ? errorSummary(problems) : null;
}
