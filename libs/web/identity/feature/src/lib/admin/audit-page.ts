import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { PageEvent } from '@angular/material/paginator';
import { type AuditEventView, type AuditVerification, DEFAULT_PAGE_SIZE, type Page } from '@consortio/shared/contracts';
import { describeApiError, I18nService, isApiError, toApiError, TranslatePipe } from '@consortio/web/core';
import { AuditTrailService } from '@consortio/web/identity/data-access';
import { type BadgeStatus, Icon, StatusBadge } from '@consortio/web/ui';
import { AuditTable } from '../audit/audit-table';

/** The whole platform's audit trail, and a check that its hash chain is unbroken. */
@Component({
  selector: 'cs-audit-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, AuditTable, Icon, StatusBadge, TranslatePipe],
  templateUrl: './audit-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class AuditPage {
  private readonly auditTrail = inject(AuditTrailService);
  private readonly i18n = inject(I18nService);

  protected readonly page = signal<Page<AuditEventView>>({ items: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 });
  protected readonly loadError = signal<string | null>(null);
  protected readonly verifying = signal(false);
  protected readonly verification = signal<AuditVerification | null>(null);
  protected readonly verifyError = signal<string | null>(null);

  constructor() {
    void this.load(1, DEFAULT_PAGE_SIZE);
  }

  protected onPage(event: PageEvent): void {
    void this.load(event.pageIndex + 1, event.pageSize);
  }

  protected badge(result: AuditVerification): BadgeStatus {
    return result.ok ? 'up' : 'down';
  }

  protected async verifyChain(): Promise<void> {
    if (this.verifying()) return;
    this.verifying.set(true);
    this.verifyError.set(null);
    this.verification.set(null);
    try {
      this.verification.set(await this.auditTrail.verify());
    } catch (error: unknown) {
      this.verifyError.set(describeApiError(isApiError(error) ? error : toApiError(error), this.i18n));
    } finally {
      this.verifying.set(false);
    }
  }

  private async load(page: number, pageSize: number): Promise<void> {
    try {
      this.page.set(await this.auditTrail.list({ page, pageSize }));
      this.loadError.set(null);
    } catch (error: unknown) {
      this.loadError.set(describeApiError(isApiError(error) ? error : toApiError(error), this.i18n));
    }
  }
}
