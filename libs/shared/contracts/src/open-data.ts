import type { ExportStatus } from './specifications';

/**
 * Open data: published tenders as OCDS 1.1 (with the EU profile's lots), for anyone, and bulk
 * exports of a jurisdiction for the ministries and regions that observe it.
 */

/** What a bulk export writes: every release of each tender, one record per tender, or one CSV row per tender. */
export const OCDS_EXPORT_FORMATS = ['release-package', 'record-package', 'csv'] as const;
export type OcdsExportFormat = (typeof OCDS_EXPORT_FORMATS)[number];

export interface OcdsExportInput {
  /** Country code or NUTS prefix (DE, DE2, DE21); defaults to the observer's own jurisdiction. */
  jurisdiction?: string;
  format: OcdsExportFormat;
}

export interface OcdsExportView {
  id: string;
  jurisdiction: string;
  format: OcdsExportFormat;
  status: ExportStatus;
  /** Tenders written so far. */
  rowsDone: number;
  /** Published tenders of the jurisdiction when the export started; null while queued. */
  rowsTotal: number | null;
  error: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  /** Where to download the file once the export is done; null before. */
  downloadUrl: string | null;
  requestedAt: string;
  finishedAt: string | null;
}

/** The CSV columns of a bulk export, one row per tender. */
export const OCDS_CSV_COLUMNS = [
  'ocid',
  'tender_id',
  'title',
  'lead_buyer',
  'members',
  'estimated_value_eur',
  'stage',
  'cpv_codes',
  'nuts_codes',
  'awarded_lots',
  'awarded_value_eur',
] as const;
