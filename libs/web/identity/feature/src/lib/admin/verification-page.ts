import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { DEFAULT_PAGE_SIZE, type OrganisationView, type Page } from '@consortio/shared/contracts';
import {
  describeApiError,
  I18nService,
  isApiError,
  toApiError,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { OrganisationsService, type VerificationDecision } from '@consortio/web/identity/data-access';
import { confirmAction, Icon } from '@consortio/web/ui';
import { KIND_LABEL, PAGE_SIZE_OPTIONS } from '../shared/identity-labels';

const NOTE_MAX_LENGTH = 500;

/** The verification queue: public-sector organisations waiting for a platform administrator. */
@Component({
  selector: 'cs-verification-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule, MatPaginatorModule, MatButtonModule, Icon, TranslatePipe],
  templateUrl: './verification-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class VerificationPage {
  private readonly organisations = inject(OrganisationsService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);

  protected readonly queue = signal<Page<OrganisationView>>({
    items: [],
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
    total: 0,
  });
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly actionResult = signal<string | null>(null);
  protected readonly busyId = signal<string | null>(null);

  protected readonly columns = ['name', 'kind', 'region', 'population', 'contact', 'registered', 'actions'];
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;

  constructor() {
    void this.load(1, DEFAULT_PAGE_SIZE);
  }

  protected onPage(event: PageEvent): void {
    void this.load(event.pageIndex + 1, event.pageSize);
  }

  protected kindKey(organisation: OrganisationView): TranslationKey {
    return KIND_LABEL[organisation.kind];
  }

  protected region(organisation: OrganisationView): string {
    return organisation.nutsCode ?? organisation.jurisdiction ?? organisation.country;
  }

  protected formatNumber(value: number): string {
    return this.i18n.formatNumber(value);
  }

  protected formatDate(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected trackById(_index: number, organisation: OrganisationView): string {
    return organisation.id;
  }

  protected async decide(organisation: OrganisationView, decision: VerificationDecision): Promise<void> {
    const verify = decision === 'verified';
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t(verify ? 'verification.verifyTitle' : 'verification.rejectTitle'),
      message: this.i18n.t(verify ? 'verification.verifyMessage' : 'verification.rejectMessage', {
        name: organisation.name,
      }),
      confirmLabel: this.i18n.t(verify ? 'verification.verify' : 'verification.reject'),
      cancelLabel: this.i18n.t('common.cancel'),
      noteLabel: this.i18n.t('verification.note'),
      noteMaxLength: NOTE_MAX_LENGTH,
      destructive: !verify,
    });
    if (!confirmed) return;
    this.busyId.set(organisation.id);
    this.actionError.set(null);
    this.actionResult.set(null);
    try {
      await this.organisations.decideVerification(organisation.id, decision, confirmed.note || undefined);
      const message = this.i18n.t(verify ? 'verification.verifiedDone' : 'verification.rejectedDone', {
        name: organisation.name,
      });
      this.actionResult.set(message);
      void this.announcer.announce(message);
      const page = this.queue();
      // The decided organisation leaves the queue; stay on a page that still exists.
      const last = Math.max(1, Math.ceil((page.total - 1) / page.pageSize));
      await this.load(Math.min(page.page, last), page.pageSize);
    } catch (error: unknown) {
      this.actionError.set(describeApiError(isApiError(error) ? error : toApiError(error), this.i18n));
    } finally {
      this.busyId.set(null);
    }
  }

  private async load(page: number, pageSize: number): Promise<void> {
    this.loading.set(true);
    try {
      this.queue.set(await this.organisations.list({ verification: 'pending', page, pageSize }));
      this.loadError.set(null);
    } catch (error: unknown) {
      this.loadError.set(describeApiError(isApiError(error) ? error : toApiError(error), this.i18n));
    } finally {
      this.loading.set(false);
    }
  }
}
