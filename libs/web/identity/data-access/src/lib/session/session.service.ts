import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { computed, DOCUMENT, inject, Injectable, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  ACTING_ROLES,
  type MembershipView,
  type MeView,
  PUBLIC_SECTOR_KINDS,
  type SessionView,
  type SignInRequest,
} from '@consortio/shared/contracts';
import { API_BASE_URL, toApiError } from '@consortio/web/core';
import { firstValueFrom } from 'rxjs';

/** localStorage key of the organisation the person last chose to act for (an id, nothing secret). */
export const ACTING_ORGANISATION_STORAGE_KEY = 'consortio.actingOrganisation';

/** Web Lock that serialises refreshes across tabs: the refresh cookie is shared and works only once. */
export const REFRESH_LOCK_NAME = 'consortio.session-refresh';

/** A socket handshake with a token this close to expiry would be refused; connect anonymously instead. */
const SOCKET_TOKEN_MARGIN_MS = 5_000;

export type SessionStatus = 'restoring' | 'signed-in' | 'signed-out';

/** `/sign-in?returnUrl=` accepts only paths inside the app, never another origin. */
export function safeReturnUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return null;
  }
  return value;
}

/**
 * The signed-in person. The access token lives in memory only; the refresh token is an httpOnly
 * cookie that the api rotates on every use and that may be used once, so every refresh in this
 * tab goes through one shared promise (and, where the browser has Web Locks, one lock across tabs).
 */
