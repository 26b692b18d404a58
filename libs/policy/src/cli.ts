import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { PolicyValidationError } from './errors';
import type { PolicyVersion } from './policy-version';
import { TIMELINE_INPUT_FIELDS, type InputFieldDescription } from './types';

/** Where the CLI reads and writes; process streams in `bin/ttg.js`, fakes in tests. */
export interface CliIo {
  stdin: AsyncIterable<string | Uint8Array>;
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE_OR_INVALID_INPUT = 2;

export const USAGE = `Usage: ttg timeline --input FILE [--explain] [--policy FILE]

Prints the key dates for the sentence facts in FILE (JSON; "-" reads standard input)
as one JSON object.
  --input FILE    the key-dates input (see the fields below)
  --explain       print each date with the rule that produced it
  --policy FILE   use this policy version (JSON) instead of the default
  --help          with timeline: every input field, required or optional, with an example
`;

const REQUIRED_TEXT = (required: InputFieldDescription['required']): string =>
  required === true ? 'required' : required === false ? 'optional' : `required for a ${required} sentence`;

/** `ttg timeline --help`: every input field, generated from the one field table (`TIMELINE_INPUT_FIELDS`). */
export function timelineHelp(): string {
  const fields = Object.entries(TIMELINE_INPUT_FIELDS).map(
    ([name, d]: [string, InputFieldDescription]) => `  ${name} (${REQUIRED_TEXT(d.required)})\n      ${d.meaning}. Example: ${d.example}\n`,
  );
  const intro =
    'Input: one JSON object. Unknown fields are refused; dates are YYYY-MM-DD; an optional date is null or left out when unknown.\n';
  return `${USAGE}\n${intro}\n${fields.join('')}`;
}

class CliError extends Error {}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

async function readInput(file: string, io: CliIo): Promise<unknown> {
  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin) : await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file === '-' ? 'standard input' : file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliError(`invalid input: not valid JSON (${(err as Error).message})`);
  }
}

async function loadPolicy(file: string | undefined): Promise<PolicyVersion> {
  const { DEFAULT_POLICY } = await import('./policy-version');
  if (!file) return DEFAULT_POLICY;
  const { loadPolicyFile } = await import('./policy-file');
  try {
    return loadPolicyFile(file);
  } catch (err) {
    if (err instanceof PolicyValidationError) throw new CliError(`invalid policy: ${err.message}`);
    throw err;
  }
}

async function timeline(values: { input?: string; explain?: boolean; policy?: string }, io: CliIo): Promise<number> {
  if (!values.input) {
    io.stderr.write(`ttg: --input FILE is required\n${USAGE}`);
    return EXIT_USAGE_OR_INVALID_INPUT;
  }
  const policy = await loadPolicy(values.policy);
  const raw = await readInput(values.input, io);
  // The rules are loaded only when a timeline is computed: help starts without the calendar and zod.
  const [{ explainKeyDates }, { parseTimelineInput }] = await Promise.all([import('./key-dates'), import('./validation')]);
  let result: unknown;
  try {
    const explained = explainKeyDates(parseTimelineInput(raw, policy), policy);
    result = values.explain ? explained : explained.keyDates;
  } catch (err) {
    if (err instanceof PolicyValidationError) {
      throw new CliError(`invalid input: ${err.issues.map((i) => `${i.field}: ${i.reason}`).join('; ')}`);
    }
    throw err;
  }
  io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  return EXIT_OK;
}

/** `ttg timeline --input FILE|- [--explain] [--policy FILE]`; resolves to the exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { input: { type: 'string' }, explain: { type: 'boolean' }, policy: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    io.stderr.write(`ttg: ${(err as Error).message}\n${USAGE}`);
    return EXIT_USAGE_OR_INVALID_INPUT;
  }
  const [command, ...extra] = parsed.positionals;
  if (parsed.values.help || command === 'help') {
    io.stdout.write(command === 'timeline' || extra[0] === 'timeline' ? timelineHelp() : USAGE);
    return EXIT_OK;
  }
  if (command !== 'timeline' || extra.length > 0) {
    io.stderr.write(`ttg: ${command === undefined ? 'no command given' : `unknown command "${parsed.positionals.join(' ')}"`}\n${USAGE}`);
    return EXIT_USAGE_OR_INVALID_INPUT;
  }
  try {
    return await timeline(parsed.values, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`ttg: ${err.message}\n`);
      return EXIT_USAGE_OR_INVALID_INPUT;
    }
    io.stderr.write(`ttg: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_FAILURE;
  }
}
