import 'reflect-metadata';
import { setPriority } from 'node:os';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { WORKER_CONFIG, WorkerAppModule } from '@consortio/api/bootstrap';
import { assertConfig, ConfigurationError, loadConfig } from '@consortio/api/platform/config';
import { handleShutdownSignals, HttpConfig } from '@consortio/api/platform/http';
import { QueueConfig } from '@consortio/api/platform/queue';

/** The worker: BullMQ processors and the outbox relay, no HTTP port. */
async function main(): Promise<void> {
  process.env['CONSORTIO_SERVICE'] ??= 'worker';
  assertConfig(WORKER_CONFIG);
  // Raising one's own niceness needs no privilege on Linux; where it is refused, run as we are.
  try {
    setPriority(loadConfig(QueueConfig).WORKER_NICENESS);
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
