import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { eventually, sleep } from '@consortio/api/testing';

// Kept here too: the black-box tests import them with the rest of the process helpers.
export { eventually, sleep };

export const ROOT = resolve(__dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** A process of the platform, started from the built dist/ as production starts it. */
export class PlatformProcess {
  readonly output: string[] = [];
  private readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    const collect = (chunk: Buffer) => this.output.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = once(child, 'exit').then(([code]) => code as number | null);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGTERM, then the exit code (SIGKILL after `timeoutMs`). */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    if (!this.running) return this.child.exitCode;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  waitForExit(): Promise<number | null> {
    return this.exited;
  }

  log(): string {
    return this.output.join('\n');
  }
}

export function startNode(name: string, args: string[], env: NodeJS.ProcessEnv): PlatformProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env['PATH'], LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new PlatformProcess(name, child);
}

export interface ApiProcess extends PlatformProcess {
  url: string;
}

/** Starts dist/apps/api/main.js on a free port and waits until it listens (not necessarily ready). */
export async function startApi(
  env: NodeJS.ProcessEnv,
  options: { waitForReady?: boolean; port?: number } = {},
): Promise<ApiProcess> {
  const port = options.port ?? (await freePort());
  const api = startNode('api', ['dist/apps/api/main.js'], {
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
  }) as ApiProcess;
  api.url = `http://127.0.0.1:${port}`;
  const path = options.waitForReady === false ? '/api/health/live' : '/api/health/ready';
  await eventually(
    async () => {
      if (!api.running) throw new Error(`api exited early:\n${api.log()}`);
      return (await fetch(api.url + path)).ok ? true : undefined;
    },
    30_000,
    `api on port ${port}`,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n--- api output ---\n${api.log()}`);
  });
  return api;
}

export function startWorker(env: NodeJS.ProcessEnv): PlatformProcess {
  // As deployed (docker/compose.yml): the worker's heap limit.
  return startNode('worker', ['--max-old-space-size=256', 'dist/apps/worker/main.js'], env);
}

/** A redis-server of the test's own, on its own port, so the test can kill and restart it. */
export class OwnRedis {
  private process: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    await eventually(
      () =>
        new Promise<true | undefined>((done) => {
          const probe = spawn('redis-cli', ['-p', String(this.port), 'ping'], { stdio: ['ignore', 'pipe', 'ignore'] });
          let out = '';
          probe.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          probe.on('exit', () => done(out.includes('PONG') ? true : undefined));
        }),
      10_000,
      `redis-server on port ${this.port}`,
    );
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}
