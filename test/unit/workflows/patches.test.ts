import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PATCHES_OF_PLANNED_STARTS } from '../../../workflows/pathway/context';

/**
 * A start planned at reception takes the patches of PATCHES_OF_PLANNED_STARTS as applied without
 * a marker. That holds only if every patch of the pathway is asked through `run.patched`, and
 * only for the patches that existed when planned starts began: each id the workflow asks about
 * is either in the list or newer (and then asked of Temporal).
 */
const dir = path.join(__dirname, '../../../workflows');
const sources = [path.join(dir, 'pathway.workflow.ts'), ...readdirSync(path.join(dir, 'pathway')).map((f) => path.join(dir, 'pathway', f))].map((f) => ({ f, text: readFileSync(f, 'utf8') }));

/** Patches added after planned starts began: asked of Temporal by every history (add each new one here, never to the list). */
const NEWER_PATCHES: string[] = [];

describe('the patches of planned starts', () => {
  it('are asked through run.patched everywhere but the run itself', () => {
    const direct = sources.filter(({ f, text }) => !f.endsWith('context.ts') && /(?<![.\w])patched\(/.test(text)).map(({ f }) => path.basename(f));
    expect(direct).toEqual([]);
  });

  it('name every patch the pathway asks about (a patch added later must not be added to the list)', () => {
    const constants = new Map<string, string>();
    for (const { text } of sources) for (const m of text.matchAll(/export const (\w+) = '([a-z-]+)';/g)) constants.set(m[1], m[2]);
    const asked = new Set<string>();
    for (const { text } of sources) for (const m of text.matchAll(/run\.patched\((?:'([a-z-]+)'|(\w+))\)/g)) asked.add(m[1] ?? constants.get(m[2]) ?? `unknown constant ${m[2]}`);
    expect([...asked].filter((id) => !NEWER_PATCHES.includes(id)).sort()).toEqual([...PATCHES_OF_PLANNED_STARTS].sort());
    expect(NEWER_PATCHES.filter((id) => PATCHES_OF_PLANNED_STARTS.has(id))).toEqual([]);
  });
});
