/**
 * A probe is an operator's end-to-end check of the platform's asynchronous path:
 * api → outbox (same transaction) → relay → BullMQ → worker → PostgreSQL → socket.io.
 */
export type ProbeStatus = 'pending' | 'completed';

export interface ProbeView {
  id: string;
  note: string | null;
  status: ProbeStatus;
  requestedAt: string;
  completedAt: string | null;
  /** Milliseconds from request to completion by a worker. */
  roundTripMs: number | null;
  /** Host name of the worker process that completed the probe. */
  completedBy: string | null;
}

export interface CreateProbeRequest {
  note?: string;
}
