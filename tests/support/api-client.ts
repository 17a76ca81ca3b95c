import type {
  ConsortiumApplicationView,
  ConsortiumDomain,
  ConsortiumView,
  NeedView,
} from '@consortio/shared/contracts';
import { as, type SignedIn } from './sessions';

export interface ApiAnswer<T> {
  status: number;
  body: T;
}

export type Ok = <T>(who: SignedIn | null, method: string, path: string, json?: unknown, status?: number) => Promise<T>;

/**
 * JSON calls to `/api/v1` as a signed-in person (or anonymously). `apiUrl` is read at each call,
 * since the api of a test file starts in its `beforeAll`. `ok` throws with the answer unless the
 * status is the one expected, for set-up steps; `call` answers whatever came.
 */
export function apiClient(apiUrl: () => string): {
  call: <T>(who: SignedIn | null, method: string, path: string, json?: unknown) => Promise<ApiAnswer<T>>;
  ok: Ok;
} {
  async function call<T>(who: SignedIn | null, method: string, path: string, json?: unknown): Promise<ApiAnswer<T>> {
    const response = await as(who, apiUrl(), `/api/v1${path}`, { method, json });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  async function ok<T>(who: SignedIn | null, method: string, path: string, json?: unknown, status = 200): Promise<T> {
    const answer = await call<T>(who, method, path, json);
    if (answer.status !== status)
      throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }
  return { call, ok };
}

/**
 * A consortium led by `lead`'s organisation (listed, mobility, unless `options` say otherwise),
 * which the others join by invitation in their roles.
 */
export async function consortiumWith(
  ok: Ok,
  lead: SignedIn,
  name: string,
  joiners: readonly (readonly [SignedIn, 'member' | 'observer'])[],
  options: { domain?: ConsortiumDomain; listedPublicly?: boolean } = {},
): Promise<string> {
  const { id } = await ok<ConsortiumView>(
    lead,
    'POST',
    '/consortia',
    { name, domain: options.domain ?? 'mobility', listedPublicly: options.listedPublicly ?? true },
    201,
  );
  for (const [who, role] of joiners) {
    const invitation = await ok<ConsortiumApplicationView>(
      lead,
      'POST',
      `/consortia/${id}/invitations`,
      { organisationId: who.user.memberships[0].organisationId, role },
      201,
    );
    await ok(who, 'POST', `/consortia/${id}/applications/${invitation.id}`, { decision: 'accept' });
  }
  return id;
}

/** A need of `who`'s organisation for one unit of `cpvCode`, submitted to the consortium. */
export async function submitNeed(
  ok: Ok,
  who: SignedIn,
  consortiumId: string,
  cpvCode: string,
  budget: string,
): Promise<void> {
  const need = await ok<NeedView>(
    who,
    'POST',
    `/consortia/${consortiumId}/needs`,
    { cpvCode, title: `Need ${cpvCode}`, quantity: '1', unit: 'pcs', budget, priority: 'must' },
    201,
  );
  await ok(who, 'POST', `/consortia/${consortiumId}/needs/${need.id}/status`, { status: 'submitted' });
}
