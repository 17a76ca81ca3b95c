import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import {
  DEFAULT_PAGE_SIZE,
  type LotView,
  type NeedView,
  type Page,
  type PooledDemandView,
} from '@consortio/shared/contracts';
import { formatEuro, type ProcedureAdvice } from '@consortio/shared/domain';
import {
  asApiError,
  errorSentence,
  I18nService,
  LANGUAGE_OPTIONS,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';
import { COST_KEY_LABEL, PAGE_SIZE_OPTIONS, PROCEDURE_LABEL, REASON_LABEL } from '../consortia-labels';
import { ConsortiumContext } from './consortium-context';

interface Bar {
  label: string;
  amount: string;
  /** Percent of the largest bar, for the width. */
  width: number;
}

const cents = (amount: string): number => Math.round(Number(amount) * 100);

function bars(entries: { label: string; amount: string }[]): Bar[] {
  const largest = Math.max(1, ...entries.map((entry) => cents(entry.amount)));
  return entries.map((entry) => ({ ...entry, width: Math.round((cents(entry.amount) / largest) * 100) }));
}

/**
 * The pooled demand: lots (which the lead arranges), the value against the EU threshold on a
 * date, the members' cost shares, charts of value by lot and by member, and procedure advice.
 */
@Component({
  selector: 'cs-consortium-pooled-demand',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatTableModule,
    TranslatePipe,
  ],
  templateUrl: './pooled-demand-tab.html',
  styleUrl: '../consortia-page.scss',
})
export class PooledDemandTab {
  protected readonly context = inject(ConsortiumContext);
  private readonly api = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);

  protected readonly keyLabel = COST_KEY_LABEL;
  protected readonly procedureLabel = PROCEDURE_LABEL;
  protected readonly reasonLabel = REASON_LABEL;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly needColumns = ['organisation', 'need', 'budget', 'lot'];

  protected readonly demand = signal<PooledDemandView | null>(null);
  protected readonly needs = signal<Page<NeedView>>({ items: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 });
  protected readonly advice = signal<ProcedureAdvice | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly assessForm = new FormGroup({
    on: new FormControl(new Date().toISOString().slice(0, 10), { nonNullable: true }),
  });
  protected readonly lotForm = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
  });
  protected readonly questions = new FormGroup({
    specifiable: new FormControl(true, { nonNullable: true }),
    onMarket: new FormControl(true, { nonNullable: true }),
    researchNeeded: new FormControl(false, { nonNullable: true }),
    complexOrRisky: new FormControl(false, { nonNullable: true }),
  });

  protected readonly lotBars = computed(() =>
    bars(
      (this.demand()?.lots ?? []).map((lot) => ({ label: `${lot.number}. ${lot.title}`, amount: lot.estimatedValue })),
    ),
  );
  protected readonly memberBars = computed(() => {
    const totals = new Map<string, number>();
    for (const lot of this.demand()?.lots ?? [])
      for (const member of lot.members) totals.set(member.name, (totals.get(member.name) ?? 0) + cents(member.budget));
    return bars(
      [...totals.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([label, total]) => ({ label, amount: (total / 100).toFixed(2) })),
    );
  });

  protected readonly charts = computed<{ title: TranslationKey; rows: Bar[] }[]>(() => [
    { title: 'pooled.byLot', rows: this.lotBars() },
    { title: 'pooled.byMember', rows: this.memberBars() },
  ]);

  constructor() {
    effect(() => {
      const id = this.context.id();
      const change = this.context.changes();
      if (id && (change.at === 0 || ['needs', 'lots', 'members', 'agreement'].includes(change.what)))
        untracked(() => void this.load(id));
    });
  }

  protected money(amount: string): string {
    const locale = LANGUAGE_OPTIONS.find((option) => option.code === this.i18n.lang())?.locale ?? 'en-GB';
    return formatEuro(cents(amount), locale);
  }

  protected percent(fraction: number): string {
    return `${this.i18n.formatNumber(Math.round(fraction * 1000) / 10)} %`;
  }

  protected lotName(lotId: string | null): string {
    const lot = this.demand()?.lots.find((candidate) => candidate.id === lotId);
    return lot ? `${lot.number}. ${lot.title}` : this.i18n.t('pooled.noLot');
  }

  protected reassess(): void {
    const id = this.context.id();
    if (id) void this.load(id);
  }

  protected onNeedsPage(event: PageEvent): void {
    const id = this.context.id();
    if (id) void this.loadNeeds(id, event.pageIndex + 1, event.pageSize);
  }

  protected async suggest(replace: boolean): Promise<void> {
    await this.act('suggest', async (id) => {
      const answer = await this.api.suggestLots(id, replace);
      return this.i18n.t('pooled.suggested', { lots: answer.lots, placed: answer.placed });
    });
  }

  protected async addLot(): Promise<void> {
    const title = this.lotForm.controls.title;
    if (title.invalid) {
      title.markAsTouched();
      return;
    }
    await this.act('add', async (id) => {
      const lot = await this.api.createLot(id, title.value.trim());
      this.lotForm.reset();
      return this.i18n.t('pooled.lotAdded', { title: lot.title });
    });
  }

  protected async rename(lot: LotView, title: string): Promise<void> {
    if (!title.trim() || title.trim() === lot.title) return;
    await this.act(lot.id, async (id) => {
      await this.api.renameLot(id, lot.id, title.trim());
      return this.i18n.t('pooled.lotRenamed', { title: title.trim() });
    });
  }

  protected async deleteLot(lot: LotView): Promise<void> {
    await this.act(lot.id, async (id) => {
      await this.api.deleteLot(id, lot.id);
      return this.i18n.t('pooled.lotDeleted', { title: lot.title });
    });
  }

  protected async move(need: NeedView, lotId: string): Promise<void> {
    await this.act(need.id, async (id) => {
      await this.api.moveNeed(id, need.id, lotId || null);
      return this.i18n.t('pooled.moved', { title: need.title, lot: this.lotName(lotId || null) });
    });
  }

  protected async adviseProcedure(): Promise<void> {
    try {
      this.advice.set(await this.api.procedureAdvice(this.questions.getRawValue()));
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async act(key: string, work: (id: string) => Promise<string>): Promise<void> {
    const id = this.context.id();
    if (!id) return;
    this.busy.set(key);
    this.error.set(null);
    this.result.set(null);
    try {
      const message = await work(id);
      this.result.set(message);
      void this.announcer.announce(message);
      await this.load(id);
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  private async load(id: string): Promise<void> {
    try {
      this.demand.set(await this.api.pooledDemand(id, this.assessForm.controls.on.value || undefined));
      this.error.set(null);
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
    await this.loadNeeds(id, this.needs().page, this.needs().pageSize);
  }

  private async loadNeeds(id: string, page: number, pageSize: number): Promise<void> {
    try {
      this.needs.set(await this.api.needs(id, { page, pageSize, scope: 'all', status: 'submitted' }));
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
