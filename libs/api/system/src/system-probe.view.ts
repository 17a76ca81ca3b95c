import type { ProbeView } from '@consortio/shared/contracts';
import type { SystemProbe } from './entities/system-probe.entity';

export function toProbeView(probe: SystemProbe): ProbeView {
  return {
    id: probe.id,
    note: probe.note,
    status: probe.status,
    requestedAt: probe.requestedAt.toISOString(),
    completedAt: probe.completedAt?.toISOString() ?? null,
    roundTripMs: probe.completedAt ? probe.completedAt.getTime() - probe.requestedAt.getTime() : null,
    completedBy: probe.completedBy,
  };
}
