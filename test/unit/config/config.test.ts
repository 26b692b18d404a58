import { newPayloadKey } from '@ttg/codec/payload-codec';
import { ConfigError, loadConfig } from '@ttg/config/config';

describe('configuration', () => {
  it('defaults to the embedded services on port 3000', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.database).toMatchObject({ embedded: true, url: undefined });
    expect(c.temporal).toMatchObject({ embedded: true, address: '127.0.0.1:7233', taskQueue: 'ttg-pathway' });
    expect(c.demo).toEqual({ caseload: true, password: 'demo', seedUsers: true });
  });

  it('switches to external services and does not seed demo users there unless asked', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/ttg', TEMPORAL_ADDRESS: 'temporal:7233' });
    expect(c.database.embedded).toBe(false);
    expect(c.temporal).toMatchObject({ embedded: false, address: 'temporal:7233' });
    expect(c.demo.seedUsers).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/ttg', TTG_SEED_DEMO_USERS: '1' }).demo.seedUsers).toBe(true);
  });

  it('stops with a message naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', TEMPORAL_ADDRESS: 'no-port', JWT_SECRET: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', TEMPORAL_ADDRESS: 'no-port' });
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['PORT', 'TEMPORAL_ADDRESS']);
    }
  });

  it('sizes the cluster profile: 2 workers, 2 API instances and one Temporal process unless told', () => {
    expect(loadConfig({}).cluster).toEqual({ workers: 2, apiInstances: 2, temporalServices: 'all' });
    expect(loadConfig({ TTG_WORKERS: '5', TTG_API_INSTANCES: '3', TTG_TEMPORAL_SERVICES: 'separate' }).cluster).toEqual({ workers: 5, apiInstances: 3, temporalServices: 'separate' });
    try {
      loadConfig({ TTG_WORKERS: '0', TTG_API_INSTANCES: 'two', TTG_TEMPORAL_SERVICES: 'some' });
      throw new Error('accepted');
    } catch (err) {
      expect((err as ConfigError).problems.map((p) => p.split(':')[0])).toEqual(['TTG_WORKERS', 'TTG_API_INSTANCES', 'TTG_TEMPORAL_SERVICES']);
    }
  });

  it('believes no forwarded address unless TTG_TRUST_PROXY names the proxies', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TTG_TRUST_PROXY: 'loopback' }).http.trustProxy).toBe('loopback');
    expect(loadConfig({ TTG_TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
  });

  it('reads the payload keys (the current one named, or the last listed) and names the variable when one is bad', () => {
    expect(loadConfig({}).temporal.payloadKeys).toBeUndefined();
    const two = `${newPayloadKey('k1')},${newPayloadKey('k2')}`;
    expect(loadConfig({ TTG_PAYLOAD_KEYS: two }).temporal.payloadKeys?.currentId).toBe('k2');
    expect(loadConfig({ TTG_PAYLOAD_KEYS: two, TTG_PAYLOAD_KEY_ID: 'k1' }).temporal.payloadKeys?.keys.size).toBe(2);
    expect(() => loadConfig({ TTG_PAYLOAD_KEYS: 'k1:c2hvcnQ=' })).toThrow(/TTG_PAYLOAD_KEYS: payload key k1: must be 32 bytes/);
    expect(() => loadConfig({ TTG_PAYLOAD_KEYS: two, TTG_PAYLOAD_KEY_ID: 'k3' })).toThrow(/TTG_PAYLOAD_KEYS: payload key id k3 is not among/);
  });
});
