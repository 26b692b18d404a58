import { wellFormedParam } from '../../../apps/api/src/common/route-params.guard';

const CASE = '0f8b1c2e-1111-4222-8333-123456789abc';

describe('the form of an id in a route', () => {
  it.each([
    ['/api/v1/cases/:id', CASE],
    ['/cases/:id/release-dates', CASE],
    ['/api/v1/imports/:id', CASE],
    ['/api/v1/admin/cases/:id/reproject', CASE],
    ['/api/v1/tasks/:id/claim', `${CASE}-t12`],
    ['/tasks/:id', `${CASE}-t1`],
    ['/api/v1/admin/users/:id', 'u-prison-staff'],
    ['/admin/users/:id/active', `u-${CASE}`],
  ])('%s takes %s', (route, id) => expect(wellFormedParam('id', id, route)).toBe(true));

  it.each([
    ['/api/v1/imports/:id', '----'],
    ['/api/v1/imports/:id', '-'.repeat(36)],
    ['/api/v1/cases/:id', `${CASE}-t1`],
    ['/api/v1/cases/:id', `${CASE}\u0000`],
    ['/api/v1/tasks/:id/claim', CASE],
    ['/api/v1/tasks/:id/claim', `${CASE}-tx`],
    ['/api/v1/admin/users/:id', 'U-ADMIN'],
    ['/api/v1/admin/users/:id', "u-x' OR 1=1"],
  ])('%s refuses %j', (route, id) => expect(wellFormedParam('id', id, route)).toBe(false));

  it('leaves parameters checked by their own routes alone', () => {
    expect(wellFormedParam('pathway', 'anything', '/api/v1/cases/:id/needs/:pathway/status')).toBe(true);
  });
});
