import { BreakpointObserver } from '@angular/cdk/layout';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatListModule } from '@angular/material/list';
import { MatMenuModule } from '@angular/material/menu';
import { MatSidenavModule } from '@angular/material/sidenav';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { I18nService, type Language, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { map } from 'rxjs';
import { Icon, type IconName } from '../icon/icon';

export interface NavItem {
  path: string;
  labelKey: TranslationKey;
  icon: IconName;
  /** Active only on this exact URL (needed for the root path). */
  exact?: boolean;
}

/** Below this width the navigation becomes a modal drawer (Material's compact/medium window classes). */
export const NARROW_LAYOUT_QUERY = '(max-width: 839.98px)';

/**
 * Application frame: skip link, banner toolbar with product name and language switch,
 * navigation (side panel on wide screens, drawer on narrow ones) and the `main` landmark.
 * Content marked `csShellActions` goes to the end of the toolbar (e.g. the account menu).
 */
@Component({
  selector: 'cs-layout-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatToolbarModule,
    MatSidenavModule,
    MatListModule,
    MatMenuModule,
    MatButtonModule,
    RouterLink,
    RouterLinkActive,
    Icon,
    TranslatePipe,
  ],
  templateUrl: './layout-shell.html',
  styleUrl: './layout-shell.scss',
})
export class LayoutShell {
  protected readonly i18n = inject(I18nService);
  private readonly breakpoints = inject(BreakpointObserver);

  readonly navItems = input<readonly NavItem[]>([]);

  protected readonly narrow = toSignal(
    this.breakpoints.observe(NARROW_LAYOUT_QUERY).pipe(map((state) => state.matches)),
    { initialValue: this.breakpoints.isMatched(NARROW_LAYOUT_QUERY) },
  );
  protected readonly drawerOpen = signal(false);

  constructor() {
    // Leaving the narrow layout must not leave a hidden drawer marked as open.
    effect(() => {
      if (!this.narrow()) this.drawerOpen.set(false);
    });
  }

  protected toggleDrawer(): void {
    this.drawerOpen.update((open) => !open);
  }

  protected onNavigate(): void {
    if (this.narrow()) this.drawerOpen.set(false);
  }

  protected chooseLanguage(lang: Language): void {
    this.i18n.use(lang);
  }

  /** In-page anchors would make the router navigate; move focus to the main landmark instead. */
  protected skipToContent(event: Event, main: HTMLElement): void {
    event.preventDefault();
    main.focus();
  }
}
