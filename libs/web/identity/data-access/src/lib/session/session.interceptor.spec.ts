import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { MeView, SessionView } from '@consortio/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { CHECKS_PASSWORD, sessionInterceptor } from './session.interceptor';
import { ACTING_ORGANISATION_STORAGE_KEY, SessionService } from './session.service';

const MUSTERSTADT = '11111111-1111-4111-8111-111111111111';
const EINKAUF = '22222222-2222-4222-8222-222222222222';

const user: MeView = {
  id: 'u1',
  email: 'officer@musterstadt.test',
  displayName: 'Anna Berger',
  locale: 'en',
  platformAdmin: false,
  memberships: [
    {
      organisationId: MUSTERSTADT,
      organisationName: 'Gemeinde Musterstadt',
      organisationKind: 'municipality',
      verification: 'verified',
      role: 'procurement-officer',
    },
    {
      organisationId: EINKAUF,
      organisationName: 'Einkaufsgemeinschaft Süd',
      organisationKind: 'central-purchasing-body',
      verification: 'verified',
      role: 'org-admin',
    },
  ],
};

const session = (accessToken: string): SessionView => ({
  accessToken,
  expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(),
  user,
});

const unauthorised = {
  status: 401,
  statusText: 'Unauthorized',
  headers: { 'content-type': 'application/problem+json' },
};
const problem401 = { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Your session has expired' };

describe('sessionInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let sessions: SessionService;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([sessionInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    sessions = TestBed.inject(SessionService);

    const signedIn = sessions.signIn({ email: user.email, password: 'consortio-demo' });
    backend.expectOne('/api/v1/auth/sign-in').flush(session('token-1'));
    await signedIn;
  });

  afterEach(() => backend.verify());

  it('adds the bearer token and the chosen acting organisation to api requests only', async () => {
    sessions.actFor(EINKAUF);
    expect(localStorage.getItem(ACTING_ORGANISATION_STORAGE_KEY)).toBe(EINKAUF);

    const me = firstValueFrom(http.get('/api/v1/me'));
    const request = backend.expectOne('/api/v1/me');
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-1');
    expect(request.request.headers.get('x-acting-organisation')).toBe(EINKAUF);
    request.flush(user);
    await me;

    const health = firstValueFrom(http.get('/api/health/ready'));
    const elsewhere = firstValueFrom(http.get('https://example.org/api/v1/me'));
    const healthRequest = backend.expectOne('/api/health/ready');
    const foreignRequest = backend.expectOne('https://example.org/api/v1/me');
    expect(healthRequest.request.headers.has('Authorization')).toBe(false);
    expect(foreignRequest.request.headers.has('Authorization')).toBe(false);
    expect(foreignRequest.request.headers.has('x-acting-organisation')).toBe(false);
    healthRequest.flush({});
    foreignRequest.flush({});
    await Promise.all([health, elsewhere]);
  });

  it('acts for the first membership until the person chooses, and ignores a stale stored choice', () => {
    expect(sessions.actingOrganisationId()).toBe(MUSTERSTADT);
    sessions.actFor('not-a-membership');
    expect(sessions.actingOrganisationId()).toBe(MUSTERSTADT);
  });

  it('refreshes exactly once for two concurrent 401s and retries both with the new token', async () => {
    const members = firstValueFrom(http.get(`/api/v1/organisations/${MUSTERSTADT}/members`));
    const organisation = firstValueFrom(http.get(`/api/v1/organisations/${MUSTERSTADT}`));
    const [first, second] = [
      backend.expectOne(`/api/v1/organisations/${MUSTERSTADT}/members`),
      backend.expectOne(`/api/v1/organisations/${MUSTERSTADT}`),
    ];
    expect(first.request.headers.get('Authorization')).toBe('Bearer token-1');
    expect(second.request.headers.get('Authorization')).toBe('Bearer token-1');

    first.flush(problem401, unauthorised);
    second.flush(problem401, unauthorised);
    await Promise.resolve();

    const refreshes = backend.match('/api/v1/auth/refresh');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0].request.method).toBe('POST');
    expect(refreshes[0].request.withCredentials).toBe(true);
    expect(refreshes[0].request.headers.has('Authorization')).toBe(false);
    refreshes[0].flush(session('token-2'));
    await new Promise((resolve) => setTimeout(resolve, 0));

    const retriedMembers = backend.expectOne(`/api/v1/organisations/${MUSTERSTADT}/members`);
    const retriedOrganisation = backend.expectOne(`/api/v1/organisations/${MUSTERSTADT}`);
    expect(retriedMembers.request.headers.get('Authorization')).toBe('Bearer token-2');
    expect(retriedOrganisation.request.headers.get('Authorization')).toBe('Bearer token-2');
    retriedMembers.flush({ items: [], page: 1, pageSize: 20, total: 0 });
    retriedOrganisation.flush({ id: MUSTERSTADT });

    await expect(members).resolves.toEqual({ items: [], page: 1, pageSize: 20, total: 0 });
    await expect(organisation).resolves.toEqual({ id: MUSTERSTADT });
    backend.expectNone('/api/v1/auth/refresh');
    expect(sessions.accessToken()).toBe('token-2');
  });

  it('signs out and goes to sign-in with the way back when the refresh is refused', async () => {
    const router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    const answer = firstValueFrom(http.get('/api/v1/me'));
    backend.expectOne('/api/v1/me').flush(problem401, unauthorised);
    await Promise.resolve();
    backend.expectOne('/api/v1/auth/refresh').flush(problem401, unauthorised);

    await expect(answer).rejects.toMatchObject({ status: 401 });
    expect(sessions.isSignedIn()).toBe(false);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], { queryParams: { returnUrl: '/', reason: 'expired' } });
  });

  it('keeps the session when a password check is refused even with a fresh token', async () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const context = new HttpContext().set(CHECKS_PASSWORD, true);
    const change = firstValueFrom(http.post('/api/v1/me/email-change', { newEmail: 'x@y.test' }, { context }));
    backend.expectOne('/api/v1/me/email-change').flush(problem401, unauthorised);
    await Promise.resolve();
    backend.expectOne('/api/v1/auth/refresh').flush(session('token-2'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    const retry = backend.expectOne('/api/v1/me/email-change');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer token-2');
    retry.flush({ ...problem401, detail: 'The password is wrong.' }, unauthorised);

    await expect(change).rejects.toMatchObject({ status: 401 });
    expect(sessions.isSignedIn()).toBe(true);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('passes a wrong-password 401 of sign-in through without refreshing', async () => {
    const attempt = sessions.signIn({ email: user.email, password: 'wrong' });
    backend
      .expectOne('/api/v1/auth/sign-in')
      .flush({ ...problem401, detail: 'The e-mail address or the password is wrong.' }, unauthorised);
    await expect(attempt).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/v1/auth/refresh');
  });
});

describe('SessionService.restore', () => {
  it('restores the session from the refresh cookie once, however often it is asked', async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([sessionInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    const sessions = TestBed.inject(SessionService);
    expect(sessions.status()).toBe('restoring');

    const restored = Promise.all([sessions.restore(), sessions.restore()]);
    backend.expectOne('/api/v1/auth/refresh').flush(session('token-r'));
    await restored;
    expect(sessions.status()).toBe('signed-in');
    expect(sessions.user()?.displayName).toBe('Anna Berger');
    expect(sessions.socketAuth()).toEqual({ token: 'token-r' });

    await sessions.restore();
    backend.verify();
  });
});
