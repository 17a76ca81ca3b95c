// Benchmark: co-editing, Consortio against @hocuspocus/server 4.x, in one run.
// Creates a throwaway database (migrated and seeded), starts the built api and worker and a
// Hocuspocus server (tests/bench/hocuspocus-server.mjs, storing in the same PostgreSQL) pinned to
// core 0, and drives both from this process pinned to core 1 with the same workload: N editors
// typing 5 characters per second into one section of one document, for N = 10, 25, 50, 100.
// Propagation latency is measured at every receiving editor for every keystroke of every editor;
// acknowledgement latency is the time until the server confirms the change (Consortio: committed
// in PostgreSQL; Hocuspocus: received in memory, stored after its debounce). Then the cold load of
// a 1 MB document through the api. Writes "Co-editing" in docs/benchmarks.md.
// Usage: npm run bench:collab [-- --editors 10,25,50,100 --seconds 30]
//   BENCH_API_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" passes Node.js options to the api (profiling).
//   (node -r @swc-node/register tests/bench/collab.ts; needs `npm run build` first)
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { constants as performanceConstants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import pg from 'pg';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { CollabClient, type CollabDocument, REMOTE_ORIGIN, sectionsOf } from '@consortio/shared/collab';
import { sectionFragmentName } from '@consortio/shared/contracts';
import { machineDescription, writeBenchmarkSection } from './report.mjs';

const root = resolve(__dirname, '../..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const EDITOR_COUNTS = option('--editors', '10,25,50,100').split(',').map(Number);
const TYPING_SECONDS = Number(option('--seconds', '30'));
const WARM_UP_SECONDS = 2;
const execFileAsync = promisify(execFile);
/** Each system types in this many turns, taking turns with the other: a slow spell of the machine hits both. */
const ROUNDS = 6;
const CHARACTERS_PER_SECOND = 5;
const adminUrl = option('--database-url', 'postgres://postgres@127.0.0.1:5432/postgres');
const API_PORT = 3913;
const HOCUSPOCUS_PORT = 3914;
const PASSWORD = 'consortio-demo';
const apiNodeArgs = (process.env['BENCH_API_NODE_ARGS'] ?? '').split(' ').filter(Boolean);

// The load generator gets its own core; the servers get the other.
if (!process.env['BENCH_PINNED']) {
  // --expose-gc: the cold load starts from a collected heap, not one the typing workloads left behind.
  // --conditions=module: Yjs and lib0 load as the ES modules a browser's bundle holds; their
  // CommonJS build, which `require` would pick, reaches every lib0 function through a getter.
  const nodeArgs = [...process.execArgv, '--expose-gc', '--conditions=module'];
  const child = spawn('taskset', ['-c', '1', process.execPath, ...nodeArgs, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_PINNED: '1' },
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  void main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

interface Editor {
  doc: Y.Doc;
  /** Types one character into the shared section. */
  type: () => void;
  close: () => void;
}

interface RunResult {
  system: 'Consortio' | 'Hocuspocus';
  editors: number;
  keystrokes: number;
  propagation: number[];
  /** Each turn's own p99 propagation: a slow spell of the machine moves one of them, not all. */
  turnP99s: number[];
  acknowledgement: number[];
  serverCpuPercent: number;
  serverPeakRssMb: number;
  loadCpuPercent: number;
  /** The load generator's own garbage-collection pauses while typing: they delay every receiver in it. */
  loadGcLongestMs: number;
  /** Full (mark-compact) collections of the load generator's heap while typing. */
  loadMajorGcs: number;
  /** The longest time the load generator's event loop was held while typing: every receiver in it waits that long. */
  loadEventLoopDelayMaxMs: number;
  converged: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** A full collection of this process's heap (it runs with --expose-gc). */
const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();
const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** CPU seconds of each process still running, from /proc. */
function cpuSeconds(pids: number[]): Map<number, number> {
  const ticks = 100; // USER_HZ on Linux
  const used = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks);
    } catch {
      // gone (a database connection closed)
    }
  }
  return used;
}

/** CPU seconds spent between two readings by the processes present in both. */
function cpuSpent(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, seconds] of after) if (before.has(pid)) spent += seconds - (before.get(pid) ?? 0);
  return spent;
}

/** Resident memory of processes, from /proc. */
function residentMb(pids: number[]): number {
  let rssMb = 0;
  for (const pid of pids) {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    rssMb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  }
  return rssMb;
}

