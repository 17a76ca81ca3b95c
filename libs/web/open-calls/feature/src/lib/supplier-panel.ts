import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import {
  MAX_ATTACHMENT_BYTES,
  MAX_QUESTION_TEXT,
  MAX_RESPONSE_ATTACHMENTS,
  MAX_RESPONSE_TEXT,
  type OpenCallQuestionView,
  type OpenCallRegistrationView,
  type OpenCallResponseView,
  type OpenCallStatus,
  type Page,
} from '@consortio/shared/contracts';
import {
  type ApiError,
  asApiError,
  controlErrorMessage,
  errorSentence,
  I18nService,
  readyToSend,
  showRefusal,
  TranslatePipe,
} from '@consortio/web/core';
import {
  type AcceptedAttachment,
  addAttachments,
  ATTACHMENT_ACCEPT,
  type AttachmentRefusal,
  OpenCallsApi,
  ResponseUploads,
} from '@consortio/web/open-calls/data-access';
import { ResponseFiles } from './response-files';
import { formatBytes, formatInViewerZone } from './call-time';

/**
 * What a supplier does on a published call, acting for its company: sign up, ask questions and
 * read its own with their answers next to the published ones, and send responses with files,
 * checked here against the api's limits before the upload and shown with its progress. Whether
 * the call still takes them is the server's decision; its refusal (409 with the deadline) is shown
 * as sent.
 */
@Component({
  selector: 'cs-open-call-supplier',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ResponseFiles,
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    TranslatePipe,
  ],
  templateUrl: './supplier-panel.html',
  styleUrl: './open-calls.scss',
})
export class SupplierPanel {
  readonly callId = input.required<string>();
  /** The call's status as the server last said. */
  readonly status = input.required<OpenCallStatus>();
  readonly closesAt = input.required<string>();
  /** The supplier's organisation is signed up (then its questions and answers are shown here). */
  readonly registered = output<boolean>();

  private readonly api = inject(OpenCallsApi);
  private readonly uploads = inject(ResponseUploads);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly maxQuestion = MAX_QUESTION_TEXT;
  protected readonly maxResponse = MAX_RESPONSE_TEXT;
  protected readonly maxFiles = MAX_RESPONSE_ATTACHMENTS;
  protected readonly maxMegabytes = MAX_ATTACHMENT_BYTES / (1024 * 1024);
  protected readonly accept = ATTACHMENT_ACCEPT;

  protected readonly loaded = signal(false);
  protected readonly registration = signal<OpenCallRegistrationView | null>(null);
  protected readonly questions = signal<Page<OpenCallQuestionView> | null>(null);
  protected readonly responses = signal<Page<OpenCallResponseView> | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal<'register' | 'ask' | 'send' | null>(null);
  protected readonly questionError = signal<string | null>(null);
  protected readonly questionSent = signal<string | null>(null);
  protected readonly responseError = signal<string | null>(null);
  protected readonly responseSent = signal<string | null>(null);
  protected readonly files = signal<AcceptedAttachment<File>[]>([]);
  protected readonly refusals = signal<AttachmentRefusal[]>([]);
  protected readonly progress = signal<{ loaded: number; total: number | null } | null>(null);
  protected readonly percent = computed(() => {
    const progress = this.progress();
    return progress?.total ? Math.min(100, Math.round((progress.loaded / progress.total) * 100)) : null;
  });
  protected readonly closed = computed(() => this.status() === 'closed');

