import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Logging for every process: JSON lines through pino, and nothing personal in them. Request
 * logs carry the path and the names of query parameters, never their values (`?q=` is a search
 * for a name or prison number); failed queries carry the SQL and the database's error code,
 * never the parameters or the database's message (which quotes values); other errors' messages
 * have their quoted values taken out; known fields of free text and identity are censored.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.parameters',
  '*.params',
  '*.body',
  '*.query',
  '*.givenName',
  '*.familyName',
  '*.dateOfBirth',
  '*.prisonNumber',
  '*.note',
  '*.notes',
  '*.reason',
  '*.text',
];

export function createLogger(level: string, stream?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { pid: process.pid } }, stream);
}

/**
 * A URL for a log line: the route's pattern when one matched (`/api/v1/cases/:id`, not the id
 * someone typed, which may be a name), else the first segment and `~` for each further one; then
 * the query's parameter names, each value `~`.
 */
export function redactUrl(url: string | undefined, routePattern?: string): string {
  if (!url) return '';
  const at = url.indexOf('?');
  const path = at < 0 ? url : url.slice(0, at);
  const shown = routePattern ?? path.replace(/^(\/[^/]*)(.*)$/, (_m, first: string, rest: string) => first + rest.replace(/\/[^/]+/g, '/~'));
  if (at < 0) return shown;
  const names = url
    .slice(at + 1)
    .split('&')
    .filter((p) => p !== '')
    .map((p) => `${p.split('=')[0]}=~`);
  return `${shown}?${names.join('&')}`;
}

/** An error message for a log line with its quoted or bracketed values taken out (`"Bloggs"`, `(A1234BC)`). */
export function scrubMessage(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"~"')
    .replace(/'[^']*'/g, "'~'")
    .replace(/\)=\([^)]*\)/g, ')=(~)');
}

/** What an error may say in a log: its name, code, scrubbed message and the stack's frames. */
export function safeError(err: unknown): { name: string; code?: string; message: string; stack?: string } {
  if (!(err instanceof Error)) return { name: typeof err, message: '[not an Error]' };
  const driver = (err as { driverError?: { code?: unknown; constraint?: unknown } }).driverError;
  const code = (err as { code?: unknown }).code ?? driver?.code;
  const frames = err.stack?.split('\n').filter((l) => l.trimStart().startsWith('at ')).join('\n');
  // A failed query's message is the database's own, which quotes the offending values.
  const message = driver ? `query failed${typeof driver.constraint === 'string' ? ` (constraint ${driver.constraint})` : ''}` : scrubMessage(err.message);
  return { name: err.name, ...(typeof code === 'string' ? { code } : {}), message, stack: frames };
}
