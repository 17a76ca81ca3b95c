import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  DEFAULT_PAGE_SIZE,
  type OpenCallSummary,
  type Page,
  PUBLIC_OPEN_CALL_STATUSES,
  type PublicOpenCallStatus,
} from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe } from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { OpenCallsApi } from '@consortio/web/open-calls/data-access';
import { StatusBadge } from '@consortio/web/ui';
import { tickingNow } from './call-time';
import { CallTimes, KIND_LABEL, PAGE_SIZE_OPTIONS, STATUS_BADGE, STATUS_LABEL } from './open-call-labels';
import { SupplierCalls } from './supplier-calls';

const isStatus = (value: string | null): value is PublicOpenCallStatus =>
  (PUBLIC_OPEN_CALL_STATUSES as readonly (string | null)[]).includes(value);

/**
 * The public register of open calls: published calls, open ones first, for anyone, signed in or
 * not. The filter and page live in the address, so a search can be shared and Back returns to it.
 */
@Component({
  selector: 'cs-open-calls-register',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    StatusBadge,
    SupplierCalls,
    TranslatePipe,
  ],
  templateUrl: './register-page.html',
  styleUrl: './open-calls.scss',
})
export class RegisterPage {
  private readonly api = inject(OpenCallsApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly announcer = inject(LiveAnnouncer);

  /** A supplier sees the calls it signed up for above the register. */
  protected readonly actsForSupplier = inject(SessionService).actsForSupplier;
  protected readonly statuses = PUBLIC_OPEN_CALL_STATUSES;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly statusBadge = STATUS_BADGE;
  protected readonly kindLabel = KIND_LABEL;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly times = new CallTimes(this.i18n, tickingNow());

  protected readonly page = signal<Page<OpenCallSummary> | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly loading = signal(false);

  protected readonly filter = new FormGroup({
    status: new FormControl<PublicOpenCallStatus | ''>('', { nonNullable: true }),
    q: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
  });

  constructor() {
    const query = this.route.snapshot.queryParamMap;
    const status = query.get('status');
    this.filter.setValue({ status: isStatus(status) ? status : '', q: query.get('q') ?? '' });
    const page = Math.max(1, Number(query.get('page')) || 1);
    const pageSize = Number(query.get('pageSize')) || DEFAULT_PAGE_SIZE;
    void this.load(page, PAGE_SIZE_OPTIONS.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE, false);
    // A status is one choice: the list follows it at once; words wait for Search.
    this.filter.controls.status.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.search());
  }

  protected search(): void {
    if (this.filter.invalid) return;
    void this.load(1, this.page()?.pageSize ?? DEFAULT_PAGE_SIZE, true);
  }

  protected turn(event: PageEvent): void {
    void this.load(event.pageIndex + 1, event.pageSize, false);
  }

  private async load(page: number, pageSize: number, announce: boolean): Promise<void> {
    const { status, q } = this.filter.getRawValue();
    const text = q.trim();
    this.loading.set(true);
    this.error.set(null);
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        status: status || null,
        q: text || null,
        page: page > 1 ? page : null,
        pageSize: pageSize !== DEFAULT_PAGE_SIZE ? pageSize : null,
      },
      replaceUrl: true,
    });
    try {
      const result = await this.api.published({ status: status || undefined, q: text || undefined }, page, pageSize);
      this.page.set(result);
      if (announce) void this.announcer.announce(this.i18n.t('openCalls.register.found', { count: result.total }));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.loading.set(false);
    }
  }
}
