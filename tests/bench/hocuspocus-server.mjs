#!/usr/bin/env node
// The peer of the co-editing benchmark: @hocuspocus/server with its database extension, storing
// documents in the same PostgreSQL (table hocuspocus_documents). Started by tests/bench/collab.ts;
// prints "ready <port>" once it listens.
// Usage: node tests/bench/hocuspocus-server.mjs --port 3914 --database-url postgres://...
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import pg from 'pg';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const port = Number(option('--port', '3914'));
const pool = new pg.Pool({ connectionString: option('--database-url', process.env.DATABASE_URL), max: 5 });
await pool.query('CREATE TABLE IF NOT EXISTS hocuspocus_documents (name text PRIMARY KEY, data bytea NOT NULL)');

const server = new Server({
  port,
  quiet: true,
  extensions: [
    new Database({
      fetch: async ({ documentName }) => {
        const { rows } = await pool.query('SELECT data FROM hocuspocus_documents WHERE name = $1', [documentName]);
        return rows[0]?.data ?? null;
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          `INSERT INTO hocuspocus_documents (name, data) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`,
          [documentName, state],
        );
      },
    }),
  ],
});
await server.listen();
console.log(`ready ${port}`);
const stop = async () => {
  await server.destroy();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
