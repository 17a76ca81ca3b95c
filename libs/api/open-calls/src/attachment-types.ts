import { isUtf8 } from 'node:buffer';
import { ATTACHMENT_CONTENT_TYPES, type AttachmentContentType } from '@consortio/shared/contracts';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** What the first bytes of each allowed type look like, and what to call it in a refusal. */
const SIGNATURES: Record<AttachmentContentType, { label: string; matches: (bytes: Buffer) => boolean }> = {
  'application/pdf': { label: 'PDF document', matches: (bytes) => bytes.subarray(0, 5).toString('latin1') === '%PDF-' },
  'image/png': {
    label: 'PNG image',
    matches: (bytes) => bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/jpeg': {
    label: 'JPEG image',
    matches: (bytes) => bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  },
  'text/plain': { label: 'UTF-8 text', matches: isUtf8Text },
  'text/csv': { label: 'UTF-8 text', matches: isUtf8Text },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    label: 'Word document',
    matches: (bytes) => bytes.subarray(0, 4).equals(ZIP),
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    label: 'Excel workbook',
    matches: (bytes) => bytes.subarray(0, 4).equals(ZIP),
  },
  'application/vnd.oasis.opendocument.text': {
    label: 'OpenDocument text',
    matches: (bytes) => bytes.subarray(0, 4).equals(ZIP),
  },
  'application/vnd.oasis.opendocument.spreadsheet': {
    label: 'OpenDocument spreadsheet',
    matches: (bytes) => bytes.subarray(0, 4).equals(ZIP),
  },
};

function isUtf8Text(bytes: Buffer): boolean {
  return !bytes.includes(0) && isUtf8(bytes);
}

/** The declared type without parameters (`text/plain; charset=utf-8` → `text/plain`), lower case. */
export function baseContentType(declared: string): string {
  return declared.split(';')[0].trim().toLowerCase();
}

export function isAllowedContentType(declared: string): declared is AttachmentContentType {
  return (ATTACHMENT_CONTENT_TYPES as readonly string[]).includes(baseContentType(declared));
}

/** Why a file name is refused, or null: names are shown to people and sent back in downloads. */
export function fileNameRefusal(fileName: string): string | null {
  if (fileName.trim() === '') return 'every attachment needs a file name';
  if (fileName.length > 255) return `the file name "${fileName.slice(0, 40)}…" is longer than 255 characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f/\\]/.test(fileName))
    return `the file name "${fileName}" holds control characters or slashes`;
  return null;
}

/** Why a declared type is refused, or null. */
export function contentTypeRefusal(fileName: string, declared: string): string | null {
  if (isAllowedContentType(declared)) return null;
  return `"${fileName}" is of type ${baseContentType(declared) || 'unknown'}; responses take PDF, PNG, JPEG, plain text, CSV, Word, Excel and OpenDocument files (${ATTACHMENT_CONTENT_TYPES.join(', ')})`;
}

/**
 * Why a received file is refused, or null: its declared type must be allowed and its bytes must
 * look like that type, so a renamed executable does not pass as a PDF.
 */
export function contentRefusal(fileName: string, declared: string, bytes: Buffer): string | null {
  const typeRefusal = contentTypeRefusal(fileName, declared);
  if (typeRefusal) return typeRefusal;
  if (bytes.length === 0) return `"${fileName}" is empty`;
  const signature = SIGNATURES[baseContentType(declared) as AttachmentContentType];
  if (!signature.matches(bytes))
    return `"${fileName}" is declared as ${baseContentType(declared)} but its content is not a ${signature.label}`;
  return null;
}
