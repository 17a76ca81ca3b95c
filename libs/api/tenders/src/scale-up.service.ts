import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  OrganisationKind,
  PilotEvaluationInput,
  PilotEvaluationView,
  PilotOutcome,
  SiteScaleStage,
  TenderSiteInput,
  TenderSiteView,
} from '@consortio/shared/contracts';
import { AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { fieldError } from './field-error';
import { type TenderCaller, TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { toPerson } from './tender-reader';
import { assertTracked } from './scale-up';
import { auditTenderChange } from './tender-audit';

const MAX_SITES = 500;

interface SiteRow {
  id: string;
  name: string;
  organisation_id: string;
  organisation_name: string;
  nuts_code: string;
  stage: SiteScaleStage;
  live_since: string | null;
  created_at: Date;
}

const SITE_COLUMNS = `s.id, s.name, s.organisation_id, o.name AS organisation_name, s.nuts_code, s.stage,
  to_char(s.live_since, 'YYYY-MM-DD') AS live_since, s.created_at`;

const toSite = (row: SiteRow): TenderSiteView => ({
  id: row.id,
  name: row.name,
  organisationId: row.organisation_id,
  organisationName: row.organisation_name,
  nutsCode: row.nuts_code,
  stage: row.stage,
  liveSince: row.live_since,
  createdAt: row.created_at.toISOString(),
});

/**
 * Where the contracted solution runs, from pilot to city to region, and the pilot's evaluation.
 * These feed the stage guards: a pilot needs a named pilot site, a city rollout the pilot's
 * results, a regional scale-up a municipality that runs the solution city-wide (a live city site).
 * Sites belong to the consortium's participants, since the contract is theirs; others replicate
 * the tender instead.
 */
@Injectable()
export class ScaleUpService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
  ) {}

  async sites(principal: Principal, tenderId: string): Promise<TenderSiteView[]> {
    const manager = this.dataSource.manager;
    await this.access.require(manager, principal, tenderId, 'read');
    const rows = await manager.query<SiteRow[]>(
      `SELECT ${SITE_COLUMNS} FROM tender_sites s JOIN organisations o ON o.id = s.organisation_id
        WHERE s.tender_id = $1
        ORDER BY array_position(ARRAY['pilot', 'city', 'region'], s.stage), s.name, s.id`,
      [tenderId],
    );
    return rows.map(toSite);
  }

  async addSite(principal: Principal, tenderId: string, input: TenderSiteInput): Promise<TenderSiteView> {
    const { caller, site } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.tracking(manager, principal, tenderId);
      const [organisation] = await manager.query<{ name: string; kind: OrganisationKind; nuts_code: string | null }[]>(
        `SELECT o.name, o.kind, o.nuts_code FROM consortium_members m JOIN organisations o ON o.id = m.organisation_id
          WHERE m.consortium_id = $1 AND m.organisation_id = $2 AND m.role IN ('lead', 'member')`,
        [caller.consortiumId, input.organisationId],
      );
      if (!organisation)
        throw fieldError(
          'organisationId',
          `${input.organisationId} is not a participating organisation of ${caller.consortiumName} (lead or member); the contract is theirs`,
        );
      if (input.stage === 'city' && organisation.kind !== 'municipality')
        throw fieldError(
          'organisationId',
          `a city-wide rollout is a municipality's; ${organisation.name} is a ${organisation.kind}`,
        );
      const nutsCode = input.nutsCode ?? organisation.nuts_code;
      if (!nutsCode) throw fieldError('nutsCode', `give the NUTS 3 code of the site: ${organisation.name} has none`);
      const [region] = await manager.query<{ code: string }[]>('SELECT code FROM nuts_regions WHERE code = $1', [
        nutsCode,
      ]);
      if (!region) throw fieldError('nutsCode', `${nutsCode} is not a NUTS 3 region known to the platform`);
      const liveSince = input.liveSince ?? null;
      if (liveSince !== null) {
        const [{ ahead }] = await manager.query<{ ahead: boolean }[]>('SELECT $1::date > current_date AS ahead', [
          liveSince,
        ]);
        if (ahead)
          throw fieldError('liveSince', `${liveSince} is still ahead; leave it empty while the site is planned`);
      }
      const [{ count }] = await manager.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM tender_sites WHERE tender_id = $1',
        [tenderId],
      );
      if (count >= MAX_SITES) throw new ConflictException(`A tender tracks at most ${MAX_SITES} sites.`);
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO tender_sites (tender_id, name, organisation_id, nuts_code, stage, live_since, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [tenderId, input.name.trim(), input.organisationId, nutsCode, input.stage, liveSince, principal.userId],
      );
      const [site] = await manager.query<SiteRow[]>(
        `SELECT ${SITE_COLUMNS} FROM tender_sites s JOIN organisations o ON o.id = s.organisation_id WHERE s.id = $1`,
        [id],
      );
      await auditTenderChange(this.audit, manager, caller, 'tender.site-added', { after: { ...toSite(site) } });
      return { caller, site: toSite(site) };
    });
    this.events.changed(caller.consortiumId, tenderId, 'scale-up', caller.stage);
    return site;
  }

  async removeSite(principal: Principal, tenderId: string, siteId: string): Promise<void> {
    const caller = await this.dataSource.transaction(async (manager) => {
      const caller = await this.tracking(manager, principal, tenderId);
      const [, deleted] = await manager.query<[unknown[], number]>(
        'DELETE FROM tender_sites WHERE id = $1 AND tender_id = $2',
        [siteId, tenderId],
      );
      if (deleted === 0) throw new NotFoundException(`There is no site ${siteId} in this tender.`);
      await auditTenderChange(this.audit, manager, caller, 'tender.site-removed', { before: { siteId } });
      return caller;
    });
    this.events.changed(caller.consortiumId, tenderId, 'scale-up', caller.stage);
  }

  /**
   * The pilot's results, recorded while the tender is at pilot; recording them again replaces
   * them (the audit trail keeps each). The outcome is the consortium's judgement; the guard to a
   * city rollout asks only that the results are on record.
   */
  async evaluatePilot(
    principal: Principal,
    tenderId: string,
    input: PilotEvaluationInput,
  ): Promise<PilotEvaluationView> {
    const caller = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
      if (caller.stage !== 'pilot')
        throw new ConflictException(
          `The pilot's results are recorded while the tender is at pilot; this one is at ${caller.stage}.`,
        );
      await manager.query(
        `INSERT INTO tender_pilot_evaluations (tender_id, summary, outcome, recorded_by, organisation_id)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (tender_id) DO UPDATE SET summary = EXCLUDED.summary, outcome = EXCLUDED.outcome,
           recorded_by = EXCLUDED.recorded_by, organisation_id = EXCLUDED.organisation_id, recorded_at = now()`,
        [tenderId, input.summary.trim(), input.outcome, principal.userId, caller.organisationId],
      );
      await auditTenderChange(this.audit, manager, caller, 'tender.pilot-evaluated', {
        after: { summary: input.summary.trim(), outcome: input.outcome },
      });
      return caller;
    });
    this.events.changed(caller.consortiumId, tenderId, 'scale-up', caller.stage);
    return this.pilotEvaluation(principal, tenderId);
  }

  async pilotEvaluation(principal: Principal, tenderId: string): Promise<PilotEvaluationView> {
    const manager = this.dataSource.manager;
    await this.access.require(manager, principal, tenderId, 'read');
    const [row] = await manager.query<
      {
        summary: string;
        outcome: PilotOutcome;
        recorded_at: Date;
        recorded_by: string | null;
        recorded_by_name: string | null;
        organisation_name: string | null;
      }[]
    >(
      `SELECT p.summary, p.outcome, p.recorded_at, p.recorded_by, u.display_name AS recorded_by_name,
              o.name AS organisation_name
         FROM tender_pilot_evaluations p
         LEFT JOIN users u ON u.id = p.recorded_by
         LEFT JOIN organisations o ON o.id = p.organisation_id
        WHERE p.tender_id = $1`,
      [tenderId],
    );
    if (!row) throw new NotFoundException("The pilot's results are not recorded yet.");
    return {
      tenderId,
      summary: row.summary,
      outcome: row.outcome,
      recordedAt: row.recorded_at.toISOString(),
      recordedBy: toPerson(row.recorded_by, row.recorded_by_name, row.organisation_name),
    };
  }

  private async tracking(manager: EntityManager, principal: Principal, tenderId: string): Promise<TenderCaller> {
    const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
    assertTracked(caller.stage);
    return caller;
  }
}
