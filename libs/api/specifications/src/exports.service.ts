import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  consortiumChannel,
  type ExportFormat,
  type ExportStatus,
  type Page,
  type SpecificationExportView,
} from '@consortio/shared/contracts';
import { documentFromUpdate, sectionRichText, sectionsOf } from '@consortio/shared/collab';
import type { Principal } from '@consortio/api/platform/auth';
import { queryPage } from '@consortio/api/platform/database';
import { OutboxService } from '@consortio/api/platform/queue';
import { EventsPublisher } from '@consortio/api/platform/realtime';
import { DocumentStore } from './document-store';
import { EXPORT_MIME, renderExport } from './jobs/export-renderer';
import { SpecificationAccess } from './specification-access';

interface ExportRow {
  id: string;
  specification_id: string;
  format: ExportFormat;
  status: ExportStatus;
  progress: number;
  error: string | null;
  file_name: string | null;
  size_bytes: number | null;
  requested_at: Date;
  finished_at: Date | null;
}

const EXPORT_COLUMNS =
  'id, specification_id, format, status, progress, error, file_name, size_bytes, requested_at, finished_at';
const EXPORT_SELECT = `SELECT ${EXPORT_COLUMNS} FROM specification_exports`;

const toView = (row: ExportRow): SpecificationExportView => ({
  id: row.id,
  specificationId: row.specification_id,
  format: row.format,
  status: row.status,
  progress: row.progress,
  error: row.error,
  fileName: row.file_name,
  sizeBytes: row.size_bytes,
  downloadUrl: row.status === 'done' ? `/api/v1/specifications/${row.specification_id}/exports/${row.id}/file` : null,
  requestedAt: row.requested_at.toISOString(),
  finishedAt: row.finished_at?.toISOString() ?? null,
});

/** PDF and DOCX exports: requested over HTTP, rendered by a worker job that reports its progress live. */
@Injectable()
export class ExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: SpecificationAccess,
    private readonly outbox: OutboxService,
    private readonly store: DocumentStore,
    private readonly events: EventsPublisher,
  ) {}

  async request(principal: Principal, id: string, format: ExportFormat): Promise<SpecificationExportView> {
    await this.access.require(principal, id, 'read');
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<ExportRow[]>(
        `INSERT INTO specification_exports (specification_id, format, requested_by) VALUES ($1, $2, $3)
         RETURNING ${EXPORT_COLUMNS}`,
        [id, format, principal.userId],
      );
      await this.outbox.enqueue(
        manager,
        'specifications.export',
        { exportId: row.id },
        {
          jobId: `specifications.export.${row.id}`,
        },
      );
      return toView(row);
    });
  }

  async list(principal: Principal, id: string, page: number, pageSize: number): Promise<Page<SpecificationExportView>> {
    await this.access.require(principal, id, 'read');
    const { rows, total } = await queryPage<ExportRow>(
      this.dataSource.manager,
      `${EXPORT_SELECT} WHERE specification_id = $1`,
      [id],
      'requested_at DESC, id',
      page,
      pageSize,
    );
    return { items: rows.map(toView), page, pageSize, total };
  }

  async get(principal: Principal, id: string, exportId: string): Promise<SpecificationExportView> {
    await this.access.require(principal, id, 'read');
    return toView(await this.row(id, exportId));
  }

  async file(
    principal: Principal,
    id: string,
    exportId: string,
  ): Promise<{ content: Buffer; fileName: string; mime: string }> {
    await this.access.require(principal, id, 'read');
    const [row] = await this.dataSource.query<{ content: Buffer | null; file_name: string; format: ExportFormat }[]>(
      `SELECT content, file_name, format FROM specification_exports
        WHERE id = $1 AND specification_id = $2 AND status = 'done'`,
      [exportId, id],
    );
    if (!row?.content) throw new NotFoundException(`Export ${exportId} is not ready or does not exist.`);
    return { content: row.content, fileName: row.file_name, mime: EXPORT_MIME[row.format] };
  }

  /** The worker's half: render the committed state, store the file, report progress on the consortium channel. */
  async render(exportId: string): Promise<string> {
    const [job] = await this.dataSource.query<(ExportRow & { title: string; consortium: string })[]>(
      `SELECT e.id, e.specification_id, e.format, e.status, s.title, c.name AS consortium
         FROM specification_exports e
         JOIN specifications s ON s.id = e.specification_id
         JOIN consortia c ON c.id = s.consortium_id
        WHERE e.id = $1`,
      [exportId],
    );
    if (!job) return 'export no longer exists';
    if (job.status === 'done') return 'already done';
    const report = (progress: number) =>
      this.update(exportId, "status = 'running', progress = $2", [Math.round(progress)]);
    await report(5);
    const doc = documentFromUpdate(await this.store.readState(job.specification_id));
    try {
      const sections = sectionsOf(doc).map((section) => ({
        title: section.title,
        content: sectionRichText(doc, section.id),
      }));
      await report(15);
      const content = await renderExport(
        job.format,
        { title: job.title, consortiumName: job.consortium, exportedAt: new Date(), sections },
        (done) => report(15 + done * 80),
      );
      const fileName = `${job.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'specification'}.${job.format}`;
      await this.update(
        exportId,
        "status = 'done', progress = 100, content = $2, size_bytes = $3, file_name = $4, finished_at = now()",
        [content, content.length, fileName],
      );
      return `${fileName}, ${content.length} bytes`;
    } finally {
      doc.destroy();
    }
  }

  /** After the last attempt: the export shows the failure instead of spinning forever. */
  async fail(exportId: string, message: string): Promise<void> {
    await this.update(exportId, "status = 'failed', error = $2, finished_at = now()", [message.slice(0, 500)]);
  }

  /** Changes an export row and tells the consortium's live channel how it stands now. */
  private async update(exportId: string, assignments: string, params: unknown[]): Promise<void> {
    const [rows] = await this.dataSource.query<[(ExportRow & { consortium_id: string })[], number]>(
      `UPDATE specification_exports e SET ${assignments}
         FROM specifications s
        WHERE e.id = $1 AND s.id = e.specification_id
        RETURNING ${EXPORT_COLUMNS.replace(/(\w+)/g, 'e.$1')}, s.consortium_id`,
      [exportId, ...params],
    );
    const row = rows[0];
    if (row) this.events.publish(consortiumChannel(row.consortium_id), 'specification.export', toView(row));
  }

  private async row(id: string, exportId: string): Promise<ExportRow> {
    const [row] = await this.dataSource.query<ExportRow[]>(`${EXPORT_SELECT} WHERE id = $1 AND specification_id = $2`, [
      exportId,
      id,
    ]);
    if (!row) throw new NotFoundException(`There is no export ${exportId} of this specification.`);
    return row;
  }
}
