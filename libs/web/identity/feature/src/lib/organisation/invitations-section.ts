import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import {
  DEFAULT_PAGE_SIZE,
  type InvitationStatus,
  type InvitationView,
  MEMBERSHIP_ROLES,
  type MembershipRole,
  type Page,
} from '@consortio/shared/contracts';
import {
  asApiError,
  controlErrorMessage,
  errorSentence,
  I18nService,
  type Language,
  LANGUAGE_OPTIONS,
  problemSentence,
  readyToSend,
  showRefusal,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { InvitationsService } from '@consortio/web/identity/data-access';
import { type BadgeStatus, confirmAction, Icon, StatusBadge } from '@consortio/web/ui';
import { PAGE_SIZE_OPTIONS, ROLE_LABEL } from '../shared/identity-labels';

const STATUS_LABEL: Record<InvitationStatus, TranslationKey> = {
  open: 'invitations.status.open',
  accepted: 'invitations.status.accepted',
  revoked: 'invitations.status.revoked',
  expired: 'invitations.status.expired',
};

const STATUS_BADGE: Record<InvitationStatus, BadgeStatus> = {
  open: 'pending',
  accepted: 'up',
  revoked: 'down',
  expired: 'unknown',
};

const emptyPage = (): Page<InvitationView> => ({ items: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 });

/** Organisation administrators invite people by e-mail and withdraw open invitations. */
@Component({
  selector: 'cs-invitations-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatTableModule,
    MatPaginatorModule,
    Icon,
    StatusBadge,
    TranslatePipe,
  ],
  templateUrl: './invitations-section.html',
  styleUrl: '../shared/identity-page.scss',
})
export class InvitationsSection {
  private readonly invitations = inject(InvitationsService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly organisationId = input.required<string>();

  protected readonly roles = MEMBERSHIP_ROLES;
  protected readonly roleLabel = ROLE_LABEL;
  protected readonly languages = LANGUAGE_OPTIONS;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly columns = ['email', 'role', 'status', 'createdAt', 'expiresAt', 'actions'];

  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email, Validators.maxLength(254)],
    }),
    role: new FormControl<MembershipRole>('procurement-officer', { nonNullable: true }),
    locale: new FormControl<Language>(this.i18n.lang(), { nonNullable: true }),
  });
  protected readonly submitting = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly result = signal<string | null>(null);
  protected readonly listError = signal<string | null>(null);
  protected readonly page = signal<Page<InvitationView>>(emptyPage());
  protected readonly busyId = signal<string | null>(null);

  constructor() {
    effect(() => {
      const organisationId = this.organisationId();
      untracked(() => {
        this.page.set(emptyPage());
        this.result.set(null);
        this.formError.set(null);
        void this.load(organisationId, 1, DEFAULT_PAGE_SIZE);
      });
    });
  }

  protected messageFor(control: AbstractControl): string | null {
    return controlErrorMessage(control, this.i18n);
  }

  protected roleKey(invitation: InvitationView): TranslationKey {
    return ROLE_LABEL[invitation.role];
  }

  protected statusKey(invitation: InvitationView): TranslationKey {
    return STATUS_LABEL[invitation.status];
  }

  protected statusBadge(invitation: InvitationView): BadgeStatus {
    return STATUS_BADGE[invitation.status];
  }

  protected formatDate(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected trackById(_index: number, invitation: InvitationView): string {
    return invitation.id;
  }

  protected onPage(event: PageEvent): void {
    void this.load(this.organisationId(), event.pageIndex + 1, event.pageSize);
  }

  protected async invite(): Promise<void> {
    if (this.submitting()) return;
    this.formError.set(null);
    this.result.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    this.submitting.set(true);
    const { email, role, locale } = this.form.getRawValue();
    const organisationId = this.organisationId();
    try {
      const invitation = await this.invitations.invite(organisationId, { email: email.trim(), role, locale });
      const message = this.i18n.t('invitations.sent', { email: invitation.email });
      this.result.set(message);
      void this.announcer.announce(message);
      this.form.reset({ email: '', role, locale });
      await this.load(organisationId, 1, this.page().pageSize);
    } catch (error: unknown) {
      const apiError = asApiError(error);
      // 409: already a member; that is about the address.
      const fieldErrors =
        apiError.status === 409
          ? [{ field: 'email', message: problemSentence(apiError, this.i18n.t('invitations.alreadyMember')) }]
          : apiError.fieldErrors;
      showRefusal({
        form: this.form,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: apiError,
        fieldErrors,
        setError: (sentence) => this.formError.set(sentence),
        errorTestId: 'invite-error',
      });
    } finally {
      this.submitting.set(false);
    }
  }

  protected async revoke(invitation: InvitationView): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('invitations.revokeTitle'),
      message: this.i18n.t('invitations.revokeMessage', { email: invitation.email }),
      confirmLabel: this.i18n.t('invitations.revokeConfirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    const organisationId = this.organisationId();
    this.busyId.set(invitation.id);
    this.listError.set(null);
    this.result.set(null);
    try {
      await this.invitations.revoke(organisationId, invitation.id);
      const message = this.i18n.t('invitations.revoked', { email: invitation.email });
      this.result.set(message);
      void this.announcer.announce(message);
      const page = this.page();
      await this.load(organisationId, page.page, page.pageSize);
    } catch (error: unknown) {
      this.listError.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busyId.set(null);
    }
  }

  private async load(organisationId: string, page: number, pageSize: number): Promise<void> {
    try {
      const answer = await this.invitations.list(organisationId, { page, pageSize });
      if (organisationId === this.organisationId()) this.page.set(answer);
      this.listError.set(null);
    } catch (error: unknown) {
      this.listError.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