/** Inserts one character at a random place of the section's first paragraph. */
function typeOne(doc: Y.Doc, fragmentName: string): void {
  const fragment = doc.getXmlFragment(fragmentName);
  const paragraph = fragment.get(0) as Y.XmlElement | undefined;
  const text = paragraph?.get(0) as Y.XmlText | undefined;
  if (!text) return;
  const letters = 'abcdefghijklmnopqrstuvwxyz ';
  text.insert(Math.floor(Math.random() * (text.length + 1)), letters[Math.floor(Math.random() * letters.length)]);
}

async function runWorkload(
  system: RunResult['system'],
  editors: Editor[],
  serverPids: number[],
  databaseBackends: () => Promise<number[]>,
  acknowledgements: number[],
  isRemote: (origin: unknown) => boolean,
): Promise<RunResult> {
  // Each turn starts from a collected heap. The load generator holds every editor's replica of the
  // document, both systems' (a browser holds one): a full collection marks all of them, and its
  // helper threads share this process's one core with the receivers. Collected here, before the
  // warm-up, the next one is unlikely to fall into the measured seconds of this turn; where it does,
  // the column of full collections says so.
  collectGarbage();
  const sentAt = new Map<string, number>();
  const propagation: number[] = [];
  let measuring = false;
  const listeners = editors.map((editor) => {
    // Every editor measures: what a transaction added per client is the clocks between its state
    // vectors before and after, which Yjs computes anyway (cheaper than decoding each update).
    // A local transaction is the keystroke, timed before the system's client sends it.
    const listener = (transaction: Y.Transaction) => {
      if (!measuring) return;
      const remote = isRemote(transaction.origin);
      const now = performance.now();
      for (const [client, after] of transaction.afterState) {
        const before = transaction.beforeState.get(client) ?? 0;
        for (let clock = before; clock < after; clock++) {
          const key = `${client}:${clock}`;
          if (!remote) sentAt.set(key, now);
          else {
            const sent = sentAt.get(key);
            if (sent !== undefined) propagation.push(now - sent);
          }
        }
      }
    };
    editor.doc.on('afterTransaction', listener);
    return () => editor.doc.off('afterTransaction', listener);
  });
  let keystrokes = 0;
  const interval = 1000 / CHARACTERS_PER_SECOND;
  // Editors start spread over one interval, as people would.
  const timers = editors.map((editor, index) => {
    let timer: NodeJS.Timeout | undefined;
    const start = setTimeout(
      () => {
        timer = setInterval(() => {
          editor.type();
          keystrokes += 1;
        }, interval);
      },
      (index * interval) / editors.length,
    );
    return () => {
      clearTimeout(start);
      if (timer) clearInterval(timer);
    };
  });
  await sleep((WARM_UP_SECONDS * 1000) / 2);
  // PostgreSQL works for the servers: its backends serving the benchmark's database go to their
  // core. Done during the warm-up and without blocking: a synchronous `taskset` per backend would
  // hold every receiver of the load generator for tens of milliseconds inside the measured turn.
  const backends = await databaseBackends();
  await Promise.all(
    backends.map((pid) =>
      execFileAsync('taskset', ['-p', '-c', '0', String(pid)]).catch(() => undefined /* closed meanwhile */),
    ),
  );
  await sleep((WARM_UP_SECONDS * 1000) / 2);
  measuring = true;
  acknowledgements.length = 0;
  keystrokes = 0;
  const gcPauses: number[] = [];
  let majorGcs = 0;
  const gc = new PerformanceObserver((list) =>
    list.getEntries().forEach((entry) => {
      gcPauses.push(entry.duration);
      const { kind } = entry.detail as { kind: number };
      if (kind === performanceConstants.NODE_PERFORMANCE_GC_MAJOR) majorGcs += 1;
    }),
  );
  gc.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const measured = [...serverPids, ...backends];
  const before = cpuSeconds(measured);
  const loadBefore = process.cpuUsage();
  const startedAt = performance.now();
  let peakRss = residentMb(serverPids);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, residentMb(serverPids));
  }, 500);
  await sleep((TYPING_SECONDS / ROUNDS) * 1000);
  const elapsed = (performance.now() - startedAt) / 1000;
  const after = cpuSeconds(measured);
  const load = process.cpuUsage(loadBefore);
  clearInterval(sampler);
  gc.disconnect();
  loop.disable();
  timers.forEach((stop) => stop());
  measuring = false;
  const acknowledgement = [...acknowledgements];

  // Convergence: every editor ends with the same state, within 30 s of the last keystroke.
  const deadline = Date.now() + 30_000;
  let converged = 0;
  while (Date.now() < deadline) {
    const states = editors.map((editor) => Buffer.from(Y.encodeStateVector(editor.doc)).toString('base64'));
    const texts = editors.map((editor) => editor.doc.getXmlFragment(fragmentOf(editor.doc)).toString());
    converged = states.filter((state, index) => state === states[0] && texts[index] === texts[0]).length;
    if (converged === editors.length) break;
    await sleep(200);
  }
  listeners.forEach((remove) => remove());
  return {
    system,
    editors: editors.length,
    keystrokes,
    propagation,
    turnP99s: [percentile(propagation, 99)],
    acknowledgement,
    serverCpuPercent: (cpuSpent(before, after) / elapsed) * 100,
    serverPeakRssMb: Math.max(peakRss, residentMb(serverPids)),
    loadCpuPercent: ((load.user + load.system) / 1e6 / elapsed) * 100,
    loadGcLongestMs: Math.max(0, ...gcPauses),
    loadMajorGcs: majorGcs,
    loadEventLoopDelayMaxMs: loop.max / 1e6,
    converged: converged / editors.length,
  };
}

