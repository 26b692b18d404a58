import path from 'node:path';

/** The prebuilt workflow bundle `npm run build` writes (dist/workflow-bundle.js). */
export const WORKFLOW_BUNDLE = path.join(__dirname, '..', '..', 'workflow-bundle.js');

/** The repository root (bench/lib → dist/bench/lib once built). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
