import { TestBed } from '@angular/core/testing';
import { I18nService } from '@consortio/web/core';
import { StatusBadge } from './status-badge';

describe('StatusBadge', () => {
  beforeEach(() => TestBed.inject(I18nService).use('en'));

  async function render(status: 'up' | 'down', label: string | null = null): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(StatusBadge);
    fixture.componentRef.setInput('status', status);
    fixture.componentRef.setInput('label', label);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('says the status in words next to a hidden icon', async () => {
    const up = await render('up');
    expect(up.textContent?.trim()).toBe('Up');
    expect(up.getAttribute('data-status')).toBe('up');
    expect(up.querySelector('cs-icon')?.getAttribute('aria-hidden')).toBe('true');

    const down = await render('down');
    expect(down.textContent?.trim()).toBe('Down');
  });

  it('uses a given label instead of the default word', async () => {
    expect((await render('up', 'Operational')).textContent?.trim()).toBe('Operational');
  });

  it('follows the language', async () => {
    TestBed.inject(I18nService).use('de');
    expect((await render('down')).textContent?.trim()).toBe('Ausgefallen');
  });
});
