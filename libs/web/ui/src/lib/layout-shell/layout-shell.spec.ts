import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { I18nService } from '@consortio/web/core';
import { LayoutShell, type NavItem } from './layout-shell';

@Component({
  selector: 'cs-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LayoutShell],
  template: `<cs-layout-shell [navItems]="nav"><p id="page">Page</p></cs-layout-shell>`,
})
class Host {
  readonly nav: readonly NavItem[] = [{ path: '/', labelKey: 'nav.home', icon: 'home', exact: true }];
}

describe('LayoutShell', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    TestBed.inject(I18nService).use('en');
  });

  async function render(): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('has a skip link that moves focus to the main landmark holding the page', async () => {
    const root = await render();
    const skip = root.querySelector<HTMLAnchorElement>('a.skip-link');
    const main = root.querySelector<HTMLElement>('main#main-content');
    expect(skip?.getAttribute('href')).toBe('#main-content');
    expect(skip?.textContent?.trim()).toBe('Skip to main content');
    expect(main?.querySelector('#page')).not.toBeNull();
    skip?.click();
    expect(document.activeElement).toBe(main);
  });

  it('shows the product name and a labelled navigation', async () => {
    const root = await render();
    expect(root.querySelector('header mat-toolbar')?.textContent).toContain('Consortio');
    const nav = root.querySelector('nav');
    expect(nav?.getAttribute('aria-label')).toBe('Main navigation');
    expect(nav?.textContent).toContain('Platform status');
  });

  it('switches the language from the toolbar menu', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const trigger = root.querySelector<HTMLButtonElement>('[data-testid="language-switch"]');
    expect(trigger?.textContent).toContain('Language');
    expect(trigger?.textContent).toContain('English');

    trigger?.click();
    await fixture.whenStable();
    // The menu renders in the CDK overlay container, outside the component.
    const german = document.querySelector<HTMLButtonElement>('[data-testid="language-de"]');
    expect(german?.getAttribute('role')).toBe('menuitemradio');
    expect(german?.getAttribute('aria-checked')).toBe('false');
    expect(german?.getAttribute('lang')).toBe('de');

    german?.click();
    await fixture.whenStable();
    expect(document.documentElement.lang).toBe('de');
    expect(root.querySelector('a.skip-link')?.textContent?.trim()).toBe('Zum Hauptinhalt springen');
    expect(trigger?.textContent).toContain('Deutsch');
  });
});
