export type DependencyStatus = 'up' | 'down';

export interface DependencyCheck {
  status: DependencyStatus;
  /** Round-trip time of the check; absent when the dependency did not answer. */
  latencyMs?: number;
  /** Why the dependency is down, without secrets or stack traces. */
  error?: string;
}

export type DependencyName = 'database' | 'redis';

/** Answer of `GET /api/health/ready` (HTTP 200 when `ok`, 503 when `unavailable`). */
export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<DependencyName, DependencyCheck>;
  version: string;
  uptimeSeconds: number;
  /** True once the process has begun a graceful shutdown: load balancers should stop sending traffic. */
  draining: boolean;
}

/** Answer of `GET /api/health/live`: the process runs and its event loop turns. */
export interface LivenessReport {
  status: 'ok';
  uptimeSeconds: number;
}
