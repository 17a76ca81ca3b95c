import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type {
  AwardCriterion,
  BidderEvaluation,
  CriterionScores,
  EvaluationRecordInput,
  EvaluationRecordView,
  RankedBidView,
} from '@consortio/shared/contracts';
import { AWARD_CRITERION_KINDS } from '@consortio/shared/contracts';
import { type Bid, bidsRefusal, centsFromDecimal, criteriaRefusal, scoreBids } from '@consortio/shared/domain';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { fieldError } from './field-error';
import { TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { euros, TenderReader, toPerson } from './tender-reader';

interface EvaluationRow {
  lot_id: string;
  criteria: AwardCriterion[];
  bidders: BidderEvaluation[];
  ranking: RankedBidView[];
  recorded_at: Date;
  recorded_by: string | null;
  recorded_by_name: string | null;
  organisation_name: string | null;
}

/** Scores as entered, without the kinds left out or sent as null. */
function givenScores(scores: CriterionScores): CriterionScores {
  const given: CriterionScores = {};
  for (const kind of AWARD_CRITERION_KINDS) {
    const score = scores[kind];
    if (typeof score === 'number') given[kind] = score;
  }
  return given;
}

/**
 * The evaluation of each lot's tenders (Art. 67), kept for the record of the procedure (Art. 84):
 * the bidders with their scores and prices, the criteria they were scored against (the lot's own,
 * else the tender's) and the ranking `scoreBids` computes from them, with who recorded it and
 * when. It is recorded, and recorded again, while the tender is at evaluation and the lot is not
 * awarded.
 */
@Injectable()
export class LotEvaluationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly reader: TenderReader,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
  ) {}

  async record(
    principal: Principal,
    tenderId: string,
    lotId: string,
    input: EvaluationRecordInput,
  ): Promise<EvaluationRecordView> {
    const caller = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
      const lot = await this.reader.lot(manager, tenderId, lotId);
      if (caller.stage !== 'evaluation')
        throw new ConflictException(
          `Tenders are evaluated while the tender is at evaluation; this one is at ${caller.stage}.`,
        );
      if (lot.award)
        throw new ConflictException(
          `Lot ${lot.number} is awarded to ${lot.award.supplierName}: withdraw that award first to evaluate the lot again.`,
        );
      const tender = await this.reader.row(manager, tenderId);
      const criteria = lot.criteria ?? tender.criteria;
      // Publication checked the criteria; this guards records against data changed by other means.
      const criteriaProblem = criteriaRefusal(criteria);
      if (criteriaProblem) throw new ConflictException(`The award criteria of lot ${lot.number}: ${criteriaProblem}`);
      const bidders: BidderEvaluation[] = input.bidders.map((bidder) => ({
        name: bidder.name.trim(),
        scores: givenScores(bidder.scores),
        price: bidder.price === undefined || bidder.price === null ? null : euros(bidder.price),
      }));
      const bids: Bid[] = bidders.map((bidder) => ({
        name: bidder.name,
        scores: bidder.scores,
        priceCents: bidder.price === null ? null : centsFromDecimal(bidder.price),
      }));
      const refusal = bidsRefusal(criteria, bids);
      if (refusal) throw fieldError('bidders', refusal);
      const ranking = scoreBids(criteria, bids);
      await manager.query(
        `INSERT INTO tender_lot_evaluations (lot_id, tender_id, criteria, bidders, ranking, recorded_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (lot_id) DO UPDATE SET criteria = EXCLUDED.criteria, bidders = EXCLUDED.bidders,
           ranking = EXCLUDED.ranking, recorded_by = EXCLUDED.recorded_by,
           organisation_id = EXCLUDED.organisation_id, recorded_at = now()`,
        [
          lotId,
          tenderId,
          JSON.stringify(criteria),
          JSON.stringify(bidders),
          JSON.stringify(ranking),
          principal.userId,
          caller.organisationId,
        ],
      );
      await manager.query('UPDATE tenders SET updated_at = now() WHERE id = $1', [tenderId]);
      await this.audit.record(manager, actorOf(principal), {
        action: 'tender.lot-evaluated',
        entityType: 'tender',
        entityId: tenderId,
        organisationId: caller.organisationId,
        summary: {
          after: {
            lotId,
            bidders,
            ranking: ranking.map((bid) => ({ name: bid.name, rank: bid.rank, total: bid.total })),
          },
        },
      });
      return caller;
    });
    this.events.changed(caller.consortiumId, tenderId, 'evaluation', caller.stage);
    return this.get(principal, tenderId, lotId);
  }

  async get(principal: Principal, tenderId: string, lotId: string): Promise<EvaluationRecordView> {
    const manager = this.dataSource.manager;
    await this.access.require(manager, principal, tenderId, 'read');
    const lot = await this.reader.lot(manager, tenderId, lotId);
    const [row] = await manager.query<EvaluationRow[]>(
      `SELECT e.lot_id, e.criteria, e.bidders, e.ranking, e.recorded_at, e.recorded_by,
              u.display_name AS recorded_by_name, o.name AS organisation_name
         FROM tender_lot_evaluations e
         LEFT JOIN users u ON u.id = e.recorded_by
         LEFT JOIN organisations o ON o.id = e.organisation_id
        WHERE e.lot_id = $1`,
      [lotId],
    );
    if (!row) throw new NotFoundException(`The evaluation of lot ${lot.number} is not recorded yet.`);
    return {
      lotId: row.lot_id,
      criteria: row.criteria,
      bidders: row.bidders,
      ranking: row.ranking,
      recordedAt: row.recorded_at.toISOString(),
      recordedBy: toPerson(row.recorded_by, row.recorded_by_name, row.organisation_name),
    };
  }
}
