import { type ErrorSummary, errorSummary } from '../support/form-errors';

/** The sign-in page's errors: what is missing, or that the pair did not match (never which one). */
export function signInErrors(username: string, password: string, mismatch = false): ErrorSummary | null {
  const problems: { field: string; text: string }[] = [];
  if (!username) problems.push({ field: 'username', text: 'Enter your username' });
  if (!password) problems.push({ field: 'password', text: 'Enter your password' });
  if (!problems.length && mismatch) problems.push({ field: 'username', text: 'The username or password is not right' });
  return problems.length ? errorSummary(problems) : null;
}

/** A new password: at least 12 characters, typed the same twice. */
export function newPasswordErrors(password: string, confirm: string): ErrorSummary | null {
  if (!password) return errorSummary([{ field: 'password', text: 'Enter a new password' }]);
  if (password.length < 12) return errorSummary([{ field: 'password', text: 'New password must be at least 12 characters' }]);
  if (password !== confirm) return errorSummary([{ field: 'confirm', text: 'The two passwords are not the same: type it again' }]);
  return null;
}
