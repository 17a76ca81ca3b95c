import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AwardInput, AwardView, BidderEvaluation, TenderSavingsView } from '@consortio/shared/contracts';
import { lotAwardRefusal } from '@consortio/shared/domain';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { fieldError } from './field-error';
import { TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { AWARD_JSON, euros, TenderReader, toAward } from './tender-reader';
import { readTenderSavings } from './tender-savings-reader';

/**
 * The award of each lot to one of the bidders in its evaluation record (`lotAwardRefusal`), and
 * what pooling saved: the awarded values against what the members budgeted for the same needs.
 * An award is withdrawn only while the tender is at evaluation (an award set aside on review
 * reopens the evaluation first, with a reason).
 */
@Injectable()
export class LotAwardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly reader: TenderReader,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
  ) {}

  async award(principal: Principal, tenderId: string, lotId: string, input: AwardInput): Promise<AwardView> {
    const { caller, award } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
      const lot = await this.reader.lot(manager, tenderId, lotId);
      const [evaluation] = await manager.query<{ bidders: BidderEvaluation[] }[]>(
        'SELECT bidders FROM tender_lot_evaluations WHERE lot_id = $1',
        [lotId],
      );
      const wanted = input.supplierName.trim().toLowerCase();
      const bidder = evaluation?.bidders.find((candidate) => candidate.name.trim().toLowerCase() === wanted);
      const refusal = lotAwardRefusal({
        stage: caller.stage,
        evaluationRecorded: evaluation !== undefined,
        alreadyAwarded: lot.award !== null,
        supplierEvaluated: bidder !== undefined,
      });
      if (refusal) throw new ConflictException(refusal);
      const [{ ahead }] = await manager.query<{ ahead: boolean }[]>('SELECT $1::date > current_date AS ahead', [
        input.awardedOn,
      ]);
      if (ahead)
        throw fieldError('awardedOn', `${input.awardedOn} is still ahead; enter the day the award decision was taken`);
      const [award] = await manager.query<{ award: AwardView }[]>(
        `INSERT INTO tender_lot_awards AS a (lot_id, tender_id, supplier_name, value, awarded_on, awarded_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${AWARD_JSON} AS award`,
        [
          lotId,
          tenderId,
          // As the evaluation record names the bidder, so the award and the ranking match.
          (bidder as BidderEvaluation).name,
          euros(input.value),
          input.awardedOn,
          principal.userId,
          caller.organisationId,
        ],
      );
      await manager.query('UPDATE tenders SET updated_at = now() WHERE id = $1', [tenderId]);
      await this.audit.record(manager, actorOf(principal), {
        action: 'tender.lot-awarded',
        entityType: 'tender',
        entityId: tenderId,
        organisationId: caller.organisationId,
        summary: { after: { ...toAward(award.award) } },
      });
      return { caller, award: toAward(award.award) };
    });
    this.events.changed(caller.consortiumId, tenderId, 'awards', caller.stage);
    return award;
  }

  async withdraw(principal: Principal, tenderId: string, lotId: string): Promise<void> {
    const caller = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
      const lot = await this.reader.lot(manager, tenderId, lotId);
      if (!lot.award) throw new NotFoundException(`Lot ${lot.number} is not awarded.`);
      if (caller.stage !== 'evaluation')
        throw new ConflictException(
          caller.stage === 'awarded'
            ? 'Reopen the evaluation first (with the reason the award is set aside), then withdraw the award.'
            : `An award is withdrawn while the tender is at evaluation; this one is at ${caller.stage}.`,
        );
      await manager.query('DELETE FROM tender_lot_awards WHERE lot_id = $1', [lotId]);
      await manager.query('UPDATE tenders SET updated_at = now() WHERE id = $1', [tenderId]);
      await this.audit.record(manager, actorOf(principal), {
        action: 'tender.award-withdrawn',
        entityType: 'tender',
        entityId: tenderId,
        organisationId: caller.organisationId,
        summary: { before: { ...toAward(lot.award) } },
      });
      return caller;
    });
    this.events.changed(caller.consortiumId, tenderId, 'awards', caller.stage);
  }

  async list(principal: Principal, tenderId: string): Promise<AwardView[]> {
    const manager = this.dataSource.manager;
    await this.access.require(manager, principal, tenderId, 'read');
    const rows = await manager.query<{ award: AwardView }[]>(
      `SELECT ${AWARD_JSON} AS award FROM tender_lot_awards a JOIN tender_lots l ON l.id = a.lot_id
        WHERE a.tender_id = $1 ORDER BY l.number`,
      [tenderId],
    );
    return rows.map((row) => toAward(row.award));
  }

  /**
   * Per lot, the budgets of the needs it was formed from, of the organisations it still buys for
   * (a lot without any is estimated at its own value), against the awarded value.
   */
  async savings(principal: Principal, tenderId: string): Promise<TenderSavingsView> {
    const manager = this.dataSource.manager;
    await this.access.require(manager, principal, tenderId, 'read');
    return readTenderSavings(manager, tenderId);
  }
}
