import type { CompletionResult, CpuPer, StartResult } from '../measure/commands';

/**
 * The commands' "where the time goes" paragraphs for docs/benchmarks.md, written from the run's
 * own figures: CPU per start by process, the main thread's profile by part, and what the ratio
 * would be where the machine's two shared cores are not the limit.
 */
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0));
const f2 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const total = (x: CpuPer) => x.bench + x.temporal + x.postgres;
/** The busiest single process's CPU per start: with a core (or more) for each process, it sets the rate. */
const busiest = (x: CpuPer) => Math.max(x.bench, x.temporal, x.postgres);

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** Where a start's time goes, and the figure without the machine's limit. */
export function startsWhereTimeGoes(s: StartResult, cores: number, target: number): string[] {
  const http = s.cpu.http;
  const bare = s.cpu.bare;
  if (total(http) <= 0) return [];
  const cpuBound = total(bare) / total(http);
  const perProcess = busiest(bare) / busiest(http);
  const out = [
    '',
    `**Where the time goes.** A start through the API is one \`executeUpdateWithStart\`: the workflow's first task runs one policy local activity and the projection local activity (case row, tasks, audit in one transaction) and answers; the API then reads the case back for its 201. Each start cost ${ms(total(http))} ms of CPU (${ms(http.bench)} ms in the API and worker process, ${ms(http.temporal)} ms in the Temporal server, ${ms(http.postgres)} ms in PostgreSQL) against ${ms(total(bare))} ms for an empty start, ${f2(total(http) / total(bare))}× as much, while the machine's ${cores} cores were ${pct(http.machineBusy)} busy with all work.`,
    '',
    `**Without the machine's limit.** On ${cores} shared cores both sides are CPU-bound, so the ratio tends to the inverse of their CPU per start: ${f2(cpuBound)}×. With a core for each process (API and worker, Temporal, PostgreSQL apart, as in production), the busiest process sets each rate: ${ms(busiest(http))} ms per start (${busiest(http) === http.bench ? 'the API and worker process' : busiest(http) === http.temporal ? 'the Temporal server' : 'PostgreSQL'}) against ${ms(busiest(bare))} ms for a bare start (${busiest(bare) === bare.temporal ? 'the Temporal server' : 'the client process'}), a ratio of about ${f2(perProcess)}× (${perProcess >= target ? 'meeting' : 'still short of'} ≥ ${target}×); more API and worker processes (section 7) raise the product's side further.`,
  ];
  const p = s.profile;
  if (p && p.sampledMs > 0) {
    out.push(
      '',
      `The API and worker process's main thread, profiled with the inspector over the HTTP blocks (its samples are wall-clock, so on a busy machine they include waiting for a core: the shares are the figure; "≈ ms" spreads the process's measured ${ms(http.bench)} ms of CPU per start by them; the workflow sandbox's thread and the SDK's Rust core are in the process's CPU but not in these samples):`,
      '',
      table(
        ['part of the main thread', 'share of samples', '≈ ms per start'],
        p.parts.filter((x) => x.ms / p.sampledMs >= 0.01).map((x) => [x.part, pct(x.ms / p.sampledMs), ms((x.ms / p.sampledMs) * http.bench)]),
      ),
      '',
      `Most self time: ${p.top.slice(0, 6).map((t) => `\`${t.fn}\` (${t.where}, ${pct(t.ms / p.sampledMs)})`).join(', ')}.`,
    );
  }
  return out;
}

/** Where a completion's time goes (medians), from the comparisons measured alongside it. */
export function completionsWhereTimeGoes(c: CompletionResult): string[] {
  const run = c.completionRun;
  return [
    '',
    `**Where the time goes** (medians): an HTTP completion took ${ms(c.httpComplete.p50)} ms, of which the \`completeTask\` Update sent straight to the workflow takes ${ms(c.directComplete.p50)} ms (${run ? `${run.workflowTasks} workflow task, ${run.localActivities} local activities: the policy's one batched call and the projection, ${run.activityTasksScheduled} activity tasks` : 'the workflow task with its local activities'}); a bare Update on a trivial workflow takes ${ms(c.bareUpdate.p50)} ms and one awaiting a no-op activity ${ms(c.bareUpdateWithActivity.p50)} ms. The rest, ~${ms(Math.max(0, c.httpComplete.p50 - c.directComplete.p50))} ms, is HTTP, the token, the task read in scope and the idempotency record (the answer is built from the Update's result, not read again; an authenticated read alone costs ${ms(c.httpGetTask.p50)} ms).${c.repeats ? ` ${c.repeats} command(s) answered 503 at the 10 s bound on this busy machine and were repeated with their Idempotency-Key, as a client would.` : ''}`,
  ];
}
