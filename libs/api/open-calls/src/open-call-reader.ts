import { Injectable, NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AttachmentContentType,
  OpenCallKind,
  OpenCallLotView,
  OpenCallPublicView,
  OpenCallQuestionView,
  OpenCallResponseView,
  OpenCallStatus,
  OpenCallSummary,
  OpenCallView,
  PublicOpenCallStatus,
  PublishedAnswerView,
} from '@consortio/shared/contracts';
import { statusSql } from './open-call-access';

export interface CallRow {
  id: string;
  tender_id: string;
  consortium_id: string;
  round: number;
  kind: OpenCallKind;
  title: string;
  summary: string;
  opens_at: Date;
  closes_at: Date;
  status: OpenCallStatus;
  published_at: Date | null;
  closed_at: Date | null;
  created_at: Date;
  server_time: Date;
  registrations: number;
  questions: number;
  unanswered: number;
  responses: number;
}

/** The consortium's view of its calls; a FROM list with alias `oc` follows. */
export const CALL_SELECT = `
  SELECT oc.id, oc.tender_id, t.consortium_id, oc.round, oc.kind, oc.title, oc.summary, oc.opens_at, oc.closes_at,
         ${statusSql('oc')} AS status, oc.published_at, oc.closed_at, oc.created_at, now() AS server_time,
         (SELECT count(*)::int FROM open_call_registrations r WHERE r.call_id = oc.id) AS registrations,
         (SELECT count(*)::int FROM open_call_questions q WHERE q.call_id = oc.id) AS questions,
         (SELECT count(*)::int FROM open_call_questions q WHERE q.call_id = oc.id AND q.answer IS NULL) AS unanswered,
         (SELECT count(*)::int FROM open_call_responses s WHERE s.call_id = oc.id) AS responses
    FROM open_calls oc JOIN tenders t ON t.id = oc.tender_id`;

export const toView = (row: CallRow): OpenCallView => ({
  id: row.id,
  tenderId: row.tender_id,
  consortiumId: row.consortium_id,
  round: row.round,
  kind: row.kind,
  title: row.title,
  summary: row.summary,
  opensAt: row.opens_at.toISOString(),
  closesAt: row.closes_at.toISOString(),
  status: row.status,
  publishedAt: row.published_at?.toISOString() ?? null,
  closedAt: row.closed_at?.toISOString() ?? null,
  createdAt: row.created_at.toISOString(),
  registrations: row.registrations,
  questions: row.questions,
  unansweredQuestions: row.unanswered,
  responses: row.responses,
  serverTime: row.server_time.toISOString(),
});

export interface SummaryRow {
  id: string;
  round: number;
  kind: OpenCallKind;
  title: string;
  consortium_name: string;
  cpv_codes: string[];
  opens_at: Date;
  closes_at: Date;
  status: PublicOpenCallStatus;
}

/**
 * Published calls only, as the public sees them: nothing here names a tender's internals, a draft,
 * a need, a supplier or a response. `rank` orders open calls first, then upcoming, then closed.
 */
export const PUBLIC_SELECT = `
  SELECT * FROM (
    SELECT oc.id, oc.tender_id, t.consortium_id, oc.round, oc.kind, oc.title, oc.summary, c.name AS consortium_name,
           ARRAY(SELECT DISTINCT code FROM tender_lots l, unnest(l.cpv_codes) AS code
                  WHERE l.tender_id = oc.tender_id ORDER BY code) AS cpv_codes,
           oc.opens_at, oc.closes_at, oc.published_at, oc.closed_at, ${statusSql('oc')} AS status
      FROM open_calls oc
      JOIN tenders t ON t.id = oc.tender_id
      JOIN consortia c ON c.id = t.consortium_id
     WHERE oc.published_at IS NOT NULL
  ) published`;

export const PUBLIC_ORDER = `CASE status WHEN 'open' THEN 0 WHEN 'upcoming' THEN 1 ELSE 2 END,
  CASE WHEN status = 'open' THEN closes_at END, CASE WHEN status = 'upcoming' THEN opens_at END,
  closes_at DESC, id`;

export const toSummary = (row: SummaryRow): OpenCallSummary => ({
  id: row.id,
  round: row.round,
  kind: row.kind,
  title: row.title,
  consortiumName: row.consortium_name,
  cpvCodes: row.cpv_codes,
  opensAt: row.opens_at.toISOString(),
  closesAt: row.closes_at.toISOString(),
  status: row.status,
});

export interface QuestionRow {
  id: string;
  text: string;
  asked_at: Date;
  answer: string | null;
  answered_at: Date | null;
  answer_published: boolean;
  organisation_id: string;
  asker_name: string;
}

