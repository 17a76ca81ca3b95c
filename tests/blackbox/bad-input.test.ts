import fc from 'fast-check';
import { type ApiProcess, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { ALLOWED, CALLER_EMAILS, MATRIX } from '../support/access-matrix';
import { as, type SignedIn, signIn } from '../support/sessions';

/**
 * Every write operation of the OpenAPI document, called by someone allowed to call it, with
 * generated bodies: random JSON of any shape, huge strings, unknown fields, wrong types and
 * malformed JSON text. Whatever arrives, the answer is never a 5xx, and every 4xx is problem+json.
 */
describe('bad input on every write operation', () => {
  let api: ApiProcess;
  const sessions = new Map<string, SignedIn>();
  let writes: { method: string; path: string; operation: string }[];

  beforeAll(async () => {
    api = await startApi(platformEnv());
    for (const [caller, email] of Object.entries(CALLER_EMAILS)) sessions.set(caller, await signIn(api.url, email));
    const target = sessions.get('officer')?.user.memberships[0].organisationId ?? '';
    const member = sessions.get('officer')?.user.id ?? '';
    const document = (await (await fetch(`${api.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    writes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['post', 'put', 'patch'].includes(method))
        .map((method) => ({
          method: method.toUpperCase(),
          operation: `${method.toUpperCase()} ${path.replace(/^\/api(\/v1)?/, '').replace(/\{(\w+)\}/g, ':$1')}`,
          path: path
            .replace('{organisationId}', target)
            .replace('{userId}', member)
            .replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000'),
        })),
    );
  });

  afterAll(() => api?.stop());

  const hugeString = fc.string({ minLength: 20_000, maxLength: 60_000 });
  const body = fc.oneof(
    fc.jsonValue().map((value) => JSON.stringify(value)),
    fc
      .dictionary(fc.string({ maxLength: 20 }), fc.oneof(fc.jsonValue(), hugeString))
      .map((value) => JSON.stringify(value)),
    fc
      .record({
        organisation: fc.jsonValue(),
        admin: fc.jsonValue(),
        role: fc.jsonValue(),
        decision: fc.jsonValue(),
        note: fc.jsonValue(),
      })
      .map((value) => JSON.stringify(value)),
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      '{',
      '{"note":',
      '[1,2',
      'null',
      '"text"',
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{}}}',
    ),
  );

  it('answers generated bodies with 2xx or a problem+json 4xx, never a 5xx', async () => {
    expect(writes.length).toBeGreaterThanOrEqual(6);
    const failures: string[] = [];
    for (const write of writes) {
      // Sign-in attempts are rate limited per account; generated e-mails make their own keys.
      const caller = ALLOWED[MATRIX[write.operation]].find((name) => name !== 'anonymous') ?? 'platformAdmin';
      await fc
        .assert(
          fc.asyncProperty(body, async (text) => {
            const response = await as(sessions.get(caller) ?? null, api.url, write.path, {
              method: write.method,
              headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' },
              body: text,
            });
            const type = response.headers.get('content-type') ?? '';
            await response.arrayBuffer();
            const ok = response.status < 500 && (response.status < 400 || type.startsWith('application/problem+json'));
            if (!ok)
              failures.push(`${write.operation} as ${caller}: ${response.status} ${type} for ${text.slice(0, 120)}`);
            return ok;
          }),
          { numRuns: 40, seed: 20261125 },
        )
        .catch(() => undefined);
    }
    expect(failures).toEqual([]);
  });
});
