import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type ExportStatus,
  OCDS_CSV_COLUMNS,
  type OcdsExportFormat,
  type OcdsExportInput,
  type OcdsExportView,
  personChannel,
} from '@consortio/shared/contracts';
import { csvRecord } from '@consortio/shared/domain';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { RequestValidationException } from '@consortio/api/platform/http';
import { OutboxService } from '@consortio/api/platform/queue';
import { EventsPublisher } from '@consortio/api/platform/realtime';
import { ExportFiles } from './jobs/export-file';
import { packageFrame, packageMeta, tenderRecord } from './ocds-packages';
import { OcdsPublicationSettings } from './ocds-publication';
import { OpenDataReader } from './open-data-reader';
import { csvCells, tenderCsvRow } from './tender-csv-row';
import { tenderReleases } from './tender-releases';

interface ExportRow {
  id: string;
  organisation_id: string;
  requested_by: string | null;
  jurisdiction: string;
  format: OcdsExportFormat;
  status: ExportStatus;
  rows_done: number;
  rows_total: number | null;
  error: string | null;
  file_name: string | null;
  content_oid: number | null;
  size_bytes: string | null;
  requested_at: Date;
  finished_at: Date | null;
}

const COLUMNS = `id, organisation_id, requested_by, jurisdiction, format, status, rows_done, rows_total, error,
  file_name, content_oid, size_bytes, requested_at, finished_at`;

/** Tenders read per batch: one query per table, whatever the size of the jurisdiction. */
const BATCH = 50;

export const EXPORT_CONTENT_TYPES: Record<OcdsExportFormat, string> = {
  'release-package': 'application/json',
  'record-package': 'application/json',
  csv: 'text/csv; charset=utf-8',
};

const fieldError = (field: string, message: string) => new RequestValidationException([{ field, message }]);

/**
 * Bulk exports of a jurisdiction's published tenders for the ministries and regions that observe
 * it. The api records the request and its job in one transaction; a worker streams the file into
 * a large object batch by batch, reporting how many tenders it has written, and the api streams
 * it back.
 */
