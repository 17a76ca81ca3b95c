import 'reflect-metadata';
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WORKER_CONFIG, WorkerAppModule } from '@consortio/api/bootstrap';
import { assertConfig, ConfigurationError, loadConfig } from '@consortio/api/platform/config';
import { handleShutdownSignals, HttpConfig } from '@consortio/api/platform/http';
import { QueueConfig } from '@consortio/api/platform/queue';

/**
 * Lowers the CPU priority of every thread of this process. Linux keeps a niceness per thread:
 * `setPriority` alone changes the calling thread's, and the threads V8 started before it (its
 * collector's helpers, which mark the heap of a document being compacted) would keep competing
 * with the api at full priority. Threads started later inherit the main thread's niceness.
 */
function lowerPriority(niceness: number): void {
  setPriority(niceness);
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return; // no /proc: not Linux, where a process has one niceness
  }
  for (const thread of threads) {
    try {
      setPriority(Number(thread), niceness);
    } catch (error) {
      // A thread that ended meanwhile is no reason to give up on the others.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

/** The worker: BullMQ processors and the outbox relay, no HTTP port. */
async function main(): Promise<void> {
  process.env['CONSORTIO_SERVICE'] ??= 'worker';
  assertConfig(WORKER_CONFIG);
  // Raising one's own niceness needs no privilege on Linux; where it is refused, run as we are.
  try {
    lowerPriority(loadConfig(QueueConfig).WORKER_NICENESS);
  } catch (error) {
    console.error(JSON.stringify({ level: 'warn', msg: `WORKER_NICENESS not applied: ${(error as Error).message}` }));
  }
  const app = await NestFactory.createApplicationContext(WorkerAppModule, { bufferLogs: true, abortOnError: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  handleShutdownSignals(app, logger, loadConfig(HttpConfig).SHUTDOWN_TIMEOUT_MS);
  await app.init();
  logger.log('Consortio worker started', 'Bootstrap');
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigurationError ? error.message : ((error as Error).stack ?? String(error));
  console.error(JSON.stringify({ level: 'fatal', msg: message }));
  process.exit(1);
});
