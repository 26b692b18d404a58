/**
 * What `npm start` prints for a child's log line. The processes write pino's JSON lines (for log
 * tools); on the console a request is one short line (`GET /tasks 200 12 ms`) and anything else
 * its level and message, so the banner and warnings are not buried. Lines that are not pino's
 * JSON pass through as they are.
 */
const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

interface PinoLine {
  level?: number;
  msg?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  route?: string;
  err?: { type?: string; message?: string };
  component?: string;
}

export function consoleLine(line: string): string {
  if (!line.startsWith('{')) return line;
  let entry: PinoLine;
  try {
    entry = JSON.parse(line) as PinoLine;
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null || typeof entry.level !== 'number') return line;
  const level = LEVELS[entry.level] ?? String(entry.level);
  if (entry.req && entry.res) {
    const took = typeof entry.responseTime === 'number' ? ` ${entry.responseTime} ms` : '';
    return `${level === 'info' ? '' : `${level} `}${entry.req.method ?? ''} ${entry.route ?? entry.req.url ?? ''} ${entry.res.statusCode ?? ''}${took}`;
  }
  const err = entry.err ? ` (${[entry.err.type, entry.err.message].filter(Boolean).join(': ')})` : '';
  return `${level}${entry.component ? ` ${entry.component}` : ''}: ${entry.msg ?? ''}${err}`;
}
