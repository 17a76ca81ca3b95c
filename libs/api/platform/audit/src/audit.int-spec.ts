import type { DataSource } from 'typeorm';
import { openTestDataSource, truncateAll } from '@consortio/api/testing';
import { AuditService } from './audit.service';

describe('audit trail (PostgreSQL)', () => {
  let dataSource: DataSource;
  let audit: AuditService;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    audit = new AuditService(dataSource);
  });

  beforeEach(() => truncateAll(dataSource));

  afterAll(() => dataSource.destroy());

  const append = (n: number, organisationId: string | null = null) =>
    dataSource.transaction((manager) =>
      audit.record(
        manager,
        { userId: null, organisationId },
        {
          action: 'test.event',
          entityType: 'thing',
          entityId: String(n),
          organisationId,
          summary: { after: { n } },
        },
      ),
    );

  it('keeps one valid chain when many transactions append at the same time', async () => {
    await Promise.all(Array.from({ length: 40 }, (_, n) => append(n)));
    expect(await audit.verify(7)).toEqual({ ok: true, checked: 40, firstBrokenSeq: null });
  });

  it('refuses updates, deletes and truncation of events', async () => {
    await append(1);
    await expect(dataSource.query("UPDATE audit_events SET action = 'forged'")).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    await expect(dataSource.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
  });

  it('reports the first event whose link breaks when one is removed behind the trigger’s back', async () => {
    for (let n = 0; n < 5; n += 1) await append(n);
    await dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query('DELETE FROM audit_events WHERE seq = 3');
    });
    expect(await audit.verify()).toEqual({
      ok: false,
      checked: 2,
      firstBrokenSeq: 4,
      reason: 'does not link to the event before it',
    });
  });

  it('refuses to record outside a transaction', async () => {
    await expect(
      audit.record(
        dataSource.manager,
        { userId: null, organisationId: null },
        { action: 'x', entityType: 'y', entityId: 'z', organisationId: null, summary: {} },
      ),
    ).rejects.toThrow(/inside the transaction/);
  });

  it('pages an organisation’s trail, newest first', async () => {
    const organisation = '6f1c2b0e-1111-4222-8333-444455556666';
    for (let n = 0; n < 3; n += 1) await append(n, organisation);
    await append(99);
    const page = await audit.list(organisation, 1, 2);
    expect(page.total).toBe(3);
    expect(page.items.map((event) => event.entityId)).toEqual(['2', '1']);
  });
});
