import { NgTemplateOutlet } from '@angular/common';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { Router, RouterLink } from '@angular/router';
import {
  CONSORTIUM_DOMAINS,
  CONTRACT_KINDS,
  type ConsortiumApplicationView,
  type ConsortiumContractKind,
  type ConsortiumDomain,
  type ConsortiumSummary,
  DEFAULT_PAGE_SIZE,
  type MunicipalityMatchView,
  type Page,
} from '@consortio/shared/contracts';
import {
  asApiError,
  controlErrorMessage,
  errorSentence,
  I18nService,
  readyToSend,
  showRefusal,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { ConsortiaApi, type DiscoveryFilter } from '@consortio/web/consortia/data-access';
import { type BadgeStatus, StatusBadge } from '@consortio/web/ui';
import {
  CONTRACT_KIND_LABEL,
  DOMAIN_LABEL,
  PAGE_SIZE_OPTIONS,
  ROLE_LABEL,
  STATUS_BADGE,
  STATUS_LABEL,
} from '../consortia-labels';

const emptyPage = <T>(): Page<T> => ({ items: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 });

/**
 * Where buying together starts: my consortia, invitations and requests of my organisation,
 * starting a consortium, the public directory, and municipalities near me with the same needs.
 */
@Component({
  selector: 'cs-consortia-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatTableModule,
    StatusBadge,
    TranslatePipe,
  ],
  templateUrl: './consortia-page.html',
  styleUrl: '../consortia-page.scss',
})
export class ConsortiaPage {
  private readonly api = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly domains = CONSORTIUM_DOMAINS;
  protected readonly contractKinds = CONTRACT_KINDS;
  protected readonly domainLabel = DOMAIN_LABEL;
  protected readonly contractKindLabel = CONTRACT_KIND_LABEL;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly statusBadge = STATUS_BADGE;
  protected readonly roleLabel = ROLE_LABEL;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly consortiumColumns = ['name', 'status', 'domain', 'lead', 'members', 'population'];

  protected readonly mine = signal<Page<ConsortiumSummary>>(emptyPage());
  protected readonly applications = signal<Page<ConsortiumApplicationView>>(emptyPage());
  protected readonly directory = signal<Page<ConsortiumSummary>>(emptyPage());
  protected readonly near = signal<Page<MunicipalityMatchView>>(emptyPage());
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly creating = signal(false);
  protected readonly createError = signal<string | null>(null);

