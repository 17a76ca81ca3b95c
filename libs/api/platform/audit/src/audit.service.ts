import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuditEventView, AuditVerification, Page } from '@consortio/shared/contracts';
import { type AuditRecord, type AuditSummary, auditHash, GENESIS_HASH } from './audit-chain';

/** Who did it: the person and the organisation they acted for (null for the platform itself). */
export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  /** The organisation whose trail shows this event. */
  organisationId: string | null;
  summary: AuditSummary;
}

interface AuditRow {
  seq: string;
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  organisation_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  summary: AuditSummary;
  prev_hash: string;
  hash: string;
}

// One chain for the whole platform; appends take this lock for the rest of their transaction.
const AUDIT_CHAIN_LOCK = 7_210_431_010;

@Injectable()
export class AuditService {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends an event inside the caller's transaction: the change and its record commit together. */
  async record(manager: EntityManager, actor: AuditActor, entry: AuditEntry): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Audit event "${entry.action}" must be recorded inside the transaction of the change`);
    }
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
    const [last] = await manager.query<{ hash: string }[]>('SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1');
    const record: AuditRecord = {
      id: randomUUID(),
      occurredAt: new Date().toISOString(),
      actorUserId: actor.userId,
      actorOrganisationId: actor.organisationId,
      organisationId: entry.organisationId,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      summary: entry.summary,
      prevHash: last?.hash ?? GENESIS_HASH,
    };
    await manager.query(
      `INSERT INTO audit_events (id, occurred_at, actor_user_id, actor_organisation_id, organisation_id, action,
                                 entity_type, entity_id, summary, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        record.id,
        record.occurredAt,
        record.actorUserId,
        record.actorOrganisationId,
        record.organisationId,
        record.action,
        record.entityType,
        record.entityId,
        JSON.stringify(record.summary),
        record.prevHash,
        auditHash(record),
      ],
    );
  }

  /** A page of the trail, newest first; `organisationId` null means the whole platform. */
  async list(organisationId: string | null, page: number, pageSize: number): Promise<Page<AuditEventView>> {
    const where = organisationId ? 'WHERE organisation_id = $3' : '';
    const params: unknown[] = [pageSize, (page - 1) * pageSize, ...(organisationId ? [organisationId] : [])];
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT * FROM audit_events ${where} ORDER BY seq DESC LIMIT $1 OFFSET $2`,
      params,
    );
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM audit_events ${organisationId ? 'WHERE organisation_id = $1' : ''}`,
      organisationId ? [organisationId] : [],
    );
    return { items: rows.map(toView), page, pageSize, total: Number(count) };
  }

  /**
   * Recomputes the chain from the first event. Reads in batches, so memory stays flat however
   * long the trail is; stops at the first event whose hash or link does not match.
   */
  async verify(batchSize = 1_000): Promise<AuditVerification> {
    let previous = GENESIS_HASH;
    let checked = 0;
    let after = '0';
    for (;;) {
      const rows = await this.dataSource.query<AuditRow[]>(
        'SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq LIMIT $2',
        [after, batchSize],
      );
      for (const row of rows) {
        const record = toRecord(row);
        if (row.prev_hash !== previous) {
          return {
            ok: false,
            checked,
            firstBrokenSeq: Number(row.seq),
            reason: 'does not link to the event before it',
          };
        }
        if (auditHash(record) !== row.hash) {
          return { ok: false, checked, firstBrokenSeq: Number(row.seq), reason: 'its content does not match its hash' };
        }
        previous = row.hash;
        checked += 1;
      }
      if (rows.length < batchSize) return { ok: true, checked, firstBrokenSeq: null };
      after = rows[rows.length - 1].seq;
    }
  }
}

function toRecord(row: AuditRow): AuditRecord {
  return {
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actorUserId: row.actor_user_id,
    actorOrganisationId: row.actor_organisation_id,
    organisationId: row.organisation_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    summary: row.summary,
    prevHash: row.prev_hash,
  };
}

function toView(row: AuditRow): AuditEventView {
  // The view shows the event's own hash; its predecessor's is an internal link.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { summary, prevHash, ...event } = toRecord(row);
  return {
    seq: Number(row.seq),
    ...event,
    before: summary.before ?? null,
    after: summary.after ?? null,
    hash: row.hash,
  };
}
