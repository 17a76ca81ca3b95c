import {
  ForbiddenException,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AttachmentContentType, OpenCallResponseView, Page } from '@consortio/shared/contracts';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { queryPage } from '@consortio/api/platform/database';
import { RequestValidationException } from '@consortio/api/platform/http';
import { AttachmentScanner } from './attachment-scanner';
import { baseContentType, contentRefusal } from './attachment-types';
import { ATTACHMENTS_FIELD, type ReceivedAttachment } from './attachment-upload';
import { OpenCallAccess, requireOpen } from './open-call-access';
import { OpenCallEvents } from './open-call-events';
import { RESPONSE_SELECT, type ResponseRow, toResponse } from './open-call-reader';
import { requireRegistered } from './open-call-registrations.service';

export interface AttachmentFile {
  fileName: string;
  contentType: AttachmentContentType;
  content: Buffer;
}

/**
 * Suppliers' responses to a call: text and attachments, kept in PostgreSQL with each file's
 * SHA-256. A supplier reads only its own; the consortium's lead and members read all of them.
 */
@Injectable()
export class OpenCallResponsesService {
  private readonly logger = new Logger(OpenCallResponsesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly access: OpenCallAccess,
    private readonly scanner: AttachmentScanner,
    private readonly events: OpenCallEvents,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks the call and the files before the scan and the scan before the transaction, so that
   * a slow scanner holds no lock; the transaction checks the deadline again on the database's
   * clock, so a response that arrives after it is refused even if it was open when it started.
   */
  async submit(
    principal: Principal,
    callId: string,
    text: string,
    files: ReceivedAttachment[],
  ): Promise<OpenCallResponseView> {
    const before = await this.access.supplierCall(this.dataSource.manager, principal, callId);
    requireOpen(before.call, 'responses');
    await requireRegistered(this.dataSource.manager, callId, before.organisationId);
    const refusals = files.flatMap((file) => {
      const refusal = contentRefusal(file.originalname, file.mimetype, file.buffer);
      return refusal ? [{ field: ATTACHMENTS_FIELD, message: refusal }] : [];
    });
    if (refusals.length > 0) throw new RequestValidationException(refusals);
    const scannedBy = this.scanner.name;
    for (const file of files) {
      let verdict;
      try {
        verdict = await this.scanner.scan({
          fileName: file.originalname,
          contentType: baseContentType(file.mimetype),
          content: file.buffer,
          sha256: file.sha256,
        });
      } catch (error) {
        this.logger.error({ err: error, callId, file: file.originalname }, 'Attachment scan failed');
        throw new ServiceUnavailableException(
          `The virus scan of "${file.originalname}" could not run; nothing was stored. Send the response again in a few minutes.`,
        );
      }
      if (!verdict.clean)
        throw new UnprocessableEntityException(
          `The virus scan refused "${file.originalname}": ${verdict.reason}. Nothing was stored.`,
        );
    }

    const { id, call } = await this.dataSource.transaction(async (manager) => {
      const caller = await this.access.supplierCall(manager, principal, callId, { lock: 'share' });
      requireOpen(caller.call, 'responses');
      await requireRegistered(manager, callId, caller.organisationId);
      const [{ id }] = await manager.query<{ id: string }[]>(
        'INSERT INTO open_call_responses (call_id, organisation_id, submitted_by, text) VALUES ($1, $2, $3, $4) RETURNING id',
        [callId, caller.organisationId, principal.userId, text.trim()],
      );
      for (const [position, file] of files.entries())
        await manager.query(
          `INSERT INTO open_call_attachments (response_id, position, file_name, content_type, size_bytes, sha256, scanned_by, content)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            id,
            position,
            file.originalname,
            baseContentType(file.mimetype),
            file.size,
            file.sha256,
            scannedBy,
            file.buffer,
          ],
        );
      await this.audit.record(manager, actorOf(principal), {
        action: 'open-call.response-submitted',
        entityType: 'open-call-response',
        entityId: id,
        organisationId: caller.organisationId,
        summary: {
          after: {
            callId,
            attachments: files.map((file) => ({
              fileName: file.originalname,
              sizeBytes: file.size,
              sha256: file.sha256,
            })),
          },
        },
      });
      return { id, call: caller.call };
    });
    this.events.changed({
      consortiumId: call.consortiumId,
      tenderId: call.tenderId,
      callId,
      what: 'response',
      status: call.status,
    });
    const [row] = await this.dataSource.query<ResponseRow[]>(`${RESPONSE_SELECT} WHERE s.id = $1`, [id]);
    return toResponse(row);
  }

  /** The supplier's own responses to the call, newest first. */
  async mine(
    principal: Principal,
    callId: string,
    page: number,
    pageSize: number,
  ): Promise<Page<OpenCallResponseView>> {
    const caller = await this.access.supplierCall(this.dataSource.manager, principal, callId);
    return this.page('s.call_id = $1 AND s.organisation_id = $2', [callId, caller.organisationId], page, pageSize);
  }

  /** Every response to the call, newest first: the consortium's lead and members only. */
  async list(
    principal: Principal,
    callId: string,
    page: number,
    pageSize: number,
  ): Promise<Page<OpenCallResponseView>> {
    const caller = await this.access.call(this.dataSource.manager, principal, callId);
    if (caller.role === null)
      throw new ForbiddenException(
        `Only the lead and members of ${caller.call.consortiumName} read the responses to its call; a supplier reads its own at /open-calls/${callId}/responses/mine.`,
      );
    await this.access.consortiumCall(this.dataSource.manager, principal, callId, 'confidence');
    return this.page('s.call_id = $1', [callId], page, pageSize);
  }

  /** One attachment's bytes: for the consortium's lead and members, and for the supplier that sent it. */
  async attachment(
    principal: Principal,
    callId: string,
    responseId: string,
    attachmentId: string,
  ): Promise<{ fileName: string; contentType: string; content: Buffer; sha256: string }> {
    const manager = this.dataSource.manager;
    const caller = await this.access.call(manager, principal, callId);
    const params: unknown[] = [attachmentId, responseId, callId];
    let own = '';
    if (caller.role !== null) await this.access.consortiumCall(manager, principal, callId, 'confidence');
    else if (principal.acting?.kind === 'supplier')
      own = ` AND s.organisation_id = $${params.push(caller.organisationId)}`;
    else throw new ForbiddenException('Only the consortium and the supplier that sent it download an attachment.');
    const [row] = await manager.query<{ file_name: string; content_type: string; content: Buffer; sha256: string }[]>(
      `SELECT a.file_name, a.content_type, a.content, a.sha256
         FROM open_call_attachments a JOIN open_call_responses s ON s.id = a.response_id
        WHERE a.id = $1 AND a.response_id = $2 AND s.call_id = $3${own}`,
      params,
    );
    // Another supplier's file answers exactly like one that does not exist.
    if (!row) throw new NotFoundException(`There is no attachment ${attachmentId} of this response.`);
    return { fileName: row.file_name, contentType: row.content_type, content: row.content, sha256: row.sha256 };
  }

  private async page(
    where: string,
    params: unknown[],
    page: number,
    pageSize: number,
  ): Promise<Page<OpenCallResponseView>> {
    const { rows, total } = await queryPage<ResponseRow>(
      this.dataSource.manager,
      `${RESPONSE_SELECT} WHERE ${where}`,
      params,
      'submitted_at DESC, id',
      page,
      pageSize,
    );
    return { items: rows.map(toResponse), page, pageSize, total };
  }
}
