import { ConflictException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  consortiumChannel,
  type DecisionKind,
  type DecisionResultView,
  type DecisionView,
  type MajorityRule,
  type Page,
} from '@consortio/shared/contracts';
import { tallyDecision } from '@consortio/shared/domain';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { OutboxService } from '@consortio/api/platform/queue';
import { EventsPublisher } from '@consortio/api/platform/realtime';
import { Notifier } from '@consortio/api/notifications';
import { ApplicationsService } from './applications.service';
import { ConsortiumAccess } from './consortium-access';
import type { ProposeDecisionDto } from './dto/decision.dto';
import { queryPage } from '@consortio/api/platform/database';

interface DecisionRow {
  id: string;
  consortium_id: string;
  kind: DecisionKind;
  title: string;
  description: string;
  options: string[];
  quorum_percent: number;
  majority: MajorityRule;
  deadline: Date;
  status: 'open' | 'closed';
  result: DecisionResultView | null;
  application_id: string | null;
  proposed_by_organisation: string;
  proposer_name: string;
  created_at: Date;
  closed_at: Date | null;
  votes: number[];
  eligible: number;
}

const SELECT = `
  SELECT d.*, o.name AS proposer_name,
         ARRAY(SELECT v.option FROM votes v
                 JOIN consortium_members m ON m.consortium_id = d.consortium_id AND m.organisation_id = v.organisation_id
                WHERE v.decision_id = d.id AND m.role <> 'observer') AS votes,
         (SELECT count(*)::int FROM consortium_members m WHERE m.consortium_id = d.consortium_id AND m.role <> 'observer') AS eligible
    FROM decisions d JOIN organisations o ON o.id = d.proposed_by_organisation`;

/** Shortest and longest time a vote may run. */
export const MIN_VOTING_SECONDS = 30;
export const MAX_VOTING_DAYS = 365;

const tallyOf = (row: DecisionRow): DecisionResultView =>
  row.result ??
  tallyDecision({
    optionCount: row.options.length,
    votes: row.votes,
    eligible: row.eligible,
    quorumPercent: row.quorum_percent,
    majority: row.majority,
  });

const toView = (row: DecisionRow, myVote: number | null): DecisionView => ({
  id: row.id,
  consortiumId: row.consortium_id,
  kind: row.kind,
  title: row.title,
  description: row.description,
  options: row.options,
  quorumPercent: row.quorum_percent,
  majority: row.majority,
  deadline: row.deadline.toISOString(),
  status: row.status,
  proposedBy: { organisationId: row.proposed_by_organisation, name: row.proposer_name },
  applicationId: row.application_id,
  tally: tallyOf(row),
  myVote,
  createdAt: row.created_at.toISOString(),
  closedAt: row.closed_at?.toISOString() ?? null,
});

/**
 * Motions and votes: one vote per participating organisation, changeable until the deadline,
 * counted by the rules set when the motion was made. A delayed job closes the decision at its
 * deadline, records the result, and has every member told.
 */
@Injectable()
export class DecisionsService {
  private readonly logger = new Logger(DecisionsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: ConsortiumAccess,
    private readonly applications: ApplicationsService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly events: EventsPublisher,
    private readonly notifier: Notifier,
  ) {}

