import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { OpenCallQuestionView, Page } from '@consortio/shared/contracts';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { queryPage } from '@consortio/api/platform/database';
import { Notifier } from '@consortio/api/notifications';
import { OpenCallAccess, requireOpen } from './open-call-access';
import { OpenCallEvents } from './open-call-events';
import { QUESTION_SELECT, type QuestionRow, toQuestion } from './open-call-reader';
import { requireRegistered } from './open-call-registrations.service';

/**
 * Questions from suppliers and the consortium's answers. An answer published goes to every
 * supplier and onto the public page without naming who asked (equal treatment, Art. 18
 * 2014/24/EU); the asker stays on record for the consortium only.
 */
@Injectable()
export class OpenCallQuestionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpenCallAccess,
    private readonly events: OpenCallEvents,
    private readonly audit: AuditService,
    private readonly notifier: Notifier,
  ) {}

  async ask(principal: Principal, callId: string, text: string): Promise<OpenCallQuestionView> {
    const { view, call } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.supplierCall(manager, principal, callId, { lock: 'share' });
      requireOpen(caller.call, 'questions');
      await requireRegistered(manager, callId, caller.organisationId);
      const [{ id }] = await manager.query<{ id: string }[]>(
        `INSERT INTO open_call_questions (call_id, organisation_id, asked_by, text) VALUES ($1, $2, $3, $4) RETURNING id`,
        [callId, caller.organisationId, principal.userId, text.trim()],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'open-call.question-asked',
        entityType: 'open-call-question',
        entityId: id,
        organisationId: caller.organisationId,
        summary: { after: { callId, text: text.trim() } },
      });
      // The consortium is told that a supplier asked; not who (that is on the call's page, for members).
      await this.notifier.toConsortium(manager, caller.call.consortiumId, {
        kind: 'supplier-question',
        title: `New supplier question on an open call of ${caller.call.consortiumName}`,
        body: text.trim().slice(0, 300),
        link: `/open-calls/${callId}`,
        dedupeKey: `question:${id}`,
      });
      const [row] = await manager.query<QuestionRow[]>(`${QUESTION_SELECT} WHERE q.id = $1`, [id]);
      return { view: toQuestion(row, { organisationId: caller.organisationId, consortium: false }), call: caller.call };
    });
    this.events.changed({
      consortiumId: call.consortiumId,
      tenderId: call.tenderId,
      callId,
      what: 'question',
      status: call.status,
    });
    return view;
  }

  /**
   * The consortium answers, published to all or to the asker only. An answer may be rewritten;
   * one published stays published, since every supplier may have read it.
   */
  async answer(
    principal: Principal,
    callId: string,
    questionId: string,
    text: string,
    publish: boolean,
  ): Promise<OpenCallQuestionView> {
    const { view, call } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.consortiumCall(manager, principal, callId, 'write', { lock: 'share' });
      const [question] = await manager.query<{ answer_published: boolean; answer: string | null }[]>(
        'SELECT answer_published, answer FROM open_call_questions WHERE id = $1 AND call_id = $2 FOR UPDATE',
        [questionId, callId],
      );
      if (!question) throw new NotFoundException(`There is no question ${questionId} on this open call.`);
      if (question.answer_published && !publish)
        throw new ConflictException(
          'This answer was published to every supplier; it stays published. Send the corrected answer with publish: true.',
        );
      await manager.query(
        `UPDATE open_call_questions
            SET answer = $2, answer_published = $3, answered_by = $4, answered_by_organisation = $5, answered_at = now()
          WHERE id = $1`,
        [questionId, text.trim(), publish, principal.userId, caller.organisationId],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: question.answer === null ? 'open-call.question-answered' : 'open-call.answer-changed',
        entityType: 'open-call-question',
        entityId: questionId,
        organisationId: caller.organisationId,
        summary: {
          before: question.answer === null ? null : { answer: question.answer, published: question.answer_published },
          after: { callId, answer: text.trim(), published: publish },
        },
      });
      if (publish && !question.answer_published) {
        // Every registered supplier hears of an answer published to all, the asker among them, unnamed.
        const people = await manager.query<{ user_id: string }[]>(
          `SELECT DISTINCT ms.user_id FROM open_call_registrations r
             JOIN memberships ms ON ms.organisation_id = r.organisation_id
            WHERE r.call_id = $1`,
          [callId],
        );
        await this.notifier.toPeople(
          manager,
          people.map((person) => person.user_id),
          {
            kind: 'supplier-question',
            title: `${caller.call.consortiumName} answered a question on an open call`,
            body: text.trim().slice(0, 300),
            link: `/open-calls/${callId}`,
            dedupeKey: `answer:${questionId}`,
          },
        );
      }
      const [row] = await manager.query<QuestionRow[]>(`${QUESTION_SELECT} WHERE q.id = $1`, [questionId]);
      return { view: toQuestion(row, { organisationId: caller.organisationId, consortium: true }), call: caller.call };
    });
    this.events.changed({
      consortiumId: call.consortiumId,
      tenderId: call.tenderId,
      callId,
      what: 'answer',
      status: call.status,
    });
    return view;
  }

  /**
   * The consortium's lead and members see every question and who asked it; a supplier sees the
   * published answers and its own questions, never who asked the others.
   */
  async list(
    principal: Principal,
    callId: string,
    page: number,
    pageSize: number,
  ): Promise<Page<OpenCallQuestionView>> {
    const manager = this.dataSource.manager;
    const caller = await this.access.call(manager, principal, callId);
    const params: unknown[] = [callId];
    let where = 'q.call_id = $1';
    const consortium = caller.role !== null;
    if (consortium) await this.access.consortiumCall(manager, principal, callId, 'confidence');
    else if (principal.acting?.kind === 'supplier')
      where += ` AND (q.answer_published OR q.organisation_id = $${params.push(caller.organisationId)})`;
    else
      throw new ForbiddenException(
        'Only the consortium and suppliers read the questions of a call; its published answers are on its public page.',
      );
    const { rows, total } = await queryPage<QuestionRow>(
      manager,
      `${QUESTION_SELECT} WHERE ${where}`,
      params,
      'asked_at, id',
      page,
      pageSize,
    );
    return {
      items: rows.map((row) => toQuestion(row, { organisationId: caller.organisationId, consortium })),
      page,
      pageSize,
      total,
    };
  }
}
