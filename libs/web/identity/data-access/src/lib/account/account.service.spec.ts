import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CHECKS_PASSWORD } from '../session/session.interceptor';
import { AccountService } from './account.service';

describe('AccountService', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
  });

  it('builds the single sign-on start address with the e-mail and the way back, encoded', () => {
    const url = TestBed.inject(AccountService).singleSignOnUrl(
      'anna+vergabe@musterstadt.test',
      '/organisation?tab=a&b',
    );
    expect(url).toBe(
      '/api/v1/auth/oidc/start?email=anna%2Bvergabe%40musterstadt.test&returnUrl=%2Forganisation%3Ftab%3Da%26b',
    );
    const parsed = new URL(url, 'https://consortio.example');
    expect(parsed.searchParams.get('email')).toBe('anna+vergabe@musterstadt.test');
    expect(parsed.searchParams.get('returnUrl')).toBe('/organisation?tab=a&b');
  });

  it('marks the e-mail change as a password check, so a wrong password does not end the session', async () => {
    const http = TestBed.inject(HttpTestingController);
    const answer = TestBed.inject(AccountService).requestEmailChange('neu@musterstadt.test', 'secret');
    const request = http.expectOne({ method: 'POST', url: '/api/v1/me/email-change' });
    expect(request.request.body).toEqual({ newEmail: 'neu@musterstadt.test', password: 'secret' });
    expect(request.request.context.get(CHECKS_PASSWORD)).toBe(true);
    request.flush({ message: 'sent' }, { status: 202, statusText: 'Accepted' });
    await expect(answer).resolves.toEqual({ message: 'sent' });
    http.verify();
  });
});
