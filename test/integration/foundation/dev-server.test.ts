import { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../../scripts/lib/ports';
import { SEARCH_ATTRIBUTES, type SearchAttributeType } from '../../../scripts/lib/search-attributes';
import { startTemporalDevServer } from '../../../scripts/lib/temporal-dev-server';

const { IndexedValueType } = temporal.api.enums.v1;
const EXPECTED: Record<SearchAttributeType, temporal.api.enums.v1.IndexedValueType> = {
  Keyword: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  Text: IndexedValueType.INDEXED_VALUE_TYPE_TEXT,
  Datetime: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  Bool: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  Int: IndexedValueType.INDEXED_VALUE_TYPE_INT,
};

function cli(): string {
  const found = process.env.TTG_TEMPORAL_CLI;
  if (!found) throw new Error('TTG_TEMPORAL_CLI is not set: run through jest (the global setup provides it)');
  return found;
}

describe('the Temporal dev server (temporal CLI from scripts/tools.sh)', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ttg-dev-server-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts on a free port with the search attributes registered, keeps workflows across a restart, and stops', async () => {
    const dbFile = path.join(dir, 'temporal.db');
    const port = await freePort();
    const opts = { binary: cli(), dbFile, port, uiPort: await freePort(), searchAttributes: SEARCH_ATTRIBUTES };
    const server = await startTemporalDevServer(opts);
    expect(server.inMemory).toBe(false);
    expect(server.address).toBe(`127.0.0.1:${port}`);
    const connection = await Connection.connect({ address: server.address });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) expect([name, customAttributes?.[name]]).toEqual([name, EXPECTED[type]]);

      // Something to find after the restart: a started workflow (no worker needed).
      await connection.workflowService.startWorkflowExecution({
        namespace: 'default',
        workflowId: 'kept-across-restart',
        workflowType: { name: 'nothing' },
        taskQueue: { name: 'nobody-polls' },
        requestId: 'kept-across-restart',
      });
    } finally {
      await connection.close();
    }
    const res = await fetch(server.uiUrl ?? '');
    expect(res.status).toBe(200);
    await server.stop();
    await expect(Connection.connect({ address: server.address, connectTimeout: 1000 }).then((c) => c.workflowService.getSystemInfo({}))).rejects.toThrow();

    const again = await startTemporalDevServer({ ...opts, headless: true });
    const connection2 = await Connection.connect({ address: again.address });
    try {
      const found = await connection2.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: 'kept-across-restart' } });
      expect(found.workflowExecutionInfo?.type?.name).toBe('nothing');
    } finally {
      await connection2.close();
      await again.stop();
    }
  }, 180_000);
});
