import { ensureTool } from '../../scripts/lib/tools';
import { buildIfStale } from '../cluster/global-setup';

/** The fault tier runs `npm start` from the build: the build, then the temporal CLI it starts (cached once per machine). */
export default function globalSetup(): void {
  buildIfStale();
  ensureTool('temporal');
}
