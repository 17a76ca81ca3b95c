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
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import {
  DECISION_KINDS,
  type DecisionKind,
  type DecisionView,
  DEFAULT_PAGE_SIZE,
  MAJORITY_RULES,
  type MajorityRule,
  type Page,
} from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, readyToSend, showRefusal, TranslatePipe } from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';
import { DECISION_KIND_LABEL, MAJORITY_LABEL, OUTCOME_LABEL, PAGE_SIZE_OPTIONS } from '../consortia-labels';
import { ConsortiumContext } from './consortium-context';

const inAWeek = (): string => {
  const date = new Date(Date.now() + 7 * 86_400_000);
  date.setSeconds(0, 0);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/** Motions with live counts; one vote per organisation until the deadline, then the result. */
@Component({
  selector: 'cs-consortium-decisions',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    TranslatePipe,
  ],
  templateUrl: './decisions-tab.html',
  styleUrl: '../consortia-page.scss',
})
export class DecisionsTab {
  protected readonly context = inject(ConsortiumContext);
  private readonly api = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly kinds = DECISION_KINDS.filter((kind) => kind !== 'admit-member');
  protected readonly majorities = MAJORITY_RULES;
  protected readonly kindLabel = DECISION_KIND_LABEL;
  protected readonly majorityLabel = MAJORITY_LABEL;
  protected readonly outcomeLabel = OUTCOME_LABEL;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;

  protected readonly decisions = signal<Page<DecisionView>>({
    items: [],
    page: 1,
    pageSize: DEFAULT_PAGE_SIZE,
    total: 0,
  });
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly proposeError = signal<string | null>(null);

  protected readonly form = new FormGroup({
    kind: new FormControl<DecisionKind>('tender-purpose', { nonNullable: true }),
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(3), Validators.maxLength(200)],
    }),
    description: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(5000)] }),
    options: new FormControl('', { nonNullable: true }),
    quorumPercent: new FormControl(50, {
      nonNullable: true,
      validators: [Validators.required, Validators.min(1), Validators.max(100)],
    }),
    majority: new FormControl<MajorityRule>('simple', { nonNullable: true }),
    deadline: new FormControl(inAWeek(), { nonNullable: true, validators: [Validators.required] }),
  });

  constructor() {
    effect(() => {
      const id = this.context.id();
      const change = this.context.changes();
      if (id && (change.at === 0 || change.what === 'decision' || change.what === 'members'))
        untracked(() => void this.load(id, this.decisions().page, this.decisions().pageSize));
    });
  }

  protected formatDate(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected onPage(event: PageEvent): void {
    const id = this.context.id();
    if (id) void this.load(id, event.pageIndex + 1, event.pageSize);
  }

  protected async vote(decision: DecisionView, option: number): Promise<void> {
    const id = this.context.id();
    if (!id) return;
    this.busy.set(decision.id);
    this.error.set(null);
    try {
      const view = await this.api.vote(id, decision.id, option);
      this.decisions.update((page) => ({
        ...page,
        items: page.items.map((item) => (item.id === view.id ? view : item)),
      }));
      this.announce(this.i18n.t('decisions.voted', { option: decision.options[option] }));
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  protected async propose(): Promise<void> {
    const id = this.context.id();
    if (!id || this.busy()) return;
    this.proposeError.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    const value = this.form.getRawValue();
    const options = value.options
      .split('\n')
      .map((option) => option.trim())
      .filter(Boolean);
    this.busy.set('propose');
    try {
      await this.api.propose(id, {
        kind: value.kind,
        title: value.title.trim(),
        description: value.description.trim() || undefined,
        options: options.length > 0 ? options : undefined,
        quorumPercent: value.quorumPercent,
        majority: value.majority,
        deadline: new Date(value.deadline).toISOString(),
      });
      this.form.reset({ ...this.form.getRawValue(), title: '', description: '', options: '', deadline: inAWeek() });
      this.announce(this.i18n.t('decisions.proposed'));
      await this.load(id, 1, this.decisions().pageSize);
    } catch (error: unknown) {
      showRefusal({
        form: this.form,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: asApiError(error),
        setError: (sentence) => this.proposeError.set(sentence),
        errorTestId: 'propose-error',
      });
    } finally {
      this.busy.set(null);
    }
  }

  private announce(message: string): void {
    this.result.set(message);
    void this.announcer.announce(message);
  }

  private async load(id: string, page: number, pageSize: number): Promise<void> {
    try {
      this.decisions.set(await this.api.decisions(id, { page, pageSize }));
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
