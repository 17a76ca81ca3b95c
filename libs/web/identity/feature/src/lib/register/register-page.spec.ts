import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18nService } from '@consortio/web/core';
import { RegisterPage } from './register-page';

/** Lets the answer's promise chain finish, then renders. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
}

const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function type(root: HTMLElement, id: string, value: string): void {
  const input = byTestId(root, id) as HTMLInputElement | null;
  if (!input) throw new Error(`no field ${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

function fieldError(root: HTMLElement, id: string): string | null {
  return byTestId(root, id)?.closest('mat-form-field')?.querySelector('mat-error')?.textContent?.trim() ?? null;
}

const admin = { displayName: 'Kim Neu', email: 'kaemmerei@neudorf.test', password: 'a-long-enough-password' };

describe('RegisterPage', () => {
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

  async function render() {
    const fixture = TestBed.createComponent(RegisterPage);
    await settle(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  async function chooseKind(fixture: { whenStable(): Promise<unknown> }, root: HTMLElement, kind: string) {
    const select = byTestId(root, 'register-kind') as HTMLSelectElement;
    select.value = kind;
    select.dispatchEvent(new Event('change'));
    await settle(fixture);
  }

  function fillAdmin(root: HTMLElement): void {
    type(root, 'register-display-name', admin.displayName);
    type(root, 'register-email', admin.email);
    type(root, 'register-password', admin.password);
  }

  it('sends only the fields of the chosen kind', async () => {
    const { fixture, root } = await render();
    // Typed while "municipality" was chosen, then the kind changes: these must not be sent.
    type(root, 'register-nuts-code', 'DE217');
    type(root, 'register-population', '900');
    await chooseKind(fixture, root, 'supplier');

    expect(byTestId(root, 'register-nuts-code')).toBeNull();
    expect(byTestId(root, 'register-population')).toBeNull();
    expect(byTestId(root, 'register-jurisdiction')).toBeNull();
    type(root, 'register-name', 'Smart Grid Werke GmbH');
    type(root, 'register-country', 'de');
    type(root, 'register-vat-number', 'de123456789');
    fillAdmin(root);
    byTestId(root, 'register-submit')?.click();
    await settle(fixture);

    const request = http.expectOne({ method: 'POST', url: '/api/v1/organisations' });
    expect(request.request.body).toEqual({
      organisation: { kind: 'supplier', name: 'Smart Grid Werke GmbH', country: 'DE', vatNumber: 'DE123456789' },
      admin: { ...admin, locale: 'en' },
    });
    request.flush(
      {
        organisation: { id: 'o1', kind: 'supplier', name: 'Smart Grid Werke GmbH', verification: 'not-required' },
        user: {},
      },
      { status: 201, statusText: 'Created' },
    );
    await settle(fixture);
    expect(byTestId(root, 'register-success')?.textContent).toContain('Smart Grid Werke GmbH is registered');
  });

  it('sends a municipality without a country, with its NUTS code and population as a number', async () => {
    const { fixture, root } = await render();
    expect(byTestId(root, 'register-country')).toBeNull();
    type(root, 'register-name', 'Gemeinde Neudorf');
    type(root, 'register-nuts-code', 'de217');
    type(root, 'register-population', '900');
    type(root, 'register-contact', 'vergabe@neudorf.test');
    fillAdmin(root);
    byTestId(root, 'register-submit')?.click();
    await settle(fixture);

    const request = http.expectOne('/api/v1/organisations');
    expect(request.request.body).toEqual({
      organisation: {
        kind: 'municipality',
        name: 'Gemeinde Neudorf',
        nutsCode: 'DE217',
        population: 900,
        contactEmail: 'vergabe@neudorf.test',
      },
      admin: { ...admin, locale: 'en' },
    });
    request.flush(
      {
        type: 'urn:consortio:problem:validation',
        title: 'Your request has invalid fields',
        status: 400,
        detail: '2 fields are invalid: organisation.nutsCode, admin.password.',
        errors: [
          { field: 'organisation.nutsCode', message: 'nutsCode DE217 is not a known NUTS 3 region' },
          { field: 'admin.password', message: 'password is too common' },
        ],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle(fixture);

    expect(fieldError(root, 'register-nuts-code')).toBe('nutsCode DE217 is not a known NUTS 3 region');
    expect(fieldError(root, 'register-password')).toBe('password is too common');
    expect(fieldError(root, 'register-name')).toBeNull();
    expect(byTestId(root, 'register-error')).toBeNull();
  });

  it('puts a 409 on the e-mail field', async () => {
    const { fixture, root } = await render();
    await chooseKind(fixture, root, 'central-purchasing-body');
    type(root, 'register-name', 'Einkauf Süd');
    type(root, 'register-country', 'DE');
    fillAdmin(root);
    byTestId(root, 'register-submit')?.click();
    await settle(fixture);
    const request = http.expectOne('/api/v1/organisations');
    expect(request.request.body.organisation).toEqual({
      kind: 'central-purchasing-body',
      name: 'Einkauf Süd',
      country: 'DE',
    });
    request.flush(
      { type: 'about:blank', title: 'Conflict', status: 409, detail: 'An account with this e-mail address exists.' },
      { status: 409, statusText: 'Conflict' },
    );
    await settle(fixture);
    expect(fieldError(root, 'register-email')).toBe('An account with this e-mail address exists.');
  });
});
