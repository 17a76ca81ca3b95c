import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FieldError, TenderLotInput, TenderLotUpdateInput, TenderLotView } from '@consortio/shared/contracts';
import { noticeChangeRefusal } from '@consortio/shared/domain';
import { AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { RequestValidationException } from '@consortio/api/platform/http';
import { type TenderCaller, TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { euros, TenderReader, toLot } from './tender-reader';
import { TendersService } from './tenders.service';
import { auditTenderChange } from './tender-audit';

/** A tender has at most this many lots; a contract notice with more would be unreadable. */
const MAX_LOTS = 100;

/**
 * The lots of a tender (Art. 46): CPV codes from the official list, the estimated value, the
 * participating organisations each lot buys for, and criteria of its own where they differ.
 * They change until the contract notice is out.
 */
@Injectable()
export class TenderLotsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly reader: TenderReader,
    private readonly tenders: TendersService,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
  ) {}

  async create(principal: Principal, tenderId: string, input: TenderLotInput): Promise<TenderLotView> {
    const { caller, lotId } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.editable(manager, principal, tenderId);
      const criteria = input.criteria ? this.tenders.criteria(input.criteria, 'criteria') : null;
      await this.assertCodes(manager, input.cpvCodes);
      const members = await this.assertMembers(manager, caller, input.memberOrganisationIds);
      const [{ count }] = await manager.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM tender_lots WHERE tender_id = $1',
        [tenderId],
      );
      if (count >= MAX_LOTS) throw new ConflictException(`A tender has at most ${MAX_LOTS} lots.`);
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO tender_lots (tender_id, number, title, cpv_codes, value, criteria)
         VALUES ($1, (SELECT COALESCE(max(number), 0) + 1 FROM tender_lots WHERE tender_id = $1), $2, $3, $4, $5)
         RETURNING id`,
        [
          tenderId,
          input.title.trim(),
          [...new Set(input.cpvCodes)],
          euros(input.value),
          criteria ? JSON.stringify(criteria) : null,
        ],
      );
      await this.setMembers(manager, id, members);
      await auditTenderChange(this.audit, manager, caller, 'tender.lot-created', {
        after: {
          lotId: id,
          title: input.title.trim(),
          cpvCodes: input.cpvCodes,
          value: euros(input.value),
          members,
        },
      });
      return { caller, lotId: id };
    });
    this.events.changed(caller.consortiumId, tenderId, 'lots', caller.stage);
    return toLot(await this.reader.lot(this.dataSource.manager, tenderId, lotId));
  }

  async update(
    principal: Principal,
    tenderId: string,
    lotId: string,
    input: TenderLotUpdateInput,
  ): Promise<TenderLotView> {
    const caller = await this.dataSource.transaction(async (manager) => {
      const caller = await this.editable(manager, principal, tenderId);
      await this.reader.lot(manager, tenderId, lotId);
      const sets: string[] = [];
      const params: unknown[] = [lotId];
      const after: Record<string, unknown> = {};
      const set = (column: string, field: string, value: unknown, stored: unknown = value) => {
        sets.push(`${column} = $${params.push(stored)}`);
        after[field] = value;
      };
      if (input.title !== undefined) set('title', 'title', input.title.trim());
      if (input.cpvCodes !== undefined) {
        await this.assertCodes(manager, input.cpvCodes);
        set('cpv_codes', 'cpvCodes', [...new Set(input.cpvCodes)]);
      }
      if (input.value !== undefined) set('value', 'value', euros(input.value));
      if (input.criteria !== undefined) {
        const criteria = input.criteria === null ? null : this.tenders.criteria(input.criteria, 'criteria');
        set('criteria', 'criteria', criteria, criteria === null ? null : JSON.stringify(criteria));
      }
      if (sets.length > 0) await manager.query(`UPDATE tender_lots SET ${sets.join(', ')} WHERE id = $1`, params);
      if (input.memberOrganisationIds !== undefined) {
        const members = await this.assertMembers(manager, caller, input.memberOrganisationIds);
        await manager.query('DELETE FROM tender_lot_members WHERE lot_id = $1', [lotId]);
        await this.setMembers(manager, lotId, members);
        after['members'] = members;
      }
      if (Object.keys(after).length === 0) return null;
      await manager.query('UPDATE tenders SET updated_at = now() WHERE id = $1', [tenderId]);
      await auditTenderChange(this.audit, manager, caller, 'tender.lot-updated', { after: { lotId, ...after } });
      return caller;
    });
    if (caller) this.events.changed(caller.consortiumId, tenderId, 'lots', caller.stage);
    return toLot(await this.reader.lot(this.dataSource.manager, tenderId, lotId));
  }

  /** The other lots keep their numbers, as the consortium's lots do. */
  async remove(principal: Principal, tenderId: string, lotId: string): Promise<void> {
    const caller = await this.dataSource.transaction(async (manager) => {
      const caller = await this.editable(manager, principal, tenderId);
      const [, deleted] = await manager.query<[unknown[], number]>(
        'DELETE FROM tender_lots WHERE id = $1 AND tender_id = $2',
        [lotId, tenderId],
      );
      if (deleted === 0) throw new NotFoundException(`There is no lot ${lotId} in this tender.`);
      await manager.query('UPDATE tenders SET updated_at = now() WHERE id = $1', [tenderId]);
      await auditTenderChange(this.audit, manager, caller, 'tender.lot-deleted', { after: { lotId } });
      return caller;
    });
    this.events.changed(caller.consortiumId, tenderId, 'lots', caller.stage);
  }

  private async editable(manager: EntityManager, principal: Principal, tenderId: string): Promise<TenderCaller> {
    const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
    const refusal = noticeChangeRefusal(caller.stage);
    if (refusal) throw new ConflictException(refusal);
    return caller;
  }

  /** Codes must be in the CPV list, check digit included, as for needs. */
  private async assertCodes(manager: EntityManager, codes: string[]): Promise<void> {
    const found = await manager.query<{ code: string }[]>('SELECT code FROM cpv_codes WHERE code = ANY($1)', [
      [...new Set(codes)],
    ]);
    const known = new Set(found.map((row) => row.code));
    const failures: FieldError[] = codes.flatMap((code, index) =>
      known.has(code)
        ? []
        : [
            {
              field: `cpvCodes.${index}`,
              message: `${code} is not in the CPV list (check the digits and the check digit)`,
            },
          ],
    );
    if (failures.length > 0) throw new RequestValidationException(failures);
  }

  /** A lot buys for participating organisations of the consortium (lead and members, not observers). */
  private async assertMembers(manager: EntityManager, caller: TenderCaller, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))];
    const found = await manager.query<{ organisation_id: string }[]>(
      `SELECT organisation_id::text AS organisation_id FROM consortium_members
        WHERE consortium_id = $1 AND organisation_id = ANY($2::uuid[]) AND role IN ('lead', 'member')`,
      [caller.consortiumId, unique],
    );
    const known = new Set(found.map((row) => row.organisation_id));
    const strangers = unique.filter((id) => !known.has(id));
    if (strangers.length > 0)
      throw new RequestValidationException([
        {
          field: 'memberOrganisationIds',
          message: `${strangers.join(', ')} ${strangers.length === 1 ? 'is not a participating organisation' : 'are not participating organisations'} of ${caller.consortiumName} (lead or member)`,
        },
      ]);
    return unique;
  }

  private async setMembers(manager: EntityManager, lotId: string, members: string[]): Promise<void> {
    if (members.length === 0) return;
    await manager.query('INSERT INTO tender_lot_members (lot_id, organisation_id) SELECT $1, unnest($2::uuid[])', [
      lotId,
      members,
    ]);
  }
}
