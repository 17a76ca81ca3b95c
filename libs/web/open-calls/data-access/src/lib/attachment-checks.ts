import {
  ATTACHMENT_CONTENT_TYPES,
  type AttachmentContentType,
  MAX_ATTACHMENT_BYTES,
  MAX_RESPONSE_ATTACHMENTS,
} from '@consortio/shared/contracts';

/**
 * The api's limits for a response's files, checked in the browser before anything is sent, so a
 * person learns at once which file is refused and why. The api checks again (and also the bytes
 * against the type); these checks only spare a pointless upload.
 */

/** What the browser tells about a chosen file (a `File` is one). */
export interface ChosenFile {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

export interface AcceptedAttachment<F extends ChosenFile = ChosenFile> {
  file: F;
  /** The type sent with the file: the browser's, or the one its extension stands for when the browser gave none. */
  contentType: AttachmentContentType;
}

export type AttachmentRefusal =
  | { reason: 'too-many'; fileName: string; max: number }
  | { reason: 'too-large'; fileName: string; sizeBytes: number; maxBytes: number }
  | { reason: 'empty'; fileName: string }
  | { reason: 'type'; fileName: string }
  | { reason: 'name'; fileName: string }
  | { reason: 'duplicate'; fileName: string };

/**
 * Browsers leave the type empty for extensions the system does not know (often .odt, .ods) and
 * some report CSV as a spreadsheet; the extension then says what the file claims to be.
 */
const BY_EXTENSION: Readonly<Record<string, AttachmentContentType>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
};

/** The file types the picker offers (extensions and types), for `<input accept>`. */
export const ATTACHMENT_ACCEPT = [
  ...Object.keys(BY_EXTENSION).map((ext) => `.${ext}`),
  ...ATTACHMENT_CONTENT_TYPES,
].join(',');

const isAllowed = (type: string): type is AttachmentContentType =>
  (ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(type);

/** The type to send for a file, or null when responses do not take it. */
export function attachmentContentType(file: Pick<ChosenFile, 'name' | 'type'>): AttachmentContentType | null {
  const declared = file.type.split(';')[0].trim().toLowerCase();
  if (isAllowed(declared)) return declared;
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return BY_EXTENSION[extension] ?? null;
}

function nameRefused(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name.trim() === '' || name.length > 255 || /[\u0000-\u001f\u007f/\\]/.test(name);
}

/**
 * Adds `chosen` files to those already `kept`, in order: each file the api would refuse stays
 * out, with the reason; so does a file already in the list and any file past the limit.
 */
export function addAttachments<F extends ChosenFile>(
  kept: readonly AcceptedAttachment<F>[],
  chosen: readonly F[],
): { kept: AcceptedAttachment<F>[]; refused: AttachmentRefusal[] } {
  const next = [...kept];
  const refused: AttachmentRefusal[] = [];
  for (const file of chosen) {
    const fileName = file.name;
    if (nameRefused(fileName)) {
      refused.push({ reason: 'name', fileName });
      continue;
    }
    const contentType = attachmentContentType(file);
    if (!contentType) {
      refused.push({ reason: 'type', fileName });
      continue;
    }
    if (file.size === 0) {
      refused.push({ reason: 'empty', fileName });
      continue;
    }
    if (file.size > MAX_ATTACHMENT_BYTES) {
      refused.push({ reason: 'too-large', fileName, sizeBytes: file.size, maxBytes: MAX_ATTACHMENT_BYTES });
      continue;
    }
    if (next.some((entry) => entry.file.name === fileName && entry.file.size === file.size)) {
      refused.push({ reason: 'duplicate', fileName });
      continue;
    }
    if (next.length >= MAX_RESPONSE_ATTACHMENTS) {
      refused.push({ reason: 'too-many', fileName, max: MAX_RESPONSE_ATTACHMENTS });
      continue;
    }
    next.push({ file, contentType });
  }
  return { kept: next, refused };
}
