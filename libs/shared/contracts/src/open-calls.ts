/**
 * Open calls: what a consortium publishes about one of its tenders so that suppliers can take
 * part: market consultations and calls for tenders, in numbered rounds. A call is a draft, seen
 * by the consortium only, until it is published; then anyone can read its public part, and
 * suppliers who sign up ask questions and send responses until it closes. Times are ISO 8601
 * strings; the server's clock decides whether a call is open.
 */

export const OPEN_CALL_KINDS = ['market-consultation', 'call-for-tenders'] as const;
export type OpenCallKind = (typeof OPEN_CALL_KINDS)[number];

/** `draft` only ever reaches the consortium; the others are computed from server time. */
export const OPEN_CALL_STATUSES = ['draft', 'upcoming', 'open', 'closed'] as const;
export type OpenCallStatus = (typeof OPEN_CALL_STATUSES)[number];
export type PublicOpenCallStatus = Exclude<OpenCallStatus, 'draft'>;
export const PUBLIC_OPEN_CALL_STATUSES: readonly PublicOpenCallStatus[] = ['upcoming', 'open', 'closed'];

/** Limits of a supplier's response; the api refuses anything beyond them, naming the file. */
export const MAX_RESPONSE_ATTACHMENTS = 5;
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_RESPONSE_TEXT = 20_000;
export const MAX_QUESTION_TEXT = 4_000;

/**
 * Attachment types a response may carry. The api also checks that the content looks like the
 * declared type (PDF, PNG and JPEG signatures; office files as ZIP containers; text as UTF-8).
 */
export const ATTACHMENT_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;
export type AttachmentContentType = (typeof ATTACHMENT_CONTENT_TYPES)[number];

export interface OpenCallCreateInput {
  kind: OpenCallKind;
  title: string;
  /** Public text: what is asked of suppliers. */
  summary: string;
  opensAt: string;
  closesAt: string;
}

/** A draft changes freely; once published only `closesAt` moves, and only later. */
export type OpenCallUpdateInput = Partial<OpenCallCreateInput>;

/** The buyer as the public sees it: the consortium and the public names of its lead and members. */
export interface OpenCallBuyerView {
  consortiumName: string;
  members: { name: string; lead: boolean }[];
}

export interface OpenCallLotView {
  number: number;
  title: string;
  cpvCodes: string[];
  /** Estimated value without VAT, decimal euros. */
  value: string;
}

/** A question with its published answer, as every supplier and the public see it: no asker. */
export interface PublishedAnswerView {
  id: string;
  question: string;
  answer: string;
  answeredAt: string;
}

export interface OpenCallSummary {
  id: string;
  round: number;
  kind: OpenCallKind;
  title: string;
  consortiumName: string;
  cpvCodes: string[];
  opensAt: string;
  closesAt: string;
  status: PublicOpenCallStatus;
}

/** The public page of a published call. */
export interface OpenCallPublicView extends Omit<OpenCallSummary, 'consortiumName' | 'cpvCodes'> {
  summary: string;
  publishedAt: string;
  closedAt: string | null;
  buyer: OpenCallBuyerView;
  lots: OpenCallLotView[];
  answers: PublishedAnswerView[];
  /** The server's clock when the page was read; `status` is computed from it. */
  serverTime: string;
}

/** A call as the consortium sees it, drafts included. */
export interface OpenCallView {
  id: string;
  tenderId: string;
  consortiumId: string;
  round: number;
  kind: OpenCallKind;
  title: string;
  summary: string;
  opensAt: string;
  closesAt: string;
  status: OpenCallStatus;
  publishedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  registrations: number;
  questions: number;
  unansweredQuestions: number;
  responses: number;
  serverTime: string;
}

/** A call the supplier's organisation signed up for, as its own list shows it. */
export interface SupplierOpenCallView extends OpenCallSummary {
  registeredAt: string;
  /** Responses the organisation has sent to the call. */
  responses: number;
}

export interface OpenCallRegistrationView {
  organisationId: string;
  organisationName: string;
  registeredAt: string;
}

export interface OpenCallQuestionInput {
  text: string;
}

export interface OpenCallAnswerInput {
  text: string;
  /** true: every supplier and the public read it, without the asker; false: the consortium and the asker only. */
  publish: boolean;
}

/**
 * A question as its reader may see it. The consortium sees who asked; a supplier sees its own
 * questions (`mine`) and published answers, never who asked anything else.
 */
export interface OpenCallQuestionView {
  id: string;
  text: string;
  askedAt: string;
  answer: string | null;
  answeredAt: string | null;
  answerPublished: boolean;
  mine: boolean;
  /** Only for the consortium. */
  askedBy: { organisationId: string; name: string } | null;
}

export interface ResponseAttachmentView {
  id: string;
  fileName: string;
  contentType: AttachmentContentType;
  sizeBytes: number;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
}

export interface OpenCallResponseView {
  id: string;
  callId: string;
  organisation: { id: string; name: string };
  text: string;
  submittedAt: string;
  attachments: ResponseAttachmentView[];
}

/** `open-call.changed` on `consortium.<id>`: something about one of the consortium's calls changed. */
export interface OpenCallChangeEvent {
  consortiumId: string;
  tenderId: string;
  callId: string;
  what: 'created' | 'updated' | 'published' | 'closed' | 'registration' | 'question' | 'answer' | 'response';
  status: OpenCallStatus;
}
