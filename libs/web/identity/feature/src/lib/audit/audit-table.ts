import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import type { AuditEventView, Page } from '@consortio/shared/contracts';
import { I18nService, TranslatePipe } from '@consortio/web/core';
import { PAGE_SIZE_OPTIONS } from '../shared/identity-labels';
import { auditChanges } from './audit-changes';

/** One page of an audit trail, newest first, with its paginator. */
@Component({
  selector: 'cs-audit-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTableModule, MatPaginatorModule, TranslatePipe],
  templateUrl: './audit-table.html',
  styleUrl: '../shared/identity-page.scss',
})
export class AuditTable {
  private readonly i18n = inject(I18nService);

  readonly page = input.required<Page<AuditEventView>>();
  /** Id of the heading that names the table. */
  readonly labelledBy = input.required<string>();
  readonly pageChange = output<PageEvent>();

  protected readonly columns = ['seq', 'occurredAt', 'action', 'entity', 'actor', 'changes', 'hash'];
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly changes = auditChanges;

  protected formatDate(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected short(id: string | null): string {
    return id ? id.slice(0, 8) : '–';
  }

  protected trackBySeq(_index: number, event: AuditEventView): number {
    return event.seq;
  }
}
