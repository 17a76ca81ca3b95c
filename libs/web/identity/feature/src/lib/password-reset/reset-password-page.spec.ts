import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18nService } from '@consortio/web/core';
import { byTestId, fieldError, problem, settle, type } from '../shared/testing';
import { ResetPasswordPage } from './reset-password-page';

const TOKEN = 'Vx9_kq-2LmN4pQ7rS1tU3wY5zA8bC0dE6fG2hJ4kL6m';

describe('ResetPasswordPage', () => {
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

  async function renderAndSubmit() {
    const fixture = TestBed.createComponent(ResetPasswordPage);
    fixture.componentRef.setInput('token', TOKEN);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    type(root, 'reset-password', 'a-brand-new-password');
    type(root, 'reset-password-confirm', 'a-brand-new-password');
    byTestId(root, 'reset-submit')?.click();
    await settle(fixture);
    const request = http.expectOne({ method: 'POST', url: '/api/v1/auth/password-reset/confirm' });
    expect(request.request.body).toEqual({ token: TOKEN, password: 'a-brand-new-password' });
    return { fixture, root, request };
  }

  it("shows the api's 410 message and offers a new link instead of the form", async () => {
    const { fixture, root, request } = await renderAndSubmit();
    const gone = problem(410, 'Gone', 'This link has expired or was already used. Ask for a new one.');
    request.flush(gone.body, gone.options);
    await settle(fixture);

    const error = byTestId(root, 'reset-error');
    expect(error?.textContent?.trim()).toBe('This link has expired or was already used. Ask for a new one.');
    expect(error?.getAttribute('role')).toBe('alert');
    expect(byTestId(root, 'reset-password')).toBeNull();
    expect(byTestId(root, 'reset-request-new')?.getAttribute('href')).toBe('/forgot-password');
    expect(byTestId(root, 'reset-result')).toBeNull();
  });

  it("puts the api's password error under the password field", async () => {
    const { fixture, root, request } = await renderAndSubmit();
    const invalid = problem(400, 'Your request has invalid fields', 'password is too common', [
      { field: 'password', message: 'password is too common' },
    ]);
    request.flush(invalid.body, invalid.options);
    await settle(fixture);
    expect(fieldError(root, 'reset-password')).toBe('password is too common');
    expect(byTestId(root, 'reset-error')).toBeNull();
  });

  it('confirms the change', async () => {
    const { fixture, root, request } = await renderAndSubmit();
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle(fixture);
    expect(byTestId(root, 'reset-result')?.textContent).toContain('Your password is changed.');
  });

  it('refuses passwords that differ, before asking the api', async () => {
    const fixture = TestBed.createComponent(ResetPasswordPage);
    fixture.componentRef.setInput('token', TOKEN);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    type(root, 'reset-password', 'a-brand-new-password');
    type(root, 'reset-password-confirm', 'a-brand-new-passwort');
    byTestId(root, 'reset-submit')?.click();
    await settle(fixture);
    expect(fieldError(root, 'reset-password-confirm')).toBe('The two passwords do not match.');
    http.expectNone('/api/v1/auth/password-reset/confirm');
  });
});
