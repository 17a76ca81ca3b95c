import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, type UrlTree } from '@angular/router';
import type { SessionView } from '@consortio/shared/contracts';
import { platformAdminGuard, signedInGuard, signedOutGuard } from './session.guards';

const session = (platformAdmin: boolean): SessionView => ({
  accessToken: 'token',
  expiresAt: new Date(Date.now() + 60_000).toISOString(),
  user: { id: 'u1', email: 'a@b.test', displayName: 'A', locale: 'en', platformAdmin, memberships: [] },
});

describe('session guards', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  /** Runs a guard while the restore-on-start refresh answers `answer` (null: no session). */
  async function run(guard: typeof signedInGuard, url: string, answer: SessionView | null): Promise<boolean | string> {
    const router = TestBed.inject(Router);
    const tree = router.parseUrl(url);
    const snapshot = { queryParamMap: tree.queryParamMap } as never;
    const result = TestBed.runInInjectionContext(() => guard(snapshot, { url } as never)) as Promise<boolean | UrlTree>;
    const refresh = backend.expectOne('/api/v1/auth/refresh');
    if (answer) refresh.flush(answer);
    else refresh.flush({ title: 'Unauthorized', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    const outcome = await result;
    return typeof outcome === 'boolean' ? outcome : router.serializeUrl(outcome);
  }

  it('sends signed-out people to sign in, with the way back', async () => {
    expect(await run(signedInGuard, '/organisation?tab=members', null)).toBe(
      '/sign-in?returnUrl=%2Forganisation%3Ftab%3Dmembers',
    );
  });

  it('lets a restored session in', async () => {
    expect(await run(signedInGuard, '/profile', session(false))).toBe(true);
  });

  it('keeps admin pages for platform administrators', async () => {
    expect(await run(platformAdminGuard, '/admin/audit', session(false))).toBe('/access-denied');
  });

  it('admits a platform administrator', async () => {
    expect(await run(platformAdminGuard, '/admin/audit', session(true))).toBe(true);
  });

  it('sends a signed-in person away from sign-in, but only to a path inside the app', async () => {
    expect(await run(signedOutGuard, '/sign-in?returnUrl=%2F%2Fevil.example', session(false))).toBe('/profile');
  });
});