  protected readonly createForm = new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(3), Validators.maxLength(200)],
    }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(5000)] }),
    domain: new FormControl<ConsortiumDomain>('mobility', { nonNullable: true }),
    contractKind: new FormControl<ConsortiumContractKind>('supplies', { nonNullable: true }),
    listedPublicly: new FormControl(true, { nonNullable: true }),
  });

  protected readonly filterForm = new FormGroup({
    cpv: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^\d{2,8}(-\d)?$/)] }),
    nuts: new FormControl('', { nonNullable: true, validators: [Validators.pattern(/^[A-Za-z]{2}[A-Za-z0-9]{0,3}$/)] }),
    minPopulation: new FormControl<number | null>(null, { validators: [Validators.min(0)] }),
    maxPopulation: new FormControl<number | null>(null, { validators: [Validators.min(0)] }),
  });

  constructor() {
    void this.loadMine(1, DEFAULT_PAGE_SIZE);
    void this.loadApplications(1, DEFAULT_PAGE_SIZE);
    void this.loadDirectory(1, DEFAULT_PAGE_SIZE);
    void this.loadNear(1, 10);
  }

  protected badgeOf(consortium: ConsortiumSummary): BadgeStatus {
    return STATUS_BADGE[consortium.status];
  }

  protected statusKey(consortium: ConsortiumSummary): TranslationKey {
    return STATUS_LABEL[consortium.status];
  }

  protected domainKey(consortium: ConsortiumSummary): TranslationKey {
    return DOMAIN_LABEL[consortium.domain];
  }

  protected messageFor(control: AbstractControl): string | null {
    return controlErrorMessage(control, this.i18n);
  }

  protected formatNumber(value: number | null): string {
    return value === null ? '–' : this.i18n.formatNumber(value);
  }

  protected onMinePage(event: PageEvent): void {
    void this.loadMine(event.pageIndex + 1, event.pageSize);
  }

  protected onApplicationsPage(event: PageEvent): void {
    void this.loadApplications(event.pageIndex + 1, event.pageSize);
  }

  protected onDirectoryPage(event: PageEvent): void {
    void this.loadDirectory(event.pageIndex + 1, event.pageSize);
  }

  protected onNearPage(event: PageEvent): void {
    void this.loadNear(event.pageIndex + 1, event.pageSize);
  }

  protected search(): void {
    if (!readyToSend(this.filterForm, this.host.nativeElement, this.injector)) return;
    void this.loadDirectory(1, this.directory().pageSize);
  }

  protected async create(): Promise<void> {
    if (this.creating()) return;
    this.createError.set(null);
    if (!readyToSend(this.createForm, this.host.nativeElement, this.injector)) return;
    this.creating.set(true);
    const value = this.createForm.getRawValue();
    try {
      const consortium = await this.api.create({
        ...value,
        name: value.name.trim(),
        description: value.description.trim(),
      });
      void this.announcer.announce(this.i18n.t('consortia.created', { name: consortium.name }));
      await this.router.navigate(['/consortia', consortium.id]);
    } catch (error: unknown) {
      showRefusal({
        form: this.createForm,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: asApiError(error),
        setError: (sentence) => this.createError.set(sentence),
        errorTestId: 'create-error',
      });
    } finally {
      this.creating.set(false);
    }
  }

  protected async answer(
    application: ConsortiumApplicationView,
    decision: 'accept' | 'decline' | 'withdraw',
  ): Promise<void> {
    await this.act(application.id, async () => {
      await this.api.decideApplication(application.consortiumId, application.id, decision);
      await Promise.all([
        this.loadApplications(1, this.applications().pageSize),
        this.loadMine(1, this.mine().pageSize),
      ]);
      return this.i18n.t(`applications.done.${decision}`, { name: application.consortiumName });
    });
  }

  protected async askToJoin(consortium: ConsortiumSummary): Promise<void> {
    await this.act(consortium.id, async () => {
      await this.api.requestToJoin(consortium.id, 'member');
      await this.loadApplications(1, this.applications().pageSize);
      return this.i18n.t('consortia.requested', { name: consortium.name });
    });
  }

  private async act(id: string, work: () => Promise<string>): Promise<void> {
    this.busy.set(id);
    this.error.set(null);
    this.result.set(null);
    try {
      const message = await work();
      this.result.set(message);
      void this.announcer.announce(message);
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  private async loadMine(page: number, pageSize: number): Promise<void> {
    await this.guard(async () => this.mine.set(await this.api.mine({ page, pageSize })));
  }

  private async loadApplications(page: number, pageSize: number): Promise<void> {
    await this.guard(async () =>
      this.applications.set(await this.api.myApplications({ page, pageSize, status: 'pending' })),
    );
  }

  private async loadDirectory(page: number, pageSize: number): Promise<void> {
    const value = this.filterForm.getRawValue();
    const filter: DiscoveryFilter = {
      cpv: value.cpv.trim() || undefined,
      nuts: value.nuts.trim().toUpperCase() || undefined,
      minPopulation: value.minPopulation ?? undefined,
      maxPopulation: value.maxPopulation ?? undefined,
    };
    await this.guard(async () => this.directory.set(await this.api.directory({ ...filter, page, pageSize })));
  }

  private async loadNear(page: number, pageSize: number): Promise<void> {
    await this.guard(async () => this.near.set(await this.api.nearMe({ page, pageSize })));
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
