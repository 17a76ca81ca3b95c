import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Location } from '@angular/common';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { InvitationPreview } from '@consortio/shared/contracts';
import { I18nService } from '@consortio/web/core';
import { byTestId, fieldError, problem, settle, type } from '../shared/testing';
import { AcceptInvitationPage } from './accept-invitation-page';

const TOKEN = 'Vx9_kq-2LmN4pQ7rS1tU3wY5zA8bC0dE6fG2hJ4kL6m';

const preview = (accountExists: boolean): InvitationPreview => ({
  organisationName: 'Gemeinde Musterstadt',
  email: 'kollegin@musterstadt.test',
  role: 'legal-reviewer',
  accountExists,
});

describe('AcceptInvitationPage', () => {
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

  async function render(answer: InvitationPreview) {
    const fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', TOKEN);
    await settle(fixture);
    const request = http.expectOne({ method: 'POST', url: '/api/v1/invitations/preview' });
    expect(request.request.body).toEqual({ token: TOKEN });
    request.flush(answer);
    await settle(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('asks for a name and a password when the invited address has no account yet', async () => {
    const { fixture, root } = await render(preview(false));

    expect(byTestId(root, 'accept-organisation')?.textContent?.trim()).toBe('Gemeinde Musterstadt');
    expect(byTestId(root, 'accept-email')?.textContent?.trim()).toBe('kollegin@musterstadt.test');
    expect(byTestId(root, 'accept-role')?.textContent?.trim()).toBe('Legal reviewer');
    expect(byTestId(root, 'accept-display-name')).not.toBeNull();
    expect(byTestId(root, 'accept-password')).not.toBeNull();
    expect(byTestId(root, 'accept-password-confirm')).not.toBeNull();
    expect(byTestId(root, 'accept-submit')?.textContent?.trim()).toBe('Create account and join');

    // Nothing is sent until the form is complete and both passwords agree.
    byTestId(root, 'accept-submit')?.click();
    await settle(fixture);
    expect(fieldError(root, 'accept-display-name')).toBe('This field is required.');
    type(root, 'accept-display-name', 'Kim Kollegin');
    type(root, 'accept-password', 'a-long-enough-password');
    type(root, 'accept-password-confirm', 'a-different-password');
    byTestId(root, 'accept-submit')?.click();
    await settle(fixture);
    expect(fieldError(root, 'accept-password-confirm')).toBe('The two passwords do not match.');
    http.expectNone('/api/v1/invitations/accept');

    type(root, 'accept-password-confirm', 'a-long-enough-password');
    byTestId(root, 'accept-submit')?.click();
    await settle(fixture);
    const accept = http.expectOne({ method: 'POST', url: '/api/v1/invitations/accept' });
    expect(accept.request.body).toEqual({
      token: TOKEN,
      displayName: 'Kim Kollegin',
      password: 'a-long-enough-password',
    });
    accept.flush({ organisationId: 'o1', accountCreated: true });
    await settle(fixture);
    expect(byTestId(root, 'accept-result')?.textContent).toContain('Your account is ready');
    expect(byTestId(root, 'accept-sign-in')?.getAttribute('href')).toBe('/sign-in?email=kollegin@musterstadt.test');
  });

  it('offers only the Accept button when the account exists, and sends just the token', async () => {
    const { fixture, root } = await render(preview(true));

    expect(byTestId(root, 'accept-display-name')).toBeNull();
    expect(byTestId(root, 'accept-password')).toBeNull();
    expect(byTestId(root, 'accept-submit')?.textContent?.trim()).toBe('Accept invitation');

    byTestId(root, 'accept-submit')?.click();
    await settle(fixture);
    const accept = http.expectOne('/api/v1/invitations/accept');
    expect(accept.request.body).toEqual({ token: TOKEN });
    accept.flush({ organisationId: 'o1', accountCreated: false });
    await settle(fixture);
    expect(byTestId(root, 'accept-result')?.textContent).toContain(
      'You are now a member of Gemeinde Musterstadt. Sign in',
    );
  });

  it("shows the api's reason when the link has expired or was used", async () => {
    const fixture = TestBed.createComponent(AcceptInvitationPage);
    fixture.componentRef.setInput('token', TOKEN);
    await settle(fixture);
    const gone = problem(410, 'Gone', 'This invitation has expired, was withdrawn or was already used.');
    http.expectOne('/api/v1/invitations/preview').flush(gone.body, gone.options);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(byTestId(root, 'accept-error')?.textContent?.trim()).toBe(
      'This invitation has expired, was withdrawn or was already used.',
    );
    expect(byTestId(root, 'accept-submit')).toBeNull();
  });

  it('takes the token out of the address bar once it has read it', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([{ path: 'accept-invitation', component: AcceptInvitationPage }], withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/accept-invitation?token=${TOKEN}&utm=mail`);
    const request = http.expectOne('/api/v1/invitations/preview');
    expect(request.request.body).toEqual({ token: TOKEN });
    expect(TestBed.inject(Location).path()).toBe('/accept-invitation?utm=mail');
    request.flush(preview(true));
  });

  it('says a link without a token is incomplete, without asking the api', async () => {
    const fixture = TestBed.createComponent(AcceptInvitationPage);
    await settle(fixture);
    http.expectNone('/api/v1/invitations/preview');
    expect(byTestId(fixture.nativeElement as HTMLElement, 'accept-error')?.textContent).toContain(
      'This link is incomplete',
    );
  });
});
