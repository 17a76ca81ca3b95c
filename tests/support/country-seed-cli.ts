// `npm run seed:country -- --seed 42 [--scale 1] [--base-date YYYY-MM-DD] [--database-url URL] [--hash]`
// Loads a generated country (see country-seed.ts) into a migrated database: DATABASE_URL or
// --database-url. The last line printed is the summary as JSON, for the benchmarks that call it.
import { Client } from 'pg';
import { COUNTRY_ACCOUNTS, COUNTRY_SEED_PASSWORD, countryContentHash, seedCountry } from './country-seed';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const seed = Number(option('--seed') ?? 42);
  const scale = Number(option('--scale') ?? 1);
  const baseDate = option('--base-date');
  const url = option('--database-url') ?? process.env['DATABASE_URL'];
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not ${option('--seed')}`);
  if (!(scale > 0)) throw new Error(`--scale must be above zero, not ${option('--scale')}`);
  if (!url)
    throw new Error('Name the database: --database-url postgres://… or DATABASE_URL (migrated with `main.js migrate`)');

  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const summary = await seedCountry(client, { seed, scale, baseDate, log: (line) => console.log(line) });
    const total = Object.values(summary.rows).reduce((sum, n) => sum + n, 0);
    console.log(
      `${total} rows in ${summary.seconds.toFixed(1)} s (seed ${seed}, scale ${scale}, base date ${summary.baseDate})`,
    );
    console.log(
      `Sign in as ${COUNTRY_ACCOUNTS.federal} (jurisdiction DE) or ${COUNTRY_ACCOUNTS.bavaria} (DE2), password ${COUNTRY_SEED_PASSWORD}`,
    );
    const hash = args.includes('--hash') ? (await countryContentHash(client)).total : undefined;
    if (hash) console.log(`Content hash: ${hash}`);
    console.log(JSON.stringify({ ...summary, hash }));
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
