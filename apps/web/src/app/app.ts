import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { LayoutShell, type NavItem } from '@consortio/web/ui';

@Component({
  selector: 'cs-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LayoutShell, RouterOutlet],
  templateUrl: './app.html',
})
export class App {
  protected readonly navItems: readonly NavItem[] = [{ path: '/', labelKey: 'nav.home', icon: 'home', exact: true }];
}
