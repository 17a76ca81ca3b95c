import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { ActivatedRoute, Router } from '@angular/router';
import { PAGE_SIZE_OPTIONS } from './list-query';

/** The paginator under a monitoring list: turning the page puts page and size in the address, next to the list's own query. */
@Component({
  selector: 'cs-monitoring-paginator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatPaginatorModule],
  template: `
    <mat-paginator
      [length]="list().total"
      [pageIndex]="list().page - 1"
      [pageSize]="list().pageSize"
      [pageSizeOptions]="pageSizeOptions"
      [attr.aria-label]="label()"
      (page)="turn($event)"
    />
  `,
  styles: `
    :host {
      display: block;
    }
  `,
})
export class ListPaginator {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  readonly list = input.required<{ total: number; page: number; pageSize: number }>();
  readonly label = input.required<string>();
  /** The query params the list was read with (its filters); they stay when the page turns. */
  readonly query = input<Record<string, string | null>>({});

  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;

  protected turn(event: PageEvent): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { ...this.query(), page: event.pageIndex + 1, pageSize: event.pageSize },
    });
  }
}
