import { createHash } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { HttpStatus, Logger, ServiceUnavailableException, UnprocessableEntityException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { loadConfig } from '@consortio/api/platform/config';
import { EmitterEventsPublisher } from '@consortio/api/platform/realtime';
import { RedisConfig, RedisConnections } from '@consortio/api/platform/redis';
import { openTestDataSource, truncateAll } from '@consortio/api/testing';
import { AttachmentScanner, type AttachmentToScan, type ScanVerdict } from './attachment-scanner';
import type { ReceivedAttachment } from './attachment-upload';
import { OpenCallAccess } from './open-call-access';
import { OpenCallEvents } from './open-call-events';
import { OpenCallResponsesService } from './open-call-responses.service';

/**
 * The virus-scan hook of supplier responses against the real database, with scanners a
 * deployment could plug in (`{ provide: AttachmentScanner, useClass: … }` in OpenCallsModule):
 * one that refuses files carrying the EICAR test signature, and one that talks to a scanner
 * daemon over TCP that is not there. A refused file is a 422 with the scanner's reason, a scanner
 * that fails is a 503, and either way nothing of the response is stored.
 */

/** The EICAR anti-virus test file, put together at run time so that this source is not itself flagged. */
const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE', '!$H+H*'].join('');

/** Refuses any file that contains the EICAR signature, as every anti-virus engine does. */
class EicarSignatureScanner extends AttachmentScanner {
  readonly name = 'eicar-signature';

  async scan(file: AttachmentToScan): Promise<ScanVerdict> {
    return file.content.includes(EICAR) ? { clean: false, reason: 'Eicar-Test-Signature FOUND' } : { clean: true };
  }
}

/** Streams the file to a clamd-style daemon over TCP (INSTREAM) and reads its verdict. */
class DaemonScanner extends AttachmentScanner {
  readonly name = 'clamd';

  constructor(private readonly port: number) {
    super();
  }

  scan(file: AttachmentToScan): Promise<ScanVerdict> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port: this.port });
      let answer = '';
      socket.setTimeout(2_000, () => socket.destroy(new Error('clamd did not answer within 2 s')));
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      socket.on('end', () =>
        resolve(answer.includes('FOUND') ? { clean: false, reason: answer.trim() } : { clean: true }),
      );
      socket.on('connect', () => {
        const size = Buffer.alloc(4);
        size.writeUInt32BE(file.content.length);
        socket.end(Buffer.concat([Buffer.from('zINSTREAM\0'), size, file.content, Buffer.alloc(4)]));
      });
    });
  }
}

