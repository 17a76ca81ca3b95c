import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OpenCallClosing } from '../open-call-closing';

/** How often each worker looks for calls past their deadline that no job closed. */
export const SWEEP_INTERVAL_MS = 60_000;

/**
 * The safety net under the closing jobs: a job can be lost (Redis flushed, a queue emptied by
 * hand), and a call must still close. Every worker sweeps once at start and then every minute;
 * `close` locks the call's row, so sweeps and jobs running at once close each call once. Until the
 * sweep comes, the status computed from the clock already reads `closed` and refuses late work.
 */
@Injectable()
export class OpenCallSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OpenCallSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = false;

  constructor(private readonly closing: OpenCallClosing) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.closing
        .closeOverdue()
        .then((closed) => {
          if (closed > 0) this.logger.log(`Closed ${closed} open call(s) past their deadline that no job had closed`);
        })
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Open call sweep failed; trying again later'))
        .finally(() => this.schedule(SWEEP_INTERVAL_MS));
    }, delayMs);
    this.timer.unref();
  }
}
