import { effect, inject, Injectable, type Provider } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';
import { I18nService } from '@consortio/web/core';

/** mat-paginator's labels (including its aria-labels) in the current language. */
@Injectable()
export class TranslatedPaginatorIntl extends MatPaginatorIntl {
  private readonly i18n = inject(I18nService);

  constructor() {
    super();
    this.applyLabels();
    effect(() => {
      this.i18n.lang();
      this.applyLabels();
      this.changes.next();
    });
  }

  private applyLabels(): void {
    this.itemsPerPageLabel = this.i18n.t('paginator.itemsPerPage');
    this.nextPageLabel = this.i18n.t('paginator.nextPage');
    this.previousPageLabel = this.i18n.t('paginator.previousPage');
    this.firstPageLabel = this.i18n.t('paginator.firstPage');
    this.lastPageLabel = this.i18n.t('paginator.lastPage');
  }

  override getRangeLabel = (page: number, pageSize: number, length: number): string => {
    if (length === 0 || pageSize === 0) return this.i18n.t('paginator.rangeEmpty', { total: length });
    const start = page * pageSize;
    const end = Math.min(start + pageSize, length);
    return this.i18n.t('paginator.range', {
      start: start + 1,
      end,
      total: length,
    });
  };
}

export function provideTranslatedPaginator(): Provider {
  return { provide: MatPaginatorIntl, useClass: TranslatedPaginatorIntl };
}
