import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  GoodPracticeInput,
  GoodPracticeRefusal,
  GoodPracticeUpdateInput,
  GoodPracticeView,
  TenderGoodPracticeView,
  TenderStage,
} from '@consortio/shared/contracts';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { type TenderCaller, TenderAccess } from '@consortio/api/tenders';
import { CASE_SELECT, toCaseView } from './good-practice-library.service';
import { takeSnapshot } from './good-practice-snapshot';

/** Stages a tender reaches only through a signed contract. */
const CONTRACTED_STAGES: TenderStage[] = ['contract-signed', 'pilot', 'city-rollout', 'regional-scaleup'];

const REFUSALS: Record<GoodPracticeRefusal, string> = {
  published: 'This tender is already in the good-practice library: change that case, or withdraw it first.',
  'not-closed':
    'A tender is shared as good practice once it is closed, so that the case shows what the solution achieved',
  'not-contracted':
    'This tender was closed without a signed contract, so there is no outcome to share as good practice.',
  'read-only': 'You can read this tender but not change it.',
};

/**
 * Why a tender may not be published as a case now, or null when it may. Only a closed tender
 * that had a contract tells the whole story (what was bought, how it ran, what it achieved); one
 * closed early (withdrawn, cancelled) has no outcome to show.
 */
export function publishRefusalReason(
  stage: TenderStage,
  contracted: boolean,
  published: boolean,
): Exclude<GoodPracticeRefusal, 'read-only'> | null {
  if (published) return 'published';
  if (stage !== 'closed') return 'not-closed';
  if (!contracted) return 'not-contracted';
  return null;
}

/** The refusal in words, with the stage the tender is at. */
export function refusalMessage(reason: GoodPracticeRefusal, stage: TenderStage): string {
  return reason === 'not-closed' ? `${REFUSALS[reason]}; this one is at ${stage}.` : REFUSALS[reason];
}

/**
 * Publishing a finished tender to the good-practice library, changing its text and withdrawing
 * it. Who may is the tender's own rule (`TenderAccess`): lead and members through the people who
 * write for them; withdrawing is for the lead alone. The tender's facts (procedure, CPV codes,
 * countries, KPIs, savings) are copied when the case is published.
 */
@Injectable()
export class GoodPracticeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly audit: AuditService,
  ) {}

  async forTender(principal: Principal, tenderId: string): Promise<TenderGoodPracticeView> {
    const manager = this.dataSource.manager;
    const caller = await this.access.require(manager, principal, tenderId, 'read');
    const existing = await this.caseOf(manager, caller);
    const reason = caller.mayEdit
      ? publishRefusalReason(caller.stage, await this.contracted(manager, tenderId), existing !== null)
      : 'read-only';
    return {
      tenderId,
      case: existing,
      publishRefusal: reason ? refusalMessage(reason, caller.stage) : null,
      publishRefusalReason: reason,
      mayEdit: caller.mayEdit,
      mayWithdraw: caller.mayEdit && caller.role === 'lead',
    };
  }

  async publish(principal: Principal, tenderId: string, input: GoodPracticeInput): Promise<GoodPracticeView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
      const [existing] = await manager.query<{ id: string }[]>(
        'SELECT id FROM good_practice_cases WHERE tender_id = $1',
        [tenderId],
      );
      const reason = publishRefusalReason(
        caller.stage,
        await this.contracted(manager, tenderId),
        existing !== undefined,
      );
      if (reason) throw new ConflictException(refusalMessage(reason, caller.stage));
      const snapshot = await takeSnapshot(manager, tenderId);
      const text = { title: input.title.trim(), summary: input.summary.trim(), lessons: input.lessons.trim() };
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO good_practice_cases (tender_id, consortium_id, title, summary, lessons, procedure_type, domain,
                                          cpv_codes, countries, participants, kpis, savings, published_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [
          tenderId,
          caller.consortiumId,
          text.title,
          text.summary,
          text.lessons,
          snapshot.procedureType,
          snapshot.domain,
          snapshot.cpvCodes,
          snapshot.countries,
          JSON.stringify(snapshot.participants),
          JSON.stringify(snapshot.kpis),
          JSON.stringify(snapshot.savings),
          principal.userId,
          caller.organisationId,
        ],
      );
      await this.record(manager, principal, caller, 'good-practice.published', id, { ...text, tenderId });
      return id;
    });
    return this.view(id, principal);
  }

  async update(principal: Principal, tenderId: string, input: GoodPracticeUpdateInput): Promise<GoodPracticeView> {
    const id = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
      const id = await this.requireCase(manager, tenderId);
      const after: Record<string, string> = {};
      if (input.title !== undefined) after['title'] = input.title.trim();
      if (input.summary !== undefined) after['summary'] = input.summary.trim();
      if (input.lessons !== undefined) after['lessons'] = input.lessons.trim();
      if (Object.keys(after).length === 0) return id;
      await manager.query(
        `UPDATE good_practice_cases SET title = COALESCE($2, title), summary = COALESCE($3, summary),
                lessons = COALESCE($4, lessons), updated_at = now()
          WHERE id = $1`,
        [id, after['title'] ?? null, after['summary'] ?? null, after['lessons'] ?? null],
      );
      await this.record(manager, principal, caller, 'good-practice.updated', id, after);
      return id;
    });
    return this.view(id, principal);
  }

  async withdraw(principal: Principal, tenderId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
      if (caller.role !== 'lead')
        throw new ForbiddenException(
          `Only the lead organisation of ${caller.consortiumName} withdraws its case from the good-practice library.`,
        );
      const id = await this.requireCase(manager, tenderId);
      await manager.query('DELETE FROM good_practice_cases WHERE id = $1', [id]);
      await this.record(manager, principal, caller, 'good-practice.withdrawn', id, { tenderId });
    });
  }

  private async contracted(manager: EntityManager, tenderId: string): Promise<boolean> {
    const [row] = await manager.query<{ contracted: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM tender_stage_changes WHERE tender_id = $1 AND to_stage = ANY($2)) AS contracted`,
      [tenderId, CONTRACTED_STAGES],
    );
    return row.contracted;
  }

  private async caseOf(manager: EntityManager, caller: TenderCaller): Promise<GoodPracticeView | null> {
    const [row] = await manager.query<Parameters<typeof toCaseView>[0][]>(`${CASE_SELECT} WHERE g.tender_id = $1`, [
      caller.tenderId,
      caller.organisationId,
    ]);
    return row ? toCaseView(row) : null;
  }

  private async requireCase(manager: EntityManager, tenderId: string): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(
      'SELECT id FROM good_practice_cases WHERE tender_id = $1 FOR UPDATE',
      [tenderId],
    );
    if (!row) throw new NotFoundException('This tender has no case in the good-practice library.');
    return row.id;
  }

  private async view(id: string, principal: Principal): Promise<GoodPracticeView> {
    const [row] = await this.dataSource.manager.query<Parameters<typeof toCaseView>[0][]>(
      `${CASE_SELECT} WHERE g.id = $1`,
      [id, principal.acting?.organisationId ?? null],
    );
    return toCaseView(row);
  }

  private async record(
    manager: EntityManager,
    principal: Principal,
    caller: TenderCaller,
    action: string,
    caseId: string,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(manager, actorOf(principal), {
      action,
      entityType: 'good-practice-case',
      entityId: caseId,
      organisationId: caller.organisationId,
      summary: { after },
    });
  }
}
