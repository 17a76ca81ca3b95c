import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  Injector,
  signal,
  untracked,
} from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import {
  DEFAULT_PAGE_SIZE,
  type FieldError,
  NEED_CSV_COLUMNS,
  NEED_PRIORITIES,
  type NeedPriority,
  type NeedView,
  type Page,
} from '@consortio/shared/contracts';
import { formatEuro } from '@consortio/shared/domain';
import {
  asApiError,
  controlErrorMessage,
  errorSentence,
  I18nService,
  LANGUAGE_OPTIONS,
  readyToSend,
  showRefusal,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';
import { confirmAction } from '@consortio/web/ui';
import { NEED_STATUS_LABEL, PAGE_SIZE_OPTIONS, PRIORITY_LABEL } from '../consortia-labels';
import { ConsortiumContext } from './consortium-context';
import { CpvPicker } from './cpv-picker';

const emptyPage = <T>(): Page<T> => ({ items: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 });

/** Each member's needs: the form with the CPV picker, its own drafts, everyone's submitted needs, CSV import. */
@Component({
  selector: 'cs-consortium-needs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatTableModule,
    CpvPicker,
    TranslatePipe,
  ],
  templateUrl: './needs-tab.html',
  styleUrl: '../consortia-page.scss',
})
export class NeedsTab {
  protected readonly context = inject(ConsortiumContext);
  private readonly api = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly priorities = NEED_PRIORITIES;
  protected readonly priorityLabel = PRIORITY_LABEL;
  protected readonly statusLabel = NEED_STATUS_LABEL;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly csvColumns = NEED_CSV_COLUMNS.join(',');
  protected readonly mineColumns = ['need', 'quantity', 'budget', 'status', 'actions'];
  protected readonly allColumns = ['organisation', 'need', 'quantity', 'budget', 'start', 'priority'];

  protected readonly mine = signal<Page<NeedView>>(emptyPage());
  protected readonly all = signal<Page<NeedView>>(emptyPage());
  protected readonly editing = signal<NeedView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly importErrors = signal<FieldError[]>([]);
  protected readonly csvFile = signal<File | null>(null);
  protected readonly importSubmit = new FormControl(false, { nonNullable: true });