@Injectable({ providedIn: 'root' })
export class SessionService {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);
  private readonly baseUrl = inject(API_BASE_URL);

  private readonly session = signal<SessionView | null>(null);
  private readonly statusState = signal<SessionStatus>('restoring');
  private readonly chosenOrganisationId = signal<string | null>(this.readChoice());
  private refreshing: Promise<string | null> | null = null;
  private restoring: Promise<void> | null = null;

  readonly status = this.statusState.asReadonly();
  readonly user = computed<MeView | null>(() => this.session()?.user ?? null);
  readonly accessToken = computed<string | null>(() => this.session()?.accessToken ?? null);
  readonly isSignedIn = computed(() => this.user() !== null);
  readonly isPlatformAdmin = computed(() => this.user()?.platformAdmin === true);
  readonly memberships = computed<readonly MembershipView[]>(() => this.user()?.memberships ?? []);
  /** The organisation requests act for: the stored choice if still a membership, else the first one. */
  readonly actingOrganisation = computed<MembershipView | null>(() => {
    const memberships = this.memberships();
    const chosen = this.chosenOrganisationId();
    return memberships.find((membership) => membership.organisationId === chosen) ?? memberships[0] ?? null;
  });
  readonly actingOrganisationId = computed(() => this.actingOrganisation()?.organisationId ?? null);
  readonly isOrganisationAdmin = computed(() => this.actingOrganisation()?.role === 'org-admin');
  /** Administrators and procurement officers acting for a supplier take part in open calls (the api's rule). */
  readonly actsForSupplier = computed(() => {
    const acting = this.actingOrganisation();
    return acting?.organisationKind === 'supplier' && ACTING_ROLES.includes(acting.role);
  });
  /**
   * The acting organisation's name when it may buy on its own: a verified public body, through an
   * administrator or procurement officer (who found consortia, a consortium of one included).
   */
  readonly buysAloneAs = computed<string | null>(() => {
    const acting = this.actingOrganisation();
    return acting &&
      PUBLIC_SECTOR_KINDS.includes(acting.organisationKind) &&
      acting.verification === 'verified' &&
      ACTING_ROLES.includes(acting.role)
      ? acting.organisationName
      : null;
  });

  /** Restores a session after a reload from the refresh cookie; runs once, later calls share the first. */
  restore(): Promise<void> {
    this.restoring ??= this.refresh().then(() => undefined);
    return this.restoring;
  }

  /** Rejects with an `ApiError` (401 wrong credentials, 429 with `retryAfterSeconds`, 400 field errors). */
  async signIn(request: SignInRequest): Promise<MeView> {
    try {
      const session = await firstValueFrom(
        this.http.post<SessionView>(`${this.baseUrl}/api/v1/auth/sign-in`, request, { withCredentials: true }),
      );
      this.start(session);
      return session.user;
    } catch (error: unknown) {
      throw toApiError(error);
    }
  }

  /**
   * Exchanges the refresh cookie for a new access token; resolves to it, or to null when there is
   * no session (then the person is signed out here). Concurrent callers share one request.
   */
  refresh(): Promise<string | null> {
    this.refreshing ??= this.exchangeCookie().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * For a request that was refused with `staleToken`: a token that is newer than it, refreshing
   * only when no one else has already done so or is doing so.
   */
  async refreshAfter(staleToken: string | null): Promise<string | null> {
    if (this.refreshing) return this.refreshing;
    const current = this.accessToken();
    if (current && current !== staleToken) return current;
    if (!staleToken && !current) {
      if (this.statusState() === 'restoring') {
        await this.restore();
        return this.accessToken();
      }
      return null;
    }
    return this.refresh();
  }

  async signOut(): Promise<void> {
    try {
      await firstValueFrom(
        this.http.post<void>(`${this.baseUrl}/api/v1/auth/sign-out`, null, { withCredentials: true }),
      );
    } catch {
      // The session ends here anyway; an unreachable server cannot keep it alive in this tab.
    }
    this.end();
  }

  /** The session is gone (refresh refused): forget it and ask the person to sign in again. */
  expire(): void {
    this.end();
    const current = this.router.url;
    if (current.startsWith('/sign-in')) return;
    void this.router.navigate(['/sign-in'], { queryParams: { returnUrl: current, reason: 'expired' } });
  }

  /** The organisation switch; remembered across reloads. */
  actFor(organisationId: string): void {
    if (!this.memberships().some((membership) => membership.organisationId === organisationId)) return;
    this.chosenOrganisationId.set(organisationId);
    try {
      this.document.defaultView?.localStorage.setItem(ACTING_ORGANISATION_STORAGE_KEY, organisationId);
    } catch {
      // Without storage the choice lasts until the reload.
    }
  }

  /** Reads `/me` again, e.g. after the person changed their own role. */
  async reloadUser(): Promise<void> {
    const user = await firstValueFrom(this.http.get<MeView>(`${this.baseUrl}/api/v1/me`));
    this.session.update((session) => (session ? { ...session, user } : session));
  }

  /** `auth` of the `/events` handshake: the token while it is valid, else anonymous. */
  socketAuth(now = Date.now()): Record<string, unknown> {
    const session = this.session();
    if (!session || Date.parse(session.expiresAt) - now < SOCKET_TOKEN_MARGIN_MS) return {};
    return { token: session.accessToken };
  }

  private start(session: SessionView): void {
    this.session.set(session);
    this.statusState.set('signed-in');
  }

  private end(): void {
    this.session.set(null);
    this.statusState.set('signed-out');
  }

  private async exchangeCookie(): Promise<string | null> {
    const post = () =>
      firstValueFrom(
        this.http.post<SessionView>(`${this.baseUrl}/api/v1/auth/refresh`, null, { withCredentials: true }),
      );
    try {
      const locks = this.document.defaultView?.navigator?.locks;
      const session = locks ? await locks.request(REFRESH_LOCK_NAME, post) : await post();
      this.start(session);
      return session.accessToken;
    } catch (error: unknown) {
      // A refused cookie ends the session; an unreachable server leaves a live one in place.
      const refused = error instanceof HttpErrorResponse && error.status >= 400 && error.status < 500;
      if (refused || !this.session()) this.end();
      return null;
    }
  }

  private readChoice(): string | null {
    try {
      return this.document.defaultView?.localStorage.getItem(ACTING_ORGANISATION_STORAGE_KEY) ?? null;
    } catch {
      return null;
    }
  }
}
