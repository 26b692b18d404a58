import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Bundles the workflow code ahead of time so production workers start without webpack. */
async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(path.join(__dirname, '../../../workflows')) });
  const out = path.join(__dirname, '../../../workflow-bundle.js');
  await writeFile(out, code);
  process.stdout.write(`workflow bundle written to ${path.relative(process.cwd(), out)} (${Math.round(code.length / 1024)} KiB)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
