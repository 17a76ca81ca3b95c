import { createTestDatabase, databaseUrl, dropTestDatabase } from '@consortio/api/testing';
import { Client } from 'pg';
import { freePort, sleep, startApi, startNode } from '../support/processes';
import { platformEnv } from '../support/platform-env';

describe('process lifecycle', () => {
  it('refuses to start with bad configuration and names every bad variable', async () => {
    const api = startNode(
      'api',
      ['dist/apps/api/main.js'],
      platformEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://nope', CORS_ORIGINS: 'not a url' }),
    );
    expect(await api.waitForExit()).toBe(1);
    const log = api.log();
    expect(log).toContain('PORT must be a whole number');
    expect(log).toContain('DATABASE_URL must be a postgres:// URL');
    expect(log).toContain('CORS_ORIGINS must be a comma-separated list');
    expect(log).not.toContain('mysql://nope');
  });

  it('refuses to start against a database whose migrations are pending', async () => {
    const name = await createTestDatabase('consortio_unmigrated');
    try {
      const api = startNode(
        'api',
        ['dist/apps/api/main.js'],
        platformEnv({ DATABASE_URL: databaseUrl(name), PORT: String(await freePort()) }),
      );
      expect(await api.waitForExit()).toBe(1);
      expect(api.log()).toContain('migration(s) pending');
    } finally {
      await dropTestDatabase(name);
    }
  });

  it('on SIGTERM finishes the request in flight, refuses new ones, and exits 0', async () => {
    const api = await startApi(platformEnv());
    // Hold a lock so that a list request is still running when SIGTERM arrives.
    const blocker = new Client({ connectionString: process.env['DATABASE_URL'] });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE system_probes IN ACCESS EXCLUSIVE MODE');
    try {
      const inFlight = fetch(`${api.url}/api/v1/system/probes`);
      await sleep(300);
      const exited = api.stop();
      await sleep(300);
      await expect(fetch(`${api.url}/api/health/live`)).rejects.toThrow();
      await blocker.query('COMMIT');
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(((await response.json()) as { items: unknown[] }).items).toEqual(expect.any(Array));
      expect(await exited).toBe(0);
      expect(api.log()).toContain('Shutdown complete');
    } finally {
      await blocker.end();
    }
  });

  it('runs migrate and seed as idempotent commands', async () => {
    const seed = () => {
      const process = startNode('seed', ['dist/apps/api/main.js', 'seed'], platformEnv());
      return process.waitForExit().then((code) => ({ code, output: process.log() }));
    };
    const first = await seed();
    const second = await seed();
    expect(first.code).toBe(0);
    expect(second.code).toBe(0);
    expect(
      JSON.parse(second.output.split('\n').find((line) => line.startsWith('{"event":"seed"')) ?? '{}'),
    ).toMatchObject({ applied: [] });
    const migrate = startNode('migrate', ['dist/apps/api/main.js', 'migrate'], platformEnv());
    expect(await migrate.waitForExit()).toBe(0);
    expect(migrate.log()).toContain('"applied":[]');
  });
});
