import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { documentFromUpdate, sectionsOf } from '@consortio/shared/collab';
import { sectionHash } from '@consortio/api/specifications';

export interface VersionSection {
  id: string;
  hash: string;
}

export interface GivenApproval {
  sectionId: string;
  organisationId: string;
  contentHash: string;
}

/**
 * Whether a named version of a specification is approved by the consortium: it has sections, and
 * every participating organisation (lead and members; observers do not approve) has approved
 * every one of them on exactly the text the version holds. An approval given on other text (the
 * section changed before or after the version was named) does not count, so what is published is
 * what was approved.
 */
export function versionApproved(
  sections: readonly VersionSection[],
  participants: readonly string[],
  approvals: readonly GivenApproval[],
): boolean {
  if (sections.length === 0 || participants.length === 0) return false;
  const given = new Set(approvals.map((a) => `${a.sectionId}\n${a.organisationId}\n${a.contentHash}`));
  return sections.every((section) =>
    participants.every((organisationId) => given.has(`${section.id}\n${organisationId}\n${section.hash}`)),
  );
}

/** Reads a linked version and the approvals of its specification to decide `versionApproved`. */
@Injectable()
export class SpecificationApproval {
  async approved(manager: EntityManager, consortiumId: string, versionId: string): Promise<boolean> {
    const [version] = await manager.query<{ specification_id: string; state: Buffer }[]>(
      `SELECT v.specification_id, v.state
         FROM specification_versions v JOIN specifications s ON s.id = v.specification_id
        WHERE v.id = $1 AND s.consortium_id = $2`,
      [versionId, consortiumId],
    );
    if (!version) return false;
    // One after the other: inside a transaction they share one connection anyway.
    const participants = await manager.query<{ organisation_id: string }[]>(
      "SELECT organisation_id FROM consortium_members WHERE consortium_id = $1 AND role <> 'observer'",
      [consortiumId],
    );
    const approvals = await manager.query<{ section_id: string; organisation_id: string; content_hash: string }[]>(
      'SELECT section_id, organisation_id, content_hash FROM section_approvals WHERE specification_id = $1',
      [version.specification_id],
    );
    const doc = documentFromUpdate(new Uint8Array(version.state));
    try {
      return versionApproved(
        sectionsOf(doc).map((section) => ({
          id: section.id,
          // The fingerprint an approval stores in section_approvals.content_hash.
          hash: sectionHash(doc, section.id),
        })),
        participants.map((row) => row.organisation_id),
        approvals.map((row) => ({
          sectionId: row.section_id,
          organisationId: row.organisation_id,
          contentHash: row.content_hash,
        })),
      );
    } finally {
      doc.destroy();
    }
  }
}
