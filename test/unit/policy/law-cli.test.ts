import { Readable } from 'node:stream';
import { parseTimelineInput, runCli, TIMELINE_INPUT_FIELDS, TIMELINE_INPUT_SCHEMA_FIELDS, type CliIo } from '@ttg/policy';
import { CONTRACT_INPUT, LIFE_SENTENCE } from './fixtures';

async function run(argv: string[], stdin = ''): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdin: Readable.from([stdin]), stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) } };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

describe('ttg timeline --help: every input field from the one field table', () => {
  it.each([[['timeline', '--help']], [['timeline', '-h']], [['help', 'timeline']]])('%j prints each field, required or optional, its meaning and an example; exit 0', async (argv) => {
    const r = await run(argv);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Usage: ttg timeline --input FILE');
    for (const name of Object.keys(TIMELINE_INPUT_FIELDS)) expect(r.stdout).toContain(`  ${name} (`);
    expect(r.stdout).toContain('  receptionAt (required)\n      when the person was received into custody (an instant with a time zone). Example: "2026-01-05T15:00:00Z"\n');
    expect(r.stdout).toContain('  sentenceLengthMonths (required for a DETERMINATE sentence)\n');
    expect(r.stdout).toContain('  tariffDate (optional)\n      indeterminate sentences: the end of the minimum term (their earliest release date). Example: "2036-02-01"\n');
    expect(r.stdout.match(/\(optional\)/g)).toHaveLength(Object.values(TIMELINE_INPUT_FIELDS).filter((d) => d.required === false).length);
  });

  it('lists every field the input schema accepts, each with an example the schema accepts in that field', async () => {
    const r = await run(['timeline', '--help']);
    const listed = [...r.stdout.matchAll(/^ {2}(\w+) \((?:required|optional)[^)]*\)\n {6}.+\. Example: (.+)$/gm)].map((m) => [m[1], m[2]] as const);
    expect(listed.map(([name]) => name).sort()).toEqual([...TIMELINE_INPUT_SCHEMA_FIELDS].sort());
    expect(TIMELINE_INPUT_SCHEMA_FIELDS.length).toBeGreaterThan(15);
    for (const [name, example] of listed) {
      const value: unknown = JSON.parse(example);
      // The example in a valid input: the schema does not name that field as a problem.
      let problems: { field: string }[] = [];
      try {
        parseTimelineInput({ ...CONTRACT_INPUT, [name]: value });
      } catch (err) {
        problems = (err as { issues?: { field: string }[] }).issues ?? [];
      }
      expect({ name, typeProblems: problems.filter((p) => p.field === name && /must be (an ISO|a real calendar|one of|a whole|true or)/.test(JSON.stringify(p))) }).toEqual({ name, typeProblems: [] });
    }
  });

  it('ttg --help alone prints the usage without the field list', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('receptionAt (required)');
  });
});

describe('ttg timeline with the law\'s dates', () => {
  it('accepts an indeterminate sentence without a length: supervision end null', async () => {
    const input = { ...LIFE_SENTENCE, tariffDate: '2027-03-10', offenceCategory: 'VIOLENT' };
    const r = await run(['timeline', '--input', '-'], JSON.stringify(input));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ earliestReleaseDate: '2027-03-10', handoverDate: '2026-03-10', supervisionEndDate: null, victimContactEligible: true });
  });

  it('contradicting dates: exit 2, the field and the rule on stderr', async () => {
    const r = await run(['timeline', '--input', '-'], JSON.stringify({ ...CONTRACT_INPUT, licenceExpiryDate: '2026-08-06' }));
    expect(r).toEqual({ code: 2, stdout: '', stderr: 'ttg: invalid input: licenceExpiryDate: must be on or after the conditional release date (2026-08-07)\n' });
  });
});
