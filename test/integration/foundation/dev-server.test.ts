import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import path from 'node:path';
import { freePort } from '../../../scripts/lib/ports';
import { SEARCH_ATTRIBUTES, type SearchAttributeType } from '../../../scripts/lib/search-attributes';
import { startTemporalDevServer } from '../../../scripts/lib/temporal-dev-server';
import { useTempDir } from '../../support/temp-dir';

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
  const dir = useTempDir('ttg-dev-server-');

  it('starts on a free port with the search attributes registered, keeps workflows across a restart, and stops', async () => {
    const dbFile = path.join(dir(), 'temporal.db');
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

  it('falls back to the in-memory Java test server (what tools.sh prints when the CLI cannot be built)', async () => {
    const wrapper = process.env.TTG_TEST_SERVER_PATH;
    if (!wrapper) throw new Error('TTG_TEST_SERVER_PATH is not set: run through jest');
    const server = await startTemporalDevServer({ binary: wrapper, dbFile: path.join(dir(), 'unused.db'), port: await freePort(), uiPort: await freePort(), searchAttributes: SEARCH_ATTRIBUTES });
    try {
      expect(server.inMemory).toBe(true);
      expect(server.uiUrl).toBeNull();
      // It has no ListSearchAttributes: a workflow started with every attribute proves them registered.
      const connection = await Connection.connect({ address: server.address });
      try {
        const client = new Client({ connection });
        const handle = await client.workflow.start('nothing', {
          taskQueue: 'nobody-polls',
          workflowId: 'with-search-attributes',
          searchAttributes: { TtgStage: ['RECEIVED'], TtgPrison: ['LEI'], TtgRegion: ['YH'], TtgReleaseDate: [new Date('2026-08-06T00:00:00Z')], TtgOverdue: [false] },
        });
        const described = await handle.describe();
        expect(described.searchAttributes.TtgPrison).toEqual(['LEI']);
        expect(Object.keys(described.searchAttributes).sort()).toEqual(expect.arrayContaining(Object.keys(SEARCH_ATTRIBUTES).sort()));
      } finally {
        await connection.close();
      }
    } finally {
      await server.stop();
    }
  }, 60_000);
});
