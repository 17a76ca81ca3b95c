import { createHash, randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type {
  OpenCallChangeEvent,
  OpenCallPublicView,
  OpenCallQuestionView,
  OpenCallRegistrationView,
  OpenCallResponseView,
  OpenCallSummary,
  OpenCallView,
  Page,
  ProblemDetails,
  SubscribeAck,
  SupplierOpenCallView,
  TenderSummary,
} from '@consortio/shared/contracts';
import { MAX_ATTACHMENT_BYTES, SOCKET_PARSER } from '@consortio/shared/contracts';
import { demoConsortiumId } from '../support/collab';
import { type ApiProcess, eventually, type PlatformProcess, sleep, startApi, startWorker } from '../support/processes';
import { platformEnv } from '../support/platform-env';
import { as, type SignedIn, signIn } from '../support/sessions';

/**
 * Open calls end to end through the built api and worker on the real database: the demo
 * consortium drafts and publishes market consultations and calls for tenders for its demo tender
 * in rounds; the public reads the register and the page without signing in; suppliers sign up,
 * ask questions answered to all without naming the asker, and send responses with attachments
 * checked for size and type; a call closes by itself at its deadline through a delayed worker
 * job; and nobody outside the consortium ever sees a draft, a need or another supplier's response.
 */
describe('open calls', () => {
  let api: ApiProcess;
  let worker: PlatformProcess;
  let anna: SignedIn; // procurement officer, Gemeinde Musterstadt (lead of the demo consortium)
  let lukas: SignedIn; // procurement officer, Markt Beispielheim (member)
  let tobias: SignedIn; // viewer, Gemeinde Musterstadt
  let sophie: SignedIn; // ministry analyst, observer of the demo consortium
  let eva: SignedIn; // procurement officer, Marktgemeinde Demoing (outsider)
  let nora: SignedIn; // Smart Grid Werke GmbH, supplier
  let jakob: SignedIn; // Alpen E-Fahrzeuge AG, second supplier
  let consortiumId: string;
  let tenderId: string;
  let call: OpenCallView;
  // Titles carry a tag of this run, so the public register can be searched for this file's calls only.
  const tag = randomBytes(4).toString('hex');
  const sockets: Socket[] = [];
  const events: OpenCallChangeEvent[] = [];
  const org = (who: SignedIn) => who.user.memberships[0].organisationId;

  async function send<T>(
    who: SignedIn | null,
    method: string,
    path: string,
    json?: unknown,
  ): Promise<{ status: number; body: T; text: string }> {
    const response = await as(who, api.url, `/api/v1${path}`, { method, json });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T, text };
  }

  async function ok<T>(who: SignedIn | null, method: string, path: string, json?: unknown, status = 200): Promise<T> {
    const answer = await send<T>(who, method, path, json);
    if (answer.status !== status) throw new Error(`${method} ${path} answered ${answer.status}: ${answer.text}`);
    return answer.body;
  }

  type Part = { name: string; type: string; bytes: Buffer; field?: string };

  async function respond(
    who: SignedIn,
    callId: string,
    text: string,
    parts: Part[] = [],
  ): Promise<{ status: number; body: OpenCallResponseView & ProblemDetails }> {
    const form = new FormData();
    form.append('text', text);
    for (const part of parts)
      form.append(part.field ?? 'attachments', new Blob([new Uint8Array(part.bytes)], { type: part.type }), part.name);
    const response = await as(who, api.url, `/api/v1/open-calls/${callId}/responses`, { method: 'POST', body: form });
    return { status: response.status, body: (await response.json()) as OpenCallResponseView & ProblemDetails };
  }

  const pdf = (text: string) => Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`);
  const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

  async function draft(title: string, opensAt: string, closesAt: string, kind = 'market-consultation') {
    return ok<OpenCallView>(
      anna,
      'POST',
      `/tenders/${tenderId}/open-calls`,
      { kind, title: `${title} ${tag}`, summary: `Public text of ${title}.`, opensAt, closesAt },
      201,
    );
  }

  beforeAll(async () => {
    api = await startApi(platformEnv());
    worker = startWorker(platformEnv());
    [anna, lukas, tobias, sophie, eva, nora, jakob] = await Promise.all(
      [
        'officer@musterstadt.test',
        'officer@beispielheim.test',
        'viewer@musterstadt.test',
        'analyst@ministry.test',
        'officer@demoing.test',
        'sales@smartgrid.test',
        'bids@alpen-efahrzeuge.test',
      ].map((email) => signIn(api.url, email)),
    );
    consortiumId = await demoConsortiumId(api.url, anna);
    const tenders = await ok<Page<TenderSummary>>(anna, 'GET', `/consortia/${consortiumId}/tenders?pageSize=100`);
    const demo = tenders.items.find((item) => item.title === 'Electric utility vehicles and depot lighting 2027');
    if (!demo) throw new Error('The demo tender is missing');
    tenderId = demo.id;

    const socket: Socket = io(`${api.url}/events`, {
      parser: SOCKET_PARSER,
      transports: ['websocket'],
      auth: { token: lukas.token },
      reconnection: false,
    });
    sockets.push(socket);
    await new Promise<void>((done, fail) => {
      socket.once('connect', () => done());
      socket.once('connect_error', fail);
    });
    const ack = await new Promise<SubscribeAck>((done) =>
      socket.emit('subscribe', { channel: `consortium.${consortiumId}` }, done),
    );
    expect(ack.ok).toBe(true);
    socket.on('open-call.changed', (change: OpenCallChangeEvent) => events.push(change));
  });

  afterAll(async () => {
    sockets.forEach((socket) => socket.disconnect());
    await Promise.all([api?.stop(), worker?.stop()]);
  });

  describe('drafts', () => {
    it('drafts a call for the demo tender as the next round, checking kind and dates', async () => {
      call = await draft('Market consultation: electric utility vehicles', inMinutes(-1), inMinutes(120));
      expect(call).toMatchObject({
        tenderId,
        consortiumId,
        kind: 'market-consultation',
        status: 'draft',
        publishedAt: null,
        registrations: 0,
        questions: 0,
        responses: 0,
      });
      expect(call.round).toBeGreaterThanOrEqual(1);
      await eventually(
        async () => events.find((event) => event.callId === call.id && event.what === 'created'),
        5_000,
        'the created event',
      );

      const backwards = await send<ProblemDetails>(anna, 'POST', `/tenders/${tenderId}/open-calls`, {
        kind: 'market-consultation',
        title: 'Backwards',
        summary: 'x',
        opensAt: inMinutes(60),
        closesAt: inMinutes(30),
      });
      expect(backwards.status).toBe(400);
      expect(backwards.body.errors?.[0].field).toBe('closesAt');
      const bad = await send<ProblemDetails>(anna, 'POST', `/tenders/${tenderId}/open-calls`, {
        kind: 'auction',
        title: 'x',
        summary: '',
        opensAt: '2027-01-01',
        closesAt: 'tomorrow',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.map((error) => error.field).sort()).toEqual([
        'closesAt',
        'kind',
        'opensAt',
        'summary',
        'title',
      ]);
      // Viewers and observers read the consortium's calls but do not write them; outsiders see nothing.
      expect((await send(tobias, 'POST', `/open-calls/${call.id}/publish`)).status).toBe(403);
      expect((await send(sophie, 'PATCH', `/open-calls/${call.id}`, { title: 'Observer edit' })).status).toBe(403);
      const observed = await ok<Page<OpenCallView>>(sophie, 'GET', `/tenders/${tenderId}/open-calls`);
      expect(observed.items.map((item) => item.id)).toContain(call.id);
      expect((await send(eva, 'GET', `/tenders/${tenderId}/open-calls`)).status).toBe(403);
      // One call as the consortium sees it (the management page), drafts included.
      for (const who of [lukas, sophie])
        expect(await ok<OpenCallView>(who, 'GET', `/open-calls/${call.id}/consortium-view`)).toMatchObject({
          id: call.id,
          tenderId,
          consortiumId,
          status: 'draft',
        });
      expect((await send(eva, 'GET', `/open-calls/${call.id}/consortium-view`)).status).toBe(404);
      expect((await send(nora, 'GET', `/open-calls/${call.id}/consortium-view`)).status).toBe(404);
      expect((await send(null, 'GET', `/open-calls/${call.id}/consortium-view`)).status).toBe(401);
    });

    it('never shows a draft to suppliers or the public, nor the consortium’s internal needs', async () => {
      for (const who of [null, nora, eva]) {
        const page = await ok<Page<OpenCallSummary>>(who, 'GET', `/open-calls?q=${tag}`);
        expect(page.total).toBe(0);
        const one = await send<ProblemDetails>(who, 'GET', `/open-calls/${call.id}`);
        expect(one.status).toBe(404);
        expect(one.text).not.toContain('Market consultation');
      }
      // To a supplier, a draft's id is the same as no id at all.
      for (const [method, path] of [
        ['POST', `/open-calls/${call.id}/registrations`],
        ['POST', `/open-calls/${call.id}/questions`],
        ['GET', `/open-calls/${call.id}/questions`],
        ['GET', `/open-calls/${call.id}/registrations`],
        ['GET', `/open-calls/${call.id}/responses/mine`],
      ])
        expect((await send(nora, method, path, method === 'POST' ? { text: 'Hello?' } : undefined)).status).toBe(404);
      expect((await respond(nora, call.id, 'Early')).status).toBe(404);
      const list = await send<ProblemDetails>(nora, 'GET', `/tenders/${tenderId}/open-calls`);
      expect(list.status).toBe(403);
      expect(list.text).not.toContain(call.id);
      // A supplier never reads the members' internal needs, nor joins the consortium's live channel.
      expect((await send(nora, 'GET', `/consortia/${consortiumId}/needs`)).status).toBe(403);
      expect((await send(nora, 'GET', `/consortia/${consortiumId}/pooled-demand`)).status).toBe(403);
      const socket: Socket = io(`${api.url}/events`, {
        parser: SOCKET_PARSER,
        transports: ['websocket'],
        auth: { token: nora.token },
        reconnection: false,
      });
      sockets.push(socket);
      const ack = await new Promise<SubscribeAck>((done) =>
        socket.emit('subscribe', { channel: `consortium.${consortiumId}` }, done),
      );
      expect(ack.ok).toBe(false);
    });
  });

  describe('published', () => {
    it('publishes: the register lists it and its page shows only public facts', async () => {
      const published = await ok<OpenCallView>(anna, 'POST', `/open-calls/${call.id}/publish`);
      expect(published).toMatchObject({ status: 'open', closedAt: null });
      expect(published.publishedAt).not.toBeNull();
      expect((await send<ProblemDetails>(anna, 'POST', `/open-calls/${call.id}/publish`)).status).toBe(409);

      const register = await ok<Page<OpenCallSummary>>(null, 'GET', `/open-calls?q=${tag}`);
      expect(register.items).toEqual([
        {
          id: call.id,
          round: call.round,
          kind: 'market-consultation',
          title: call.title,
          consortiumName: 'E-Mobilität Oberbayern',
          cpvCodes: ['31500000-1', '34144900-7'],
          opensAt: call.opensAt,
          closesAt: call.closesAt,
          status: 'open',
        },
      ]);
      expect((await ok<Page<OpenCallSummary>>(null, 'GET', `/open-calls?q=${tag}&status=open`)).total).toBe(1);
      expect((await ok<Page<OpenCallSummary>>(null, 'GET', `/open-calls?q=${tag}&status=closed`)).total).toBe(0);
      expect((await ok<Page<OpenCallSummary>>(null, 'GET', '/open-calls?q=Oberbayern')).total).toBeGreaterThan(0);
      expect((await send(null, 'GET', '/open-calls?status=draft')).status).toBe(400);

      const page = await send<OpenCallPublicView>(null, 'GET', `/open-calls/${call.id}`);
      expect(page.status).toBe(200);
      expect(Object.keys(page.body).sort()).toEqual(
        [
          'answers',
          'buyer',
          'closedAt',
          'closesAt',
          'id',
          'kind',
          'lots',
          'opensAt',
          'publishedAt',
          'round',
          'serverTime',
          'status',
          'summary',
          'title',
        ].sort(),
      );
      expect(page.body.buyer).toEqual({
        consortiumName: 'E-Mobilität Oberbayern',
        members: [
          { name: 'Gemeinde Musterstadt', lead: true },
          { name: 'Markt Beispielheim', lead: false },
        ],
      });
      expect(page.body.lots).toEqual([
        { number: 1, title: 'Electric utility vehicles', cpvCodes: ['34144900-7'], value: '275000.00' },
        { number: 2, title: 'Charging-point lighting at the depot', cpvCodes: ['31500000-1'], value: '14400.00' },
      ]);
      expect(page.body).toMatchObject({ status: 'open', round: call.round, answers: [] });
      expect(Date.parse(page.body.serverTime)).toBeGreaterThan(Date.parse(page.body.opensAt));
      // Nothing internal: no tender id, no ministry observer, no needs or budgets.
      expect(page.text).not.toContain(tenderId);
      expect(page.text).not.toContain('Staatsministerium');
      expect(page.text).not.toContain('Electric utility vehicles and depot lighting 2027');

      // What the notice says stays as published.
      const edit = await send<ProblemDetails>(anna, 'PATCH', `/open-calls/${call.id}`, { title: 'Changed title' });
      expect(edit.status).toBe(409);
      expect(edit.body.detail).toContain('only closesAt moves');
      const unknown = await send<ProblemDetails>(null, 'GET', '/open-calls/00000000-0000-4000-8000-000000000000');
      expect(unknown.status).toBe(404);
      expect((await send(null, 'GET', '/open-calls/not-an-id')).status).toBe(400);
    });

    it('signs suppliers up, and only suppliers', async () => {
      const before = await send<ProblemDetails>(nora, 'POST', `/open-calls/${call.id}/questions`, { text: 'Hello?' });
      expect(before.status).toBe(403);
      expect(before.body.detail).toContain('Sign your organisation up to this open call first');
      const first = await ok<OpenCallRegistrationView>(nora, 'POST', `/open-calls/${call.id}/registrations`, {}, 201);
      expect(first).toMatchObject({ organisationId: org(nora), organisationName: 'Smart Grid Werke GmbH (Demo)' });
      const again = await ok<OpenCallRegistrationView>(nora, 'POST', `/open-calls/${call.id}/registrations`, {}, 201);
      expect(again.registeredAt).toBe(first.registeredAt);
      await ok(jakob, 'POST', `/open-calls/${call.id}/registrations`, {}, 201);
      // Municipalities do not sign up as suppliers.
      expect((await send(eva, 'POST', `/open-calls/${call.id}/registrations`, {})).status).toBe(403);
      expect((await send(anna, 'POST', `/open-calls/${call.id}/registrations`, {})).status).toBe(403);

      const own = await ok<Page<OpenCallRegistrationView>>(nora, 'GET', `/open-calls/${call.id}/registrations`);
      expect(own.items.map((item) => item.organisationId)).toEqual([org(nora)]);
      const all = await ok<Page<OpenCallRegistrationView>>(lukas, 'GET', `/open-calls/${call.id}/registrations`);
      expect(all.items.map((item) => item.organisationName)).toEqual([
        'Smart Grid Werke GmbH (Demo)',
        'Alpen E-Fahrzeuge AG (Demo)',
      ]);
      expect((await send(sophie, 'GET', `/open-calls/${call.id}/registrations`)).status).toBe(403);
      expect((await send(eva, 'GET', `/open-calls/${call.id}/registrations`)).status).toBe(403);
    });

    it('answers a question to every supplier and the public without naming who asked', async () => {
      const question = await ok<OpenCallQuestionView>(
        nora,
        'POST',
        `/open-calls/${call.id}/questions`,
        { text: 'Is a type 2 charging cable part of each vehicle?' },
        201,
      );
      expect(question).toMatchObject({ mine: true, askedBy: null, answer: null, answerPublished: false });
      // Unanswered, it is the asker's and the consortium's business only.
      expect((await ok<Page<OpenCallQuestionView>>(jakob, 'GET', `/open-calls/${call.id}/questions`)).total).toBe(0);
      const inbox = await ok<Page<OpenCallQuestionView>>(anna, 'GET', `/open-calls/${call.id}/questions`);
      expect(inbox.items.map((item) => item.askedBy)).toEqual([
        { organisationId: org(nora), name: 'Smart Grid Werke GmbH (Demo)' },
      ]);
      // Suppliers do not answer, and the consortium's viewers do not either.
      const path = `/open-calls/${call.id}/questions/${question.id}/answer`;
      expect((await send(nora, 'POST', path, { text: 'Yes', publish: true })).status).toBe(403);
      expect((await send(tobias, 'POST', path, { text: 'Yes', publish: true })).status).toBe(403);
      const answered = await ok<OpenCallQuestionView>(anna, 'POST', path, {
        text: 'Yes: one 7 m type 2 cable per vehicle.',
        publish: true,
      });
      expect(answered).toMatchObject({ answerPublished: true, askedBy: { name: 'Smart Grid Werke GmbH (Demo)' } });
      await eventually(
        async () => events.find((event) => event.callId === call.id && event.what === 'answer'),
        5_000,
        'the answer event',
      );

      const seen = await send<Page<OpenCallQuestionView>>(jakob, 'GET', `/open-calls/${call.id}/questions`);
      expect(seen.body.items).toEqual([
        expect.objectContaining({
          text: 'Is a type 2 charging cable part of each vehicle?',
          answer: 'Yes: one 7 m type 2 cable per vehicle.',
          mine: false,
          askedBy: null,
        }),
      ]);
      const page = await send<OpenCallPublicView>(null, 'GET', `/open-calls/${call.id}`);
      expect(page.body.answers).toEqual([
        {
          id: question.id,
          question: 'Is a type 2 charging cable part of each vehicle?',
          answer: 'Yes: one 7 m type 2 cable per vehicle.',
          answeredAt: expect.any(String),
        },
      ]);
      for (const text of [seen.text, page.text]) {
        expect(text).not.toContain('Smart Grid');
        expect(text).not.toContain(org(nora));
      }
      const retract = await send<ProblemDetails>(anna, 'POST', path, { text: 'Never mind', publish: false });
      expect(retract.status).toBe(409);

      // An answer kept private reaches the asker only.
      const private_ = await ok<OpenCallQuestionView>(
        jakob,
        'POST',
        `/open-calls/${call.id}/questions`,
        { text: 'May we visit the depot?' },
        201,
      );
      await ok(lukas, 'POST', `/open-calls/${call.id}/questions/${private_.id}/answer`, {
        text: 'Please ask again once the call for tenders is out.',
        publish: false,
      });
      const jakobs = await ok<Page<OpenCallQuestionView>>(jakob, 'GET', `/open-calls/${call.id}/questions`);
      expect(jakobs.items.find((item) => item.id === private_.id)).toMatchObject({
        mine: true,
        answerPublished: false,
      });
      const noras = await ok<Page<OpenCallQuestionView>>(nora, 'GET', `/open-calls/${call.id}/questions`);
      expect(noras.items.map((item) => [item.id, item.mine])).toEqual([[question.id, true]]);
      expect((await ok<OpenCallPublicView>(null, 'GET', `/open-calls/${call.id}`)).answers).toHaveLength(1);
    });

    it('takes responses with attachments within the limits, kept with their hash', async () => {
      const offer = pdf('Smart Grid offer');
      const notes = Buffer.from('Lieferzeit: 12 Wochen\n');
      const sent = await respond(nora, call.id, 'Our answer to the market consultation.', [
        { name: 'Angebot Übersicht.pdf', type: 'application/pdf', bytes: offer },
        { name: 'notes.txt', type: 'text/plain', bytes: notes },
      ]);
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({
        callId: call.id,
        organisation: { id: org(nora), name: 'Smart Grid Werke GmbH (Demo)' },
        text: 'Our answer to the market consultation.',
      });
      expect(sent.body.attachments).toEqual([
        {
          id: expect.any(String),
          fileName: 'Angebot Übersicht.pdf',
          contentType: 'application/pdf',
          sizeBytes: offer.length,
          sha256: createHash('sha256').update(offer).digest('hex'),
        },
        {
          id: expect.any(String),
          fileName: 'notes.txt',
          contentType: 'text/plain',
          sizeBytes: notes.length,
          sha256: createHash('sha256').update(notes).digest('hex'),
        },
      ]);

      const tooLarge = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 0x20);
      pdf('big').copy(tooLarge);
      const large = await respond(nora, call.id, 'Too large', [
        { name: 'small.pdf', type: 'application/pdf', bytes: offer },
        { name: 'huge-brochure.pdf', type: 'application/pdf', bytes: tooLarge },
      ]);
      expect(large.status).toBe(413);
      expect(large.body.detail).toContain('"huge-brochure.pdf" is larger than 10 MB');
      const exe = await respond(nora, call.id, 'Bad type', [
        { name: 'installer.exe', type: 'application/x-msdownload', bytes: Buffer.from('MZ\x90\x00') },
      ]);
      expect(exe.status).toBe(400);
      expect(exe.body.errors).toEqual([{ field: 'attachments', message: expect.stringContaining('"installer.exe"') }]);
      const disguised = await respond(nora, call.id, 'Disguised', [
        { name: 'offer.pdf', type: 'application/pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf') },
      ]);
      expect(disguised.status).toBe(400);
      expect(disguised.body.detail).toContain('"offer.pdf" is declared as application/pdf but its content is not');
      const six = await respond(
        nora,
        call.id,
        'Six files',
        Array.from({ length: 6 }, (_, index) => ({
          name: `part-${index + 1}.pdf`,
          type: 'application/pdf',
          bytes: offer,
        })),
      );
      expect(six.status).toBe(400);
      expect(six.body.detail).toContain('"part-6.pdf" is number 6');
      expect((await respond(nora, call.id, '')).status).toBe(400);
      // Without files, a plain JSON body will do.
      const plain = await send<OpenCallResponseView>(nora, 'POST', `/open-calls/${call.id}/responses`, {
        text: 'A short addendum without files.',
      });
      expect(plain.status).toBe(201);
      expect(plain.body.attachments).toEqual([]);

      const other = await respond(jakob, call.id, 'Alpen answer', [
        { name: 'alpen.pdf', type: 'application/pdf', bytes: pdf('Alpen confidential prices') },
      ]);
      expect(other.status).toBe(201);
      // Refused responses stored nothing: nora has two, jakob one.
      const noras = await send<Page<OpenCallResponseView>>(nora, 'GET', `/open-calls/${call.id}/responses/mine`);
      expect(noras.body.items.map((item) => item.text)).toEqual([
        'A short addendum without files.',
        'Our answer to the market consultation.',
      ]);
      expect(noras.text).not.toContain('Alpen');
      const jakobs = await ok<Page<OpenCallResponseView>>(jakob, 'GET', `/open-calls/${call.id}/responses/mine`);
      expect(jakobs.items.map((item) => item.text)).toEqual(['Alpen answer']);

      // The consortium reads them all; nobody else does.
      const all = await ok<Page<OpenCallResponseView>>(lukas, 'GET', `/open-calls/${call.id}/responses`);
      expect(all.total).toBe(3);
      for (const who of [nora, jakob, sophie, eva])
        expect((await send(who, 'GET', `/open-calls/${call.id}/responses`)).status).toBe(403);
      expect((await send(null, 'GET', `/open-calls/${call.id}/responses`)).status).toBe(401);

      const [file] = sent.body.attachments;
      const path = `/api/v1/open-calls/${call.id}/responses/${sent.body.id}/attachments/${file.id}`;
      const download = await as(anna, api.url, path);
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/pdf');
      expect(download.headers.get('content-disposition')).toContain(
        `attachment; filename="Angebot _bersicht.pdf"; filename*=UTF-8''${encodeURIComponent('Angebot Übersicht.pdf')}`,
      );
      expect(Buffer.from(await download.arrayBuffer())).toEqual(offer);
      expect((await as(nora, api.url, path)).status).toBe(200);
      // Another supplier's file is not there for jakob, and the consortium's observer has no business with it.
      expect((await as(jakob, api.url, path)).status).toBe(404);
      expect((await as(sophie, api.url, path)).status).toBe(403);
      expect((await as(eva, api.url, path)).status).toBe(403);

      const view = await ok<Page<OpenCallView>>(anna, 'GET', `/tenders/${tenderId}/open-calls`);
      expect(view.items.find((item) => item.id === call.id)).toMatchObject({
        registrations: 2,
        questions: 2,
        unansweredQuestions: 0,
        responses: 3,
      });
    });

    it('numbers a second open call of the tender as the next round', async () => {
      const second = await draft(
        'Call for tenders: electric utility vehicles',
        inMinutes(-1),
        inMinutes(240),
        'call-for-tenders',
      );
      expect(second.round).toBe(call.round + 1);
      await ok(anna, 'POST', `/open-calls/${second.id}/publish`);
      const register = await ok<Page<OpenCallSummary>>(null, 'GET', `/open-calls?q=${tag}`);
      // Open calls first, soonest deadline first.
      expect(register.items.map((item) => [item.round, item.kind])).toEqual([
        [call.round, 'market-consultation'],
        [call.round + 1, 'call-for-tenders'],
      ]);
      const list = await ok<Page<OpenCallView>>(anna, 'GET', `/tenders/${tenderId}/open-calls?pageSize=1`);
      expect(list.items[0].round).toBeGreaterThanOrEqual(second.round);
      expect(list.total).toBeGreaterThanOrEqual(2);
    });

    it("lists each supplier's own sign-ups with its number of responses, and nobody else's", async () => {
      const mine = (who: SignedIn, query = '') =>
        ok<Page<SupplierOpenCallView>>(who, 'GET', `/open-calls/mine?pageSize=100${query}`);
      const sent = async (who: SignedIn) =>
        (await ok<Page<OpenCallResponseView>>(who, 'GET', `/open-calls/${call.id}/responses/mine`)).total;
      const [ofNora, ofJakob] = await Promise.all([mine(nora), mine(jakob)]);
      expect(ofNora.items.find((item) => item.id === call.id)).toMatchObject({
        round: call.round,
        status: 'open',
        responses: await sent(nora),
      });
      expect(ofJakob.items.find((item) => item.id === call.id)?.responses).toBe(await sent(jakob));
      expect(await sent(nora)).toBeGreaterThan(0);
      // The next round is in the register, but neither has signed up for it.
      const register = await ok<Page<OpenCallSummary>>(null, 'GET', `/open-calls?q=${tag}`);
      const others = register.items.filter((item) => item.id !== call.id).map((item) => item.id);
      expect(others.length).toBeGreaterThan(0);
      for (const list of [ofNora, ofJakob]) expect(list.items.some((item) => others.includes(item.id))).toBe(false);
      expect((await mine(nora, '&status=closed')).items.some((item) => item.id === call.id)).toBe(false);

      expect((await send(anna, 'GET', '/open-calls/mine')).status).toBe(403);
      expect((await send(null, 'GET', '/open-calls/mine')).status).toBe(401);
      const bad = await send<ProblemDetails>(nora, 'GET', '/open-calls/mine?status=finished');
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.[0].field).toBe('status');
    });
  });

  describe('deadlines', () => {
    it('closes a call by itself at its deadline, after which questions and responses are refused with 409', async () => {
      const closesAt = new Date(Date.now() + 6_000).toISOString();
      const short = await draft('Short consultation', inMinutes(-1), closesAt);
      await ok(anna, 'POST', `/open-calls/${short.id}/publish`);
      await ok(nora, 'POST', `/open-calls/${short.id}/registrations`, {}, 201);
      await ok(nora, 'POST', `/open-calls/${short.id}/questions`, { text: 'Still open?' }, 201);

      // The worker's delayed job closes it and says so on the consortium channel.
      const closed = await eventually(
        async () => events.find((event) => event.callId === short.id && event.what === 'closed'),
        30_000,
        'the closing job',
      ).catch(async (error: Error) => {
        const state = await send(anna, 'GET', `/tenders/${tenderId}/open-calls?pageSize=100`);
        throw new Error(`${error.message}\n${state.text}\n--- worker output ---\n${worker.log()}`);
      });
      expect(closed).toMatchObject({ consortiumId, tenderId, status: 'closed' });
      const view = (
        await ok<Page<OpenCallView>>(anna, 'GET', `/tenders/${tenderId}/open-calls?pageSize=100`)
      ).items.find((item) => item.id === short.id);
      expect(view?.status).toBe('closed');
      expect(Date.parse(view?.closedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(closesAt));

      const deadline = new Date(closesAt).toISOString();
      const question = await send<ProblemDetails>(nora, 'POST', `/open-calls/${short.id}/questions`, { text: 'Late' });
      expect(question.status).toBe(409);
      expect(question.body.detail).toContain(`closed at its deadline ${deadline}`);
      const response = await respond(nora, short.id, 'Late response', [
        { name: 'late.pdf', type: 'application/pdf', bytes: pdf('late') },
      ]);
      expect(response.status).toBe(409);
      expect(response.body.detail).toContain(`closed at its deadline ${deadline} (server time now`);
      expect((await send(nora, 'POST', `/open-calls/${short.id}/responses`, { text: 'Late' })).status).toBe(409);
      expect((await send(jakob, 'POST', `/open-calls/${short.id}/registrations`, {})).status).toBe(409);
      const extend = await send<ProblemDetails>(anna, 'PATCH', `/open-calls/${short.id}`, { closesAt: inMinutes(60) });
      expect(extend.status).toBe(409);
      expect(extend.body.detail).toContain('a closed call stays closed');

      const page = await ok<OpenCallPublicView>(null, 'GET', `/open-calls/${short.id}`);
      expect(page.status).toBe('closed');
      expect((await ok<Page<OpenCallSummary>>(null, 'GET', `/open-calls?q=${tag}&status=closed`)).items).toEqual([
        expect.objectContaining({ id: short.id, status: 'closed' }),
      ]);
    });

    it('reschedules the closing when the deadline is extended, and never cuts it', async () => {
      const extended = await draft('Extended consultation', inMinutes(-1), new Date(Date.now() + 4_000).toISOString());
      await ok(anna, 'POST', `/open-calls/${extended.id}/publish`);
      const later = inMinutes(90);
      const moved = await ok<OpenCallView>(anna, 'PATCH', `/open-calls/${extended.id}`, { closesAt: later });
      expect(moved.closesAt).toBe(new Date(later).toISOString());
      const cut = await send<ProblemDetails>(anna, 'PATCH', `/open-calls/${extended.id}`, { closesAt: inMinutes(30) });
      expect(cut.status).toBe(409);
      expect(cut.body.detail).toContain('extended, never cut');
      // Past the first deadline the job for it has run and found the call not due.
      await sleep(7_000);
      const page = await ok<OpenCallPublicView>(null, 'GET', `/open-calls/${extended.id}`);
      expect(page).toMatchObject({ status: 'open', closedAt: null, closesAt: new Date(later).toISOString() });
      expect(events.some((event) => event.callId === extended.id && event.what === 'closed')).toBe(false);
      await ok(jakob, 'POST', `/open-calls/${extended.id}/registrations`, {}, 201);
      await ok(jakob, 'POST', `/open-calls/${extended.id}/questions`, { text: 'Thanks for the extra time.' }, 201);
    });
  });
});