export const QUESTION_SELECT = `
  SELECT q.id, q.text, q.asked_at, q.answer, q.answered_at, q.answer_published, q.organisation_id, o.name AS asker_name
    FROM open_call_questions q JOIN organisations o ON o.id = q.organisation_id`;

/** The asker is named to the consortium only; a supplier learns only which questions are its own. */
export const toQuestion = (row: QuestionRow, reader: { organisationId: string; consortium: boolean }) =>
  ({
    id: row.id,
    text: row.text,
    askedAt: row.asked_at.toISOString(),
    answer: row.answer,
    answeredAt: row.answered_at?.toISOString() ?? null,
    answerPublished: row.answer_published,
    mine: row.organisation_id === reader.organisationId,
    askedBy: reader.consortium ? { organisationId: row.organisation_id, name: row.asker_name } : null,
  }) satisfies OpenCallQuestionView;

export interface ResponseRow {
  id: string;
  call_id: string;
  organisation_id: string;
  organisation_name: string;
  text: string;
  submitted_at: Date;
  attachments: {
    id: string;
    fileName: string;
    contentType: AttachmentContentType;
    sizeBytes: number;
    sha256: string;
  }[];
}

export const RESPONSE_SELECT = `
  SELECT s.id, s.call_id, s.organisation_id, o.name AS organisation_name, s.text, s.submitted_at,
         COALESCE((SELECT json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type,
                                                     'sizeBytes', a.size_bytes, 'sha256', a.sha256) ORDER BY a.position)
                     FROM open_call_attachments a WHERE a.response_id = s.id), '[]'::json) AS attachments
    FROM open_call_responses s JOIN organisations o ON o.id = s.organisation_id`;

export const toResponse = (row: ResponseRow): OpenCallResponseView => ({
  id: row.id,
  callId: row.call_id,
  organisation: { id: row.organisation_id, name: row.organisation_name },
  text: row.text,
  submittedAt: row.submitted_at.toISOString(),
  attachments: row.attachments,
});

/** Reads calls as the consortium and as the public see them. */
@Injectable()
export class OpenCallReader {
  async view(manager: EntityManager, callId: string): Promise<OpenCallView> {
    const [row] = await manager.query<CallRow[]>(`${CALL_SELECT} WHERE oc.id = $1`, [callId]);
    if (!row) throw new NotFoundException(`There is no open call with id ${callId}.`);
    return toView(row);
  }

  /** The public page of a published call; a draft or an unknown id is 404 alike. */
  async publicView(manager: EntityManager, callId: string): Promise<OpenCallPublicView> {
    const [row] = await manager.query<
      (SummaryRow & {
        tender_id: string;
        consortium_id: string;
        summary: string;
        published_at: Date;
        closed_at: Date | null;
        server_time: Date;
      })[]
    >(`SELECT *, now() AS server_time FROM (${PUBLIC_SELECT}) page WHERE id = $1`, [callId]);
    if (!row) throw new NotFoundException(`There is no open call with id ${callId}.`);
    const [members, lots, answers] = await Promise.all([
      manager.query<{ name: string; lead: boolean }[]>(
        `SELECT o.name, m.role = 'lead' AS lead
           FROM consortium_members m JOIN organisations o ON o.id = m.organisation_id
          WHERE m.consortium_id = $1 AND m.role IN ('lead', 'member')
          ORDER BY m.role = 'lead' DESC, o.name`,
        [row.consortium_id],
      ),
      manager.query<{ number: number; title: string; cpv_codes: string[]; value: string }[]>(
        'SELECT number, title, cpv_codes, value FROM tender_lots WHERE tender_id = $1 ORDER BY number',
        [row.tender_id],
      ),
      manager.query<{ id: string; text: string; answer: string; answered_at: Date }[]>(
        `SELECT id, text, answer, answered_at FROM open_call_questions
          WHERE call_id = $1 AND answer_published ORDER BY answered_at, id`,
        [callId],
      ),
    ]);
    return {
      id: row.id,
      round: row.round,
      kind: row.kind,
      title: row.title,
      summary: row.summary,
      opensAt: row.opens_at.toISOString(),
      closesAt: row.closes_at.toISOString(),
      status: row.status,
      publishedAt: row.published_at.toISOString(),
      closedAt: row.closed_at?.toISOString() ?? null,
      buyer: { consortiumName: row.consortium_name, members },
      lots: lots.map(
        (lot): OpenCallLotView => ({ number: lot.number, title: lot.title, cpvCodes: lot.cpv_codes, value: lot.value }),
      ),
      answers: answers.map(
        (answer): PublishedAnswerView => ({
          id: answer.id,
          question: answer.text,
          answer: answer.answer,
          answeredAt: answer.answered_at.toISOString(),
        }),
      ),
      serverTime: row.server_time.toISOString(),
    };
  }
}
