import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  signal,
} from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  consortiumChannel,
  MAX_RESPONSE_TEXT,
  type OpenCallQuestionView,
  type OpenCallRegistrationView,
  type OpenCallResponseView,
  type OpenCallUpdateInput,
  type OpenCallView,
  type Page,
  WRITING_ROLES,
} from '@consortio/shared/contracts';
import {
  asApiError,
  errorSentence,
  EVENTS_SOCKET_FACTORY,
  type EventsSocket,
  I18nService,
  readyToSend,
  showRefusal,
  TranslatePipe,
} from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { OpenCallsApi } from '@consortio/web/open-calls/data-access';
import { StatusBadge } from '@consortio/web/ui';
import { callFieldMessage, CallFields, callForm, callInput, localTime } from './call-form';
import { fromLocalInput, tickingNow, toLocalInput, viewerTimeZone } from './call-time';
import { ResponseFiles } from './response-files';
import { CallTimes, KIND_LABEL, PAGE_SIZE_OPTIONS, STATUS_BADGE, STATUS_LABEL } from './open-call-labels';

type AnswerForm = FormGroup<{ text: FormControl<string>; publish: FormControl<boolean> }>;

/**
 * The consortium's side of one open call: edit and publish the draft, extend the deadline, see
 * who signed up, answer every question (to all suppliers or to the asker only) knowing who asked,
 * and read every response with its files. What suppliers do arrives live on the consortium's
 * channel (`open-call.changed`); forms keep what is being typed.
 */
@Component({
  selector: 'cs-open-call-manage-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ResponseFiles,
    CallFields,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    StatusBadge,
    TranslatePipe,
  ],
  templateUrl: './manage-page.html',
  styleUrl: './open-calls.scss',
})
export class ManagePage {
  private readonly api = inject(OpenCallsApi);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly eventsSocket = inject(EVENTS_SOCKET_FACTORY);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  protected readonly id = inject(ActivatedRoute).snapshot.paramMap.get('callId') ?? '';
  private events: EventsSocket | null = null;

  protected readonly kindLabel = KIND_LABEL;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly statusBadge = STATUS_BADGE;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly maxAnswer = MAX_RESPONSE_TEXT;
  protected readonly timeZone = viewerTimeZone();

  private readonly clockOffset = signal(0);
  private readonly now = tickingNow();
  protected readonly times = new CallTimes(
    this.i18n,
    computed(() => this.now() + this.clockOffset()),
  );

  protected readonly call = signal<OpenCallView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly registrations = signal<Page<OpenCallRegistrationView> | null>(null);
  protected readonly registrationsError = signal<string | null>(null);
  protected readonly questions = signal<Page<OpenCallQuestionView> | null>(null);
  protected readonly questionsError = signal<string | null>(null);
  protected readonly responses = signal<Page<OpenCallResponseView> | null>(null);
  protected readonly responsesError = signal<string | null>(null);
  protected readonly answerErrors = signal<Readonly<Record<string, string>>>({});

  /** Lead and members change calls through the people who write for them; the api has the last word. */
  protected readonly mayEdit = computed(() => {
    const role = this.session.actingOrganisation()?.role;
    return role !== undefined && WRITING_ROLES.includes(role);
  });

  protected readonly draftForm = callForm();
  protected readonly extendForm = new FormGroup({
    closesAt: new FormControl('', { nonNullable: true, validators: [Validators.required, localTime] }),
  });
  private readonly answerForms = new Map<string, AnswerForm>();

  constructor() {
    void this.load();
    inject(DestroyRef).onDestroy(() => this.events?.disconnect());
  }

  protected messageFor(control: AbstractControl): string | null {
    return callFieldMessage(control, this.i18n);
  }

  protected answerFor(question: OpenCallQuestionView): AnswerForm {
    return this.answerForms.get(question.id) ?? this.prepareAnswerForm(question);
  }

  /** The answer form of a question as the server has it now, unless someone is typing in it. */
  private prepareAnswerForm(question: OpenCallQuestionView): AnswerForm {
    // Answers go to every supplier unless the person decides otherwise: equal treatment of bidders.
    const value = { text: question.answer ?? '', publish: question.answer === null ? true : question.answerPublished };
    let form = this.answerForms.get(question.id);
    if (!form) {
      form = new FormGroup({
        text: new FormControl(value.text, {
          nonNullable: true,
          validators: [Validators.required, Validators.maxLength(MAX_RESPONSE_TEXT)],
        }),
        publish: new FormControl(value.publish, { nonNullable: true }),
      });
      this.answerForms.set(question.id, form);
    } else if (!form.dirty) form.reset(value);
    // A published answer may be corrected but not withdrawn.
    if (question.answerPublished) form.controls.publish.disable();
    return form;
  }

  protected async saveDraft(): Promise<boolean> {
    const call = this.call();
    if (!call || !readyToSend(this.draftForm, this.host.nativeElement, this.injector)) return false;
    const input: OpenCallUpdateInput = callInput(this.draftForm);
    return this.act(
      'save',
      async () => {
        const view = await this.api.update(call.id, input);
        this.draftForm.markAsPristine();
        this.show(view);
        return this.i18n.t('openCalls.manage.saved');
      },
      this.draftForm,
    );
  }

  protected async publish(): Promise<void> {
    const call = this.call();
    if (!call) return;
    // What is typed in the draft is what gets published.
    if (this.draftForm.dirty && !(await this.saveDraft())) return;
    await this.act('publish', async () => {
      this.show(await this.api.publish(call.id));
      return this.i18n.t('openCalls.manage.published');
    });
  }

