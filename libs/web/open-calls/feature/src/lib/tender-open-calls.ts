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
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { RouterLink } from '@angular/router';
import { consortiumChannel, type OpenCallView, type Page } from '@consortio/shared/contracts';
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
import { OpenCallsApi } from '@consortio/web/open-calls/data-access';
import { StatusBadge } from '@consortio/web/ui';
import { CallFields, callForm, callInput } from './call-form';
import { tickingNow, toLocalInput } from './call-time';
import { CallTimes, KIND_LABEL, STATUS_BADGE, STATUS_LABEL } from './open-call-labels';

const PAGE_SIZE = 5;
const DAY = 86_400_000;

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
    CallFields,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
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

  protected readonly kindLabel = KIND_LABEL;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly statusBadge = STATUS_BADGE;
  protected readonly times = new CallTimes(this.i18n, tickingNow());

  protected readonly page = signal<Page<OpenCallView> | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly createError = signal<string | null>(null);
  protected readonly done = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly creating = signal(false);

  protected readonly form = callForm();

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
    this.busy.set('create');
    try {
      const created = await this.api.create(this.tenderId(), callInput(this.form));
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
