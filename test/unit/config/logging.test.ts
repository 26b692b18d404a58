import { Writable } from 'node:stream';
import { QueryFailedError } from 'typeorm';
import { createLogger, redactUrl, safeError } from '@ttg/config/logging';
import { RedactingQueryLogger } from '@ttg/persistence/query-logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => { lines.push(chunk.toString()); done(); } });
  return { lines, log: createLogger('debug', stream) };
}

describe('logging without personal data', () => {
  it('logs a failed query with its SQL and error code, never its parameters or the database’s message', async () => {
    const { lines, log } = capture();
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "Bloggs"'), { code: '22P02' });
    const err = new QueryFailedError('SELECT * FROM cases WHERE id = $1', ['Bloggs', '1990-04-01'], driverError);
    new RedactingQueryLogger(log).logQueryError(err, 'SELECT *\n  FROM cases WHERE id = $1', ['Bloggs', '1990-04-01']);
    await new Promise((r) => setImmediate(r));
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ level: 50, msg: 'query failed', sql: 'SELECT * FROM cases WHERE id = $1', err: { name: 'QueryFailedError', code: '22P02', message: 'query failed' } });
    expect(lines[0]).not.toMatch(/Bloggs|1990-04-01/);
  });

  it('takes quoted values out of other errors, and censors known personal fields', async () => {
    expect(safeError(new Error('no prisoner "A1234BC" with key (prison_number)=(A1234BC)')).message).toBe('no prisoner "~" with key (prison_number)=(~)');
    const { lines, log } = capture();
    log.info({ person: { givenName: 'Jo', familyName: 'Bloggs', dateOfBirth: '1990-04-01', prisonNumber: 'A1234BC' }, cmd: { reason: 'moved to Harrogate' } }, 'x');
    await new Promise((r) => setImmediate(r));
    expect(lines[0]).not.toMatch(/Jo"|Bloggs|1990-04-01|A1234BC|Harrogate/);
  });

  it('logs a URL as its route or path shape and the query’s parameter names only', () => {
    expect(redactUrl('/api/v1/cases?q=Bloggs&stage=RELEASED')).toBe('/api/~/~?q=~&stage=~');
    expect(redactUrl('/api/v1/cases/A1234BC', '/api/v1/cases/:id')).toBe('/api/v1/cases/:id');
    expect(redactUrl('/cases?q=Bloggs', '/cases')).toBe('/cases?q=~');
  });
});
