import type { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { documentFromUpdate, sectionFragment, sectionPlainText, sectionsOf } from '@consortio/shared/collab';
import { AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { openTestDataSource, truncateAll } from '@consortio/api/testing';
import { SpecificationCopies } from './specification-copies';
import { templateDocument } from './specifications.service';

describe('copying a specification version into another consortium', () => {
  let dataSource: DataSource;
  let principal: Principal;
  let organisationId: string;
  let targetConsortiumId: string;
  let originSpecificationId: string;
  let versionId: string;
  const WRITER = 424242;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    await truncateAll(dataSource);
    [{ id: organisationId }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO organisations (kind, name, country, verification)
       VALUES ('central-purchasing-body', 'Einkauf Kopie', 'DE', 'verified') RETURNING id`,
    );
    const [{ id: userId }] = await dataSource.query<{ id: string }[]>(
      "INSERT INTO users (email, display_name) VALUES ('copier@example.test', 'Copier') RETURNING id",
    );
    principal = { userId, sessionId: 'session', platformAdmin: false, memberships: [], acting: null };
    const consortia = await dataSource.query<{ id: string }[]>(
      `INSERT INTO consortia (name, domain, lead_organisation_id)
       VALUES ('Origin group', 'ict', $1), ('Copying group', 'ict', $1) RETURNING id`,
      [organisationId],
    );
    targetConsortiumId = consortia[1].id;
    const [{ id: templateId }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO specification_templates (key, name, sections)
       VALUES ('copy-template', 'Copy template', '[]') RETURNING id`,
    );
    [{ id: originSpecificationId }] = await dataSource.query<{ id: string }[]>(
      'INSERT INTO specifications (consortium_id, title, template_id) VALUES ($1, $2, $3) RETURNING id',
      [consortia[0].id, 'Origin specification', templateId],
    );
    // The origin's version: the template's text plus an edit of one of its writers.
    const doc = documentFromUpdate(
      templateDocument([
        { key: 'a', title: 'A', guidance: 'First.' },
        { key: 'b', title: 'B', guidance: 'Second.' },
      ]),
    );
    doc.clientID = WRITER;
    const [first] = sectionsOf(doc);
    const paragraph = sectionFragment(doc, first.id).get(0) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(0, 'Agreed: ');
    [{ id: versionId }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO specification_versions (specification_id, number, label, state)
       VALUES ($1, 3, 'For publication', $2) RETURNING id`,
      [originSpecificationId, Buffer.from(Y.encodeStateAsUpdate(doc))],
    );
    doc.destroy();
  });

  afterAll(() => dataSource.destroy());

  it("makes a specification of the copying consortium's own with the version's text and a first version of it", async () => {
    const copies = new SpecificationCopies(new AuditService(dataSource));
    const copy = await dataSource.transaction((manager) =>
      copies.copyVersion(manager, principal, {
        versionId,
        consortiumId: targetConsortiumId,
        organisationId,
        label: 'Copied from Origin tender',
      }),
    );
    const [specification] = await dataSource.query<{ consortium_id: string; title: string }[]>(
      'SELECT consortium_id, title FROM specifications WHERE id = $1',
      [copy.specificationId],
    );
    expect(specification).toEqual({ consortium_id: targetConsortiumId, title: 'Origin specification' });
    const [version] = await dataSource.query<{ number: number; label: string; state: Buffer; author_id: string }[]>(
      'SELECT number, label, state, author_id FROM specification_versions WHERE id = $1 AND specification_id = $2',
      [copy.versionId, copy.specificationId],
    );
    expect(version).toMatchObject({ number: 1, label: 'Copied from Origin tender', author_id: principal.userId });
    const [log] = await dataSource.query<{ content: Buffer }[]>(
      'SELECT content FROM specification_updates WHERE specification_id = $1',
      [copy.specificationId],
    );
    expect(Buffer.compare(log.content, version.state)).toBe(0);

    const copied = documentFromUpdate(new Uint8Array(version.state));
    const [original] = await dataSource.query<{ state: Buffer }[]>(
      'SELECT state FROM specification_versions WHERE id = $1',
      [versionId],
    );
    const source = documentFromUpdate(new Uint8Array(original.state));
    try {
      expect(sectionsOf(copied)).toEqual(sectionsOf(source));
      const text = (doc: Y.Doc) => sectionsOf(doc).map((section) => sectionPlainText(doc, section.id));
      expect(text(copied)).toEqual(['Agreed: First.', 'Second.']);
      // A fresh document: none of the origin's writers (their editing history) travels with it.
      expect(Y.decodeStateVector(Y.encodeStateVector(copied)).has(WRITER)).toBe(false);
    } finally {
      copied.destroy();
      source.destroy();
    }
    const [audit] = await dataSource.query<{ action: string }[]>(
      "SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'specification.copied'",
      [copy.specificationId],
    );
    expect(audit).toBeDefined();
  });

  it('leaves nothing behind when the surrounding transaction fails', async () => {
    const copies = new SpecificationCopies(new AuditService(dataSource));
    const [{ n: before }] = await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM specifications');
    await expect(
      dataSource.transaction(async (manager) => {
        await copies.copyVersion(manager, principal, {
          versionId,
          consortiumId: targetConsortiumId,
          organisationId,
          label: 'Copied',
        });
        throw new Error('the tender copy failed');
      }),
    ).rejects.toThrow('the tender copy failed');
    const [{ n: after }] = await dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM specifications');
    expect(after).toBe(before);
  });
});