/** A port on which nothing listens: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

const file = (name: string, type: string, content: Buffer): ReceivedAttachment => ({
  fieldname: 'attachments',
  originalname: name,
  mimetype: type,
  buffer: content,
  size: content.length,
  sha256: createHash('sha256').update(content).digest('hex'),
});

describe('virus-scan hook of supplier responses (PostgreSQL)', () => {
  let dataSource: DataSource;
  let redis: RedisConnections;
  let supplier: Principal;
  let callId: string;

  beforeAll(async () => {
    Logger.overrideLogger(['fatal']);
    dataSource = await openTestDataSource();
    await truncateAll(dataSource);
    const one = async (sql: string, params: unknown[] = []) =>
      (await dataSource.query<{ id: string }[]>(sql, params))[0].id;
    const lead = await one(
      `INSERT INTO organisations (kind, name, country, verification)
       VALUES ('central-purchasing-body', 'Einkauf Nord', 'DE', 'verified') RETURNING id`,
    );
    const company = await one(
      `INSERT INTO organisations (kind, name, country, vat_number, verification)
       VALUES ('supplier', 'Lampen GmbH', 'DE', 'DE123456789', 'not-required') RETURNING id`,
    );
    const userId = await one(
      "INSERT INTO users (email, display_name) VALUES ('sales@lampen.test', 'Lena') RETURNING id",
    );
    const consortiumId = await one(
      "INSERT INTO consortia (name, domain, lead_organisation_id) VALUES ('Scan consortium', 'energy', $1) RETURNING id",
      [lead],
    );
    await dataSource.query(
      "INSERT INTO consortium_members (consortium_id, organisation_id, role) VALUES ($1, $2, 'lead')",
      [consortiumId, lead],
    );
    const tenderId = await one(
      `INSERT INTO tenders (consortium_id, title, procedure_type, estimated_value, stage, lot_rules)
       VALUES ($1, 'Street lighting', 'open', 50000, 'published', '{"bidsOn":"all","maxLotsPerTenderer":null}') RETURNING id`,
      [consortiumId],
    );
    callId = await one(
      `INSERT INTO open_calls (tender_id, round, kind, title, summary, opens_at, closes_at, published_at)
       VALUES ($1, 1, 'market-consultation', 'Street lighting consultation', 'Tell us.', now() - interval '1 hour',
               now() + interval '1 day', now()) RETURNING id`,
      [tenderId],
    );
    await dataSource.query(
      'INSERT INTO open_call_registrations (call_id, organisation_id, registered_by) VALUES ($1, $2, $3)',
      [callId, company, userId],
    );
    supplier = {
      userId,
      sessionId: 'int-spec',
      platformAdmin: false,
      memberships: [{ organisationId: company, role: 'procurement-officer' }],
      acting: {
        organisationId: company,
        kind: 'supplier',
        role: 'procurement-officer',
        verification: 'not-required',
        jurisdiction: null,
      },
    };
    redis = new RedisConnections(
      loadConfig(RedisConfig, { ...process.env, REDIS_KEY_PREFIX: `it-scan-${process.pid}` }),
    );
  });

  afterAll(async () => {
    Logger.overrideLogger(['log', 'error', 'warn', 'debug', 'verbose']);
    await redis?.onApplicationShutdown();
    await dataSource?.destroy();
  });

  const responsesWith = (scanner: AttachmentScanner) =>
    new OpenCallResponsesService(
      dataSource,
      new OpenCallAccess(),
      scanner,
      new OpenCallEvents(new EmitterEventsPublisher(redis)),
      new AuditService(dataSource),
    );

  const stored = async () =>
    (
      await dataSource.query<{ responses: number; attachments: number; audit: number }[]>(
        `SELECT (SELECT count(*)::int FROM open_call_responses) AS responses,
                (SELECT count(*)::int FROM open_call_attachments) AS attachments,
                (SELECT count(*)::int FROM audit_events) AS audit`,
      )
    )[0];

  const brochure = () => file('brochure.pdf', 'application/pdf', Buffer.from('%PDF-1.7\n% LED luminaires\n%%EOF\n'));

  it('stores a clean response with the name of the scanner that passed each file', async () => {
    const response = await responsesWith(new EicarSignatureScanner()).submit(supplier, callId, 'Our offer.', [
      brochure(),
      file('notes.txt', 'text/plain', Buffer.from('Lieferzeit 6 Wochen\n')),
    ]);
    expect(response.attachments.map((attachment) => attachment.fileName)).toEqual(['brochure.pdf', 'notes.txt']);
    const rows = await dataSource.query<{ scanned_by: string }[]>(
      'SELECT scanned_by FROM open_call_attachments WHERE response_id = $1',
      [response.id],
    );
    expect(rows).toEqual([{ scanned_by: 'eicar-signature' }, { scanned_by: 'eicar-signature' }]);
  });

  it('refuses a response carrying an infected file with 422 and the reason, storing none of it', async () => {
    const before = await stored();
    const attempt = responsesWith(new EicarSignatureScanner()).submit(supplier, callId, 'With a test virus.', [
      brochure(),
      file('eicar.txt', 'text/plain', Buffer.from(EICAR)),
    ]);
    const error = (await attempt.catch((caught: unknown) => caught)) as UnprocessableEntityException;
    expect(error).toBeInstanceOf(UnprocessableEntityException);
    expect(error.getStatus()).toBe(HttpStatus.UNPROCESSABLE_ENTITY);
    expect(error.message).toBe('The virus scan refused "eicar.txt": Eicar-Test-Signature FOUND. Nothing was stored.');
    expect(await stored()).toEqual(before);
  });

  it('fails a response with 503 when the scanner cannot run, storing none of it', async () => {
    const before = await stored();
    const attempt = responsesWith(new DaemonScanner(await closedPort())).submit(supplier, callId, 'Scanner down.', [
      brochure(),
    ]);
    const error = (await attempt.catch((caught: unknown) => caught)) as ServiceUnavailableException;
    expect(error).toBeInstanceOf(ServiceUnavailableException);
    expect(error.getStatus()).toBe(HttpStatus.SERVICE_UNAVAILABLE);
    expect(error.message).toBe(
      'The virus scan of "brochure.pdf" could not run; nothing was stored. Send the response again in a few minutes.',
    );
    expect(await stored()).toEqual(before);
  });

  it('takes a response without files whatever the scanner, since there is nothing to scan', async () => {
    const response = await responsesWith(new DaemonScanner(await closedPort())).submit(
      supplier,
      callId,
      'Text only.',
      [],
    );
    expect(response.attachments).toEqual([]);
  });
});