  protected readonly questionForm = new FormGroup({
    text: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(MAX_QUESTION_TEXT)],
    }),
  });
  protected readonly responseForm = new FormGroup({
    text: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(MAX_RESPONSE_TEXT)],
    }),
  });

  constructor() {
    effect(() => {
      const id = this.callId();
      untracked(() => void this.load(id));
    });
  }

  protected messageFor(control: AbstractControl): string | null {
    return controlErrorMessage(control, this.i18n);
  }

  protected at(iso: string): string {
    return formatInViewerZone(iso, this.i18n.locale());
  }

  protected size(bytes: number): string {
    return formatBytes(bytes, this.i18n.locale());
  }

  protected refusalText(refusal: AttachmentRefusal): string {
    const name = refusal.fileName;
    switch (refusal.reason) {
      case 'too-many':
        return this.i18n.t('openCalls.files.tooMany', { name, max: refusal.max });
      case 'too-large':
        return this.i18n.t('openCalls.files.tooLarge', {
          name,
          size: this.size(refusal.sizeBytes),
          max: refusal.maxBytes / (1024 * 1024),
        });
      case 'empty':
        return this.i18n.t('openCalls.files.empty', { name });
      case 'type':
        return this.i18n.t('openCalls.files.type', { name });
      case 'name':
        return this.i18n.t('openCalls.files.name', { name: name.slice(0, 60) });
      case 'duplicate':
        return this.i18n.t('openCalls.files.duplicate', { name });
    }
  }

  protected async signUp(): Promise<void> {
    if (this.busy()) return;
    this.busy.set('register');
    this.error.set(null);
    try {
      this.registration.set(await this.api.signUp(this.callId()));
      this.registered.emit(true);
      void this.announcer.announce(this.i18n.t('openCalls.supplier.registeredNow'));
      await this.loadLists();
      // The button is gone: keyboard and screen-reader users continue at the question form.
      afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>('#ask-heading')?.focus(), {
        injector: this.injector,
      });
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  protected async ask(): Promise<void> {
    if (this.busy()) return;
    this.questionError.set(null);
    this.questionSent.set(null);
    if (!readyToSend(this.questionForm, this.host.nativeElement, this.injector)) return;
    this.busy.set('ask');
    try {
      await this.api.ask(this.callId(), this.questionForm.getRawValue().text.trim());
      this.questionForm.reset();
      this.questionSent.set(this.i18n.t('openCalls.supplier.asked'));
      await this.loadQuestions(1, this.questions()?.pageSize ?? 10);
    } catch (error) {
      this.refuse(
        this.questionForm,
        asApiError(error),
        (sentence) => this.questionError.set(sentence),
        'question-error',
      );
    } finally {
      this.busy.set(null);
    }
  }

  protected choose(event: Event): void {
    const picker = event.target as HTMLInputElement;
    const chosen = Array.from(picker.files ?? []);
    const { kept, refused } = addAttachments(this.files(), chosen);
    this.files.set(kept);
    this.refusals.set(refused);
    this.responseSent.set(null);
    // The same file may be chosen again after it was removed.
    picker.value = '';
  }

  protected removeFile(entry: AcceptedAttachment<File>): void {
    this.files.update((files) => files.filter((file) => file !== entry));
    this.refusals.set([]);
    void this.announcer.announce(this.i18n.t('openCalls.files.removed', { name: entry.file.name }));
  }

  protected send(): void {
    if (this.busy()) return;
    this.responseError.set(null);
    this.responseSent.set(null);
    if (!readyToSend(this.responseForm, this.host.nativeElement, this.injector)) return;
    this.busy.set('send');
    this.progress.set({ loaded: 0, total: null });
    this.uploads
      .submit(this.callId(), this.responseForm.getRawValue().text.trim(), this.files())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (event) => {
          if (event.kind === 'progress') {
            this.progress.set({ loaded: event.loaded, total: event.total });
            return;
          }
          this.responseForm.reset();
          this.files.set([]);
          this.refusals.set([]);
          this.responseSent.set(this.i18n.t('openCalls.supplier.sent', { count: event.response.attachments.length }));
          void this.loadResponses(1, this.responses()?.pageSize ?? 10);
        },
        error: (error: unknown) => {
          this.finishUpload();
          this.refuse(
            this.responseForm,
            asApiError(error),
            (sentence) => this.responseError.set(sentence),
            'response-error',
          );
        },
        complete: () => this.finishUpload(),
      });
  }

  protected turnQuestions(event: PageEvent): void {
    void this.loadQuestions(event.pageIndex + 1, event.pageSize);
  }

  protected turnResponses(event: PageEvent): void {
    void this.loadResponses(event.pageIndex + 1, event.pageSize);
  }

  private finishUpload(): void {
    this.busy.set(null);
    this.progress.set(null);
  }

  private refuse(form: FormGroup, error: ApiError, setError: (sentence: string) => void, errorTestId: string): void {
    showRefusal({
      form,
      host: this.host.nativeElement,
      injector: this.injector,
      i18n: this.i18n,
      error,
      setError,
      errorTestId,
    });
  }

  private async load(callId: string): Promise<void> {
    try {
      const mine = await this.api.registrations(callId, 1, 1);
      const registration = mine.items[0] ?? null;
      this.registration.set(registration);
      this.registered.emit(registration !== null);
      if (registration) await this.loadLists();
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.loaded.set(true);
    }
  }

  private async loadLists(): Promise<void> {
    await Promise.all([this.loadQuestions(1, 10), this.loadResponses(1, 10)]);
  }

  private async loadQuestions(page: number, pageSize: number): Promise<void> {
    try {
      this.questions.set(await this.api.questions(this.callId(), page, pageSize));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async loadResponses(page: number, pageSize: number): Promise<void> {
    try {
      this.responses.set(await this.api.myResponses(this.callId(), page, pageSize));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
