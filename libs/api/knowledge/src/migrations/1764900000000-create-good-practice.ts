import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The text a case is searched by, weighted title (A), summary (B), lessons (C). Cases are written
 * in German or English, often both in one text (an Austrian town's summary with English terms),
 * and nothing says which: each text is indexed under the `simple` configuration (word forms as
 * written, compounds such as "Straßenbeleuchtung", names) and stemmed under `english` and
 * `german` ("lights" finds "light", "Leuchte" finds "Leuchten"). The query is asked in the same
 * three configurations and OR-ed (see `LIBRARY_QUERY`), so each reading of the words is matched
 * against the same reading of the text.
 */
const weighted = (column: string, weight: 'A' | 'B' | 'C') =>
  `setweight(to_tsvector('simple', ${column}) || to_tsvector('english', ${column}) || to_tsvector('german', ${column}), '${weight}')`;

export class CreateGoodPractice1764900000000 implements MigrationInterface {
  name = 'CreateGoodPractice1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    // Every prefix of a CPV code's digits (34, 341, …, 34144900), so that "everything under 3414"
    // is an array containment a GIN index answers, not a LIKE over unnested codes.
    await runner.query(`
      CREATE FUNCTION good_practice_cpv_prefixes(codes text[]) RETURNS text[]
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT coalesce(array_agg(DISTINCT left(code, n)), '{}')
                FROM unnest(codes) AS code, generate_series(2, 8) AS n $$`);
    await runner.query(`
      CREATE TABLE good_practice_cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tender_id uuid NOT NULL UNIQUE REFERENCES tenders (id) ON DELETE CASCADE,
        consortium_id uuid NOT NULL REFERENCES consortia (id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
        summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 5000),
        lessons text NOT NULL CHECK (length(lessons) BETWEEN 1 AND 10000),
        procedure_type text NOT NULL CHECK (procedure_type IN ('open', 'restricted',
          'competitive-procedure-with-negotiation', 'competitive-dialogue', 'innovation-partnership',
          'pre-commercial-procurement', 'below-threshold')),
        domain text NOT NULL CHECK (domain IN ('energy', 'ict', 'mobility', 'other')),
        cpv_codes text[] NOT NULL DEFAULT '{}',
        cpv_prefixes text[] GENERATED ALWAYS AS (good_practice_cpv_prefixes(cpv_codes)) STORED,
        countries text[] NOT NULL DEFAULT '{}',
        participants jsonb NOT NULL CHECK (jsonb_typeof(participants) = 'array'),
        kpis jsonb NOT NULL CHECK (jsonb_typeof(kpis) = 'array'),
        savings jsonb NOT NULL CHECK (jsonb_typeof(savings) = 'object'),
        published_by uuid REFERENCES users (id) ON DELETE SET NULL,
        organisation_id uuid REFERENCES organisations (id) ON DELETE SET NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search tsvector GENERATED ALWAYS AS (
          ${weighted('title', 'A')} || ${weighted('summary', 'B')} || ${weighted('lessons', 'C')}
        ) STORED
      )`);
    await runner.query('CREATE INDEX good_practice_cases_search ON good_practice_cases USING gin (search)');
    await runner.query('CREATE INDEX good_practice_cases_cpv ON good_practice_cases USING gin (cpv_prefixes)');
    await runner.query('CREATE INDEX good_practice_cases_countries ON good_practice_cases USING gin (countries)');
    // Without a search the library lists newest first, whole or within one domain or procedure.
    await runner.query('CREATE INDEX good_practice_cases_published ON good_practice_cases (published_at DESC, id)');
    await runner.query(
      'CREATE INDEX good_practice_cases_domain ON good_practice_cases (domain, published_at DESC, id)',
    );
    await runner.query(
      'CREATE INDEX good_practice_cases_procedure ON good_practice_cases (procedure_type, published_at DESC, id)',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE good_practice_cases');
    await runner.query('DROP FUNCTION good_practice_cpv_prefixes(text[])');
  }
}
