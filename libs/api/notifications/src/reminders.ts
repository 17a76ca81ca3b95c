import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Notice, Notifier } from './notifier';

/** How far ahead a milestone's planned date is announced, and a vote's deadline. */
export const MILESTONE_NOTICE_DAYS = 7;
export const VOTE_NOTICE_HOURS = 48;
/** How far ahead the close of an open call is announced to the suppliers signed up for it. */
export const CALL_NOTICE_HOURS = 48;

/**
 * The daily reminders: milestones of running tenders due within a week, votes closing within two
 * days that the person's organisation has not cast, open calls closing within two days to the
 * suppliers signed up for them that have not responded yet, and KPI values of a running solution missing
 * for the last finished month (or quarter, for KPIs reported quarterly). Each reminder has a key (the milestone and
 * its planned date, the decision), so running again the same day, or every day until the date,
 * reminds once; a milestone moved to a new date is announced again.
 */
@Injectable()
export class Reminders {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifier: Notifier,
  ) {}

  async run(now: Date): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // One reminder per person and cause (the keys below), however often this runs; every
      // finding of a run is written by one statement.
      const notices: Notice[] = [];
      const milestones = await manager.query<
        { id: string; name: string; planned_on: string; tender_id: string; title: string; user_ids: string[] }[]
      >(
        `SELECT m.id, m.name, to_char(m.planned_on, 'YYYY-MM-DD') AS planned_on, t.id AS tender_id, t.title,
                array_agg(DISTINCT ms.user_id) AS user_ids
           FROM tender_milestones m JOIN tenders t ON t.id = m.tender_id
           JOIN consortium_members cm ON cm.consortium_id = t.consortium_id AND cm.role <> 'observer'
           JOIN memberships ms ON ms.organisation_id = cm.organisation_id
          WHERE m.actual_on IS NULL AND t.stage <> 'closed'
            AND m.planned_on BETWEEN $1::date AND $1::date + $2::int
          GROUP BY m.id, t.id`,
        [now.toISOString().slice(0, 10), MILESTONE_NOTICE_DAYS],
      );
      for (const milestone of milestones) {
        notices.push({
          userIds: milestone.user_ids,
          draft: {
            kind: 'deadline',
            title: `${milestone.name}: due ${milestone.planned_on}`,
            body: `The milestone "${milestone.name}" of the tender "${milestone.title}" is planned for ${milestone.planned_on}.`,
            link: `/tenders/${milestone.tender_id}`,
            dedupeKey: `milestone:${milestone.id}:${milestone.planned_on}`,
          },
        });
      }
      const votes = await manager.query<
        { id: string; title: string; deadline: Date; consortium_id: string; user_ids: string[] }[]
      >(
        `SELECT d.id, d.title, d.deadline, d.consortium_id,
                array_agg(DISTINCT ms.user_id) AS user_ids
           FROM decisions d
           JOIN consortium_members m ON m.consortium_id = d.consortium_id AND m.role <> 'observer'
           JOIN memberships ms ON ms.organisation_id = m.organisation_id
                              AND ms.role IN ('org-admin', 'procurement-officer')
          WHERE d.status = 'open' AND d.deadline BETWEEN $1::timestamptz AND $1::timestamptz + make_interval(hours => $2::int)
            AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.decision_id = d.id AND v.organisation_id = m.organisation_id)
          GROUP BY d.id`,
        [now.toISOString(), VOTE_NOTICE_HOURS],
      );
      for (const vote of votes) {
        notices.push({
          userIds: vote.user_ids,
          draft: {
            kind: 'vote',
            title: `Vote closes ${vote.deadline.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${vote.title}`,
            body: `Your organisation has not voted on "${vote.title}" yet.`,
            link: `/consortia/${vote.consortium_id}/decisions`,
            dedupeKey: `vote-closing:${vote.id}`,
          },
        });
      }
      // Open calls: a supplier that signed up and has not answered yet is told before the call closes.
      const calls = await manager.query<{ id: string; title: string; closes_at: Date; user_ids: string[] }[]>(
        `SELECT c.id, c.title, c.closes_at, array_agg(DISTINCT ms.user_id) AS user_ids
           FROM open_calls c
           JOIN open_call_registrations r ON r.call_id = c.id
           JOIN memberships ms ON ms.organisation_id = r.organisation_id
          WHERE c.published_at IS NOT NULL AND c.closed_at IS NULL
            AND c.closes_at BETWEEN $1::timestamptz AND $1::timestamptz + make_interval(hours => $2::int)
            AND NOT EXISTS (SELECT 1 FROM open_call_responses x
                             WHERE x.call_id = c.id AND x.organisation_id = r.organisation_id)
          GROUP BY c.id`,
        [now.toISOString(), CALL_NOTICE_HOURS],
      );
      for (const call of calls) {
        const closes = call.closes_at.toISOString();
        notices.push({
          userIds: call.user_ids,
          draft: {
            kind: 'deadline',
            title: `Open call closes ${closes.slice(0, 16).replace('T', ' ')} UTC: ${call.title}`,
            body: `Your organisation signed up for "${call.title}" and has not responded yet; responses are taken until it closes.`,
            link: `/open-calls/${call.id}`,
            // A deadline moved later is announced again.
            dedupeKey: `call-closing:${call.id}:${closes}`,
          },
        });
      }
      // KPIs of running solutions: each participant that has not entered the last finished period.
      const kpis = await manager.query<
        { kpi_id: string; name: string; period: string; tender_id: string; title: string; user_ids: string[] }[]
      >(
        `WITH running AS (
                SELECT k.id, k.name, k.created_at, t.id AS tender_id, t.title, t.consortium_id,
                       CASE WHEN EXISTS (SELECT 1 FROM tender_kpi_values v WHERE v.kpi_id = k.id AND v.period LIKE '%Q%')
                            THEN 'quarter' ELSE 'month' END AS kind
                  FROM tender_kpis k JOIN tenders t ON t.id = k.tender_id
                 WHERE t.stage IN ('pilot', 'city-rollout', 'regional-scaleup')),
              due AS (
                SELECT r.*, CASE r.kind
                         WHEN 'quarter' THEN to_char(date_trunc('quarter', $1::timestamptz) - interval '3 months', 'YYYY-"Q"Q')
                         ELSE to_char(date_trunc('month', $1::timestamptz) - interval '1 month', 'YYYY-MM') END AS period,
                       date_trunc(r.kind, $1::timestamptz) AS current_start
                  FROM running r)
         SELECT d.id AS kpi_id, d.name, d.period, d.tender_id, d.title, array_agg(DISTINCT ms.user_id) AS user_ids
           FROM due d
           JOIN consortium_members m ON m.consortium_id = d.consortium_id AND m.role <> 'observer'
           JOIN memberships ms ON ms.organisation_id = m.organisation_id
                              AND ms.role IN ('org-admin', 'procurement-officer')
          WHERE d.created_at < d.current_start
            AND NOT EXISTS (SELECT 1 FROM tender_kpi_values v
                             WHERE v.kpi_id = d.id AND v.period = d.period AND v.organisation_id = m.organisation_id)
          GROUP BY d.id, d.name, d.period, d.tender_id, d.title`,
        [now.toISOString()],
      );
      for (const kpi of kpis) {
        notices.push({
          userIds: kpi.user_ids,
          draft: {
            kind: 'kpi-reminder',
            title: `${kpi.name}: value for ${kpi.period} missing`,
            body: `Your organisation has not entered "${kpi.name}" of "${kpi.title}" for ${kpi.period} yet.`,
            link: `/tenders/${kpi.tender_id}`,
            dedupeKey: `kpi:${kpi.kpi_id}:${kpi.period}`,
          },
        });
      }
      return this.notifier.toEach(manager, notices);
    });
  }
}
