import { consoleLine } from '../../../scripts/lib/log-lines';

describe('the console lines of npm start', () => {
  it('shows a request as one short line: method, route, status, time', () => {
    const line = JSON.stringify({ level: 30, time: 1764100000000, pid: 7, req: { id: 'abc', method: 'GET', url: '/cases/~' }, res: { statusCode: 200 }, responseTime: 12, route: '/cases/:id', msg: 'request completed' });
    expect(consoleLine(line)).toBe('GET /cases/:id 200 12 ms');
  });

  it('names the level of a request that was not at info, and falls back to the URL', () => {
    const line = JSON.stringify({ level: 50, req: { method: 'POST', url: '/tasks/~' }, res: { statusCode: 500 }, responseTime: 3, msg: 'request errored' });
    expect(consoleLine(line)).toBe('error POST /tasks/~ 500 3 ms');
  });

  it('shows other log lines as level, component and message, with the error type', () => {
    expect(consoleLine(JSON.stringify({ level: 40, component: 'db', msg: 'slow query', err: { type: 'QueryFailedError', message: 'timeout' } }))).toBe('warn db: slow query (QueryFailedError: timeout)');
  });

  it('passes through lines that are not pino JSON', () => {
    expect(consoleLine('ttg is ready at http://localhost:3000')).toBe('ttg is ready at http://localhost:3000');
    expect(consoleLine('{not json')).toBe('{not json');
    expect(consoleLine('{"a":1}')).toBe('{"a":1}');
  });
});