/** One result of a system's turns: samples pooled, CPU averaged, the worst of the peaks. */
function combined(phases: RunResult[]): RunResult {
  const mean = (pick: (phase: RunResult) => number) =>
    phases.reduce((sum, phase) => sum + pick(phase), 0) / phases.length;
  return {
    system: phases[0].system,
    editors: phases[0].editors,
    keystrokes: phases.reduce((sum, phase) => sum + phase.keystrokes, 0),
    propagation: phases.flatMap((phase) => phase.propagation),
    turnP99s: phases.flatMap((phase) => phase.turnP99s),
    acknowledgement: phases.flatMap((phase) => phase.acknowledgement),
    serverCpuPercent: mean((phase) => phase.serverCpuPercent),
    serverPeakRssMb: Math.max(...phases.map((phase) => phase.serverPeakRssMb)),
    loadCpuPercent: mean((phase) => phase.loadCpuPercent),
    loadGcLongestMs: Math.max(...phases.map((phase) => phase.loadGcLongestMs)),
    loadMajorGcs: phases.reduce((sum, phase) => sum + phase.loadMajorGcs, 0),
    loadEventLoopDelayMaxMs: Math.max(...phases.map((phase) => phase.loadEventLoopDelayMaxMs)),
    converged: Math.min(...phases.map((phase) => phase.converged)),
  };
}

/** The section everyone types into: the first of the specification. */
function fragmentOf(doc: Y.Doc): string {
  const [first] = sectionsOf(doc);
  return first ? sectionFragmentName(first.id) : 'default';
}

async function signIn(email: string): Promise<{ token: string; organisationId: string }> {
  const response = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`sign-in of ${email}: ${response.status}`);
  const session = (await response.json()) as {
    accessToken: string;
    user: { memberships: { organisationId: string }[] };
  };
  return { token: session.accessToken, organisationId: session.user.memberships[0].organisationId };
}

async function createSpecification(
  who: { token: string; organisationId: string },
  consortiumId: string,
  templateId: string,
  title: string,
): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${API_PORT}/api/v1/consortia/${consortiumId}/specifications`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${who.token}` },
    body: JSON.stringify({ title, templateId }),
  });
  if (!response.ok) throw new Error(`creating a specification: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

function startProcess(name: string, command: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolveStart, reject) => {
    const child = spawn('taskset', ['-c', '0', ...command], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) {
        clearTimeout(timer);
        resolveStart(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)));
  });
}

async function waitForReady(url: string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} not ready`);
}

