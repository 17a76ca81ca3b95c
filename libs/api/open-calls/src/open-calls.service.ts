import { ConflictException, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  OpenCallCreateInput,
  OpenCallPublicView,
  OpenCallSummary,
  OpenCallUpdateInput,
  OpenCallView,
  Page,
  PublicOpenCallStatus,
} from '@consortio/shared/contracts';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { containsPattern, queryPage } from '@consortio/api/platform/database';
import { RequestValidationException } from '@consortio/api/platform/http';
import { OpenCallAccess } from './open-call-access';
import { OpenCallClosing } from './open-call-closing';
import { OpenCallEvents } from './open-call-events';
import {
  CALL_SELECT,
  type CallRow,
  OpenCallReader,
  PUBLIC_ORDER,
  PUBLIC_SELECT,
  type SummaryRow,
  toSummary,
  toView,
} from './open-call-reader';
import { publishedChangeRefusal, scheduleRefusal } from './open-call-schedule';

const FIELDS = ['kind', 'title', 'summary', 'opensAt', 'closesAt'] as const;

/**
 * Open calls of a tender: drafted and published by the consortium, numbered in rounds per
 * tender, read by everyone once published.
 */
@Injectable()
export class OpenCallsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpenCallAccess,
    private readonly reader: OpenCallReader,
    private readonly closing: OpenCallClosing,
    private readonly events: OpenCallEvents,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, tenderId: string, input: OpenCallCreateInput): Promise<OpenCallView> {
    const opensAt = new Date(input.opensAt);
    const closesAt = new Date(input.closesAt);
    const created = await this.dataSource.transaction(async (manager) => {
      // The tender row is locked so that two calls started at once get different rounds.
      const caller = await this.access.tender(manager, principal, tenderId, 'write', { lock: true });
      if (caller.tenderStage === 'closed') throw new ConflictException('A closed tender publishes no more open calls.');
      const [{ now }] = await manager.query<{ now: Date }[]>('SELECT now() AS now');
      const refusal = scheduleRefusal(opensAt, closesAt, now);
      if (refusal) throw new RequestValidationException([refusal]);
      const [row] = await manager.query<{ id: string; round: number }[]>(
        `INSERT INTO open_calls (tender_id, round, kind, title, summary, opens_at, closes_at, created_by)
         SELECT $1, COALESCE(max(round), 0) + 1, $2, $3, $4, $5, $6, $7 FROM open_calls WHERE tender_id = $1
         RETURNING id, round`,
        [
          tenderId,
          input.kind,
          input.title.trim(),
          input.summary.trim(),
          opensAt.toISOString(),
          closesAt.toISOString(),
          principal.userId,
        ],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'open-call.created',
        entityType: 'open-call',
        entityId: row.id,
        organisationId: caller.organisationId,
        summary: {
          after: {
            tenderId,
            round: row.round,
            kind: input.kind,
            title: input.title.trim(),
            opensAt: opensAt.toISOString(),
            closesAt: closesAt.toISOString(),
          },
        },
      });
      return { id: row.id, consortiumId: caller.consortiumId };
    });
    const view = await this.reader.view(this.dataSource.manager, created.id);
    this.events.changed({
      consortiumId: created.consortiumId,
      tenderId,
      callId: view.id,
      what: 'created',
      status: 'draft',
    });
    return view;
  }

  /** Every call of the tender, drafts included, newest round first (the consortium's list). */
  async listForTender(
    principal: Principal,
    tenderId: string,
    page: number,
    pageSize: number,
  ): Promise<Page<OpenCallView>> {
    await this.access.tender(this.dataSource.manager, principal, tenderId, 'read');
    const { rows, total } = await queryPage<CallRow>(
      this.dataSource.manager,
      `${CALL_SELECT} WHERE oc.tender_id = $1`,
      [tenderId],
      'round DESC',
      page,
      pageSize,
    );
    return { items: rows.map(toView), page, pageSize, total };
  }

  /** One call for its consortium, drafts included (what the management page reads); 403 to anyone else, 404 for their drafts. */
  async getForConsortium(principal: Principal, callId: string): Promise<OpenCallView> {
    await this.access.consortiumCall(this.dataSource.manager, principal, callId, 'read');
    return this.reader.view(this.dataSource.manager, callId);
  }

  async update(principal: Principal, callId: string, input: OpenCallUpdateInput): Promise<OpenCallView> {
    const fields = FIELDS.filter((field) => input[field] !== undefined);
    const changed = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.consortiumCall(manager, principal, callId, 'write', { lock: 'update' });
      const { call } = caller;
      if (fields.length === 0) return null;
      const opensAt = input.opensAt !== undefined ? new Date(input.opensAt) : call.opensAt;
      const closesAt = input.closesAt !== undefined ? new Date(input.closesAt) : call.closesAt;
      if (call.status !== 'draft') {
        const refusal = publishedChangeRefusal(call.status, call.closesAt, {
          fields,
          closesAt: input.closesAt !== undefined ? closesAt : undefined,
        });
        if (refusal) throw new ConflictException(refusal);
      }
      const times = fields.filter(
        (field): field is 'opensAt' | 'closesAt' => field === 'opensAt' || field === 'closesAt',
      );
      if (times.length > 0) {
        const refusal = scheduleRefusal(opensAt, closesAt, call.serverTime, times);
        if (refusal) throw new RequestValidationException([refusal]);
      }
      const sets: string[] = [];
      const params: unknown[] = [callId];
      const after: Record<string, unknown> = {};
      const set = (column: string, field: string, value: string) => {
        sets.push(`${column} = $${params.push(value)}`);
        after[field] = value;
      };
      if (input.kind !== undefined) set('kind', 'kind', input.kind);
      if (input.title !== undefined) set('title', 'title', input.title.trim());
      if (input.summary !== undefined) set('summary', 'summary', input.summary.trim());
      if (input.opensAt !== undefined) set('opens_at', 'opensAt', opensAt.toISOString());
      if (input.closesAt !== undefined) set('closes_at', 'closesAt', closesAt.toISOString());
      await manager.query(`UPDATE open_calls SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
      // A published call's new deadline gets its own closing job; the old one will find it not due.
      const extended = call.status !== 'draft' && closesAt.getTime() !== call.closesAt.getTime();
      if (extended) await this.closing.schedule(manager, callId, closesAt);
      await this.audit.record(manager, actorOf(principal), {
        action: extended ? 'open-call.deadline-extended' : 'open-call.updated',
        entityType: 'open-call',
        entityId: callId,
        organisationId: caller.organisationId,
        summary: { before: extended ? { closesAt: call.closesAt.toISOString() } : null, after },
      });
      return call;
    });
    const view = await this.reader.view(this.dataSource.manager, callId);
    if (changed)
      this.events.changed({
        consortiumId: changed.consortiumId,
        tenderId: changed.tenderId,
        callId,
        what: 'updated',
        status: view.status,
      });
    return view;
  }

  /**
   * Makes a draft public and schedules its closing. The deadline must still be ahead by the
   * database's clock; an opening time in the past means the call is open at once.
   */
  async publish(principal: Principal, callId: string): Promise<OpenCallView> {
    const published = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.consortiumCall(manager, principal, callId, 'write', { lock: 'update' });
      const { call } = caller;
      if (call.status !== 'draft')
        throw new ConflictException(`This open call was published already; it is ${call.status}.`);
      if (call.tenderStage === 'closed') throw new ConflictException('A closed tender publishes no more open calls.');
      if (call.closesAt.getTime() <= call.serverTime.getTime())
        throw new ConflictException(
          `The deadline ${call.closesAt.toISOString()} has passed (server time now ${call.serverTime.toISOString()}); move closesAt before publishing.`,
        );
      await manager.query(
        'UPDATE open_calls SET published_at = now(), published_by = $2, updated_at = now() WHERE id = $1',
        [callId, principal.userId],
      );
      await this.closing.schedule(manager, callId, call.closesAt);
      await this.audit.record(manager, actorOf(principal), {
        action: 'open-call.published',
        entityType: 'open-call',
        entityId: callId,
        organisationId: caller.organisationId,
        summary: { after: { opensAt: call.opensAt.toISOString(), closesAt: call.closesAt.toISOString() } },
      });
      return call;
    });
    const view = await this.reader.view(this.dataSource.manager, callId);
    this.events.changed({
      consortiumId: published.consortiumId,
      tenderId: published.tenderId,
      callId,
      what: 'published',
      status: view.status,
    });
    return view;
  }

  /** The public register: published calls, open ones first (soonest deadline first), then upcoming, then closed. */
  async listPublished(
    filter: { status?: PublicOpenCallStatus; q?: string },
    page: number,
    pageSize: number,
  ): Promise<Page<OpenCallSummary>> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.q) {
      const at = params.push(containsPattern(filter.q));
      where.push(`(title ILIKE $${at} OR summary ILIKE $${at} OR consortium_name ILIKE $${at})`);
    }
    const { rows, total } = await queryPage<SummaryRow>(
      this.dataSource.manager,
      `${PUBLIC_SELECT}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`,
      params,
      PUBLIC_ORDER,
      page,
      pageSize,
    );
    return { items: rows.map(toSummary), page, pageSize, total };
  }

  getPublished(callId: string): Promise<OpenCallPublicView> {
    return this.reader.publicView(this.dataSource.manager, callId);
  }
}
