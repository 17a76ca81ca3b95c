import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { Icon } from '@consortio/web/ui';

/**
 * The toolbar's account area: the organisation switch (for people in several organisations),
 * the signed-in person's menu, or a sign-in link.
 */
@Component({
  selector: 'cs-account-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, MatSelectModule, RouterLink, Icon, TranslatePipe],
  templateUrl: './account-menu.html',
  styleUrl: './account-menu.scss',
})
export class AccountMenu {
  protected readonly session = inject(SessionService);
  private readonly router = inject(Router);

  protected readonly several = computed(() => this.session.memberships().length > 1);

  protected actFor(organisationId: string): void {
    this.session.actFor(organisationId);
  }

  protected async signOut(): Promise<void> {
    await this.session.signOut();
    await this.router.navigateByUrl('/sign-in');
  }
}
