import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { SessionService } from '@consortio/web/identity/data-access';
import { consortiaNavItems } from '@consortio/web/consortia/feature';
import { AccountMenu, identityNavItems } from '@consortio/web/identity/feature';
import { tendersNavItems } from '@consortio/web/tenders/feature';
import { openCallsNavItems } from '@consortio/web/open-calls/feature';
import { knowledgeNavItems } from '@consortio/web/knowledge/feature';
import { monitoringNavItems } from '@consortio/web/monitoring/feature';
import { NotificationBell } from '@consortio/web/notifications/feature';
import { LayoutShell, type NavItem } from '@consortio/web/ui';

@Component({
  selector: 'cs-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [LayoutShell, RouterOutlet, AccountMenu, NotificationBell],
  templateUrl: './app.html',
})
export class App {
  private readonly session = inject(SessionService);

  protected readonly navItems = computed<readonly NavItem[]>(() => [
    { path: '/', labelKey: 'nav.home', icon: 'home', exact: true },
    ...consortiaNavItems({ actsForOrganisation: this.session.actingOrganisation() !== null }),
    ...tendersNavItems({ actsForOrganisation: this.session.actingOrganisation() !== null }),
    ...openCallsNavItems(),
    ...knowledgeNavItems(),
    ...monitoringNavItems({ actsForAuthority: this.session.actingOrganisation()?.organisationKind === 'authority' }),
    ...identityNavItems({
      signedIn: this.session.isSignedIn(),
      platformAdmin: this.session.isPlatformAdmin(),
      actsForOrganisation: this.session.actingOrganisation() !== null,
    }),
  ]);
}
