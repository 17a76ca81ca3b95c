import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type {
  ConsortiumDomain,
  GoodPracticePage,
  GoodPracticeSummary,
  ProcedureType,
} from '@consortio/shared/contracts';
import {
  asApiError,
  controlErrorMessage,
  errorSentence,
  I18nService,
  TranslatePipe,
  focusFirstInvalid,
} from '@consortio/web/core';
import { GoodPracticeApi } from '@consortio/web/knowledge/data-access';
import { countryName, DOMAIN_LABEL, formatDate, PAGE_SIZE_OPTIONS, PROCEDURE_LABEL } from './knowledge-labels';
import { facetOptions, type LibraryRequest, paramsOf, requestFrom } from './library-query';

/**
 * The public good-practice library: words, CPV code and the facets (domain, procedure, country,
 * each with its number of cases) as the address's query, so a search can be linked and gone
 * back to; results ranked by relevance with the matching passages marked, paged.
 */
@Component({
  selector: 'cs-good-practice-library',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    TranslatePipe,
  ],
  templateUrl: './library-page.html',
  styleUrls: ['./knowledge.scss', './library-page.scss'],
})
export class LibraryPage {
  private readonly api = inject(GoodPracticeApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly params = toSignal(this.route.queryParamMap, { requireSync: true });
  private sequence = 0;

  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly request = computed<LibraryRequest>(() => requestFrom(this.params()));
  protected readonly result = signal<GoodPracticePage | null>(null);
  protected readonly searching = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly form = new FormGroup({
    q: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    cpv: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^\s*\d{2,8}(-\d)?\s*$/)] }),
    domain: new FormControl<ConsortiumDomain | ''>('', { nonNullable: true }),
    procedure: new FormControl<ProcedureType | ''>('', { nonNullable: true }),
    country: new FormControl('', { nonNullable: true }),
  });

  protected readonly filtered = computed(() => Object.values(this.request().filter).some(Boolean));

  protected readonly domainOptions = computed(() => {
    this.i18n.lang();
    return facetOptions(this.result()?.facets.domains ?? [], this.request().filter.domain, (value) =>
      this.i18n.t(DOMAIN_LABEL[value as ConsortiumDomain] ?? 'consortia.domain.other'),
    );
  });

  protected readonly procedureOptions = computed(() => {
    this.i18n.lang();
    return facetOptions(this.result()?.facets.procedures ?? [], this.request().filter.procedure, (value) =>
      this.i18n.t(PROCEDURE_LABEL[value as ProcedureType] ?? 'tender.procedure.open'),
    );
  });

  protected readonly countryOptions = computed(() => {
    const locale = this.i18n.locale();
    return facetOptions(this.result()?.facets.countries ?? [], this.request().filter.country, (code) =>
      countryName(code, locale),
    );
  });

  protected readonly found = computed(() => {
    const total = this.result()?.total ?? 0;
    return total === 1
      ? this.i18n.t('goodPractice.found.one')
      : this.i18n.t('goodPractice.found.other', { count: this.i18n.formatNumber(total) });
  });

  constructor() {
    effect(() => {
      const request = this.request();
      untracked(() => {
        const filter = request.filter;
        this.form.setValue(
          {
            q: filter.q ?? '',
            cpv: filter.cpv ?? '',
            domain: filter.domain ?? '',
            procedure: filter.procedure ?? '',
            country: filter.country ?? '',
          },
          { emitEvent: false },
        );
        void this.load(request);
      });
    });
  }

  protected optionLabel(label: string, count: number): string {
    return this.i18n.t('goodPractice.filter.option', { label, count: this.i18n.formatNumber(count) });
  }

  protected meta(item: GoodPracticeSummary): string {
    const locale = this.i18n.locale();
    return [
      item.consortiumName,
      this.i18n.t(DOMAIN_LABEL[item.domain]),
      this.i18n.t(PROCEDURE_LABEL[item.procedureType]),
      item.countries.map((code) => countryName(code, locale)).join(', '),
      this.i18n.t('goodPractice.publishedOn', { date: formatDate(item.publishedAt, locale) }),
    ]
      .filter(Boolean)
      .join(' · ');
  }

  protected list(values: readonly string[]): string {
    return values.join(', ');
  }

  protected messageFor(control: 'q' | 'cpv'): string | null {
    return control === 'cpv' && this.form.controls.cpv.hasError('pattern')
      ? this.i18n.t('goodPractice.filter.cpvInvalid')
      : controlErrorMessage(this.form.controls[control], this.i18n);
  }

  /** Submitting the form: with a word or code that cannot be searched, focus goes to it. */
  protected search(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.navigate(this.formRequest());
  }

  /** A select changed: the results follow at once; a word field that cannot be searched keeps its last good value. */
  protected choose(): void {
    const request = this.formRequest();
    if (this.form.controls.q.invalid) request.filter.q = this.request().filter.q;
    if (this.form.controls.cpv.invalid) request.filter.cpv = this.request().filter.cpv;
    this.navigate(request);
  }

  protected reset(): void {
    this.navigate({ filter: {}, page: 1, pageSize: this.request().pageSize });
  }

  protected onPage(event: PageEvent): void {
    this.navigate({ ...this.request(), page: event.pageIndex + 1, pageSize: event.pageSize });
  }

  private formRequest(): LibraryRequest {
    const value = this.form.getRawValue();
    return {
      filter: {
        q: value.q.trim() || undefined,
        cpv: value.cpv.trim() || undefined,
        domain: value.domain || undefined,
        procedure: value.procedure || undefined,
        country: value.country || undefined,
      },
      page: 1,
      pageSize: this.request().pageSize,
    };
  }

  private navigate(request: LibraryRequest): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: paramsOf(request) });
  }

  private async load(request: LibraryRequest): Promise<void> {
    const mine = ++this.sequence;
    this.searching.set(true);
    try {
      const page = await this.api.search(request.filter, request.page, request.pageSize);
      if (mine !== this.sequence) return;
      this.result.set(page);
      this.error.set(null);
    } catch (error: unknown) {
      if (mine === this.sequence) this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      if (mine === this.sequence) this.searching.set(false);
    }
  }
}
