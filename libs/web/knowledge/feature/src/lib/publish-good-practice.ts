import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { GoodPracticeView, TenderGoodPracticeView } from '@consortio/shared/contracts';
import {
  asApiError,
  controlErrorMessage,
  errorSentence,
  I18nService,
  readyToSend,
  showRefusal,
  TranslatePipe,
} from '@consortio/web/core';
import { GoodPracticeApi } from '@consortio/web/knowledge/data-access';
import { confirmAction } from '@consortio/web/ui';
import { formatDate, REFUSAL_LABEL } from './knowledge-labels';

let nextId = 0;

/**
 * A tender's place in the good-practice library, for the tender page: the form to publish a
 * closed tender that had a contract as a case (title, what was bought, lessons learnt), or the
 * published case with its text to change and, for the lead, a way to withdraw it; otherwise why
 * it cannot be published yet. It reads the tender's status itself.
 *
 * Inputs: `tenderId` (required); `version` (optional), any value that changes when the tender
 * does (its `stage` or `updatedAt`), to read the status again. Output: `changed`, with the case
 * after it was published or changed, or null after it was withdrawn.
 */
@Component({
  selector: 'cs-publish-good-practice',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe],
  templateUrl: './publish-good-practice.html',
  styleUrl: './knowledge.scss',
})
export class PublishGoodPractice {
  private readonly api = inject(GoodPracticeApi);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly tenderId = input.required<string>();
  readonly version = input<unknown>(null);
  readonly changed = output<GoodPracticeView | null>();

  protected readonly headingId = `good-practice-heading-${nextId++}`;
  protected readonly refusalLabel = REFUSAL_LABEL;
  protected readonly status = signal<TenderGoodPracticeView | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);

  protected readonly form = new FormGroup({
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(3), Validators.maxLength(200)],
    }),
    summary: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(5000)] }),
    lessons: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(10000)] }),
  });

  constructor() {
    effect(() => {
      const tenderId = this.tenderId();
      this.version();
      untracked(() => void this.load(tenderId));
    });
  }

  protected messageFor(control: 'title' | 'summary' | 'lessons'): string | null {
    return controlErrorMessage(this.form.controls[control], this.i18n);
  }

  protected date(iso: string): string {
    return formatDate(iso, this.i18n.locale());
  }

  protected async submit(): Promise<void> {
    const status = this.status();
    if (!status || this.busy()) return;
    this.error.set(null);
    this.message.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    const value = this.form.getRawValue();
    const input = { title: value.title.trim(), summary: value.summary.trim(), lessons: value.lessons.trim() };
    this.busy.set(true);
    try {
      const published = status.case
        ? await this.api.update(status.tenderId, input)
        : await this.api.publish(status.tenderId, input);
      this.done(status.case ? 'goodPractice.publish.saved' : 'goodPractice.publish.published');
      this.changed.emit(published);
      await this.load(status.tenderId);
    } catch (error: unknown) {
      showRefusal({
        form: this.form,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: asApiError(error),
        setError: (sentence) => this.error.set(sentence),
        errorTestId: 'good-practice-error',
      });
    } finally {
      this.busy.set(false);
    }
  }

  protected async withdraw(): Promise<void> {
    const status = this.status();
    if (!status?.case || this.busy()) return;
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('goodPractice.publish.withdrawTitle'),
      message: this.i18n.t('goodPractice.publish.withdrawMessage'),
      confirmLabel: this.i18n.t('goodPractice.publish.withdraw'),
      cancelLabel: this.i18n.t('goodPractice.publish.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.api.withdraw(status.tenderId);
      this.done('goodPractice.publish.withdrawn');
      this.changed.emit(null);
      await this.load(status.tenderId);
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(false);
    }
  }

  private done(
    key: 'goodPractice.publish.saved' | 'goodPractice.publish.published' | 'goodPractice.publish.withdrawn',
  ): void {
    const text = this.i18n.t(key);
    this.message.set(text);
    void this.announcer.announce(text);
  }

  private async load(tenderId: string): Promise<void> {
    try {
      const status = await this.api.forTender(tenderId);
      if (tenderId !== this.tenderId()) return;
      this.status.set(status);
      const text = status.case ?? { title: '', summary: '', lessons: '' };
      this.form.reset({ title: text.title, summary: text.summary, lessons: text.lessons });
      if (status.case && !status.mayEdit) this.form.disable();
      else this.form.enable();
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
