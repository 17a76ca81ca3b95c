import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Milestone, TenderMilestoneUpdateInput, TenderMilestoneView } from '@consortio/shared/contracts';
import { AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { fieldError } from './field-error';
import { type TenderCaller, TenderAccess } from './tender-access';
import { TenderEvents } from './tender-events';
import { MILESTONE_COLUMNS, type MilestoneRow, TenderReader, toMilestone } from './tender-reader';
import { auditTenderChange } from './tender-audit';

const MAX_MILESTONES = 100;

/**
 * The milestones of a tender: planned dates feed the roadmap across consortia; the actual date
 * is entered once a milestone is reached (never ahead of today). They can change at any stage
 * but closed, since plans move while a procedure runs.
 */
@Injectable()
export class MilestonesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: TenderAccess,
    private readonly reader: TenderReader,
    private readonly events: TenderEvents,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, tenderId: string): Promise<TenderMilestoneView[]> {
    await this.access.require(this.dataSource.manager, principal, tenderId, 'read');
    return (await this.reader.milestones(this.dataSource.manager, tenderId)).map(toMilestone);
  }

  async create(principal: Principal, tenderId: string, input: Milestone): Promise<TenderMilestoneView> {
    const actualOn = input.actualOn ?? null;
    const { caller, row } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.editable(manager, principal, tenderId);
      await this.assertReached(manager, actualOn);
      const [{ count }] = await manager.query<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM tender_milestones WHERE tender_id = $1',
        [tenderId],
      );
      if (count >= MAX_MILESTONES) throw new ConflictException(`A tender has at most ${MAX_MILESTONES} milestones.`);
      const [row] = await manager.query<MilestoneRow[]>(
        `INSERT INTO tender_milestones (tender_id, name, planned_on, actual_on) VALUES ($1, $2, $3, $4)
         RETURNING ${MILESTONE_COLUMNS}`,
        [tenderId, input.name.trim(), input.plannedOn, actualOn],
      );
      await auditTenderChange(this.audit, manager, caller, 'tender.milestone-created', {
        after: { milestone: toMilestone(row) },
      });
      return { caller, row };
    });
    this.events.changed(caller.consortiumId, tenderId, 'milestones', caller.stage);
    return toMilestone(row);
  }

  async update(
    principal: Principal,
    tenderId: string,
    milestoneId: string,
    input: TenderMilestoneUpdateInput,
  ): Promise<TenderMilestoneView> {
    const { caller, row } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.editable(manager, principal, tenderId);
      if (input.actualOn !== undefined) await this.assertReached(manager, input.actualOn);
      const result = (await manager.query(
        `UPDATE tender_milestones
            SET name = COALESCE($3, name), planned_on = COALESCE($4::date, planned_on),
                actual_on = CASE WHEN $5 THEN $6::date ELSE actual_on END
          WHERE id = $1 AND tender_id = $2
          RETURNING ${MILESTONE_COLUMNS}`,
        [
          milestoneId,
          tenderId,
          input.name?.trim() ?? null,
          input.plannedOn ?? null,
          input.actualOn !== undefined,
          input.actualOn ?? null,
        ],
      )) as [MilestoneRow[], number];
      const [row] = result[0];
      if (!row) throw new NotFoundException(`There is no milestone ${milestoneId} in this tender.`);
      await auditTenderChange(this.audit, manager, caller, 'tender.milestone-updated', {
        after: { milestone: toMilestone(row) },
      });
      return { caller, row };
    });
    this.events.changed(caller.consortiumId, tenderId, 'milestones', caller.stage);
    return toMilestone(row);
  }

  async remove(principal: Principal, tenderId: string, milestoneId: string): Promise<void> {
    const caller = await this.dataSource.transaction(async (manager) => {
      const caller = await this.editable(manager, principal, tenderId);
      const [, deleted] = await manager.query<[unknown[], number]>(
        'DELETE FROM tender_milestones WHERE id = $1 AND tender_id = $2',
        [milestoneId, tenderId],
      );
      if (deleted === 0) throw new NotFoundException(`There is no milestone ${milestoneId} in this tender.`);
      await auditTenderChange(this.audit, manager, caller, 'tender.milestone-deleted', { after: { milestoneId } });
      return caller;
    });
    this.events.changed(caller.consortiumId, tenderId, 'milestones', caller.stage);
  }

  private async editable(manager: EntityManager, principal: Principal, tenderId: string): Promise<TenderCaller> {
    const caller = await this.access.require(manager, principal, tenderId, 'write', { lock: true });
    if (caller.stage === 'closed') throw new ConflictException('A closed tender cannot be changed.');
    return caller;
  }

  /** A milestone is reached on a day that has come, by the database's calendar. */
  private async assertReached(manager: EntityManager, actualOn: string | null): Promise<void> {
    if (actualOn === null) return;
    const [{ ahead }] = await manager.query<{ ahead: boolean }[]>('SELECT $1::date > current_date AS ahead', [
      actualOn,
    ]);
    if (ahead) throw fieldError('actualOn', `${actualOn} is still ahead; enter the day the milestone was reached`);
  }
}