  protected readonly form = new FormGroup({
    cpvCode: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{8}-\d$/)],
    }),
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    quantity: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{1,11}([.,]\d{1,3})?$/)],
    }),
    unit: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(30)] }),
    budget: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(/^\d{1,13}([.,]\d{1,2})?$/)],
    }),
    desiredStart: new FormControl('', { nonNullable: true }),
    priority: new FormControl<NeedPriority>('must', { nonNullable: true }),
    functionalRequirements: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(10_000)] }),
    personalData: new FormControl(false, { nonNullable: true }),
    sustainability: new FormControl(false, { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const id = this.context.id();
      const change = this.context.changes();
      if (id && (change.at === 0 || change.what === 'needs' || change.what === 'lots'))
        untracked(() => void this.load(id));
    });
  }

  protected statusKey(need: NeedView): TranslationKey {
    return NEED_STATUS_LABEL[need.status];
  }

  protected priorityKey(need: NeedView): TranslationKey {
    return PRIORITY_LABEL[need.priority];
  }

  protected messageFor(control: AbstractControl): string | null {
    return controlErrorMessage(control, this.i18n);
  }

  protected money(amount: string): string {
    const locale = LANGUAGE_OPTIONS.find((option) => option.code === this.i18n.lang())?.locale ?? 'en-GB';
    return formatEuro(Math.round(Number(amount) * 100), locale);
  }

  protected pickCpv(code: string): void {
    this.form.controls.cpvCode.setValue(code);
    this.form.controls.cpvCode.markAsTouched();
  }

  protected onMinePage(event: PageEvent): void {
    const id = this.context.id();
    if (id) void this.loadMine(id, event.pageIndex + 1, event.pageSize);
  }

  protected onAllPage(event: PageEvent): void {
    const id = this.context.id();
    if (id) void this.loadAll(id, event.pageIndex + 1, event.pageSize);
  }

  protected edit(need: NeedView): void {
    this.editing.set(need);
    this.form.setValue({
      cpvCode: need.cpvCode,
      title: need.title,
      quantity: need.quantity,
      unit: need.unit,
      budget: need.budget,
      desiredStart: need.desiredStart ?? '',
      priority: need.priority,
      functionalRequirements: need.functionalRequirements,
      personalData: need.personalData,
      sustainability: need.sustainability,
    });
    this.host.nativeElement.querySelector<HTMLElement>('#need-form-heading')?.focus();
  }

  protected cancelEdit(): void {
    this.editing.set(null);
    this.form.reset();
  }

  protected async save(): Promise<void> {
    const id = this.context.id();
    if (!id || this.busy()) return;
    this.formError.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    const value = this.form.getRawValue();
    const need = {
      ...value,
      title: value.title.trim(),
      unit: value.unit.trim(),
      quantity: value.quantity.replace(',', '.'),
      budget: value.budget.replace(',', '.'),
      desiredStart: value.desiredStart || null,
      functionalRequirements: value.functionalRequirements.trim(),
    };
    this.busy.set('save');
    try {
      const editing = this.editing();
      const saved = editing ? await this.api.updateNeed(id, editing.id, need) : await this.api.createNeed(id, need);
      this.editing.set(null);
      this.form.reset();
      this.announce(this.i18n.t(editing ? 'needs.updated' : 'needs.created', { title: saved.title }));
      await this.load(id);
    } catch (error: unknown) {
      showRefusal({
        form: this.form,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: asApiError(error),
        setError: (sentence) => this.formError.set(sentence),
        errorTestId: 'need-error',
      });
    } finally {
      this.busy.set(null);
    }
  }

  protected async setStatus(need: NeedView, status: 'draft' | 'submitted'): Promise<void> {
    await this.act(need.id, async (id) => {
      await this.api.setNeedStatus(id, need.id, status);
      return this.i18n.t(status === 'submitted' ? 'needs.submitted' : 'needs.withdrawn', { title: need.title });
    });
  }

  protected async remove(need: NeedView): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('needs.deleteTitle'),
      message: this.i18n.t('needs.deleteMessage', { title: need.title }),
      confirmLabel: this.i18n.t('needs.delete'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    await this.act(need.id, async (id) => {
      await this.api.deleteNeed(id, need.id);
      return this.i18n.t('needs.deleted', { title: need.title });
    });
  }

  protected chooseFile(input: HTMLInputElement): void {
    this.csvFile.set(input.files?.[0] ?? null);
    this.importErrors.set([]);
  }

  protected async importCsv(): Promise<void> {
    const file = this.csvFile();
    if (!file) return;
    this.importErrors.set([]);
    await this.act('import', async (id) => {
      try {
        const { imported } = await this.api.importNeeds(id, await file.text(), this.importSubmit.value);
        return this.i18n.t('needs.imported', { count: imported });
      } catch (error: unknown) {
        const apiError = asApiError(error);
        this.importErrors.set([...apiError.fieldErrors]);
        throw apiError;
      }
    });
  }

  private async act(key: string, work: (id: string) => Promise<string>): Promise<void> {
    const id = this.context.id();
    if (!id) return;
    this.busy.set(key);
    this.error.set(null);
    this.result.set(null);
    try {
      this.announce(await work(id));
      await this.load(id);
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  private announce(message: string): void {
    this.result.set(message);
    void this.announcer.announce(message);
  }

  private async load(id: string): Promise<void> {
    await Promise.all([
      this.loadMine(id, this.mine().page, this.mine().pageSize),
      this.loadAll(id, this.all().page, this.all().pageSize),
    ]);
  }

  private async loadMine(id: string, page: number, pageSize: number): Promise<void> {
    try {
      this.mine.set(await this.api.needs(id, { page, pageSize, scope: 'mine' }));
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async loadAll(id: string, page: number, pageSize: number): Promise<void> {
    try {
      this.all.set(await this.api.needs(id, { page, pageSize, scope: 'all', status: 'submitted' }));
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
