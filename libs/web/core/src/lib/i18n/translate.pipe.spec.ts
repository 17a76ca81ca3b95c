import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { I18nService } from './i18n.service';
import { TranslatePipe } from './translate.pipe';

@Component({
  selector: 'cs-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `<p>{{ 'home.status.operational' | t }}</p>
    <p>{{ 'probes.noteHint' | t: { count: 5, max: 200 } }}</p>`,
})
class Host {}

describe('TranslatePipe', () => {
  beforeEach(() => localStorage.clear());

  it('translates and re-renders an OnPush view after a language switch', async () => {
    const i18n = TestBed.inject(I18nService);
    i18n.use('en');
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const text = () => Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('p'), (p) => p.textContent);
    expect(text()).toEqual(['Operational', '5 of 200 characters']);

    i18n.use('de');
    await fixture.whenStable();
    expect(text()).toEqual(['Betriebsbereit', '5 von 200 Zeichen']);
  });
});
