import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Notifier } from '@consortio/api/notifications';
import { MonitoringConfig } from '../monitoring.config';
import { NOT_STALLING_STAGES } from '../monitoring-filters';

const ALERTS_LOCK_KEY = 7_210_431_102;

/** Every present cause of an alert, with its key ($1: stages that do not stall, $2: days). */
const CAUSES_SQL = `
  SELECT 'stalled:' || t.id || ':' || to_char(t.stage_changed_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISSUS') AS cause,
         'stalled' AS kind, t.id AS tender_id, NULL::uuid AS milestone_id, NULL AS milestone_name, NULL::date AS planned_on,
         floor(extract(epoch FROM now() - t.stage_changed_at) / 86400)::int AS days
    FROM tenders t
   WHERE t.stage <> ALL($1::text[]) AND t.stage_changed_at < now() - make_interval(days => $2::int)
  UNION ALL
  SELECT 'milestone:' || m.id || ':' || to_char(m.planned_on, 'YYYY-MM-DD'), 'milestone-missed', t.id, m.id, m.name,
         m.planned_on, NULL
    FROM tender_milestones m JOIN tenders t ON t.id = m.tender_id
   WHERE m.actual_on IS NULL AND m.planned_on < current_date AND t.stage <> 'closed'`;

interface RaisedAlert {
  id: string;
  kind: 'stalled' | 'milestone-missed';
  tender_id: string;
  title: string;
  consortium_id: string;
  lead_organisation_id: string;
  milestone_name: string | null;
  planned_on: string | null;
  days: number | null;
}

/**
 * The alerts job, from current data (not the read models, so an alert is never a refresh late):
 * a running tender without a stage change for MONITORING_STALLED_DAYS days (not closed, not in a
 * scale stage, see `NOT_STALLING_STAGES`), and a milestone of a tender not closed whose planned
 * date has passed without an actual date. Each cause has a key (the tender and the time of its
 * last stage change; the milestone and its planned date), so an alert is raised once however
 * often the job runs, and cleared once its cause is gone (a stage change, the milestone reached
 * or moved, the tender closed). A raised alert tells the people of the consortium's lead and of
 * every verified authority whose jurisdiction covers a participant, in the same transaction.
 */
@Injectable()
export class MonitoringAlerts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
    @Inject(MonitoringConfig) private readonly config: MonitoringConfig,
  ) {}

  async run(): Promise<{ raised: number; cleared: number; notified: number }> {
    return this.dataSource.transaction(async (manager) => {
      // Two workers running at once would each find the other's new rows only after commit.
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ALERTS_LOCK_KEY]);
      const params = [NOT_STALLING_STAGES, this.config.MONITORING_STALLED_DAYS];
      const [, cleared] = await manager.query<[unknown[], number]>(
        `WITH causes AS (${CAUSES_SQL})
         UPDATE monitoring_alerts a SET cleared_at = now()
          WHERE a.cleared_at IS NULL AND NOT EXISTS (SELECT 1 FROM causes c WHERE c.cause = a.cause)`,
        params,
      );
      const raised = await manager.query<RaisedAlert[]>(
        `WITH causes AS (${CAUSES_SQL}),
              inserted AS (
                INSERT INTO monitoring_alerts (cause, kind, tender_id, milestone_id, milestone_name, planned_on, days)
                SELECT cause, kind, tender_id, milestone_id, milestone_name, planned_on, days FROM causes
                ON CONFLICT (cause) DO NOTHING
                RETURNING id, kind, tender_id, milestone_name, to_char(planned_on, 'YYYY-MM-DD') AS planned_on, days)
         SELECT i.*, t.title, t.consortium_id, c.lead_organisation_id
           FROM inserted i JOIN tenders t ON t.id = i.tender_id JOIN consortia c ON c.id = t.consortium_id`,
        params,
      );
      let notified = 0;
      for (const alert of raised) notified += await this.notify(manager, alert);
      return { raised: raised.length, cleared, notified };
    });
  }

  private async notify(manager: EntityManager, alert: RaisedAlert): Promise<number> {
    const title =
      alert.kind === 'stalled'
        ? `Stalled: "${alert.title}" has not changed stage for ${alert.days} days`
        : `Milestone missed: "${alert.milestone_name}" of "${alert.title}" was due ${alert.planned_on}`;
    const body =
      alert.kind === 'stalled'
        ? `The tender "${alert.title}" has been in the same stage for ${alert.days} days.`
        : `The milestone "${alert.milestone_name}" of the tender "${alert.title}" was planned for ${alert.planned_on} and has not been reached.`;
    const lead = await manager.query<{ user_id: string }[]>(
      'SELECT user_id FROM memberships WHERE organisation_id = $1',
      [alert.lead_organisation_id],
    );
    const observers = await manager.query<{ user_id: string }[]>(
      `SELECT DISTINCT ms.user_id
         FROM organisations a JOIN memberships ms ON ms.organisation_id = a.id
        WHERE a.kind = 'authority' AND a.verification = 'verified' AND a.jurisdiction IS NOT NULL
          AND EXISTS (SELECT 1 FROM consortium_members m JOIN organisations o ON o.id = m.organisation_id
                       WHERE m.consortium_id = $1 AND m.role IN ('lead', 'member')
                         AND monitoring_nuts_prefixes(o.country, o.nuts_code) @> ARRAY[upper(a.jurisdiction)])`,
      [alert.consortium_id],
    );
    const draft = { kind: 'monitoring-alert' as const, title, body, dedupeKey: `monitoring-alert:${alert.id}` };
    return (
      (await this.notifier.toPeople(
        manager,
        lead.map((row) => row.user_id),
        { ...draft, link: `/tenders/${alert.tender_id}` },
      )) +
      (await this.notifier.toPeople(
        manager,
        observers.map((row) => row.user_id),
        { ...draft, link: `/monitoring/tenders/${alert.tender_id}` },
      ))
    );
  }
}
