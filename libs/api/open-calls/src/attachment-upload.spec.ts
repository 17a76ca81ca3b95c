import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import { MAX_ATTACHMENT_BYTES, MAX_RESPONSE_ATTACHMENTS } from '@consortio/shared/contracts';
import { RequestValidationException } from '@consortio/api/platform/http';
import { boundedMemoryStorage, filterAttachment, type ReceivedAttachment } from './attachment-upload';

function receive(name: string, chunks: Buffer[]): Promise<{ error: Error | null; info?: Partial<ReceivedAttachment> }> {
  const stream = new PassThrough();
  const result = new Promise<{ error: Error | null; info?: Partial<ReceivedAttachment> }>((done) =>
    boundedMemoryStorage._handleFile(
      {} as Request,
      { fieldname: 'attachments', originalname: name, mimetype: 'application/pdf', stream },
      (error, info) => done({ error, info }),
    ),
  );
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  return result;
}

function filter(request: object, file: { fieldname?: string; originalname?: string; mimetype?: string }) {
  let outcome: { error: Error | null; accepted: boolean } | undefined;
  filterAttachment(
    request as Request,
    { fieldname: 'attachments', originalname: 'offer.pdf', mimetype: 'application/pdf', ...file },
    (error, accepted) => (outcome = { error, accepted }),
  );
  return outcome;
}

describe('attachment upload', () => {
  it('keeps a file in memory with its size and SHA-256', async () => {
    const bytes = [Buffer.from('%PDF-1.7 '), Buffer.from('rest of the file')];
    const { error, info } = await receive('offer.pdf', bytes);
    expect(error).toBeNull();
    expect(info?.size).toBe(25);
    expect(info?.buffer?.toString()).toBe('%PDF-1.7 rest of the file');
    expect(info?.sha256).toBe(createHash('sha256').update(Buffer.concat(bytes)).digest('hex'));
  });

  it('accepts a file of exactly the limit and refuses one byte more with a 413 naming the file', async () => {
    const exact = await receive('exact.pdf', [Buffer.alloc(MAX_ATTACHMENT_BYTES - 1), Buffer.alloc(1)]);
    expect(exact.error).toBeNull();
    expect(exact.info?.size).toBe(MAX_ATTACHMENT_BYTES);
    const over = await receive('big.pdf', [Buffer.alloc(MAX_ATTACHMENT_BYTES), Buffer.alloc(1)]);
    expect(over.error).toBeInstanceOf(PayloadTooLargeException);
    expect(over.error?.message).toBe(
      'The attachment "big.pdf" is larger than 10 MB (10485760 bytes); send a smaller or compressed file.',
    );
  });

  it('accepts allowed types in the attachments field, and refuses other fields, types and names by file', () => {
    expect(filter({}, {})).toEqual({ error: null, accepted: true });
    const type = filter({}, { originalname: 'run.sh', mimetype: 'application/x-sh' });
    expect(type?.error).toBeInstanceOf(RequestValidationException);
    expect((type?.error as RequestValidationException).fieldErrors[0]).toMatchObject({ field: 'attachments' });
    expect(type?.error?.message).toContain('"run.sh" is of type application/x-sh');
    expect(filter({}, { fieldname: 'file' })?.error?.message).toContain('not "file"');
    expect(filter({}, { originalname: 'a\u0000.pdf' })?.error?.message).toContain('control characters');
  });

  it(`refuses attachment number ${MAX_RESPONSE_ATTACHMENTS + 1} by name`, () => {
    const request = {};
    for (let n = 1; n <= MAX_RESPONSE_ATTACHMENTS; n += 1) expect(filter(request, {})?.accepted).toBe(true);
    const extra = filter(request, { originalname: 'sixth.pdf' });
    expect(extra?.accepted).toBe(false);
    expect(extra?.error?.message).toContain('at most 5 attachments; "sixth.pdf" is number 6');
  });
});