  protected async extend(): Promise<void> {
    const call = this.call();
    if (!call || !readyToSend(this.extendForm, this.host.nativeElement, this.injector)) return;
    const closesAt = fromLocalInput(this.extendForm.getRawValue().closesAt);
    if (!closesAt) return;
    await this.act(
      'extend',
      async () => {
        const view = await this.api.update(call.id, { closesAt });
        this.extendForm.markAsPristine();
        this.show(view);
        return this.i18n.t('openCalls.manage.extended', { time: this.times.at(view.closesAt) });
      },
      this.extendForm,
    );
  }

  protected async answer(question: OpenCallQuestionView): Promise<void> {
    const form = this.answerFor(question);
    this.answerErrors.update((errors) =>
      Object.fromEntries(Object.entries(errors).filter(([id]) => id !== question.id)),
    );
    const section = this.host.nativeElement.querySelector<HTMLElement>(`[data-question="${question.id}"]`);
    if (!readyToSend(form, section ?? this.host.nativeElement, this.injector)) return;
    const value = form.getRawValue();
    this.busy.set(question.id);
    try {
      await this.api.answer(this.id, question.id, { text: value.text.trim(), publish: value.publish });
      form.markAsPristine();
      const message = this.i18n.t(
        value.publish ? 'openCalls.manage.answeredToAll' : 'openCalls.manage.answeredToAsker',
      );
      this.done.set(message);
      void this.announcer.announce(message);
      await Promise.all([
        this.reloadCall(),
        this.loadQuestions(this.questions()?.page ?? 1, this.questions()?.pageSize ?? 10),
      ]);
    } catch (error) {
      const apiError = asApiError(error);
      showRefusal({
        form,
        host: section ?? this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: apiError,
        setError: (sentence) => this.answerErrors.update((errors) => ({ ...errors, [question.id]: sentence })),
        errorTestId: 'answer-error',
      });
    } finally {
      this.busy.set(null);
    }
  }

  protected turnRegistrations(event: PageEvent): void {
    void this.loadRegistrations(event.pageIndex + 1, event.pageSize);
  }

  protected turnQuestions(event: PageEvent): void {
    void this.loadQuestions(event.pageIndex + 1, event.pageSize);
  }

  protected turnResponses(event: PageEvent): void {
    void this.loadResponses(event.pageIndex + 1, event.pageSize);
  }

  /** Runs one change; says what happened, or shows the server's refusal (on `form`'s fields when it names them). */
  private async act(what: string, work: () => Promise<string>, form?: FormGroup): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(what);
    this.actionError.set(null);
    this.done.set(null);
    try {
      const message = await work();
      this.done.set(message);
      void this.announcer.announce(message);
      return true;
    } catch (error) {
      const apiError = asApiError(error);
      if (form)
        showRefusal({
          form,
          host: this.host.nativeElement,
          injector: this.injector,
          i18n: this.i18n,
          error: apiError,
          setError: (sentence) => this.actionError.set(sentence),
          errorTestId: 'manage-action-error',
        });
      else this.actionError.set(errorSentence(apiError, this.i18n));
      return false;
    } finally {
      this.busy.set(null);
    }
  }

  private async load(): Promise<void> {
    try {
      const view = await this.api.consortiumView(this.id);
      this.show(view);
      this.follow(view.consortiumId);
      await this.loadLists();
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async reloadCall(): Promise<void> {
    this.show(await this.api.consortiumView(this.id));
  }

  private async reloadAll(): Promise<void> {
    await Promise.all([this.reloadCall(), this.loadLists()]);
  }

  private async loadLists(): Promise<void> {
    await Promise.all([
      this.loadRegistrations(this.registrations()?.page ?? 1, this.registrations()?.pageSize ?? 10),
      this.loadQuestions(this.questions()?.page ?? 1, this.questions()?.pageSize ?? 10),
      this.loadResponses(this.responses()?.page ?? 1, this.responses()?.pageSize ?? 10),
    ]);
  }

  private async loadRegistrations(page: number, pageSize: number): Promise<void> {
    try {
      this.registrations.set(await this.api.registrations(this.id, page, pageSize));
      this.registrationsError.set(null);
    } catch (error) {
      this.registrationsError.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async loadQuestions(page: number, pageSize: number): Promise<void> {
    try {
      const list = await this.api.questions(this.id, page, pageSize);
      for (const question of list.items) this.prepareAnswerForm(question);
      this.questions.set(list);
      this.questionsError.set(null);
    } catch (error) {
      this.questionsError.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async loadResponses(page: number, pageSize: number): Promise<void> {
    try {
      this.responses.set(await this.api.responses(this.id, page, pageSize));
      this.responsesError.set(null);
    } catch (error) {
      this.responsesError.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  /** Shows the call as the server has it; the forms take its values unless someone is typing in them. */
  private show(view: OpenCallView): void {
    this.clockOffset.set(Date.parse(view.serverTime) - Date.now());
    this.call.set(view);
    if (!this.draftForm.dirty)
      this.draftForm.reset({
        kind: view.kind,
        title: view.title,
        summary: view.summary,
        opensAt: toLocalInput(view.opensAt),
        closesAt: toLocalInput(view.closesAt),
      });
    if (!this.extendForm.dirty) this.extendForm.reset({ closesAt: toLocalInput(view.closesAt) });
  }

  /** Suppliers signed up, asked or responded, or a colleague changed the call: read it again. */
  private follow(consortiumId: string): void {
    const socket = this.eventsSocket();
    this.events = socket;
    socket.on('connect', () => socket.emit('subscribe', { channel: consortiumChannel(consortiumId) }, () => undefined));
    socket.on('open-call.changed', (change) => {
      if (change.callId === this.id) void this.reloadAll().catch(() => undefined);
    });
  }
}
