import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli, type CliIo } from '@ttg/policy';
import { CONTRACT_INPUT, CONTRACT_OUTPUT, policyWith } from './fixtures';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], stdin = ''): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdin: Readable.from([stdin]),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'ttg-cli-'));
const file = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('ttg timeline', () => {
  it('prints the contract output for the contract input file, pretty with 2 spaces, exit 0', async () => {
    const r = await run(['timeline', '--input', file('contract.json', CONTRACT_INPUT)]);
    expect(r).toEqual({ code: 0, stdout: `${JSON.stringify(CONTRACT_OUTPUT, null, 2)}\n`, stderr: '' });
  });

  it('reads standard input for "-"', async () => {
    const r = await run(['timeline', '--input', '-'], JSON.stringify(CONTRACT_INPUT));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(CONTRACT_OUTPUT);
  });

  it('accepts --input=FILE', async () => {
    const r = await run(['timeline', `--input=${file('contract2.json', CONTRACT_INPUT)}`]);
    expect(r.code).toBe(0);
  });

  it('--explain prints the key dates with the rule behind each', async () => {
    const r = await run(['timeline', '--input', '-', '--explain'], JSON.stringify(CONTRACT_INPUT));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { keyDates: unknown; explanations: Record<string, { rule: string }>; compressed: unknown };
    expect(out.keyDates).toEqual(CONTRACT_OUTPUT);
    expect(out.explanations.releaseDate!.rule).toBe('RELEASE_DAY_OF_RELEASE_RULE');
    expect(out.compressed).toEqual([]);
  });

  it('--policy FILE uses that policy version', async () => {
    const policy = file('policy.json', policyWith('local-test', (d) => (d.figures.dutyToReferDaysBeforeRelease = 28)));
    const r = await run(['timeline', '--input', '-', '--policy', policy], JSON.stringify(CONTRACT_INPUT));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ policyVersion: 'local-test', dutyToReferDue: '2026-07-09' });
  });

  it('a malformed policy file: exit 2, naming the field', async () => {
    const policy = file('bad-policy.json', policyWith('bad', (d) => ((d.figures.lostContact as Record<string, unknown>).workingDays = 0)));
    const r = await run(['timeline', '--input', '-', '--policy', policy], JSON.stringify(CONTRACT_INPUT));
    expect(r).toEqual({ code: 2, stdout: '', stderr: `ttg: invalid policy: policy file ${policy}: figures.lostContact.workingDays: expected a positive integer\n` });
  });

  it('invalid input: one line on stderr naming every field at fault, exit 2', async () => {
    const r = await run(['timeline', '--input', '-'], JSON.stringify({ ...CONTRACT_INPUT, sentenceType: 'LIFE', extra: 1 }));
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'ttg: invalid input: sentenceType: must be one of DETERMINATE, INDETERMINATE; extra: is not a known field\n',
    });
  });

  it('an impossible input: exit 2', async () => {
    const r = await run(['timeline', '--input', '-'], JSON.stringify({ ...CONTRACT_INPUT, conditionalReleaseDate: '2025-01-01' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ttg: invalid input: conditionalReleaseDate: must not be before sentenceStartDate (2026-01-05)\n');
  });

  it('a date beyond the holiday calendar: exit 2, saying so', async () => {
    const r = await run(['timeline', '--input', '-'], JSON.stringify({ ...CONTRACT_INPUT, conditionalReleaseDate: '2036-03-07' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ttg: invalid input: calendar: 2036-03-07 is outside the years the England and Wales bank-holiday calendar is trusted for (2015 to 2035)\n');
  });

  it('invalid JSON: exit 2', async () => {
    const r = await run(['timeline', '--input', file('broken.json', '{"receptionAt": ')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ttg: invalid input: not valid JSON \(.+\)\n$/);
    expect(r.stdout).toBe('');
  });

  it('a missing input file: exit 2', async () => {
    const r = await run(['timeline', '--input', join(dir, 'nope.json')]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: `ttg: cannot read ${join(dir, 'nope.json')}: ENOENT\n` });
  });
});

describe('usage', () => {
  it.each([
    [[], 'ttg: no command given'],
    [['schedule'], 'ttg: unknown command "schedule"'],
    [['timeline'], 'ttg: --input FILE is required'],
    [['timeline', '--input'], "ttg: Option '--input <value>' argument missing"],
    [['timeline', '--input', 'x.json', '--verbose'], "ttg: Unknown option '--verbose'"],
    [['timeline', 'extra', '--input', 'x.json'], 'ttg: unknown command "timeline extra"'],
  ])('%p → usage on stderr, exit 2', async (argv, first) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(first)).toBe(true);
    expect(r.stderr).toContain('Usage: ttg timeline --input FILE [--explain] [--policy FILE]');
  });

  it('--help prints usage on stdout, exit 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: ttg timeline');
    expect(r.stderr).toBe('');
  });
});
