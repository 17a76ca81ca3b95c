import { type AuditRecord, auditHash, GENESIS_HASH } from './audit-chain';
import { canonicalJson } from './canonical-json';

const record: AuditRecord = {
  id: 'b3c1a1e0-0000-4000-8000-000000000001',
  occurredAt: '2026-11-25T10:00:00.000Z',
  actorUserId: 'u1',
  actorOrganisationId: 'o1',
  organisationId: 'o1',
  action: 'membership.role-changed',
  entityType: 'membership',
  entityId: 'u2',
  summary: { before: { role: 'viewer' }, after: { role: 'org-admin' } },
  prevHash: GENESIS_HASH,
};

describe('audit hash chain', () => {
  it('does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [{ f: 1, e: 2 }] } })).toBe('{"a":{"c":[{"e":2,"f":1}],"d":2},"b":1}');
  });

  it('changes when any covered field changes', () => {
    const original = auditHash(record);
    expect(original).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash({ ...record })).toBe(original);
    expect(auditHash({ ...record, summary: { ...record.summary, after: { role: 'viewer' } } })).not.toBe(original);
    expect(auditHash({ ...record, prevHash: 'f'.repeat(64) })).not.toBe(original);
    expect(auditHash({ ...record, actorUserId: null })).not.toBe(original);
  });
});
