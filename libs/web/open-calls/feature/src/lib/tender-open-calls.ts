import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import {
  consortiumChannel,
  OPEN_CALL_KINDS,
  type OpenCallKind,
  type OpenCallView,
  type Page,
} from '@consortio/shared/contracts';
import {
  asApiError,
  controlErrorMessage,
  errorSentence,
  EVENTS_SOCKET_FACTORY,
  type EventsSocket,
  I18nService,
  readyToSend,
  showRefusal,
  TranslatePipe,
} from '@consortio/web/core';
import { OpenCallsApi } from '@consortio/web/open-calls/data-access';
import { StatusBadge } from '@consortio/web/ui';
import { fromLocalInput, tickingNow, toLocalInput, viewerTimeZone } from './call-time';
import { CallTimes, KIND_LABEL, STATUS_BADGE, STATUS_LABEL } from './open-call-labels';

const PAGE_SIZE = 5;
const DAY = 86_400_000;

const localTime = (control: AbstractControl<string>) =>
  control.value && fromLocalInput(control.value) === null ? { datetime: true } : null;

/**
 * The open calls of one tender, for its page: each round with its status, deadline and what
 * suppliers did, and, for those who may edit the tender, drafting a call, publishing a draft and
 * the way to each call's management page. With `consortiumId` it follows the consortium's live
 * channel and shows what suppliers do as it happens.
 */
@Component({
  selector: 'cs-tender-open-calls',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    StatusBadge,
    TranslatePipe,
  ],
  templateUrl: './tender-open-calls.html',
  styleUrl: './open-calls.scss',
})
export class TenderOpenCalls {
  readonly tenderId = input.required<string>();
  /** The person may change the tender (`TenderView.mayEdit`): draft and publish calls. */
  readonly mayEdit = input(false);
  /** The tender's consortium: when given, calls update live as suppliers sign up, ask and respond. */
  readonly consortiumId = input<string | null>(null);

  private readonly api = inject(OpenCallsApi);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly eventsSocket = inject(EVENTS_SOCKET_FACTORY);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private events: EventsSocket | null = null;

  protected readonly kinds = OPEN_CALL_KINDS;
  protected readonly kindLabel = KIND_LABEL;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly statusBadge = STATUS_BADGE;
  protected readonly timeZone = viewerTimeZone();
  protected readonly times = new CallTimes(this.i18n, tickingNow());

  protected readonly page = signal<Page<OpenCallView> | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly createError = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly creating = signal(false);

  protected readonly form = new FormGroup({
    kind: new FormControl<OpenCallKind>('market-consultation', { nonNullable: true }),
    title: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.minLength(3), Validators.maxLength(200)],
    }),
    summary: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(20_000)],
    }),
    opensAt: new FormControl('', { nonNullable: true, validators: [Validators.required, localTime] }),
    closesAt: new FormControl('', { nonNullable: true, validators: [Validators.required, localTime] }),
  });

  constructor() {
    effect(() => {
      const tenderId = this.tenderId();
      untracked(() => void this.load(tenderId, 1, this.page()?.pageSize ?? PAGE_SIZE));
    });
    effect(() => {
      const consortiumId = this.consortiumId();
      untracked(() => this.follow(consortiumId));
    });
    inject(DestroyRef).onDestroy(() => this.events?.disconnect());
  }

  protected messageFor(control: AbstractControl): string | null {
    if (control.errors?.['datetime']) return this.i18n.t('openCalls.form.datetime');
    return controlErrorMessage(control, this.i18n);
  }

  protected turn(event: PageEvent): void {
    void this.load(this.tenderId(), event.pageIndex + 1, event.pageSize);
  }

  protected startDraft(): void {
    // A sensible start: open now, four weeks to answer; the person changes both as needed.
    const now = Date.now();
    this.form.reset({
      kind: 'market-consultation',
      title: '',
      summary: '',
      opensAt: toLocalInput(new Date(now).toISOString()),
      closesAt: toLocalInput(new Date(now + 28 * DAY).toISOString()),
    });
    this.createError.set(null);
    this.creating.set(true);
  }

  protected cancelDraft(): void {
    this.creating.set(false);
  }

  protected async create(): Promise<void> {
    if (this.busy()) return;
    this.createError.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    const value = this.form.getRawValue();
    this.busy.set('create');
    try {
      const created = await this.api.create(this.tenderId(), {
        kind: value.kind,
        title: value.title.trim(),
        summary: value.summary.trim(),
        opensAt: fromLocalInput(value.opensAt) ?? value.opensAt,
        closesAt: fromLocalInput(value.closesAt) ?? value.closesAt,
      });
      this.creating.set(false);
      this.say(this.i18n.t('openCalls.tender.created', { round: created.round }));
      await this.load(this.tenderId(), 1, this.page()?.pageSize ?? PAGE_SIZE);
    } catch (error) {
      showRefusal({
        form: this.form,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: asApiError(error),
        setError: (sentence) => this.createError.set(sentence),
        errorTestId: 'open-call-create-error',
      });
    } finally {
      this.busy.set(null);
    }
  }

  protected async publish(call: OpenCallView): Promise<void> {
    if (this.busy()) return;
    this.busy.set(call.id);
    this.error.set(null);
    try {
      const view = await this.api.publish(call.id);
      this.say(this.i18n.t('openCalls.tender.published', { title: view.title }));
      await this.load(this.tenderId(), this.page()?.page ?? 1, this.page()?.pageSize ?? PAGE_SIZE);
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  private say(message: string): void {
    this.done.set(message);
    void this.announcer.announce(message);
  }

  private async load(tenderId: string, page: number, pageSize: number): Promise<void> {
    try {
      this.page.set(await this.api.forTender(tenderId, page, pageSize));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private follow(consortiumId: string | null): void {
    this.events?.disconnect();
    this.events = null;
    if (!consortiumId) return;
    const socket = this.eventsSocket();
    this.events = socket;
    socket.on('connect', () => socket.emit('subscribe', { channel: consortiumChannel(consortiumId) }, () => undefined));
    socket.on('open-call.changed', (change) => {
      if (change.tenderId !== this.tenderId()) return;
      void this.load(this.tenderId(), this.page()?.page ?? 1, this.page()?.pageSize ?? PAGE_SIZE).catch(
        () => undefined,
      );
    });
  }
}
