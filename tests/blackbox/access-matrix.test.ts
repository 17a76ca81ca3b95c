import { io, type Socket } from 'socket.io-client';
import { type ProblemDetails, SOCKET_PARSER } from '@consortio/shared/contracts';
import { type ApiProcess, startApi } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { ALLOWED, type Caller, CALLER_EMAILS, MATRIX } from '../support/access-matrix';
import { as, type SignedIn, signIn } from '../support/sessions';

/**
 * The test reads the operations from the OpenAPI document and from the server's own list of
 * declared policies (HTTP and socket), so a new route or event that is not in the matrix fails
 * it until someone decides its access.
 */
interface DeclaredOperation {
  kind: 'http' | 'socket';
  operation: string;
  policy: string | null;
  public: boolean;
}

describe('access matrix over every operation', () => {
  let api: ApiProcess;
  const callers = {} as Record<Exclude<Caller, 'anonymous'>, SignedIn>;
  let target: string;
  let declared: DeclaredOperation[];
  let openApiOperations: string[];

  beforeAll(async () => {
    api = await startApi(platformEnv());
    for (const [caller, email] of Object.entries(CALLER_EMAILS))
      callers[caller as keyof typeof CALLER_EMAILS] = await signIn(api.url, email);
    target = callers.officer.user.memberships[0].organisationId;
    declared = (await (
      await as(callers.platformAdmin, api.url, '/api/v1/access-policies')
    ).json()) as DeclaredOperation[];
    const document = (await (await fetch(`${api.url}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    openApiOperations = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map(
        (method) => `${method.toUpperCase()} ${path.replace(/^\/api(\/v1)?/, '').replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
  });

  afterAll(() => api?.stop());

  it('covers every operation of the OpenAPI document and every declared route and socket event, and nothing else', () => {
    const declaredNames = declared.map((operation) => operation.operation);
    expect([...openApiOperations].sort()).toEqual(declaredNames.filter((name) => !name.startsWith('/')).sort());
    expect(declaredNames.sort()).toEqual(Object.keys(MATRIX).sort());
    for (const operation of declared) {
      expect({ operation: operation.operation, public: operation.public }).toEqual({
        operation: operation.operation,
        public: MATRIX[operation.operation] === 'public',
      });
    }
  });

  it('lets exactly the intended callers past the access check on every HTTP operation', async () => {
    const mismatches: string[] = [];
    for (const operation of openApiOperations) {
      const [method, template] = operation.split(' ');
      const path = `/api${template.startsWith('/health') ? '' : '/v1'}${template
        .replace(':organisationId', target)
        .replace(/:\w+/g, '00000000-0000-4000-8000-000000000000')}`;
      for (const caller of ALLOWED.public) {
        const who = caller === 'anonymous' ? null : callers[caller];
        // Sign-in and sign-out have side effects on sessions and limits; they are covered by their own tests.
        if (operation === 'POST /auth/sign-out' || operation === 'POST /auth/sign-in') continue;
        const response = await as(who, api.url, path, {
          method,
          ...(method === 'GET' || method === 'DELETE' ? {} : { json: {} }),
        });
        const problem = response.headers.get('content-type')?.includes('problem+json')
          ? ((await response.json()) as ProblemDetails)
          : null;
        const denied =
          (response.status === 401 && problem?.detail === 'Sign in first.') ||
          (response.status === 403 && problem?.detail === 'You are not allowed to do this.');
        const expected = ALLOWED[MATRIX[operation]].includes(caller);
        if (denied === expected || response.status >= 500) {
          mismatches.push(`${operation} as ${caller}: ${response.status} ${problem?.detail ?? ''}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('authenticates socket connections at the handshake and checks every event against its policy', async () => {
    const connect = (auth: Record<string, unknown>) =>
      new Promise<{ socket: Socket; error?: string }>((done) => {
        const socket = io(`${api.url}/events`, {
          parser: SOCKET_PARSER,
          transports: ['websocket'],
          reconnection: false,
          auth,
        });
        socket.once('connect', () => done({ socket }));
        socket.once('connect_error', (error) => done({ socket, error: error.message }));
      });
    const forged = await connect({ token: 'not-a-token' });
    expect(forged.error).toBe('invalid or expired access token');
    forged.socket.disconnect();
    const foreign = await connect({
      token: callers.officer.token,
      organisationId: callers.ministry.user.memberships[0].organisationId,
    });
    expect(foreign.error).toBe('not a member of that organisation');
    foreign.socket.disconnect();

    for (const who of [null, callers.viewer, callers.supplier]) {
      const { socket, error } = await connect(who ? { token: who.token } : {});
      expect(error).toBeUndefined();
      for (const event of ['subscribe', 'unsubscribe']) {
        expect(MATRIX[`/events ${event}`]).toBe('public');
        const ack = (await socket.timeout(5_000).emitWithAck(event, { channel: 'system' })) as { ok: boolean };
        expect(ack).toEqual({ ok: true, channel: 'system' });
      }
      socket.disconnect();
    }
  });
});
