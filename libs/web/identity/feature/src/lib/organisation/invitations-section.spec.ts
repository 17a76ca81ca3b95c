import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { InvitationView, Page } from '@consortio/shared/contracts';
import { I18nService } from '@consortio/web/core';
import { byTestId, fieldError, problem, settle, type } from '../shared/testing';
import { InvitationsSection } from './invitations-section';

const ORGANISATION = '11111111-1111-4111-8111-111111111111';
const LIST = `/api/v1/organisations/${ORGANISATION}/invitations`;

const open: InvitationView = {
  id: 'i1',
  email: 'offen@musterstadt.test',
  role: 'viewer',
  status: 'open',
  createdAt: '2026-11-20T10:00:00Z',
  expiresAt: '2026-11-27T10:00:00Z',
};
const page = (items: InvitationView[]): Page<InvitationView> => ({ items, page: 1, pageSize: 20, total: items.length });

describe('InvitationsSection', () => {
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

  async function render(items: InvitationView[] = [open]) {
    const fixture = TestBed.createComponent(InvitationsSection);
    fixture.componentRef.setInput('organisationId', ORGANISATION);
    await settle(fixture);
    http.expectOne((request) => request.url === LIST && request.method === 'GET').flush(page(items));
    await settle(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  async function invite(fixture: { whenStable(): Promise<unknown> }, root: HTMLElement, email: string, role: string) {
    type(root, 'invite-email', email);
    const select = byTestId(root, 'invite-role') as HTMLSelectElement;
    select.value = role;
    select.dispatchEvent(new Event('change'));
    byTestId(root, 'invite-submit')?.click();
    await settle(fixture);
    return http.expectOne((request) => request.url === LIST && request.method === 'POST');
  }

  it('lists the invitations with their status and a withdraw action for open ones', async () => {
    const { root } = await render([open, { ...open, id: 'i2', email: 'drin@musterstadt.test', status: 'accepted' }]);
    const rows = root.querySelectorAll('[data-testid="invitation-row"]');
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('offen@musterstadt.test');
    expect(rows[0].textContent).toContain('Open');
    expect(rows[0].querySelector('[data-testid="invitation-revoke"]')).not.toBeNull();
    expect(rows[1].textContent).toContain('Accepted');
    expect(rows[1].querySelector('[data-testid="invitation-revoke"]')).toBeNull();
  });

  it("puts the api's field error under the field it names", async () => {
    const { fixture, root } = await render();
    const request = await invite(fixture, root, 'kollegin@musterstadt', 'legal-reviewer');
    expect(request.request.body).toEqual({ email: 'kollegin@musterstadt', role: 'legal-reviewer', locale: 'en' });
    const invalid = problem(400, 'Your request has invalid fields', 'The field "email" is invalid.', [
      { field: 'email', message: 'email must be an e-mail address' },
    ]);
    request.flush(invalid.body, invalid.options);
    await settle(fixture);

    expect(fieldError(root, 'invite-email')).toBe('email must be an e-mail address');
    expect(byTestId(root, 'invite-email')?.getAttribute('aria-invalid')).toBe('true');
    expect(byTestId(root, 'invite-error')).toBeNull();
    expect(byTestId(root, 'invite-result')).toBeNull();
  });

  it('says at the address when the person is already a member', async () => {
    const { fixture, root } = await render();
    const request = await invite(fixture, root, 'drin@musterstadt.test', 'viewer');
    const conflict = problem(409, 'Conflict', 'drin@musterstadt.test is already a member of this organisation.');
    request.flush(conflict.body, conflict.options);
    await settle(fixture);
    expect(fieldError(root, 'invite-email')).toBe('drin@musterstadt.test is already a member of this organisation.');
  });

  it('reports a sent invitation and reloads the list', async () => {
    const { fixture, root } = await render([]);
    const request = await invite(fixture, root, 'neu@musterstadt.test', 'procurement-officer');
    request.flush({ ...open, id: 'i3', email: 'neu@musterstadt.test' }, { status: 201, statusText: 'Created' });
    await settle(fixture);
    http
      .expectOne((reload) => reload.url === LIST && reload.method === 'GET' && reload.params.get('page') === '1')
      .flush(page([{ ...open, id: 'i3', email: 'neu@musterstadt.test' }]));
    await settle(fixture);
    expect(byTestId(root, 'invite-result')?.textContent?.trim()).toBe('Invitation sent to neu@musterstadt.test.');
    expect(root.querySelectorAll('[data-testid="invitation-row"]')).toHaveLength(1);
    expect((byTestId(root, 'invite-email') as HTMLInputElement).value).toBe('');
  });
});
