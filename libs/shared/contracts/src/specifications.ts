import type { DocumentAccess } from './collab';

/** Rich text as Tiptap/ProseMirror JSON: what clauses and template guidance are written in. */
export interface RichTextNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichTextNode[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export interface TemplateSectionView {
  key: string;
  title: string;
  /** What belongs in the section, shown to writers; also the section's starting text. */
  guidance: string;
}

export interface SpecificationTemplateView {
  id: string;
  key: string;
  name: string;
  description: string;
  sections: TemplateSectionView[];
  updatedAt: string;
}

export const CLAUSE_CATEGORIES = [
  'data-protection',
  'open-standards',
  'accessibility',
  'sustainability',
  'exit',
  'security',
  'general',
] as const;
export type ClauseCategory = (typeof CLAUSE_CATEGORIES)[number];

export interface ClauseView {
  id: string;
  key: string;
  title: string;
  category: ClauseCategory;
  /** The template section the clause usually goes in. */
  sectionKey: string | null;
  summary: string;
  body: RichTextNode[];
  updatedAt: string;
}

export interface PersonRef {
  userId: string;
  name: string;
  organisationName: string | null;
}

export interface SpecificationSectionView {
  id: string;
  key: string;
  title: string;
}

export interface SpecificationSummary {
  id: string;
  consortiumId: string;
  consortiumName: string;
  title: string;
  templateName: string;
  sharedWithObservers: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SpecificationView extends SpecificationSummary {
  sections: SpecificationSectionView[];
  /** What the caller may do in the document; null if they may not open it. */
  access: DocumentAccess;
  /** Whether the caller's organisation may approve sections (members, not observers). */
  mayApprove: boolean;
}

export interface CreateSpecificationInput {
  title: string;
  templateId: string;
  sharedWithObservers?: boolean;
}

export interface SpecificationVersionView {
  id: string;
  number: number;
  label: string;
  author: PersonRef;
  createdAt: string;
}

export type DiffPartKind = 'same' | 'added' | 'removed';

export interface SectionDiffView {
  sectionId: string;
  title: string;
  status: 'unchanged' | 'changed' | 'added' | 'removed';
  parts: { kind: DiffPartKind; text: string }[];
}

export interface VersionDiffView {
  from: { id: string | 'current'; label: string };
  to: { id: string | 'current'; label: string };
  sections: SectionDiffView[];
}

export interface CommentView {
  id: string;
  /** The thread's first comment; null for that first comment itself. */
  parentId: string | null;
  sectionId: string;
  /** Yjs relative positions (base64) that keep the anchor on its passage while the text changes. */
  anchor: { start: string; end: string } | null;
  quote: string;
  body: string;
  mentions: PersonRef[];
  author: PersonRef;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
}

/** A new comment, or a reply when `parentId` names the thread. */
export interface CommentInput {
  sectionId: string;
  body: string;
  quote?: string;
  anchor?: { start: string; end: string };
  parentId?: string;
  /** User ids of people of the consortium. */
  mentions?: string[];
}

export interface CommentThreadView extends CommentView {
  replies: CommentView[];
}

export interface SectionApprovalView {
  sectionId: string;
  organisationId: string;
  organisationName: string;
  approvedBy: PersonRef;
  approvedAt: string;
  /** `lapsed` once the section changed after the approval. */
  state: 'valid' | 'lapsed';
}

export interface SectionActivityEntry {
  person: PersonRef;
  firstAt: string;
  lastAt: string;
  changes: number;
}

export interface SectionActivityView {
  sectionId: string;
  title: string;
  entries: SectionActivityEntry[];
}

export const EXPORT_FORMATS = ['pdf', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface SpecificationExportView {
  id: string;
  specificationId: string;
  format: ExportFormat;
  status: ExportStatus;
  /** 0 to 100. */
  progress: number;
  error: string | null;
  fileName: string | null;
  sizeBytes: number | null;
  downloadUrl: string | null;
  requestedAt: string;
  finishedAt: string | null;
}
