import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { MAX_ATTACHMENT_BYTES, MAX_RESPONSE_ATTACHMENTS, MAX_RESPONSE_TEXT } from '@consortio/shared/contracts';
import { RequestValidationException } from '@consortio/api/platform/http';
import { contentTypeRefusal, fileNameRefusal } from './attachment-types';

/** A file part of a response as the handler receives it: in memory, measured and hashed on the way in. */
export interface ReceivedAttachment {
  fieldname: string;
  originalname: string;
  mimetype: string;
  buffer: Buffer;
  size: number;
  sha256: string;
}

export const ATTACHMENTS_FIELD = 'attachments';
const MEGABYTES = MAX_ATTACHMENT_BYTES / (1024 * 1024);
/** Every attachment at its largest plus the text and the multipart framing. */
const MAX_REQUEST_BYTES = MAX_RESPONSE_ATTACHMENTS * MAX_ATTACHMENT_BYTES + 4 * MAX_RESPONSE_TEXT + 64 * 1024;
const COUNTED = Symbol('open-calls.attachments-seen');

const attachmentError = (message: string) => new RequestValidationException([{ field: ATTACHMENTS_FIELD, message }]);

export const tooLarge = (fileName: string) =>
  new PayloadTooLargeException(
    `The attachment "${fileName}" is larger than ${MEGABYTES} MB (${MAX_ATTACHMENT_BYTES} bytes); send a smaller or compressed file.`,
  );

interface IncomingFile {
  fieldname: string;
  originalname: string;
  mimetype: string;
  stream: Readable;
}
type Done = (error: Error | null, info?: Partial<ReceivedAttachment>) => void;

/**
 * A multer storage engine that keeps each file in memory, hashes it while it arrives, and stops
 * at the size limit with a 413 naming the file (multer's own limit error names no file). What it
 * stops reading is drained and dropped.
 */
export const boundedMemoryStorage = {
  _handleFile(_request: Request, file: IncomingFile, done: Done): void {
    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      chunks.length = 0;
      file.stream.resume();
      done(error);
    };
    file.stream.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_ATTACHMENT_BYTES) return fail(tooLarge(file.originalname));
      hash.update(chunk);
      chunks.push(chunk);
    });
    file.stream.on('error', fail);
    file.stream.on('end', () => {
      if (failed) return;
      done(null, { buffer: Buffer.concat(chunks, size), size, sha256: hash.digest('hex') });
    });
  },
  _removeFile(_request: Request, file: Partial<ReceivedAttachment>, done: (error: Error | null) => void): void {
    delete file.buffer;
    done(null);
  },
};

/**
 * Decides on each file part before its bytes are read: the field, how many, the name and the
 * declared type, each refusal a 400 naming the file. The content is checked against the type
 * once received (`contentRefusal`).
 */
export function filterAttachment(
  request: Request & { [COUNTED]?: number },
  file: { fieldname: string; originalname: string; mimetype: string },
  accept: (error: Error | null, acceptFile: boolean) => void,
): void {
  if (file.fieldname !== ATTACHMENTS_FIELD)
    return accept(
      attachmentError(`files go in the field "${ATTACHMENTS_FIELD}", not "${file.fieldname}" ("${file.originalname}")`),
      false,
    );
  const seen = (request[COUNTED] ?? 0) + 1;
  request[COUNTED] = seen;
  if (seen > MAX_RESPONSE_ATTACHMENTS)
    return accept(
      attachmentError(
        `a response carries at most ${MAX_RESPONSE_ATTACHMENTS} attachments; "${file.originalname}" is number ${seen}`,
      ),
      false,
    );
  const refusal = fileNameRefusal(file.originalname) ?? contentTypeRefusal(file.originalname, file.mimetype);
  if (refusal) return accept(attachmentError(refusal), false);
  accept(null, true);
}

const MulterAttachments = AnyFilesInterceptor({
  storage: boundedMemoryStorage,
  fileFilter: filterAttachment,
  // One file more than allowed reaches the filter, which refuses it by name.
  limits: {
    files: MAX_RESPONSE_ATTACHMENTS + 1,
    fields: 4,
    fieldNameSize: 100,
    fieldSize: 4 * MAX_RESPONSE_TEXT,
    parts: MAX_RESPONSE_ATTACHMENTS + 5,
    headerPairs: 100,
  },
  defParamCharset: 'utf8',
});

/**
 * Reads a response sent as multipart/form-data (`text` and up to five `attachments` parts); a
 * JSON body passes through untouched (a response without files). A body announced larger than
 * every attachment at its largest is refused before it is read.
 */
@Injectable()
export class AttachmentsInterceptor implements NestInterceptor {
  private readonly multer: NestInterceptor = new MulterAttachments();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<Request>();
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > MAX_REQUEST_BYTES)
      throw new PayloadTooLargeException(
        `A response carries at most ${MAX_RESPONSE_ATTACHMENTS} attachments of ${MEGABYTES} MB each; this request is ${length} bytes.`,
      );
    return this.multer.intercept(context, next);
  }
}
