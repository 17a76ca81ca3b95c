import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MonitoringTenderDetail, ObserverNoteView } from '@consortio/shared/contracts';
import { I18nService } from '@consortio/web/core';
import { TenderDetailPage } from './tender-detail-page';

const TENDER = '33333333-3333-4333-8333-333333333333';
const DETAIL = `/api/v1/monitoring/tenders/${TENDER}`;

const detail = (overrides: Partial<MonitoringTenderDetail> = {}): MonitoringTenderDetail => ({
  id: TENDER,
  title: 'Smart parking sensors',
  consortiumId: '44444444-4444-4444-8444-444444444444',
  consortiumName: 'Parking group',
  leadOrganisation: 'Gemeinde Freiham',
  leadNuts: 'DE21B',
  domain: 'mobility',
  procedure: 'open',
  stage: 'published',
  stageChangedAt: '2026-03-01T10:00:00Z',
  daysInStage: 3,
  estimatedValue: 200_000,
  createdAt: '2026-02-01T10:00:00Z',
  members: [{ id: 'm1', name: 'Gemeinde Freiham', nutsCode: 'DE21B', role: 'lead' }],
  lots: [{ number: 1, title: 'Sensors', cpvCodes: ['34144900-7'], value: 200_000, awarded: null }],
  milestones: [
    { name: 'Contract signed', plannedOn: '2026-02-15', actualOn: null, late: true },
    { name: 'Notice out', plannedOn: '2026-03-01', actualOn: '2026-03-01', late: false },
  ],
  stages: [{ from: 'approval', to: 'published', at: '2026-03-01T10:00:00Z' }],
  sites: [],
  alerts: [],
  notes: [],
  ocdsRecordUrl: `/api/v1/ocds/tenders/${TENDER}/record`,
  ...overrides,
});

async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await fixture.whenStable();
}

const byTestId = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('TenderDetailPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(I18nService).use('en');
  });

  afterEach(() => http.verify());

  async function render(tender: MonitoringTenderDetail) {
    const fixture = TestBed.createComponent(TenderDetailPage);
    fixture.componentRef.setInput('tenderId', TENDER);
    await settle(fixture);
    http.expectOne(DETAIL).flush(tender);
    await settle(fixture);
    return { fixture, root: fixture.nativeElement as HTMLElement };
  }

  it('shows the tender read-only, with late milestones marked and the OCDS record to download', async () => {
    const { root } = await render(detail());
    expect(byTestId(root, 'monitoring-tender-title')?.textContent).toContain('Smart parking sensors');
    expect(root.querySelectorAll('input, select').length).toBe(0);
    // The one thing to do besides downloading tables: add a note.
    expect(root.querySelectorAll('button:not([data-testid^="csv-"])').length).toBe(1);
    const rows = root.querySelectorAll('[data-testid="tender-milestones"] tbody tr');
    expect(rows[0].getAttribute('data-late')).toBe('true');
    expect(rows[0].textContent).toContain('Late');
    expect(rows[1].textContent).toContain('Reached');
    const record = byTestId(root, 'ocds-record') as HTMLAnchorElement;
    expect(record.getAttribute('href')).toBe(`/api/v1/ocds/tenders/${TENDER}/record`);
    expect(record.getAttribute('download')).toBe(`ocds-record-${TENDER}.json`);
  });

  it('offers each table as CSV from the api, with a button named after the table', async () => {
    const { fixture, root } = await render(detail());
    const buttons = ['members', 'lots', 'milestones'].map((table) => byTestId(root, `csv-tender-${table}`));
    expect(buttons.map((button) => [button?.tagName, button?.getAttribute('type')])).toEqual([
      ['BUTTON', 'button'],
      ['BUTTON', 'button'],
      ['BUTTON', 'button'],
    ]);
    expect(buttons.map((button) => button?.getAttribute('aria-label'))).toEqual([
      'Download “Members” as CSV',
      'Download “Lots and awards” as CSV',
      'Download “Milestones” as CSV',
    ]);

    const created = jest.fn(() => 'blob:lots');
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: jest.fn() });
    const clicked = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      buttons[1]?.click();
      await settle(fixture);
      const request = http.expectOne(`/api/v1/monitoring/tenders/${TENDER}/tables/lots.csv`);
      expect(request.request.responseType).toBe('blob');
      expect(buttons[1]?.hasAttribute('disabled')).toBe(true);
      request.flush(new Blob(['\uFEFFlot,title\r\n'], { type: 'text/csv' }));
      await settle(fixture);
      expect(created).toHaveBeenCalledTimes(1);
      expect((clicked.mock.contexts[0] as HTMLAnchorElement).download).toBe(`tender-${TENDER}-lots.csv`);
      expect(buttons[1]?.hasAttribute('disabled')).toBe(false);
    } finally {
      clicked.mockRestore();
    }
  });

  it('says when there is no OCDS record yet', async () => {
    const { root } = await render(detail({ stage: 'specification', ocdsRecordUrl: null }));
    expect(byTestId(root, 'ocds-record')).toBeNull();
    expect(root.textContent).toContain('from the tender’s publication on');
  });

  it('adds a note through the form without leaving the page, and refuses an empty one', async () => {
    const { fixture, root } = await render(detail());
    const form = root.querySelector('form') as HTMLFormElement;
    form.dispatchEvent(new Event('submit'));
    await settle(fixture);
    expect(byTestId(root, 'note-error')?.textContent).toContain('Write a note of 1 to 2000 characters');
    http.expectNone(`${DETAIL}/notes`);

    const body = byTestId(root, 'note-body') as HTMLTextAreaElement;
    body.value = '  Please report the pilot sites.  ';
    body.dispatchEvent(new Event('input'));
    form.dispatchEvent(new Event('submit'));
    await settle(fixture);
    const post = http.expectOne(`${DETAIL}/notes`);
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ body: 'Please report the pilot sites.' });
    const note: ObserverNoteView = {
      id: 'n1',
      tenderId: TENDER,
      body: 'Please report the pilot sites.',
      author: { name: 'Sophie Lang', organisation: 'Staatsministerium' },
      createdAt: '2026-03-04T09:00:00Z',
    };
    post.flush(note);
    await settle(fixture);
    const shown = root.querySelectorAll('[data-testid="tender-note"]');
    expect(shown).toHaveLength(1);
    expect(shown[0].textContent).toContain('Sophie Lang, Staatsministerium');
    expect(body.value).toBe('');
    expect(byTestId(root, 'note-error')).toBeNull();
  });
});
