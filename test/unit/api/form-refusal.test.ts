import { DomainError, httpStatusOf } from '../../../apps/api/src/common/domain-error';
import { formRefusal } from '../../../apps/api/src/web/support/form-errors';

/** A refused command on a page gets the status the API gives the same error. */
describe('formRefusal', () => {
  it.each([
    ['VALIDATION_FAILED', 400],
    ['INVALID_OUTCOME', 400],
    ['FORBIDDEN', 403],
    ['TASK_NOT_FOUND', 404],
    ['TASK_CLAIMED_BY_OTHER', 409],
    ['UNAVAILABLE', 503],
  ] as const)('shows %s on the form with %i, as the API would', (code, status) => {
    const err = new DomainError(code, 'no');
    expect(formRefusal(err)).toEqual({ error: err, status });
    expect(httpStatusOf(code)).toBe(status);
  });

  it('passes on a lost session, the codes asked for and anything that is not a refusal', () => {
    expect(() => formRefusal(new DomainError('UNAUTHENTICATED', 'signed out'))).toThrow('signed out');
    expect(() => formRefusal(new DomainError('CASE_NOT_FOUND', 'gone'), 'CASE_NOT_FOUND')).toThrow('gone');
    expect(() => formRefusal(new Error('boom'))).toThrow('boom');
  });
});