async function main(): Promise<void> {
  const database = `consortio_bench_collab_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url.toString(),
    AUTH_TOKEN_SECRET: 'benchmark-secret-0123456789abcdefghij',
    LOG_LEVEL: 'warn',
    PORT: String(API_PORT),
    HOST: '127.0.0.1',
    REDIS_KEY_PREFIX: `bench-collab-${Date.now().toString(36)}`,
    QUEUE_PREFIX: `bench-collab-${Date.now().toString(36)}`,
  };
  const children: ChildProcess[] = [];
  // However this process ends (an uncaught error included), the servers it started end with it.
  process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));
  const db = new pg.Client({ connectionString: env['DATABASE_URL'] });
  try {
    execFileSync(process.execPath, ['dist/apps/api/main.js', 'migrate'], { cwd: root, env, stdio: 'ignore' });
    execFileSync(process.execPath, ['dist/apps/api/main.js', 'seed'], { cwd: root, env, stdio: 'ignore' });
    await db.connect();
    const api = spawn('taskset', ['-c', '0', process.execPath, ...apiNodeArgs, 'dist/apps/api/main.js'], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    const worker = spawn('taskset', ['-c', '0', process.execPath, 'dist/apps/worker/main.js'], {
      cwd: root,
      env,
      stdio: 'ignore',
    });
    children.push(api, worker);
    const hocuspocus = await startProcess(
      'hocuspocus',
      [
        process.execPath,
        'tests/bench/hocuspocus-server.mjs',
        '--port',
        String(HOCUSPOCUS_PORT),
        '--database-url',
        env['DATABASE_URL'] ?? '',
      ],
      env,
      /ready/,
    );
    children.push(hocuspocus);
    await waitForReady(`http://127.0.0.1:${API_PORT}/api/health/ready`);

    const people = [await signIn('officer@musterstadt.test'), await signIn('officer@beispielheim.test')];
    const [{ id: consortiumId }] = (
      await db.query<{ id: string }>("SELECT id FROM consortia WHERE name = 'E-Mobilität Oberbayern'")
    ).rows;
    const [{ id: templateId }] = (
      await db.query<{ id: string }>("SELECT id FROM specification_templates WHERE key = 'smart-city-standard'")
    ).rows;

    // The database's backends serving the servers (not this process's own connection).
    const backendsOf = async () =>
      (
        await db.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        )
      ).rows.map((row) => row.pid);
    const results: RunResult[] = [];
    for (const count of EDITOR_COUNTS) {
      // Consortio: one fresh specification, N headless clients of the /collab protocol.
      const documentId = await createSpecification(people[0], consortiumId, templateId, `Benchmark, ${count} editors`);
      const initial = (
        await db.query<{ content: Buffer }>(
          "SELECT content FROM specification_updates WHERE specification_id = $1 AND update_id = 'template'",
          [documentId],
        )
      ).rows[0].content;
      const acknowledgements: number[] = [];
      const consortio: Editor[] = await Promise.all(
        Array.from({ length: count }, async (_, index) => {
          const who = people[index % people.length];
          const client = new CollabClient({
            url: `http://127.0.0.1:${API_PORT}`,
            token: () => who.token,
            organisationId: who.organisationId,
            transports: ['websocket'],
          });
          const document: CollabDocument = await client.open(documentId);
          document.on('acknowledged', (ack) => acknowledgements.push(ack.latencyMs));
          const fragment = fragmentOf(document.doc);
          return { doc: document.doc, type: () => typeOne(document.doc, fragment), close: () => client.disconnect() };
        }),
      );
      // Hocuspocus: the same starting document (the template's sections), N providers.
      const seed = new Y.Doc();
      Y.applyUpdate(seed, initial);
      const name = `benchmark-${count}`;
      await db.query('INSERT INTO hocuspocus_documents (name, data) VALUES ($1, $2)', [
        name,
        Buffer.from(Y.encodeStateAsUpdate(seed)),
      ]);
      const hocusAcks: number[] = [];
      const peer: Editor[] = await Promise.all(
        Array.from({ length: count }, async () => {
          const doc = new Y.Doc();
          const socket = new HocuspocusProviderWebsocket({
            url: `ws://127.0.0.1:${HOCUSPOCUS_PORT}`,
            WebSocketPolyfill: WebSocket,
          });
          const pending: number[] = [];
          const provider = new HocuspocusProvider({
            websocketProvider: socket,
            name,
            document: doc,
            onUnsyncedChanges: ({ number }) => {
              // The server confirmed changes: the oldest waiting ones, until `number` remain.
              while (pending.length > number) hocusAcks.push(performance.now() - (pending.shift() ?? 0));
            },
          });
          provider.attach();
          await new Promise<void>((done) => provider.on('synced', () => done()));
          const fragment = fragmentOf(doc);
          return {
            doc,
            type: () => {
              pending.push(performance.now());
              typeOne(doc, fragment);
            },
            close: () => {
              provider.destroy();
              socket.destroy();
            },
          };
        }),
      );
      // The two systems take turns, each with its editors connected throughout. Round 0 is a
      // warm-up round, not counted: the first turns at a new number of editors run code that has
      // not been optimised for it yet, on tables and documents just created, for both systems.
      const phases: RunResult[] = [];
      for (let round = 0; round <= ROUNDS; round++) {
        const turns = [
          () =>
            runWorkload(
              'Consortio',
              consortio,
              [api.pid ?? 0, worker.pid ?? 0],
              backendsOf,
              acknowledgements,
              (origin) => origin === REMOTE_ORIGIN,
            ),
          () =>
            runWorkload(
              'Hocuspocus',
              peer,
              [hocuspocus.pid ?? 0],
              backendsOf,
              hocusAcks,
              (origin) => origin !== null && typeof origin === 'object',
            ),
        ];
        if (round % 2 === 1) turns.reverse();
        for (const turn of turns) {
          const phase = await turn();
          if (round > 0) phases.push(phase);
          console.log(
            `  ${round === 0 ? 'warm-up turn' : `turn ${round}/${ROUNDS}`}, ${phase.system}, ${count} editors: propagation p50 ${percentile(phase.propagation, 50).toFixed(1)} ms, p99 ${percentile(phase.propagation, 99).toFixed(1)} ms`,
          );
        }
      }
      for (const editor of [...consortio, ...peer]) {
        editor.close();
        editor.doc.destroy();
      }
      results.push(
        combined(phases.filter((phase) => phase.system === 'Consortio')),
        combined(phases.filter((phase) => phase.system === 'Hocuspocus')),
      );
      const last = results.slice(-2);
      for (const result of last) {
        console.log(
          `${result.system} ${result.editors} editors: propagation p50 ${percentile(result.propagation, 50).toFixed(1)} ms, p99 ${percentile(result.propagation, 99).toFixed(1)} ms; ack p50 ${percentile(result.acknowledgement, 50).toFixed(1)} ms; server CPU ${result.serverCpuPercent.toFixed(0)} %; converged ${(result.converged * 100).toFixed(0)} %`,
        );
      }
      await sleep(1_000);
    }

    const coldLoads = await coldLoad(db, people[0], consortiumId, templateId);
    report(results, coldLoads);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await sleep(1_000);
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