  async propose(principal: Principal, consortiumId: string, body: ProposeDecisionDto): Promise<DecisionView> {
    const deadline = new Date(body.deadline);
    const now = Date.now();
    if (deadline.getTime() < now + MIN_VOTING_SECONDS * 1000)
      throw new UnprocessableEntityException(
        `deadline must be at least ${MIN_VOTING_SECONDS} seconds from now (server time ${new Date(now).toISOString()}).`,
      );
    if (deadline.getTime() > now + MAX_VOTING_DAYS * 86_400_000)
      throw new UnprocessableEntityException(`deadline must be within ${MAX_VOTING_DAYS} days.`);
    const admit = body.kind === 'admit-member';
    if (admit !== (body.applicationId !== undefined))
      throw new UnprocessableEntityException(
        admit
          ? 'applicationId: an admit-member decision names the pending request to join.'
          : 'applicationId: only an admit-member decision names a request to join.',
      );
    const options = body.options ?? (admit ? ['Admit', 'Do not admit'] : ['Yes', 'No']);
    if (new Set(options.map((option) => option.trim().toLowerCase())).size !== options.length)
      throw new UnprocessableEntityException('options: every option must be different.');
    const id = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, consortiumId, 'participate');
      if (caller.consortium.status === 'closed')
        throw new ConflictException('A closed consortium takes no more decisions.');
      if (admit) {
        const pending = await manager.query<unknown[]>(
          `SELECT 1 FROM consortium_applications WHERE id = $1 AND consortium_id = $2 AND status = 'pending'`,
          [body.applicationId, consortiumId],
        );
        if (pending.length === 0)
          throw new UnprocessableEntityException('applicationId: there is no pending application with this id here.');
      }
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO decisions (consortium_id, kind, title, description, options, quorum_percent, majority, deadline,
                                application_id, proposed_by_organisation, proposed_by_user)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [
          consortiumId,
          body.kind,
          body.title.trim(),
          body.description?.trim() ?? '',
          JSON.stringify(options.map((option) => option.trim())),
          body.quorumPercent ?? 50,
          body.majority ?? 'simple',
          deadline.toISOString(),
          body.applicationId ?? null,
          caller.organisationId,
          principal.userId,
        ],
      );
      await this.outbox.enqueue(
        manager,
        'consortia.close-decision',
        { decisionId: id },
        {
          jobId: `consortia.close-decision.${id}`,
          runAt: deadline,
        },
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'decision.proposed',
        entityType: 'decision',
        entityId: id,
        organisationId: caller.organisationId,
        summary: {
          after: { consortiumId, kind: body.kind, title: body.title.trim(), deadline: deadline.toISOString() },
        },
      });
      await this.notifier.toConsortium(
        manager,
        consortiumId,
        {
          kind: 'vote',
          title: `Vote in ${caller.consortium.name}: ${body.title.trim()}`,
          body: `A decision is open for votes until ${deadline.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
          link: `/consortia/${consortiumId}/decisions`,
          dedupeKey: `vote-opened:${id}`,
        },
        principal.userId,
      );
      return id;
    });
    const view = await this.get(principal, consortiumId, id);
    this.broadcast(view);
    return view;
  }

  async list(
    principal: Principal,
    consortiumId: string,
    status: 'open' | 'closed' | undefined,
    page: number,
    pageSize: number,
  ): Promise<Page<DecisionView>> {
    const caller = await this.access.require(this.dataSource.manager, principal, consortiumId, 'read');
    const params: unknown[] = [consortiumId];
    if (status) params.push(status);
    const where = `d.consortium_id = $1${status ? ' AND d.status = $2' : ''}`;
    const { rows, total } = await queryPage<DecisionRow>(
      this.dataSource.manager,
      `${SELECT} WHERE ${where}`,
      params,
      "(status = 'open') DESC, deadline DESC",
      page,
      pageSize,
    );
    const mine = await this.myVotes(
      rows.map((row) => row.id),
      caller.organisationId,
    );
    return { items: rows.map((row) => toView(row, mine.get(row.id) ?? null)), page, pageSize, total };
  }

  async get(principal: Principal, consortiumId: string, id: string): Promise<DecisionView> {
    const caller = await this.access.require(this.dataSource.manager, principal, consortiumId, 'read');
    const row = await this.row(this.dataSource.manager, consortiumId, id);
    const mine = await this.myVotes([id], caller.organisationId);
    return toView(row, mine.get(id) ?? null);
  }

  async vote(principal: Principal, consortiumId: string, id: string, option: number): Promise<DecisionView> {
    await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.require(manager, principal, consortiumId, 'participate');
      const [decision] = await manager.query<{ status: string; deadline: Date; options: string[]; open: boolean }[]>(
        `SELECT status, deadline, options, deadline > now() AS open FROM decisions WHERE id = $1 AND consortium_id = $2 FOR SHARE`,
        [id, consortiumId],
      );
      if (!decision) throw new NotFoundException(`There is no decision ${id} in this consortium.`);
      // Server time decides: a vote after the deadline is refused even if the closing job has not run yet.
      if (decision.status !== 'open' || !decision.open)
        throw new ConflictException(`Voting closed at ${decision.deadline.toISOString()}.`);
      if (option >= decision.options.length)
        throw new UnprocessableEntityException(
          `option must be between 0 and ${decision.options.length - 1} (${decision.options.join(', ')}).`,
        );
      await manager.query(
        `INSERT INTO votes (decision_id, organisation_id, option, voted_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (decision_id, organisation_id) DO UPDATE SET option = EXCLUDED.option, voted_by = EXCLUDED.voted_by, voted_at = now()`,
        [id, caller.organisationId, option, principal.userId],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'decision.voted',
        entityType: 'decision',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { after: { option } },
      });
    });
    const view = await this.get(principal, consortiumId, id);
    this.broadcast(view);
    return view;
  }

  /**
   * Closes a decision whose deadline has passed (the job's work; safe to run twice). Returns the
   * closed view, or null when there is nothing to do; a job that fires before the deadline by
   * the database's clock asks to run again at the deadline.
   */
  async close(decisionId: string): Promise<DecisionView | null> {
    const view = await this.dataSource.transaction(async (manager) => {
      const [state] = await manager.query<{ consortium_id: string; status: string; due: boolean; deadline: Date }[]>(
        'SELECT consortium_id, status, deadline <= now() AS due, deadline FROM decisions WHERE id = $1 FOR UPDATE',
        [decisionId],
      );
      if (!state || state.status !== 'open') return null;
      if (!state.due) {
        await this.outbox.enqueue(
          manager,
          'consortia.close-decision',
          { decisionId },
          {
            jobId: `consortia.close-decision.${decisionId}.${state.deadline.getTime()}`,
            runAt: state.deadline,
          },
        );
        return null;
      }
      const row = await this.row(manager, state.consortium_id, decisionId);
      const result = tallyOf(row);
      await manager.query(`UPDATE decisions SET status = 'closed', result = $2, closed_at = now() WHERE id = $1`, [
        decisionId,
        JSON.stringify(result),
      ]);
      if (row.kind === 'admit-member' && row.application_id) {
        const admitted = result.outcome === 'adopted' && result.winningOption === 0;
        try {
          await this.applications.settle(manager, null, row.application_id, admitted ? 'accept' : 'decline');
        } catch (error) {
          // The application may have been withdrawn or answered meanwhile; the vote still closes.
          if (!(error instanceof ConflictException)) throw error;
          this.logger.log(`Decision ${decisionId}: ${(error as Error).message}`);
        }
      }
      await this.outbox.enqueue(
        manager,
        'consortia.decision-mail',
        { decisionId },
        {
          jobId: `consortia.decision-mail.${decisionId}`,
        },
      );
      await this.audit.record(
        manager,
        { userId: null, organisationId: null },
        {
          action: 'decision.closed',
          entityType: 'decision',
          entityId: decisionId,
          organisationId: row.proposed_by_organisation,
          summary: { after: { ...result } },
        },
      );
      return toView(await this.row(manager, state.consortium_id, decisionId), null);
    });
    if (view) this.broadcast(view);
    return view;
  }

  private broadcast(view: DecisionView): void {
    const { myVote, ...neutral } = view;
    void myVote;
    this.events.publish(consortiumChannel(view.consortiumId), 'decision.updated', neutral);
  }

  private async row(manager: EntityManager, consortiumId: string, id: string): Promise<DecisionRow> {
    const [row] = await manager.query<DecisionRow[]>(`${SELECT} WHERE d.id = $1 AND d.consortium_id = $2`, [
      id,
      consortiumId,
    ]);
    if (!row) throw new NotFoundException(`There is no decision ${id} in this consortium.`);
    return row;
  }

  private async myVotes(ids: string[], organisationId: string): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.query<{ decision_id: string; option: number }[]>(
      'SELECT decision_id, option FROM votes WHERE decision_id = ANY($1) AND organisation_id = $2',
      [ids, organisationId],
    );
    return new Map(rows.map((row) => [row.decision_id, row.option]));
  }
}
