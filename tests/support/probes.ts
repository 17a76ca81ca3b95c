import type { ProbeView } from '@consortio/shared/contracts';
import { eventually } from './processes';

/** POSTs a probe (the platform's end-to-end check) and returns the HTTP status and the view. */
export async function requestProbe(apiUrl: string, note: string): Promise<{ status: number; probe: ProbeView }> {
  const response = await fetch(`${apiUrl}/api/v1/system/probes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ note }),
  });
  return { status: response.status, probe: (await response.json()) as ProbeView };
}

/** Polls the probe until a worker has completed it. */
export function completedProbe(apiUrl: string, id: string, timeoutMs: number): Promise<ProbeView> {
  return eventually(
    async () => {
      const view = (await (await fetch(`${apiUrl}/api/v1/system/probes/${id}`)).json()) as ProbeView;
      return view.status === 'completed' ? view : undefined;
    },
    timeoutMs,
    `a worker to complete probe ${id}`,
  );
}
