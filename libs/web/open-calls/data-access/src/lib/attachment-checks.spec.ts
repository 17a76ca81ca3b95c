import { MAX_ATTACHMENT_BYTES, MAX_RESPONSE_ATTACHMENTS } from '@consortio/shared/contracts';
import { addAttachments, attachmentContentType, type ChosenFile } from './attachment-checks';

const file = (name: string, size = 100, type = 'application/pdf'): ChosenFile => ({ name, size, type });

describe('attachment checks', () => {
  it('takes the allowed types, and the extension when the browser gives no type or a wrong one for CSV', () => {
    expect(attachmentContentType(file('offer.pdf'))).toBe('application/pdf');
    expect(attachmentContentType(file('notes.txt', 1, 'text/plain;charset=utf-8'))).toBe('text/plain');
    expect(attachmentContentType(file('plan.ODT', 1, ''))).toBe('application/vnd.oasis.opendocument.text');
    expect(attachmentContentType(file('prices.csv', 1, 'application/vnd.ms-excel'))).toBe('text/csv');
    expect(attachmentContentType(file('setup.exe', 1, 'application/x-msdownload'))).toBeNull();
    expect(attachmentContentType(file('README', 1, ''))).toBeNull();
  });

  it('refuses, naming the file, what the api would refuse, and keeps the rest in order', () => {
    const { kept, refused } = addAttachments(
      [],
      [
        file('offer.pdf'),
        file('setup.exe', 10, 'application/x-msdownload'),
        file('huge.pdf', MAX_ATTACHMENT_BYTES + 1),
        file('exact.pdf', MAX_ATTACHMENT_BYTES),
        file('empty.txt', 0, 'text/plain'),
        file('a\u0007b.pdf'),
      ],
    );
    expect(kept.map((entry) => [entry.file.name, entry.contentType])).toEqual([
      ['offer.pdf', 'application/pdf'],
      ['exact.pdf', 'application/pdf'],
    ]);
    expect(refused).toEqual([
      { reason: 'type', fileName: 'setup.exe' },
      {
        reason: 'too-large',
        fileName: 'huge.pdf',
        sizeBytes: MAX_ATTACHMENT_BYTES + 1,
        maxBytes: MAX_ATTACHMENT_BYTES,
      },
      { reason: 'empty', fileName: 'empty.txt' },
      { reason: 'name', fileName: 'a\u0007b.pdf' },
    ]);
  });

  it('stops at the most files a response carries and skips a file chosen twice', () => {
    const first = addAttachments([], [file('1.pdf'), file('2.pdf'), file('3.pdf')]);
    const second = addAttachments(first.kept, [file('2.pdf'), file('4.pdf'), file('5.pdf'), file('6.pdf')]);
    expect(second.kept).toHaveLength(MAX_RESPONSE_ATTACHMENTS);
    expect(second.refused).toEqual([
      { reason: 'duplicate', fileName: '2.pdf' },
      { reason: 'too-many', fileName: '6.pdf', max: MAX_RESPONSE_ATTACHMENTS },
    ]);
  });
});
