import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { MembershipView } from '@consortio/shared/contracts';
import { I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { type BadgeStatus, StatusBadge } from '@consortio/web/ui';
import { EmailChangeForm } from '../email-change/email-change-form';
import { KIND_LABEL, ROLE_LABEL, VERIFICATION_BADGE, VERIFICATION_LABEL } from '../shared/identity-labels';

/** Who is signed in, their organisations and roles, and which organisation they act for. */
@Component({
  selector: 'cs-profile-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule, MatButtonModule, RouterLink, StatusBadge, EmailChangeForm, TranslatePipe],
  templateUrl: './profile-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class ProfilePage {
  protected readonly session = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);

  protected readonly user = this.session.user;
  protected readonly memberships = this.session.memberships;
  protected readonly acting = this.session.actingOrganisationId;
  protected readonly several = computed(() => this.memberships().length > 1);
  protected readonly columns = computed(() =>
    this.several()
      ? ['organisation', 'kind', 'role', 'verification', 'acting']
      : ['organisation', 'kind', 'role', 'verification'],
  );
  protected readonly languageName = computed(() => {
    const locale = this.user()?.locale;
    return locale ? (this.i18n.options.find((option) => option.code === locale)?.nativeName ?? locale) : '–';
  });

  protected kindKey(membership: MembershipView): TranslationKey {
    return KIND_LABEL[membership.organisationKind];
  }

  protected roleKey(membership: MembershipView): TranslationKey {
    return ROLE_LABEL[membership.role];
  }

  protected verificationKey(membership: MembershipView): TranslationKey {
    return VERIFICATION_LABEL[membership.verification];
  }

  protected verificationBadge(membership: MembershipView): BadgeStatus {
    return VERIFICATION_BADGE[membership.verification];
  }

  protected actFor(membership: MembershipView): void {
    this.session.actFor(membership.organisationId);
    void this.announcer.announce(this.i18n.t('profile.nowActingFor', { name: membership.organisationName }));
  }

  protected trackByOrganisation(_index: number, membership: MembershipView): string {
    return membership.organisationId;
  }
}
