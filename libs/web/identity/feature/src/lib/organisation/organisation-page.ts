import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { type MatSelectChange, MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import {
  type AuditEventView,
  DEFAULT_PAGE_SIZE,
  MEMBERSHIP_ROLES,
  type MembershipRole,
  type MemberView,
  type OrganisationView,
  type Page,
} from '@consortio/shared/contracts';
import {
  describeApiError,
  I18nService,
  isApiError,
  toApiError,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { OrganisationsService, SessionService } from '@consortio/web/identity/data-access';
import { type BadgeStatus, confirmAction, Icon, StatusBadge } from '@consortio/web/ui';
import { AuditTable } from '../audit/audit-table';
import { IdentityProviderSection } from './identity-provider-section';
import { InvitationsSection } from './invitations-section';
import {
  KIND_LABEL,
  PAGE_SIZE_OPTIONS,
  ROLE_LABEL,
  VERIFICATION_BADGE,
  VERIFICATION_LABEL,
} from '../shared/identity-labels';

const emptyPage = <T>(): Page<T> => ({ items: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 });

/** The organisation the person acts for: its details, members (managed by its admins) and audit trail. */
@Component({
  selector: 'cs-organisation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatTableModule,
    MatPaginatorModule,
    MatSelectModule,
    MatButtonModule,
    AuditTable,
    InvitationsSection,
    IdentityProviderSection,
    Icon,
    StatusBadge,
    TranslatePipe,
  ],
  templateUrl: './organisation-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class OrganisationPage {
  private readonly session = inject(SessionService);
  private readonly organisations = inject(OrganisationsService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly router = inject(Router);

  protected readonly acting = this.session.actingOrganisation;
  protected readonly isAdmin = this.session.isOrganisationAdmin;
  protected readonly organisation = signal<OrganisationView | null>(null);
  protected readonly members = signal<Page<MemberView>>(emptyPage());
  protected readonly audit = signal<Page<AuditEventView>>(emptyPage());
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly actionResult = signal<string | null>(null);
  protected readonly busyUserId = signal<string | null>(null);

  protected readonly roles = MEMBERSHIP_ROLES;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly columns = computed(() =>
    this.isAdmin() ? ['name', 'email', 'role', 'since', 'actions'] : ['name', 'email', 'role', 'since'],
  );

  constructor() {
    // Load again whenever the organisation switch changes who the person acts for.
    effect(() => {
      const organisationId = this.session.actingOrganisationId();
      const admin = this.isAdmin();
      untracked(() => {
        this.organisation.set(null);
        this.members.set(emptyPage());
        this.audit.set(emptyPage());
        this.actionError.set(null);
        this.actionResult.set(null);
        if (!organisationId) return;
        void this.loadOrganisation(organisationId);
        void this.loadMembers(1, DEFAULT_PAGE_SIZE);
        if (admin) void this.loadAudit(1, DEFAULT_PAGE_SIZE);
      });
    });
  }

  protected onMembersPage(event: PageEvent): void {
    void this.loadMembers(event.pageIndex + 1, event.pageSize);
  }

  protected onAuditPage(event: PageEvent): void {
    void this.loadAudit(event.pageIndex + 1, event.pageSize);
  }

  protected roleKey(role: MembershipRole): TranslationKey {
    return ROLE_LABEL[role];
  }

  protected kindKey(organisation: OrganisationView): TranslationKey {
    return KIND_LABEL[organisation.kind];
  }

  protected verificationKey(organisation: OrganisationView): TranslationKey {
    return VERIFICATION_LABEL[organisation.verification];
  }

  protected verificationBadge(organisation: OrganisationView): BadgeStatus {
    return VERIFICATION_BADGE[organisation.verification];
  }

  protected isMe(member: MemberView): boolean {
    return member.userId === this.session.user()?.id;
  }

  protected formatNumber(value: number): string {
    return this.i18n.formatNumber(value);
  }

  protected formatDate(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected trackByUser(_index: number, member: MemberView): string {
    return member.userId;
  }

  protected async changeRole(member: MemberView, event: MatSelectChange<MembershipRole>): Promise<void> {
    const role = event.value;
    const revert = () => event.source.writeValue(member.role);
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('organisation.changeRoleTitle'),
      message: this.i18n.t('organisation.changeRoleMessage', {
        name: member.displayName,
        from: this.i18n.t(ROLE_LABEL[member.role]),
        to: this.i18n.t(ROLE_LABEL[role]),
      }),
      confirmLabel: this.i18n.t('organisation.changeRoleConfirm'),
      cancelLabel: this.i18n.t('common.cancel'),
    });
    if (!confirmed) {
      revert();
      return;
    }
    const done = await this.act(
      member,
      () => this.organisations.changeRole(this.organisationId(), member.userId, role),
      this.i18n.t('organisation.roleChanged', { name: member.displayName, role: this.i18n.t(ROLE_LABEL[role]) }),
    );
    if (!done) revert();
  }

  protected async remove(member: MemberView): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('organisation.removeTitle'),
      message: this.i18n.t(this.isMe(member) ? 'organisation.removeSelfMessage' : 'organisation.removeMessage', {
        name: member.displayName,
        organisation: this.acting()?.organisationName ?? '',
      }),
      confirmLabel: this.i18n.t('organisation.removeConfirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    await this.act(
      member,
      () => this.organisations.removeMember(this.organisationId(), member.userId),
      this.i18n.t('organisation.removed', { name: member.displayName }),
      true,
    );
  }

  private organisationId(): string {
    return this.acting()?.organisationId ?? '';
  }

  /** Runs a change to a membership, reports it, and reloads what it affects. */
  private async act(
    member: MemberView,
    change: () => Promise<void>,
    message: string,
    removing = false,
  ): Promise<boolean> {
    this.busyUserId.set(member.userId);
    this.actionError.set(null);
    this.actionResult.set(null);
    try {
      await change();
      this.actionResult.set(message);
      void this.announcer.announce(message);
      if (this.isMe(member)) {
        // The person changed their own access: read it again, and leave if it is gone.
        await this.session.reloadUser().catch(() => undefined);
        if (removing) await this.router.navigateByUrl('/profile');
        return true;
      }
      const page = this.members();
      await this.loadMembers(page.page, page.pageSize);
      if (this.isAdmin()) await this.loadAudit(1, this.audit().pageSize);
      return true;
    } catch (error: unknown) {
      this.actionError.set(describeApiError(isApiError(error) ? error : toApiError(error), this.i18n));
      return false;
    } finally {
      this.busyUserId.set(null);
    }
  }

  private async loadOrganisation(organisationId: string): Promise<void> {
    try {
      const organisation = await this.organisations.get(organisationId);
      if (organisationId === this.session.actingOrganisationId()) this.organisation.set(organisation);
    } catch (error: unknown) {
      this.loadError.set(describeApiError(isApiError(error) ? error : toApiError(error), this.i18n));
    }
  }

  private async loadMembers(page: number, pageSize: number): Promise<void> {
    const organisationId = this.organisationId();
    try {
      const answer = await this.organisations.members(organisationId, { page, pageSize });
      if (organisationId === this.organisationId()) this.members.set(answer);
      this.loadError.set(null);
    } catch (error: unknown) {
      this.loadError.set(describeApiError(isApiError(error) ? error : toApiError(error), this.i18n));
    }
  }

  private async loadAudit(page: number, pageSize: number): Promise<void> {
    const organisationId = this.organisationId();
    try {
      const answer = await this.organisations.auditEvents(organisationId, { page, pageSize });
      if (organisationId === this.organisationId()) this.audit.set(answer);
    } catch (error: unknown) {
      this.loadError.set(describeApiError(isApiError(error) ? error : toApiError(error), this.i18n));
    }
  }
}
