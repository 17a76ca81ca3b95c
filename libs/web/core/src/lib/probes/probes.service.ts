import { HttpClient, HttpParams } from '@angular/common/http';
import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import type { CreateProbeRequest, Page, ProbeView } from '@consortio/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { API_BASE_URL } from '../http/api-base-url';
import { type ApiError, toApiError } from '../http/api-error';
import { EVENTS_SOCKET_FACTORY, type EventsSocket } from './events-socket';

export type LiveConnection = 'idle' | 'connecting' | 'live' | 'offline';

export const PROBES_DEFAULT_PAGE_SIZE = 10;
const SUBSCRIBE_TIMEOUT_MS = 5_000;
const FALLBACK_POLL_MS = 2_000;
const FALLBACK_POLL_ATTEMPTS = 15;

/** A completed probe never goes back to pending, whatever order the answers arrive in. */
export function mergeProbe(known: ProbeView | undefined | null, incoming: ProbeView): ProbeView {
  if (known && known.id === incoming.id && known.status === 'completed' && incoming.status === 'pending') return known;
  return incoming;
}

/** Applies one live update to the page on screen. New probes appear only on the first page, newest first. */
export function applyProbeUpdate(page: Page<ProbeView>, probe: ProbeView): Page<ProbeView> {
  const index = page.items.findIndex((item) => item.id === probe.id);
  if (index >= 0) {
    const items = [...page.items];
    items[index] = mergeProbe(items[index], probe);
    return { ...page, items };
  }
  if (page.page !== 1) return { ...page, total: page.total + 1 };
  return {
    ...page,
    items: [probe, ...page.items].slice(0, page.pageSize),
    total: page.total + 1,
  };
}

/**
 * System probes: REST for creating and listing, socket.io `/events` (channel `system`)
 * for the `probe.updated` pushes that turn a pending probe into a completed one.
 */
@Injectable({ providedIn: 'root' })
export class ProbesService {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly openSocket = inject(EVENTS_SOCKET_FACTORY);
  private socket: EventsSocket | null = null;

  private readonly pageState = signal<Page<ProbeView>>({
    items: [],
    page: 1,
    pageSize: PROBES_DEFAULT_PAGE_SIZE,
    total: 0,
  });
  private readonly latestState = signal<ProbeView | null>(null);
  private readonly connectionState = signal<LiveConnection>('idle');
  private readonly loadingState = signal(false);
  private readonly loadErrorState = signal<ApiError | null>(null);

  readonly page = this.pageState.asReadonly();
  /** The probe this user started last, kept up to date by live updates. */
  readonly latest = this.latestState.asReadonly();
  readonly connection = this.connectionState.asReadonly();
  readonly loading = this.loadingState.asReadonly();
  readonly loadError = this.loadErrorState.asReadonly();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  async load(page = this.pageState().page, pageSize = this.pageState().pageSize): Promise<void> {
    this.loadingState.set(true);
    try {
      const params = new HttpParams().set('page', page).set('pageSize', pageSize);
      const answer = await firstValueFrom(
        this.http.get<Page<ProbeView>>(`${this.baseUrl}/api/v1/system/probes`, {
          params,
        }),
      );
      const latest = this.latestState();
      this.pageState.set({
        ...answer,
        items: answer.items.map((item) => (latest?.id === item.id ? mergeProbe(latest, item) : item)),
      });
      this.loadErrorState.set(null);
    } catch (error: unknown) {
      this.loadErrorState.set(toApiError(error));
    } finally {
      this.loadingState.set(false);
    }
  }

  /** Starts a probe; rejects with an `ApiError` (validation errors name the field). */
  async create(request: CreateProbeRequest): Promise<ProbeView> {
    let created: ProbeView;
    try {
      created = await firstValueFrom(this.http.post<ProbeView>(`${this.baseUrl}/api/v1/system/probes`, request));
    } catch (error: unknown) {
      throw toApiError(error);
    }
    // The worker may have finished, and its push arrived, before this answer did.
    const seen = this.pageState().items.find((item) => item.id === created.id);
    const probe = seen ? mergeProbe(created, seen) : created;
    this.latestState.set(probe);
    this.pageState.update((page) => applyProbeUpdate(page, probe));
    if (probe.status === 'pending' && this.connectionState() !== 'live') void this.followWithoutSocket(probe.id);
    return probe;
  }

  /** Opens the live channel once; later calls are no-ops. */
  connectLive(): void {
    if (this.socket) return;
    const socket = this.openSocket();
    this.socket = socket;
    this.connectionState.set('connecting');
    socket.on('connect', () => {
      this.connectionState.set('connecting');
      socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('subscribe', { channel: 'system' }, (error, answer) => {
        if (error || !answer.ok) {
          this.connectionState.set('offline');
          return;
        }
        this.connectionState.set('live');
        // Updates sent while this client was away are not replayed: read the page again.
        void this.load();
      });
    });
    socket.on('disconnect', () => this.connectionState.set('offline'));
    socket.on('connect_error', () => this.connectionState.set('offline'));
    socket.on('probe.updated', (probe) => this.receive(probe));
  }

  disconnect(): void {
    this.socket?.disconnect();
    this.socket = null;
    this.connectionState.set('idle');
  }

  private receive(probe: ProbeView): void {
    this.pageState.update((page) => applyProbeUpdate(page, probe));
    this.latestState.update((latest) => (latest?.id === probe.id ? mergeProbe(latest, probe) : latest));
  }

  /** Without the socket the user would wait forever, so ask the API a few times instead. */
  private async followWithoutSocket(id: string): Promise<void> {
    for (let attempt = 0; attempt < FALLBACK_POLL_ATTEMPTS; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, FALLBACK_POLL_MS));
      const latest = this.latestState();
      if (latest?.id !== id || latest.status === 'completed' || this.connectionState() === 'live') return;
      try {
        this.receive(
          await firstValueFrom(
            this.http.get<ProbeView>(`${this.baseUrl}/api/v1/system/probes/${encodeURIComponent(id)}`),
          ),
        );
      } catch {
        // Keep trying; the API may be restarting.
      }
    }
  }
}
