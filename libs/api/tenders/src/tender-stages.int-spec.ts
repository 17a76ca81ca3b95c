import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConflictException, ForbiddenException } from '@nestjs/common';
import * as ts from 'typescript';
import type { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { type AwardCriterion, type LotRules, TENDER_STAGES, type TenderStage } from '@consortio/shared/contracts';
import { appendSections, paragraphs, sectionsOf } from '@consortio/shared/collab';
import { AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { loadConfig } from '@consortio/api/platform/config';
import { OutboxService } from '@consortio/api/platform/queue';
import { EmitterEventsPublisher } from '@consortio/api/platform/realtime';
import { RedisConfig, RedisConnections } from '@consortio/api/platform/redis';
import { Notifier } from '@consortio/api/notifications';
import { sectionHash } from '@consortio/api/specifications';
import { openTestDataSource, truncateAll } from '@consortio/api/testing';
import { SpecificationApproval } from './specification-approval';
import { TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { TenderReader } from './tender-reader';
import { TenderStagesService } from './tender-stages.service';

/**
 * Every guard of the tender stage machine (`tenderTransitionRefusal` in
 * libs/shared/domain/src/tender-stage.ts) driven through TenderStagesService against the real
 * database: each refusal answers 409 with its explaining message and changes nothing, each
 * allowed move writes the stage, its history row, its audit event and the consortium's
 * notifications in one transaction. The last test reads the refusals out of the domain's source,
 * so a guard added there without a case here fails this suite.
 */

const DOMAIN_SOURCE = join(__dirname, '../../../shared/domain/src/tender-stage.ts');
const VALID_CRITERIA: AwardCriterion[] = [
  { kind: 'price', name: 'Price', weight: 60 },
  { kind: 'quality', name: 'Quality', weight: 40 },
];
const ALL_LOTS: LotRules = { bidsOn: 'all', maxLotsPerTenderer: null };

/** The messages `tenderTransitionRefusal` can return, as patterns (template parts match anything). */
function refusalPatternsOfDomain(): { source: string; pattern: RegExp }[] {
  const file = ts.createSourceFile(DOMAIN_SOURCE, readFileSync(DOMAIN_SOURCE, 'utf8'), ts.ScriptTarget.ES2022, true);
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns: { source: string; pattern: RegExp }[] = [];
  const add = (expression: ts.Expression): void => {
    if (ts.isParenthesizedExpression(expression)) return add(expression.expression);
    if (ts.isConditionalExpression(expression)) {
      add(expression.whenTrue);
      add(expression.whenFalse);
      return;
    }
    if (expression.kind === ts.SyntaxKind.NullKeyword) return;
    if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) {
      patterns.push({ source: expression.text, pattern: new RegExp(`^${escape(expression.text)}$`) });
      return;
    }
    if (ts.isTemplateExpression(expression)) {
      const body = [
        escape(expression.head.text),
        ...expression.templateSpans.map((s) => `.+${escape(s.literal.text)}`),
      ];
      patterns.push({ source: expression.getText(file), pattern: new RegExp(`^${body.join('')}$`) });
      return;
    }
    throw new Error(`tenderTransitionRefusal returns something this test cannot read: ${expression.getText(file)}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) add(node.expression);
    // Helpers declared inside would return other things; there are none today.
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  let found = false;
  ts.forEachChild(file, (node) => {
    if (ts.isFunctionDeclaration(node) && node.name?.text === 'tenderTransitionRefusal' && node.body) {
      found = true;
      ts.forEachChild(node.body, visit);
    }
  });
  if (!found) throw new Error(`tenderTransitionRefusal is no longer in ${DOMAIN_SOURCE}`);
  return patterns;
}

interface Snapshot {
  tender: unknown;
  history: number;
  audit: number;
  notifications: number;
  outbox: number;
}

describe('tender stages against PostgreSQL: every guard, and the audit of every move', () => {
  let dataSource: DataSource;
  let redis: RedisConnections;
  let stages: TenderStagesService;
  let lead: string;
  let member: string;
  let observer: string;
  let officer: Principal;
  let observerPrincipal: Principal;
  let officerId: string;
  let memberOfficerId: string;
  let consortiumId: string;
  let specificationId: string;
  let versionId: string;
  let versionDoc: Y.Doc;
  /** Every refusal message a test saw, to compare with the domain's list at the end. */
  const hit = new Set<string>();

  const insert = async (sql: string, params: unknown[] = []): Promise<string> => {
    const [{ id }] = await dataSource.query<{ id: string }[]>(sql, params);
    return id;
  };

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    await truncateAll(dataSource);
    await dataSource.query("INSERT INTO nuts_regions (code, country_iso3, name) VALUES ('DE212', 'DEU', 'München')");
    lead = await insert(
      `INSERT INTO organisations (kind, name, country, nuts_code, population, verification)
       VALUES ('municipality', 'Gemeinde Leadstadt', 'DE', 'DE212', 12000, 'verified') RETURNING id`,
    );
    member = await insert(
      `INSERT INTO organisations (kind, name, country, nuts_code, population, verification)
       VALUES ('municipality', 'Markt Mitglied', 'DE', 'DE212', 4000, 'verified') RETURNING id`,
    );
    observer = await insert(
      `INSERT INTO organisations (kind, name, country, jurisdiction, verification)
       VALUES ('authority', 'Landesministerium', 'DE', 'DE', 'verified') RETURNING id`,
    );
    officerId = await insert(
      "INSERT INTO users (email, display_name) VALUES ('officer@leadstadt.test', 'Olga Officer') RETURNING id",
    );
    memberOfficerId = await insert(
      "INSERT INTO users (email, display_name) VALUES ('officer@mitglied.test', 'Max Mitglied') RETURNING id",
    );
    const analystId = await insert(
      "INSERT INTO users (email, display_name) VALUES ('analyst@ministerium.test', 'Ana Analyst') RETURNING id",
    );
    await dataSource.query(
      `INSERT INTO memberships (user_id, organisation_id, role) VALUES
         ($1, $2, 'procurement-officer'), ($3, $4, 'procurement-officer'), ($5, $6, 'viewer')`,
      [officerId, lead, memberOfficerId, member, analystId, observer],
    );
    consortiumId = await insert(
      "INSERT INTO consortia (name, domain, lead_organisation_id) VALUES ('Stage guard consortium', 'mobility', $1) RETURNING id",
      [lead],
    );
    await dataSource.query(
      `INSERT INTO consortium_members (consortium_id, organisation_id, role)
       VALUES ($1, $2, 'lead'), ($1, $3, 'member'), ($1, $4, 'observer')`,
      [consortiumId, lead, member, observer],
    );
    await dataSource.query(
      "INSERT INTO consortium_agreements (consortium_id, legal_basis, cost_key) VALUES ($1, 'art-38-occasional-joint-procurement', 'equal')",
      [consortiumId],
    );
    const templateId = await insert(
      `INSERT INTO specification_templates (key, name, sections)
       VALUES ('stage-guards', 'Stage guards', '[{"key":"scope","title":"Scope","guidance":"What."}]') RETURNING id`,
    );
    specificationId = await insert(
      'INSERT INTO specifications (consortium_id, title, template_id) VALUES ($1, $2, $3) RETURNING id',
      [consortiumId, 'Electric vehicles', templateId],
    );
    versionDoc = new Y.Doc();
    appendSections(versionDoc, [
      { id: 'sec-scope', key: 'scope', title: 'Scope', content: paragraphs('Twelve electric utility vehicles.') },
      { id: 'sec-terms', key: 'terms', title: 'Terms', content: paragraphs('Delivery within 16 weeks.') },
    ]);
    versionId = await insert(
      "INSERT INTO specification_versions (specification_id, number, label, state) VALUES ($1, 1, 'For approval', $2) RETURNING id",
      [specificationId, Buffer.from(Y.encodeStateAsUpdate(versionDoc))],
    );

    redis = new RedisConnections(
      loadConfig(RedisConfig, { ...process.env, REDIS_KEY_PREFIX: `it-stages-${process.pid}` }),
    );
    const outbox = new OutboxService();
    stages = new TenderStagesService(
      dataSource,
      new TenderAccess(),
      new TenderReader(new SpecificationApproval()),
      new TenderEvents(new EmitterEventsPublisher(redis)),
      new AuditService(dataSource),
      new Notifier(outbox),
      outbox,
    );
    const acting = (
      organisationId: string,
      kind: 'municipality' | 'authority',
      role: 'procurement-officer' | 'viewer',
    ) =>
      ({
        organisationId,
        kind,
        role,
        verification: 'verified',
        jurisdiction: kind === 'authority' ? 'DE' : null,
      }) as const;
    officer = {
      userId: officerId,
      sessionId: 'int-spec',
      platformAdmin: false,
      memberships: [{ organisationId: lead, role: 'procurement-officer' }],
      acting: acting(lead, 'municipality', 'procurement-officer'),
    };
    observerPrincipal = {
      userId: analystId,
      sessionId: 'int-spec',
      platformAdmin: false,
      memberships: [{ organisationId: observer, role: 'viewer' }],
      acting: acting(observer, 'authority', 'viewer'),
    };
  });

  afterAll(async () => {
    versionDoc?.destroy();
    await redis?.onApplicationShutdown();
    await dataSource?.destroy();
  });

  // --- set-up of facts, straight in the tables the reader gathers them from ---

  async function tender(
    stage: TenderStage,
    options: {
      lotRules?: LotRules;
      criteria?: AwardCriterion[];
      versionLinked?: boolean;
      deadline?: 'past' | 'future' | null;
      contractSignedOn?: string | null;
    } = {},
  ): Promise<string> {
    const linked = options.versionLinked ?? false;
    const deadline =
      options.deadline === 'past'
        ? "now() - interval '1 minute'"
        : options.deadline === 'future'
          ? "now() + interval '1 day'"
          : 'NULL';
    return insert(
      `INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, stage, lot_rules, criteria,
                            specification_id, specification_version_id, tender_deadline, contract_signed_on, created_by)
       VALUES ($1, 'Electric utility vehicles', 'open', 290000, $2, $3, $4, $5, $6, ${deadline}, $7, $8) RETURNING id`,
      [
        consortiumId,
        stage,
        JSON.stringify(options.lotRules ?? ALL_LOTS),
        JSON.stringify(options.criteria ?? VALID_CRITERIA),
        linked ? specificationId : null,
        linked ? versionId : null,
        options.contractSignedOn ?? null,
        officerId,
      ],
    );
  }

  const addLot = (tenderId: string, number: number, criteria: AwardCriterion[] | null = null) =>
    insert(
      `INSERT INTO tender_lots (tender_id, number, title, cpv_codes, value, criteria)
       VALUES ($1, $2, $3, ARRAY['34144900-7'], 145000, $4) RETURNING id`,
      [tenderId, number, `Lot ${number}`, criteria === null ? null : JSON.stringify(criteria)],
    );
  const recordEvaluation = (tenderId: string, lotId: string) =>
    dataSource.query(
      `INSERT INTO tender_lot_evaluations (lot_id, tender_id, criteria, bidders, ranking)
       VALUES ($1, $2, '[]', '[{"name":"Alpen E-Fahrzeuge AG"}]', '[]')`,
      [lotId, tenderId],
    );
  const award = (tenderId: string, lotId: string) =>
    dataSource.query(
      `INSERT INTO tender_lot_awards (lot_id, tender_id, supplier_name, value, awarded_on)
       VALUES ($1, $2, 'Alpen E-Fahrzeuge AG', 140000, current_date)`,
      [lotId, tenderId],
    );
  const addSite = (tenderId: string, stage: 'pilot' | 'city', liveSince: string | null) =>
    dataSource.query(
      `INSERT INTO tender_sites (tender_id, name, organisation_id, nuts_code, stage, live_since)
       VALUES ($1, 'Depot Nord', $2, 'DE212', $3, ${liveSince ?? 'NULL'})`,
      [tenderId, lead, stage],
    );
  const signAgreement = (organisationId: string) =>
    dataSource.query(
      `INSERT INTO agreement_signatures (consortium_id, organisation_id, version, signed_by, council_decision_ref)
       VALUES ($1, $2, 1, $3, 'GR-2027/14')`,
      [consortiumId, organisationId, officerId],
    );
  const approveVersion = (organisationId: string, hash: (sectionId: string) => string) =>
    Promise.all(
      sectionsOf(versionDoc).map((section) =>
        dataSource.query(
          `INSERT INTO section_approvals (specification_id, section_id, organisation_id, content_hash)
           VALUES ($1, $2, $3, $4)
           ON CONFLICT (specification_id, section_id, organisation_id) DO UPDATE SET content_hash = excluded.content_hash`,
          [specificationId, section.id, organisationId, hash(section.id)],
        ),
      ),
    );

  // --- the two outcomes ---

  async function snapshot(tenderId: string): Promise<Snapshot> {
    const [row] = await dataSource.query<{ tender: unknown }[]>(
      `SELECT to_jsonb(t) || jsonb_build_object('xmin', t.xmin::text) AS tender FROM tenders t WHERE t.id = $1`,
      [tenderId],
    );
    const [counts] = await dataSource.query<Omit<Snapshot, 'tender'>[]>(
      `SELECT (SELECT count(*)::int FROM tender_stage_changes WHERE tender_id = $1) AS history,
              (SELECT count(*)::int FROM audit_events) AS audit,
              (SELECT count(*)::int FROM notifications) AS notifications,
              (SELECT count(*)::int FROM outbox_messages) AS outbox`,
      [tenderId],
    );
    return { tender: row.tender, ...counts };
  }

  /** The move is refused with exactly `message`, and nothing in the database changed. */
  async function refused(tenderId: string, to: TenderStage, message: string, reason?: string): Promise<void> {
    const before = await snapshot(tenderId);
    const attempt = stages.transition(officer, tenderId, to, reason);
    await expect(attempt).rejects.toBeInstanceOf(ConflictException);
    await expect(attempt).rejects.toThrow(message);
    const error = (await attempt.catch((caught: unknown) => caught)) as ConflictException;
    expect(error.message).toBe(message);
    hit.add(error.message);
    expect(await snapshot(tenderId)).toEqual(before);
  }

  /**
   * The move happens, and the tender's new stage, its history row, its audit event and the
   * notifications to the other participants were written by one and the same transaction
   * (PostgreSQL stamps every row a transaction writes with its id, `xmin`).
   */
  async function moved(tenderId: string, to: TenderStage, reason?: string): Promise<void> {
    const [{ stage: from }] = await dataSource.query<{ stage: TenderStage }[]>(
      'SELECT stage FROM tenders WHERE id = $1',
      [tenderId],
    );
    const [{ seq: lastSeq }] = await dataSource.query<{ seq: string }[]>(
      'SELECT COALESCE(max(seq), 0)::text AS seq FROM audit_events',
    );
    const view = await stages.transition(officer, tenderId, to, reason);
    expect(view.stage).toBe(to);
    const given = reason?.trim() ? reason.trim() : null;

    const history = await dataSource.query<
      {
        id: string;
        from_stage: string;
        to_stage: string;
        reason: string | null;
        changed_by: string;
        organisation_id: string;
        xmin: string;
      }[]
    >(
      `SELECT id, from_stage, to_stage, reason, changed_by, organisation_id, xmin::text AS xmin
         FROM tender_stage_changes WHERE tender_id = $1 ORDER BY id DESC LIMIT 1`,
      [tenderId],
    );
    expect(history[0]).toMatchObject({
      from_stage: from,
      to_stage: to,
      reason: given,
      changed_by: officerId,
      organisation_id: lead,
    });
    const audit = await dataSource.query<
      {
        action: string;
        entity_type: string;
        entity_id: string;
        actor_user_id: string;
        organisation_id: string;
        summary: unknown;
        xmin: string;
      }[]
    >(
      `SELECT action, entity_type, entity_id, actor_user_id, organisation_id, summary, xmin::text AS xmin
         FROM audit_events WHERE seq > $1 ORDER BY seq`,
      [lastSeq],
    );
    expect(audit).toEqual([
      {
        action: 'tender.stage-changed',
        entity_type: 'tender',
        entity_id: tenderId,
        actor_user_id: officerId,
        organisation_id: lead,
        summary: { before: { stage: from }, after: { stage: to, reason: given } },
        xmin: history[0].xmin,
      },
    ]);
    const [row] = await dataSource.query<{ stage: string; xmin: string }[]>(
      'SELECT stage, xmin::text AS xmin FROM tenders WHERE id = $1',
      [tenderId],
    );
    expect(row).toMatchObject({ stage: to, xmin: history[0].xmin });
    // The member's officer hears of it in the same transaction; the one who moved it does not.
    const notified = await dataSource.query<{ user_id: string; title: string }[]>(
      'SELECT user_id, title FROM notifications WHERE xmin::text = $1',
      [history[0].xmin],
    );
    expect(notified).toEqual([{ user_id: memberOfficerId, title: expect.stringContaining('→') }]);
  }

  describe('the way through, from needs to a closed tender, with every guard on it', () => {
    let tenderId: string;
    let lots: string[];

    it('moves one stage at a time from needs assessment, and back to needs from market consultation', async () => {
      tenderId = await tender('needs-assessment');
      await refused(tenderId, 'needs-assessment', 'The tender is already at needs-assessment.');
      await refused(
        tenderId,
        'specification',
        'From needs-assessment a tender can only move to market-consultation or closed.',
      );
      await refused(
        tenderId,
        'published',
        'From needs-assessment a tender can only move to market-consultation or closed.',
      );
      await moved(tenderId, 'market-consultation');
      await refused(
        tenderId,
        'approval',
        'From market-consultation a tender can only move to specification, needs-assessment or closed.',
      );
      await moved(tenderId, 'needs-assessment');
      await moved(tenderId, 'market-consultation');
      await moved(tenderId, 'specification');
    });

    it('goes to approval only with a named version linked, and drafting may return to the market', async () => {
      await refused(
        tenderId,
        'approval',
        'Link a named version of the specification first: reviewers approve a fixed text, not a document still being edited.',
      );
      await moved(tenderId, 'market-consultation');
      await moved(tenderId, 'specification');
      await dataSource.query('UPDATE tenders SET specification_id = $2, specification_version_id = $3 WHERE id = $1', [
        tenderId,
        specificationId,
        versionId,
      ]);
      await moved(tenderId, 'approval');
      // Reviewers may return the text, and it comes back.
      await moved(tenderId, 'specification');
      await moved(tenderId, 'approval');
    });

    it('publishes only with the agreement signed, the version approved, lots, valid lot rules and valid criteria', async () => {
      const agreement =
        'Every participant must sign the joint-procurement agreement before the lead publishes on their behalf (Art. 38 of Directive 2014/24/EU).';
      const approved =
        'Publish an approved version of the specification: link a named version and have it approved first.';
      const noLots =
        'Add at least one lot: the contract notice states the lots bidders can tender for (Art. 46 of Directive 2014/24/EU).';
      const lotRules =
        'Fix the lot rules: the contract notice must say how many lots a tenderer may bid for (Art. 46(2) of Directive 2014/24/EU).';
      const criteria =
        'Fix the award criteria: for the tender and every lot with its own they must include price or life-cycle cost and their weights must total 100 (Art. 67 of Directive 2014/24/EU).';

      await refused(tenderId, 'published', agreement);
      // The lead alone is not every participant; the observer does not sign.
      await signAgreement(lead);
      await refused(tenderId, 'published', agreement);
      await signAgreement(member);

      // With no version linked (unlinked at approval), and with one linked but not approved.
      await dataSource.query('UPDATE tenders SET specification_version_id = NULL WHERE id = $1', [tenderId]);
      await refused(tenderId, 'published', approved);
      await dataSource.query('UPDATE tenders SET specification_version_id = $2 WHERE id = $1', [tenderId, versionId]);
      await refused(tenderId, 'published', approved);
      // Approvals given on other text do not count, nor does one participant's approval alone.
      await approveVersion(lead, () => 'f'.repeat(64));
      await approveVersion(member, (sectionId) => sectionHash(versionDoc, sectionId));
      await refused(tenderId, 'published', approved);
      await approveVersion(lead, (sectionId) => sectionHash(versionDoc, sectionId));

      await refused(tenderId, 'published', noLots);
      lots = [await addLot(tenderId, 1), await addLot(tenderId, 2)];
      // "One lot, at most 3" does not fit two lots.
      await dataSource.query('UPDATE tenders SET lot_rules = $2 WHERE id = $1', [
        tenderId,
        JSON.stringify({ bidsOn: 'one', maxLotsPerTenderer: 3 }),
      ]);
      await refused(tenderId, 'published', lotRules);
      await dataSource.query('UPDATE tenders SET lot_rules = $2 WHERE id = $1', [tenderId, JSON.stringify(ALL_LOTS)]);

      // The tender's own criteria, then a lot's own criteria.
      await dataSource.query('UPDATE tenders SET criteria = $2 WHERE id = $1', [
        tenderId,
        JSON.stringify([{ kind: 'quality', name: 'Quality', weight: 100 }]),
      ]);
      await refused(tenderId, 'published', criteria);
      await dataSource.query('UPDATE tenders SET criteria = $2 WHERE id = $1', [
        tenderId,
        JSON.stringify(VALID_CRITERIA),
      ]);
      await dataSource.query('UPDATE tender_lots SET criteria = $2 WHERE id = $1', [
        lots[1],
        JSON.stringify([{ kind: 'price', name: 'Price', weight: 70 }]),
      ]);
      await refused(tenderId, 'published', criteria);
      await dataSource.query('UPDATE tender_lots SET criteria = $2 WHERE id = $1', [
        lots[1],
        JSON.stringify([
          { kind: 'price', name: 'Price', weight: 70 },
          { kind: 'sustainability', name: 'Emissions', weight: 30 },
        ]),
      ]);

      await moved(tenderId, 'published');
    });

    it('withdraws a published procedure only with a reason, and publishes it again', async () => {
      const withdrawal =
        'Say why the published procedure is withdrawn to amend the specification: bidders are told, and the record of the procedure keeps it (Art. 84 of Directive 2014/24/EU).';
      await refused(tenderId, 'specification', withdrawal);
      await refused(tenderId, 'specification', withdrawal, '   ');
      await refused(
        tenderId,
        'awarded',
        'From published a tender can only move to evaluation, specification or closed.',
      );
      await moved(tenderId, 'specification', '  Lot 2 needs another charging standard.  ');
      await moved(tenderId, 'approval');
      await moved(tenderId, 'published');
    });

    it('opens tenders only after the time limit for receipt has passed, by the database clock', async () => {
      const early =
        'Tenders may be opened only after the time limit for receiving them has passed (Art. 22(3) of Directive 2014/24/EU).';
      // No time limit set counts as not passed.
      await refused(tenderId, 'evaluation', early);
      await dataSource.query("UPDATE tenders SET tender_deadline = now() + interval '1 hour' WHERE id = $1", [
        tenderId,
      ]);
      await refused(tenderId, 'evaluation', early);
      await dataSource.query("UPDATE tenders SET tender_deadline = now() - interval '1 second' WHERE id = $1", [
        tenderId,
      ]);
      await moved(tenderId, 'evaluation');
    });

    it('awards only once every lot is evaluated and awarded', async () => {
      const evaluate =
        'Record the evaluation of every lot first: the record of the procedure must show how each award was decided (Art. 84 of Directive 2014/24/EU).';
      const awardAll = 'Award every lot first: the tender is awarded once each lot has its supplier.';
      await refused(tenderId, 'specification', 'From evaluation a tender can only move to awarded or closed.', 'amend');
      await refused(tenderId, 'contract-signed', 'From evaluation a tender can only move to awarded or closed.');
      await refused(tenderId, 'awarded', evaluate);
      await recordEvaluation(tenderId, lots[0]);
      await refused(tenderId, 'awarded', evaluate);
      await recordEvaluation(tenderId, lots[1]);
      await refused(tenderId, 'awarded', awardAll);
      await award(tenderId, lots[0]);
      await refused(tenderId, 'awarded', awardAll);
      await award(tenderId, lots[1]);
      await moved(tenderId, 'awarded');
    });

    it('reopens an award for evaluation only with a reason', async () => {
      const reopen =
        'Say why the award is reopened (set aside on review, for example): the record of the procedure keeps it (Art. 84 of Directive 2014/24/EU).';
      await refused(tenderId, 'evaluation', reopen);
      await refused(tenderId, 'evaluation', reopen, '\n\t');
      await moved(tenderId, 'evaluation', 'Set aside by the review body (VK Südbayern, 3194.Z3-3_01-27-12).');
      await moved(tenderId, 'awarded');
    });

    it('records the signed contract only with its date and every lot awarded', async () => {
      await refused(tenderId, 'contract-signed', 'Enter the date the contract was signed.');
      await dataSource.query("UPDATE tenders SET contract_signed_on = '2027-05-03' WHERE id = $1", [tenderId]);
      // Through the api every lot stays awarded at this stage (awards are withdrawn at evaluation
      // only, and lots are fixed since publication), so this guard only answers for data changed
      // behind the api's back; it must still hold.
      await dataSource.query('DELETE FROM tender_lot_awards WHERE lot_id = $1', [lots[1]]);
      await refused(tenderId, 'contract-signed', 'Award every lot before recording the signed contract.');
      await award(tenderId, lots[1]);
      await refused(tenderId, 'pilot', 'From awarded a tender can only move to contract-signed, evaluation or closed.');
      await moved(tenderId, 'contract-signed');
      // Nothing goes back from a signed contract.
      await refused(tenderId, 'awarded', 'From contract-signed a tender can only move to pilot or closed.', 'changed');
    });

    it('starts the pilot only under a signed contract and with a pilot site', async () => {
      await refused(tenderId, 'pilot', 'Name at least one pilot site before starting the pilot.');
      await addSite(tenderId, 'pilot', null);
      // The contract date can be cleared through PATCH /tenders/:id at this stage.
      await dataSource.query('UPDATE tenders SET contract_signed_on = NULL WHERE id = $1', [tenderId]);
      await refused(tenderId, 'pilot', 'A pilot runs under a signed contract: enter the date the contract was signed.');
      await dataSource.query("UPDATE tenders SET contract_signed_on = '2027-05-03' WHERE id = $1", [tenderId]);
      await moved(tenderId, 'pilot');
    });

    it("rolls out across a city only on the pilot's results, and scales up regionally only with a live city", async () => {
      await refused(
        tenderId,
        'city-rollout',
        "Record the pilot's results first: the decision to roll out across a city rests on them.",
      );
      await dataSource.query(
        "INSERT INTO tender_pilot_evaluations (tender_id, summary, outcome) VALUES ($1, 'Worked well.', 'successful')",
        [tenderId],
      );
      await moved(tenderId, 'city-rollout');

      const noCity =
        'Regional scale-up builds on a city that runs the solution in full: record at least one city rollout first.';
      await refused(tenderId, 'regional-scaleup', noCity);
      // A city site that goes live next month is not live yet.
      await addSite(tenderId, 'city', 'current_date + 30');
      await refused(tenderId, 'regional-scaleup', noCity);
      await addSite(tenderId, 'city', 'current_date');
      await moved(tenderId, 'regional-scaleup');
    });

    it('closes at the end without a reason, and a closed tender stays closed', async () => {
      await moved(tenderId, 'closed');
      for (const to of ['needs-assessment', 'specification', 'published', 'regional-scaleup'] as const)
        await refused(tenderId, to, 'A closed tender stays closed.', 'reopen it');
      await refused(tenderId, 'closed', 'The tender is already at closed.', 'again');
      const [{ count }] = await dataSource.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM tender_stage_changes WHERE tender_id = $1',
        [tenderId],
      );
      // Every move above, each with its own row.
      expect(count).toBe(22);
    });
  });

  it('closes early from any other stage only with a reason, kept in the history and the audit trail', async () => {
    const why =
      'Say why the tender is closed before its end (withdrawn, cancelled, no suitable tenders): the record of the procedure must give the reason (Art. 84(1)(h) of Directive 2014/24/EU).';
    // Every stage but the last before its normal end (regional scale-up) and closed itself.
    const open = TENDER_STAGES.filter((stage) => stage !== 'regional-scaleup' && stage !== 'closed');
    for (const stage of open) {
      const tenderId = await tender(stage);
      await refused(tenderId, 'closed', why);
      await refused(tenderId, 'closed', why, '  ');
      await moved(tenderId, 'closed', `No suitable tenders (${stage}).`);
    }
  });

  it('lets exactly one of two simultaneous moves of the same tender through', async () => {
    const tenderId = await tender('needs-assessment');
    const results = await Promise.allSettled([
      stages.transition(officer, tenderId, 'market-consultation', undefined),
      stages.transition(officer, tenderId, 'market-consultation', undefined),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejection = results.find((result) => result.status === 'rejected');
    expect((rejection as PromiseRejectedResult).reason).toBeInstanceOf(ConflictException);
    expect(((rejection as PromiseRejectedResult).reason as Error).message).toBe(
      'The tender is already at market-consultation.',
    );
    const [{ count }] = await dataSource.query<{ count: number }[]>(
      "SELECT count(*)::int AS count FROM audit_events WHERE entity_id = $1 AND action = 'tender.stage-changed'",
      [tenderId],
    );
    expect(count).toBe(1);
  });

  it('refuses an observer before any rule, changing nothing', async () => {
    const tenderId = await tender('needs-assessment');
    const before = await snapshot(tenderId);
    await expect(stages.transition(observerPrincipal, tenderId, 'market-consultation', undefined)).rejects.toThrow(
      ForbiddenException,
    );
    expect(await snapshot(tenderId)).toEqual(before);
  });

  it('has a case above for every refusal tenderTransitionRefusal can give', () => {
    const patterns = refusalPatternsOfDomain();
    // Sanity: the reader found the guards at all (there are 21 today).
    expect(patterns.length).toBeGreaterThanOrEqual(20);
    const uncovered = patterns
      .filter(({ pattern }) => ![...hit].some((message) => pattern.test(message)))
      .map(({ source }) => source);
    expect(uncovered).toEqual([]);
  });
});
