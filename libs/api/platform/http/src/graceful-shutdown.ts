import type { INestApplicationContext, LoggerService } from '@nestjs/common';

/**
 * SIGTERM and SIGINT close the application: readiness turns 503, the HTTP server stops
 * accepting and lets requests in flight finish, pools and queues close. If that takes longer
 * than `timeoutMs`, the process exits anyway so an orchestrator is never kept waiting.
 */
export function handleShutdownSignals(app: INestApplicationContext, logger: LoggerService, timeoutMs: number): void {
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: shutting down gracefully`, 'Shutdown');
    const timer = setTimeout(() => {
      logger.error(`Shutdown did not finish within ${timeoutMs} ms; exiting`, undefined, 'Shutdown');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    app
      .close()
      .then(() => {
        logger.log('Shutdown complete', 'Shutdown');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error(`Shutdown failed: ${(error as Error).message}`, (error as Error).stack, 'Shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