interface ColdLoads {
  sizes: number[];
  /** From `open` to synchronised (the answer applied). */
  times: number[];
  /** From `open` to the join's answer received (the server and the network). */
  answered: number[];
  /** Applying the document's bytes to an empty Y.Doc, alone: the client's own share. */
  applied: number[];
  /** The peer: from attaching a provider on an open connection to synced, the same document stored in its table. */
  peerTimes: number[];
}

/** Joins five 1 MB documents the api has never loaded, each with a fresh client; times open to synced. */
async function coldLoad(
  db: pg.Client,
  who: { token: string; organisationId: string },
  consortiumId: string,
  templateId: string,
): Promise<ColdLoads> {
  const sizes: number[] = [];
  const times: number[] = [];
  const answered: number[] = [];
  const applied: number[] = [];
  const peerTimes: number[] = [];
  // Created in the database, not over HTTP: the api must not have loaded them before the measurement.
  const sourceId = await createSpecification(who, consortiumId, templateId, 'Cold load template');
  const initial = (
    await db.query<{ content: Buffer }>('SELECT content FROM specification_updates WHERE specification_id = $1', [
      sourceId,
    ])
  ).rows[0].content;
  for (let round = 0; round < 5; round++) {
    const [{ id: documentId }] = (
      await db.query<{ id: string }>(
        'INSERT INTO specifications (consortium_id, title, template_id) VALUES ($1, $2, $3) RETURNING id',
        [consortiumId, `Cold load ${round}`, templateId],
      )
    ).rows;
    await db.query(
      "INSERT INTO specification_updates (specification_id, update_id, content) VALUES ($1, 'template', $2)",
      [documentId, initial],
    );
    const base = new Y.Doc();
    Y.applyUpdate(base, initial);
    // About 1 MB of text in every section, as many paragraphs edited over time would leave it.
    const changes: Uint8Array[] = [];
    base.on('update', (update: Uint8Array) => changes.push(update));
    const sections = sectionsOf(base);
    const sentence = 'The supplier provides open interfaces and exports all data in open formats. ';
    base.transact(() => {
      for (let index = 0; index < 8_400; index++) {
        const fragment = base.getXmlFragment(sectionFragmentName(sections[index % sections.length].id));
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(sentence)]);
        fragment.insert(fragment.length, [paragraph]);
      }
    });
    const update = Y.mergeUpdates(changes);
    await db.query("INSERT INTO specification_updates (specification_id, update_id, content) VALUES ($1, 'bulk', $2)", [
      documentId,
      Buffer.from(update),
    ]);
    // Stored as a long-edited document is: folded into one snapshot by the worker's compaction job.
    await db.query(
      "INSERT INTO outbox_messages (job_name, job_id, payload) VALUES ('specifications.compact', $1, $2)",
      [`specifications.compact.${documentId}.bench`, JSON.stringify({ specificationId: documentId })],
    );
    for (let attempt = 0; ; attempt++) {
      const { rows } = await db.query('SELECT 1 FROM specification_updates WHERE specification_id = $1 LIMIT 1', [
        documentId,
      ]);
      if (rows.length === 0) break;
      if (attempt > 300) throw new Error('cold load: the worker did not compact the document');
      await sleep(100);
    }
    sizes.push(Y.encodeStateAsUpdate(base).byteLength);
    collectGarbage();
    const client = new CollabClient({
      url: `http://127.0.0.1:${API_PORT}`,
      token: () => who.token,
      organisationId: who.organisationId,
      transports: ['websocket'],
    });
    await new Promise<void>((done) => client.socket.once('connect', () => done()));
    // The join's answer is the first acknowledgement (packet type 3) this fresh socket receives.
    let answeredAt = NaN;
    client.socket.io.on('packet', (packet: { type: number }) => {
      if (packet.type === 3 && Number.isNaN(answeredAt)) answeredAt = performance.now();
    });
    const started = performance.now();
    const document = await client.open(documentId);
    times.push(performance.now() - started);
    answered.push(answeredAt - started);
    // The client's own part: the same bytes applied to an empty document, with nothing else running.
    const alone = new Y.Doc();
    const applying = performance.now();
    Y.applyUpdate(alone, Y.encodeStateAsUpdate(document.doc));
    applied.push(performance.now() - applying);
    alone.destroy();
    if (sectionsOf(document.doc).length !== sections.length) throw new Error('cold load: document incomplete');
    client.disconnect();
    peerTimes.push(await peerColdLoad(db, `cold-load-${round}`, Y.encodeStateAsUpdate(base), sections.length));
  }
  return { sizes, times, answered, applied, peerTimes };
}

