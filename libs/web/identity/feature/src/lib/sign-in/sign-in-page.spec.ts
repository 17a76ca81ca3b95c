import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { SessionView } from '@consortio/shared/contracts';
import { I18nService } from '@consortio/web/core';
import { AccountService, SessionService } from '@consortio/web/identity/data-access';
import { SignInPage } from './sign-in-page';

/** Lets the answer's promise chain finish, then renders. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
}

const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function type(root: HTMLElement, id: string, value: string): void {
  const input = byTestId(root, id) as HTMLInputElement;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

/** The error text Material shows inside the form field that holds the input. */
function fieldError(root: HTMLElement, id: string): string | null {
  return byTestId(root, id)?.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim() ?? null;
}

describe('SignInPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(I18nService).use('en');
  });

  afterEach(() => http.verify());

  async function render(inputs: Record<string, string> = {}) {
    const fixture = TestBed.createComponent(SignInPage);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await settle(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  async function submit(fixture: { whenStable(): Promise<unknown> }, root: HTMLElement): Promise<void> {
    byTestId(root, 'sign-in-submit')?.click();
    await settle(fixture);
  }

  it("shows the api's field error under the field it names", async () => {
    const { fixture, root } = await render();
    type(root, 'sign-in-email', 'anna@musterstadt');
    type(root, 'sign-in-password', 'consortio-demo');
    await submit(fixture, root);

    const request = http.expectOne('/api/v1/auth/sign-in');
    expect(request.request.body).toEqual({ email: 'anna@musterstadt', password: 'consortio-demo' });
    request.flush(
      {
        type: 'urn:consortio:problem:validation',
        title: 'Your request has invalid fields',
        status: 400,
        detail: 'The field "email" is invalid: email must be an e-mail address.',
        errors: [{ field: 'email', message: 'email must be an e-mail address' }],
      },
      { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/problem+json' } },
    );
    await settle(fixture);

    expect(fieldError(root, 'sign-in-email')).toBe('email must be an e-mail address');
    expect(byTestId(root, 'sign-in-email')?.getAttribute('aria-invalid')).toBe('true');
    expect(fieldError(root, 'sign-in-password')).toBeNull();
    expect(byTestId(root, 'sign-in-error')).toBeNull();
  });

  it("checks the e-mail address before going to the organisation's sign-in", async () => {
    const { fixture, root } = await render();
    const url = jest.spyOn(TestBed.inject(AccountService), 'singleSignOnUrl');
    byTestId(root, 'sign-in-sso')?.click();
    await settle(fixture);
    expect(fieldError(root, 'sign-in-email')).toBe('This field is required.');
    // Only the e-mail is needed: the password field stays quiet.
    expect(fieldError(root, 'sign-in-password')).toBeNull();
    expect(url).not.toHaveBeenCalled();
  });

  it('checks required fields before asking the api', async () => {
    const { fixture, root } = await render();
    await submit(fixture, root);
    expect(fieldError(root, 'sign-in-email')).toBe('This field is required.');
    expect(fieldError(root, 'sign-in-password')).toBe('This field is required.');
  });

  it('says how long to wait when sign-in is rate-limited, and holds the button until then', async () => {
    const { fixture, root } = await render();
    type(root, 'sign-in-email', 'anna@musterstadt.test');
    type(root, 'sign-in-password', 'wrong');
    await submit(fixture, root);
    http.expectOne('/api/v1/auth/sign-in').flush(
      {
        type: 'about:blank',
        title: 'Too Many Requests',
        status: 429,
        detail: 'Too many attempts. Try again in 90 seconds.',
      },
      { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '90' } },
    );
    await settle(fixture);
    expect(byTestId(root, 'sign-in-error')?.textContent).toMatch(/Please wait 1 min 30 secs? and try again/);
    expect(byTestId(root, 'sign-in-submit')?.getAttribute('aria-disabled')).toBe('true');
  });

  it('says the credentials are wrong on 401 and goes back to the return address on success', async () => {
    const { fixture, root } = await render({ returnUrl: '/organisation' });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    type(root, 'sign-in-email', 'anna@musterstadt.test');
    type(root, 'sign-in-password', 'wrong');
    await submit(fixture, root);
    http.expectOne('/api/v1/auth/sign-in').flush(
      {
        type: 'about:blank',
        title: 'Unauthorized',
        status: 401,
        detail: 'The e-mail address or the password is wrong.',
      },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle(fixture);
    expect(byTestId(root, 'sign-in-error')?.textContent?.trim()).toBe('The e-mail address or the password is wrong.');

    type(root, 'sign-in-password', 'consortio-demo');
    await submit(fixture, root);
    const session: SessionView = {
      accessToken: 't',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      user: {
        id: 'u1',
        email: 'anna@musterstadt.test',
        displayName: 'Anna Berger',
        locale: 'en',
        platformAdmin: false,
        memberships: [],
      },
    };
    http.expectOne('/api/v1/auth/sign-in').flush(session);
    await settle(fixture);
    expect(TestBed.inject(SessionService).user()?.displayName).toBe('Anna Berger');
    expect(navigate).toHaveBeenCalledWith('/organisation');
  });

  it('never follows a return address to another site', async () => {
    const { fixture, root } = await render({ returnUrl: '//evil.example/phish' });
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    type(root, 'sign-in-email', 'anna@musterstadt.test');
    type(root, 'sign-in-password', 'consortio-demo');
    await submit(fixture, root);
    http.expectOne('/api/v1/auth/sign-in').flush({
      accessToken: 't',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
      user: { id: 'u1', email: 'a@b.test', displayName: 'A', locale: 'en', platformAdmin: false, memberships: [] },
    });
    await settle(fixture);
    expect(navigate).toHaveBeenCalledWith('/profile');
  });
});
