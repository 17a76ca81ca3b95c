import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import * as Y from 'yjs';
import { appendSections, documentFromUpdate, sectionRichText, sectionsOf } from '@consortio/shared/collab';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';

export interface SpecificationCopy {
  specificationId: string;
  /** The first named version of the copy, holding exactly the copied text. */
  versionId: string;
}

/**
 * A named version of one consortium's specification taken over as a new specification of
 * another, inside the caller's transaction (replication of a published tender). The copy is a
 * fresh document with the version's sections (same ids, keys, titles and text), not the origin's
 * Yjs history: nothing the origin's members typed and deleted travels with it, and the new
 * consortium edits, comments on and approves it as its own. It starts with one named version of
 * that text. The caller has checked that the version may be copied and that `principal` writes
 * for `organisationId` in `consortiumId`.
 */
@Injectable()
export class SpecificationCopies {
  constructor(private readonly audit: AuditService) {}

  async copyVersion(
    manager: EntityManager,
    principal: Principal,
    input: { versionId: string; consortiumId: string; organisationId: string; label: string },
  ): Promise<SpecificationCopy> {
    const [source] = await manager.query<
      { specification_id: string; title: string; template_id: string; state: Buffer }[]
    >(
      `SELECT v.specification_id, s.title, s.template_id, v.state
         FROM specification_versions v JOIN specifications s ON s.id = v.specification_id
        WHERE v.id = $1`,
      [input.versionId],
    );
    if (!source) throw new NotFoundException(`There is no specification version with id ${input.versionId}.`);
    const state = Buffer.from(freshCopy(new Uint8Array(source.state)));
    const [specification] = await manager.query<{ id: string }[]>(
      `INSERT INTO specifications (consortium_id, title, template_id, created_by)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [input.consortiumId, source.title, source.template_id, principal.userId],
    );
    await manager.query(
      `INSERT INTO specification_updates (specification_id, update_id, content, user_id, organisation_id)
       VALUES ($1, 'copy', $2, $3, $4)`,
      [specification.id, state, principal.userId, input.organisationId],
    );
    const [version] = await manager.query<{ id: string }[]>(
      `INSERT INTO specification_versions (specification_id, number, label, state, author_id, author_organisation_id)
       VALUES ($1, 1, $2, $3, $4, $5) RETURNING id`,
      [specification.id, input.label.slice(0, 200), state, principal.userId, input.organisationId],
    );
    await this.audit.record(manager, actorOf(principal), {
      action: 'specification.copied',
      entityType: 'specification',
      entityId: specification.id,
      organisationId: input.organisationId,
      summary: {
        after: {
          consortiumId: input.consortiumId,
          copiedFromSpecificationId: source.specification_id,
          copiedFromVersionId: input.versionId,
        },
      },
    });
    return { specificationId: specification.id, versionId: version.id };
  }
}

/** The version's sections as a new document of their own (update v1). */
function freshCopy(versionState: Uint8Array): Uint8Array {
  const source = documentFromUpdate(versionState);
  const copy = new Y.Doc();
  try {
    appendSections(
      copy,
      sectionsOf(source).map((section) => ({ ...section, content: sectionRichText(source, section.id) })),
    );
    return Y.encodeStateAsUpdate(copy);
  } finally {
    source.destroy();
    copy.destroy();
  }
}
