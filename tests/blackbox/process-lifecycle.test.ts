import { createTestDatabase, databaseUrl, dropTestDatabase } from '@consortio/api/testing';
import { freePort, startApi, startNode } from '../support/processes';
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

  it('drains and exits 0 on SIGTERM, closing its pools', async () => {
    const api = await startApi(platformEnv());
    expect(await api.stop()).toBe(0);
    expect(api.log()).toContain('Shutdown complete');
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
