import { contentRefusal, contentTypeRefusal, fileNameRefusal } from './attachment-types';

const PDF = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0]);
const EXE = Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1');

describe('attachment types', () => {
  it('accepts the allowed types whose bytes look like them, parameters and case aside', () => {
    expect(contentRefusal('offer.pdf', 'application/pdf', PDF)).toBeNull();
    expect(contentRefusal('photo.png', 'image/PNG', PNG)).toBeNull();
    expect(contentRefusal('notes.txt', 'text/plain; charset=utf-8', Buffer.from('Grüße aus Linz\n'))).toBeNull();
    expect(
      contentRefusal('offer.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ZIP),
    ).toBeNull();
  });

  it('refuses a type outside the list, naming the file and the types that are taken', () => {
    const refusal = contentTypeRefusal('setup.exe', 'application/x-msdownload');
    expect(refusal).toContain('"setup.exe" is of type application/x-msdownload');
    expect(refusal).toContain('application/pdf');
    expect(contentTypeRefusal('page.html', 'text/html')).toContain('"page.html"');
    expect(contentTypeRefusal('x', '')).toContain('of type unknown');
  });

  it('refuses content that does not match its declared type, and empty files', () => {
    expect(contentRefusal('offer.pdf', 'application/pdf', EXE)).toBe(
      '"offer.pdf" is declared as application/pdf but its content is not a PDF document',
    );
    expect(contentRefusal('notes.txt', 'text/plain', Buffer.from([0x41, 0x00, 0x42]))).toContain('not a UTF-8 text');
    expect(contentRefusal('notes.txt', 'text/plain', Buffer.from([0xc3, 0x28]))).toContain('not a UTF-8 text');
    expect(contentRefusal('empty.pdf', 'application/pdf', Buffer.alloc(0))).toBe('"empty.pdf" is empty');
  });

  it('refuses file names that are empty, too long, or carry control characters or slashes', () => {
    expect(fileNameRefusal('Angebot Müller.pdf')).toBeNull();
    expect(fileNameRefusal(' ')).toContain('needs a file name');
    expect(fileNameRefusal(`${'a'.repeat(252)}.pdf`)).toContain('longer than 255');
    expect(fileNameRefusal('a\nb.pdf')).toContain('control characters');
    expect(fileNameRefusal('..\\evil.pdf')).toContain('slashes');
  });
});