@Injectable()
export class OcdsExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reader: OpenDataReader,
    private readonly files: ExportFiles,
    private readonly settings: OcdsPublicationSettings,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly events: EventsPublisher,
  ) {}

  async request(principal: Principal, input: OcdsExportInput): Promise<OcdsExportView> {
    const acting = principal.acting;
    if (acting?.kind !== 'authority' || !acting.jurisdiction) {
      throw new ForbiddenException('Only ministries and regional authorities export the tenders of a jurisdiction.');
    }
    if (acting.verification !== 'verified') {
      throw new ForbiddenException(
        'Your organisation is not verified yet: a platform administrator verifies authorities before they export.',
      );
    }
    const own = acting.jurisdiction.toUpperCase();
    const jurisdiction = input.jurisdiction ?? own;
    if (!jurisdiction.startsWith(own)) {
      throw fieldError(
        'jurisdiction',
        `${jurisdiction} is outside your jurisdiction ${own}: choose ${own} or a region within it (a NUTS code that starts with ${own})`,
      );
    }
    if (!(await this.reader.knownJurisdiction(this.dataSource.manager, jurisdiction))) {
      throw fieldError('jurisdiction', `jurisdiction ${jurisdiction} matches no known country or NUTS region`);
    }
    // OCDS packages hold one release or record or more (minItems 1): an empty one would not be valid.
    if (input.format !== 'csv' && (await this.reader.countPublished(this.dataSource.manager, jurisdiction)) === 0) {
      throw new ConflictException(
        `There is no published tender in ${jurisdiction} yet, and an OCDS package holds at least one: export as csv, or later.`,
      );
    }
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query<ExportRow[]>(
        `INSERT INTO ocds_exports (organisation_id, requested_by, jurisdiction, format) VALUES ($1, $2, $3, $4)
         RETURNING ${COLUMNS}`,
        [acting.organisationId, principal.userId, jurisdiction, input.format],
      );
      await this.outbox.enqueue(
        manager,
        'open-data.export',
        { exportId: row.id },
        { jobId: `open-data.export.${row.id}` },
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'ocds-export.requested',
        entityType: 'ocds-export',
        entityId: row.id,
        organisationId: acting.organisationId,
        summary: { before: null, after: { jurisdiction, format: input.format } },
      });
      return this.toView(row);
    });
  }

  async get(principal: Principal, exportId: string): Promise<OcdsExportView> {
    return this.toView(await this.own(principal, exportId));
  }

  /** A finished export's bytes, streamed from the database a chunk at a time. */
  async file(
    principal: Principal,
    exportId: string,
  ): Promise<{ chunks: AsyncIterable<Buffer>; size: number; fileName: string; contentType: string }> {
    const row = await this.own(principal, exportId);
    if (row.status !== 'done' || row.content_oid === null || row.size_bytes === null || row.file_name === null) {
      throw new NotFoundException(`Export ${exportId} is not ready yet (${row.status}).`);
    }
    const size = Number(row.size_bytes);
    return {
      chunks: this.files.read(row.content_oid, size),
      size,
      fileName: row.file_name,
      contentType: EXPORT_CONTENT_TYPES[row.format],
    };
  }

  /**
   * The worker's half. Each attempt starts a new large object (the trigger drops the one a failed
   * attempt left), counts the tenders, and writes them in id order, a batch at a time: memory
   * holds one batch and one chunk, however large the jurisdiction.
   */
  async run(exportId: string): Promise<string> {
    const [job] = await this.dataSource.query<ExportRow[]>(`SELECT ${COLUMNS} FROM ocds_exports WHERE id = $1`, [
      exportId,
    ]);
    if (!job) return 'export no longer exists';
    if (job.status === 'done') return 'already done';
    const manager = this.dataSource.manager;
    const total = await this.reader.countPublished(manager, job.jurisdiction);
    if (total === 0 && job.format !== 'csv') {
      // Withdrawn since it was requested: an empty package would not be valid OCDS (minItems 1).
      await this.fail(exportId, `There is no published tender in ${job.jurisdiction} any more: nothing to export.`);
      return 'no published tender: failed';
    }
    const oid = await this.files.create();
    await this.update(
      exportId,
      "status = 'running', started_at = now(), rows_done = 0, rows_total = $2, content_oid = $3, error = NULL",
      [total, oid],
    );
    const writer = this.files.writer(oid);
    const now = new Date().toISOString();
    const uri = `${this.settings.apiUrl}/ocds/exports/${exportId}/file`;
    const meta = packageMeta(this.settings.publication, uri, now);
    const frame =
      job.format === 'csv'
        ? // A byte-order mark, so that spreadsheet programs read the names as UTF-8.
          { head: `\uFEFF${csvRecord(OCDS_CSV_COLUMNS)}`, tail: '' }
        : packageFrame(meta, job.format === 'release-package' ? 'releases' : 'records');
    await writer.write(frame.head);

    let after: string | null = null;
    let done = 0;
    let first = true;
    for (;;) {
      const ids = await this.reader.publishedIds(manager, { after, limit: BATCH, jurisdiction: job.jurisdiction });
      if (ids.length === 0) break;
      for (const tender of await this.reader.load(manager, ids)) {
        const pieces =
          job.format === 'csv'
            ? [csvRecord(csvCells(tenderCsvRow(tender, this.settings.mapping.ocidPrefix)))]
            : job.format === 'release-package'
              ? tenderReleases(tender, this.settings.mapping).map((release) => JSON.stringify(release))
              : [
                  JSON.stringify(
                    tenderRecord(tenderReleases(tender, this.settings.mapping), this.settings.releasesUrl(tender.id)),
                  ),
                ];
        for (const piece of pieces) {
          await writer.write(job.format === 'csv' || first ? piece : `,${piece}`);
          first = false;
        }
      }
      done += ids.length;
      after = ids[ids.length - 1];
      await this.update(exportId, 'rows_done = $2, rows_total = greatest(rows_total, $2)', [done]);
    }
    await writer.write(frame.tail);
    const size = await writer.close();
    const fileName = `ocds-${job.jurisdiction}-${job.format}-${now.slice(0, 10)}.${job.format === 'csv' ? 'csv' : 'json'}`;
    await this.update(
      exportId,
      "status = 'done', size_bytes = $2, file_name = $3, finished_at = now(), rows_total = greatest(rows_total, rows_done)",
      [size, fileName],
    );
    return `${fileName}: ${done} tenders, ${size} bytes`;
  }

  /** After the last attempt: the export shows the failure instead of running forever. */
  async fail(exportId: string, message: string): Promise<void> {
    await this.update(exportId, "status = 'failed', error = $2, finished_at = now()", [message.slice(0, 500)]);
  }

  /** Changes an export and tells the person who asked for it how it stands, on their own channel. */
  private async update(exportId: string, assignments: string, params: unknown[]): Promise<void> {
    const [rows] = await this.dataSource.query<[ExportRow[], number]>(
      `UPDATE ocds_exports SET ${assignments} WHERE id = $1 RETURNING ${COLUMNS}`,
      [exportId, ...params],
    );
    const row = rows[0];
    if (row?.requested_by) this.events.publish(personChannel(row.requested_by), 'ocds.export', this.toView(row));
  }

  /** An export of the caller's own organisation; anyone else's reads as no export at all. */
  private async own(principal: Principal, exportId: string): Promise<ExportRow> {
    const [row] = await this.dataSource.query<ExportRow[]>(
      `SELECT ${COLUMNS} FROM ocds_exports WHERE id = $1 AND organisation_id = $2`,
      [exportId, principal.acting?.organisationId ?? null],
    );
    if (!row) throw new NotFoundException(`There is no export ${exportId} of your organisation.`);
    return row;
  }

  private toView(row: ExportRow): OcdsExportView {
    return {
      id: row.id,
      jurisdiction: row.jurisdiction,
      format: row.format,
      status: row.status,
      rowsDone: row.rows_done,
      rowsTotal: row.rows_total,
      error: row.error,
      fileName: row.file_name,
      sizeBytes: row.size_bytes === null ? null : Number(row.size_bytes),
      downloadUrl: row.status === 'done' ? `/api/v1/ocds/exports/${row.id}/file` : null,
      requestedAt: row.requested_at.toISOString(),
      finishedAt: row.finished_at?.toISOString() ?? null,
    };
  }
}