/** The same document stored as the peer stores it, opened by a fresh provider: open to synced. */
async function peerColdLoad(db: pg.Client, name: string, state: Uint8Array, sectionCount: number): Promise<number> {
  await db.query('INSERT INTO hocuspocus_documents (name, data) VALUES ($1, $2)', [name, Buffer.from(state)]);
  collectGarbage();
  const socket = new HocuspocusProviderWebsocket({
    url: `ws://127.0.0.1:${HOCUSPOCUS_PORT}`,
    WebSocketPolyfill: WebSocket,
  });
  // The connection is open (the provider's `connect` comes only after its first answer).
  await new Promise<void>((done) => socket.on('open', () => done()));
  const doc = new Y.Doc();
  const started = performance.now();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc });
  provider.attach();
  await new Promise<void>((done) => provider.on('synced', () => done()));
  const elapsed = performance.now() - started;
  if (sectionsOf(doc).length !== sectionCount) throw new Error('peer cold load: document incomplete');
  provider.destroy();
  socket.destroy();
  return elapsed;
}

function report(results: RunResult[], cold: ColdLoads): void {
  const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
  const rows = results.map(
    (result) =>
      `| ${result.editors} | ${result.system} | ${result.keystrokes} | ${fixed(percentile(result.propagation, 50))} | ${fixed(percentile(result.propagation, 99))} | ${fixed(percentile(result.turnP99s, 50))} | ${fixed(percentile(result.acknowledgement, 50))} | ${fixed(percentile(result.acknowledgement, 99))} | ${fixed(result.serverCpuPercent, 0)} % | ${fixed(result.serverPeakRssMb, 0)} MB | ${fixed(result.loadCpuPercent, 0)} % | ${fixed(result.loadGcLongestMs)} | ${result.loadMajorGcs} | ${fixed(result.loadEventLoopDelayMaxMs)} | ${fixed(result.converged * 100, 0)} % |`,
  );
  const ratios = EDITOR_COUNTS.map((count) => {
    const ours = results.find((result) => result.system === 'Consortio' && result.editors === count);
    const theirs = results.find((result) => result.system === 'Hocuspocus' && result.editors === count);
    if (!ours || !theirs) return '';
    return `| ${count} | ${fixed(percentile(ours.propagation, 50) / percentile(theirs.propagation, 50), 2)} | ${fixed(percentile(ours.propagation, 99) / percentile(theirs.propagation, 99), 2)} | ${fixed(percentile(ours.turnP99s, 50) / percentile(theirs.turnP99s, 50), 2)} | ${fixed(ours.serverCpuPercent / theirs.serverCpuPercent, 2)} |`;
  });
  const at50 = results.filter((result) => result.editors === 50);
  const ours50 = at50.find((result) => result.system === 'Consortio');
  const theirs50 = at50.find((result) => result.system === 'Hocuspocus');
  const p99 = ours50 ? percentile(ours50.propagation, 99) : NaN;
  const peerP99 = theirs50 ? percentile(theirs50.propagation, 99) : NaN;
  const turnsP99 = ours50 ? percentile(ours50.turnP99s, 50) : NaN;
  const peerTurnsP99 = theirs50 ? percentile(theirs50.turnP99s, 50) : NaN;
  const allConverged = results.every((result) => result.converged === 1);
  const coldP50 = percentile(cold.times, 50);
  const body = [
    '`npm run bench:collab` (`tests/bench/collab.ts`, after `npm run build`). ' + machineDescription(),
    '',
    `The api and worker (Consortio) and \`@hocuspocus/server\` 4.7 with \`@hocuspocus/extension-database\` storing in the same PostgreSQL (the peer) run pinned to core 0, and so do the PostgreSQL backends serving them (pinned during each turn's warm-up, without holding up the load generator); the load generator runs pinned to core 1. Each editor is a client of the system under test (Consortio: \`CollabClient\` over socket.io; the peer: \`HocuspocusProvider\` over WebSocket) typing ${CHARACTERS_PER_SECOND} characters per second at random places in the first section of one document, for ${TYPING_SECONDS} s in all: ${ROUNDS} turns of ${TYPING_SECONDS / ROUNDS} s (each after ${WARM_UP_SECONDS} s of warm-up), taken alternately with the other system while both systems' editors stay connected, so that a slow spell of this shared machine falls on both; the turns' samples are pooled. Before them, each system types one turn that is not counted (a warm-up round at each number of editors, the same for both). Propagation is measured from the keystroke at the sender to its arrival at each of the other editors, for every keystroke (the keystroke timed when its transaction ends, before either system's client sends it; the arrival when the receiving transaction ends). Acknowledgement: Consortio answers once the update is committed in PostgreSQL; the peer confirms receipt in memory and stores the document after its debounce (2 s by default), so the two acknowledgement columns measure different promises. Convergence: share of editors holding the same state within 30 s of the last keystroke. CPU is the servers' share of one core during typing, their PostgreSQL backends included (for Consortio the api and the worker); peak RSS is the servers' own processes.`,
    '',
    "| editors | system | keystrokes | propagation p50 (ms) | propagation p99 (ms) | median of the turns' p99 (ms) | ack p50 (ms) | ack p99 (ms) | server CPU | server peak RSS | load generator CPU | load generator longest GC pause (ms) | load generator full GCs while typing | load generator longest event-loop delay (ms) | converged |",
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Ratios, Consortio to the peer (below 1 means Consortio is faster or cheaper):',
    '',
    "| editors | propagation p50 | propagation p99 | median of the turns' p99 | server CPU |",
    '| --- | --- | --- | --- | --- |',
    ...ratios,
    '',
    "Reading the figures: Consortio commits every update to PostgreSQL before it acknowledges or forwards it, while the peer forwards first and stores after its debounce, so Consortio's median carries one commit and the queue in front of it, and its server CPU the database's work for every keystroke. One INSERT per document is in flight at a time, and the next goes out as soon as one commits, before that one's writers are answered and its updates sent. What one commit stored leaves as one merged update per document, on the microtask after the commit's answer, and a single api instance sends nothing through Redis (it would publish only while another instance serves the namespace). The worker compacts a busy document every 2,000 log rows (`COLLAB_COMPACT_AFTER_UPDATES`), about every 8 s at 50 editors, at a lower CPU priority (`WORKER_NICENESS`, set on every thread of the worker, its collector's helper threads included). Both systems' receivers live in one load generator process, which loads Yjs as ES modules (`--conditions=module`), the build a browser's bundle holds (Node.js's `require` would pick the CommonJS build, whose every call into lib0 goes through a getter): it holds every editor's replica of the document, both systems' (100 replicas at 50 editors, where a browser holds one). A full collection of that heap marks all of them, and the collector's helper threads share the load generator's one core with the receivers: an ad-hoc trace of its event loop (not part of this command) found its longest holds during full collections, long enough that one in a turn decided that system's pooled p99. So each turn starts from a collected heap (collected before its warm-up, the same for both systems), and the table counts the full collections that still fell into measured typing. Its longest GC pause and its longest event-loop delay (the longest time none of its receivers could run) hold every receiver alike. `CollabClient` applies the updates that arrive in one read of its socket together, in one Yjs transaction (docs/collab-protocol.md, step 8), while the peer's provider applies each on its own: when the load generator falls behind, Consortio's receivers catch up at less cost per update and the peer's do not, so the two columns differ in the clients' work too, not only the servers'. Where Consortio's propagation p99 is close to its acknowledgement p99, its tail is the commit's: a commit that PostgreSQL takes long to flush holds every update behind it. On the servers' core, an ad-hoc trace of the api (not part of this command) found its own full collections to be the one stall of Consortio's turns that the peer does not share: the collector's helper threads mark the api's heap, most of it the application's code, on that same core and hold up its event loop and the appends meanwhile; as the document grows they come more often, and where one falls into a turn it decides that turn's p99. The peer's process is a fraction of the api's size (the peak RSS column). p99 still varies from run to run on this machine: a stall (of the machine, or a full collection in the load generator) that falls into one turn decides the pooled p99, so the median of the turns' own p99 is given beside it; the target is judged on the pooled p99. Typing for longer does not steady it: the documents grow, and every insertion and every applied update costs the load generator more. At 100 editors the load generator's core is saturated (its CPU near 100 %, and fewer keystrokes sent than the workload asks for): the figures there describe the load generator as much as the servers.",
    '',
    `Targets at 50 editors: p99 propagation at most 25 ms (${fixed(p99)} ms: ${p99 <= 25 ? 'met' : 'not met'}) and no worse than the peer (${fixed(peerP99)} ms: ${p99 <= peerP99 ? 'met' : 'not met'}; by the median of the turns' p99, ${fixed(turnsP99)} against ${fixed(peerTurnsP99)} ms: ${turnsP99 <= peerTurnsP99 ? 'no worse' : 'worse'}); 100 % convergence (${allConverged ? 'met' : 'not met'}).`,
    '',
    `Cold load of a 1 MB document (${fixed(percentile(cold.sizes, 50) / 1e6, 2)} MB as one update, ten sections of paragraphs, compacted into a snapshot by the worker) through the api, five documents the api had not loaded, each with a fresh client (the load generator's heap collected first): from \`open\` to the join's answer received (the api reading the snapshot from PostgreSQL and sending it) p50 ${fixed(percentile(cold.answered, 50))} ms, max ${fixed(Math.max(...cold.answered))} ms; target under 100 ms: ${percentile(cold.answered, 50) < 100 ? 'met' : 'not met'}. From \`open\` to synced, the client's applying of the answer included: p50 ${fixed(coldP50)} ms, max ${fixed(Math.max(...cold.times))} ms (${coldP50 < 100 ? 'under' : 'over'} 100 ms); applying the same bytes to an empty \`Y.Doc\` alone takes p50 ${fixed(percentile(cold.applied, 50))} ms in the load generator, which is Yjs's work on the client and the same for any server. The peer, the same documents stored in its table and opened by a fresh provider on an open connection, from attaching to synced: p50 ${fixed(percentile(cold.peerTimes, 50))} ms, max ${fixed(Math.max(...cold.peerTimes))} ms (ratio ${fixed(coldP50 / percentile(cold.peerTimes, 50), 2)}); it decodes the stored state on the server before it answers.`,
  ].join('\n');
  writeBenchmarkSection('Co-editing', body);
  console.log(body);
}
