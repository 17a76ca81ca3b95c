import { LiveAnnouncer } from '@angular/cdk/a11y';
import { DOCUMENT } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatRadioModule } from '@angular/material/radio';
import {
  OCDS_EXPORT_FORMATS,
  type OcdsExportFormat,
  type OcdsExportView,
  personChannel,
} from '@consortio/shared/contracts';
import {
  asApiError,
  errorSentence,
  EVENTS_SOCKET_FACTORY,
  type EventsSocket,
  I18nService,
  saveFile,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { SessionService } from '@consortio/web/identity/data-access';
import { MonitoringApi } from '@consortio/web/monitoring/data-access';
import { exportPercent, isFinished, newerExport } from './export-progress';

/** While an export runs, it is also read again this often, in case a live report was missed. */
const RECHECK_MS = 5_000;

/**
 * Open data for the whole jurisdiction (or the region filtered on the dashboard): OCDS release or
 * record package, or CSV. The worker writes the file; progress arrives live on the person's channel
 * (`ocds.export`) and is announced politely; the file downloads once it is done.
 */
@Component({
  selector: 'cs-bulk-export-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatRadioModule, TranslatePipe],
  template: `
    <p class="muted">{{ 'monitoring.export.intro' | t: { area: area() } }}</p>
    <form class="row" [formGroup]="form" (ngSubmit)="start()">
      <mat-radio-group
        formControlName="format"
        [attr.aria-label]="'monitoring.export.format' | t"
        class="formats"
        data-testid="export-format"
      >
        @for (option of formats; track option) {
          <mat-radio-button [value]="option" [attr.data-testid]="'export-format-' + option">
            {{ formatLabel(option) | t }}
          </mat-radio-button>
        }
      </mat-radio-group>
      <button mat-flat-button type="submit" [disabled]="running()" data-testid="export-start">
        {{ 'monitoring.export.start' | t }}
      </button>
    </form>
    @if (problem(); as message) {
      <p class="message message--error" role="alert">{{ message }}</p>
    }
    <div aria-live="polite" data-testid="export-status">
      @if (current(); as view) {
        <p>
          <span data-testid="export-state">{{ statusLabel(view.status) | t }}</span>
          ·
          {{ 'monitoring.export.rows' | t: { done: view.rowsDone, total: view.rowsTotal ?? '?' } }}
        </p>
      }
    </div>
    @if (current(); as view) {
      <progress
        max="100"
        [value]="percent()"
        [attr.aria-label]="'monitoring.export.progress' | t"
        data-testid="export-progress"
      ></progress>
      @if (view.status === 'done' && view.downloadUrl) {
        <p>
          <button mat-stroked-button type="button" data-testid="export-download" (click)="download(view)">
            {{ 'monitoring.export.download' | t: { name: view.fileName ?? view.format } }}
          </button>
        </p>
      }
      @if (view.status === 'failed') {
        <p class="message message--error" role="alert">{{ view.error ?? ('monitoring.export.failed' | t) }}</p>
      }
    }
  `,
  styleUrl: './monitoring.scss',
  styles: `
    .formats {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
    }
    progress {
      inline-size: min(100%, 24rem);
    }
  `,
})
export class BulkExportPanel {
  private readonly api = inject(MonitoringApi);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly document = inject(DOCUMENT);
  private readonly eventsSocket = inject(EVENTS_SOCKET_FACTORY);
  /** NUTS prefix to export; none for the whole jurisdiction. */
  readonly region = input<string | undefined>(undefined);
  /** What the export covers, as shown to the reader. */
  readonly area = input.required<string>();

  protected readonly formats = OCDS_EXPORT_FORMATS;
  protected readonly format = new FormControl<OcdsExportFormat>('release-package', { nonNullable: true });
  protected readonly form = new FormGroup({ format: this.format });
  protected readonly current = signal<OcdsExportView | null>(null);
  protected readonly problem = signal<string | null>(null);
  protected readonly running = computed(() => {
    const view = this.current();
    return view !== null && !isFinished(view);
  });
  protected readonly percent = computed(() => {
    const view = this.current();
    return view ? exportPercent(view) : 0;
  });
  private socket: EventsSocket | null = null;
  private recheck: ReturnType<typeof setInterval> | null = null;

  constructor() {
    effect(() => {
      const userId = this.session.user()?.id ?? null;
      untracked(() => this.follow(userId));
    });
    inject(DestroyRef).onDestroy(() => {
      this.socket?.disconnect();
      this.stopRecheck();
    });
  }

  protected formatLabel(format: OcdsExportFormat): TranslationKey {
    return `monitoring.export.format.${format}`;
  }

  protected statusLabel(status: OcdsExportView['status']): TranslationKey {
    return `monitoring.export.status.${status}`;
  }

  protected async start(): Promise<void> {
    this.problem.set(null);
    try {
      const view = await this.api.startExport(this.format.value, this.region());
      this.current.set(view);
      void this.announcer.announce(this.i18n.t('monitoring.export.started'), 'polite');
      this.startRecheck();
    } catch (error) {
      this.problem.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  protected async download(view: OcdsExportView): Promise<void> {
    if (!view.downloadUrl) return;
    try {
      const blob = await this.api.downloadExport(view.downloadUrl);
      saveFile(this.document, blob, view.fileName ?? `ocds-${view.format}`);
    } catch (error) {
      this.problem.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  /** A report about the export on screen, live or read again; older ones arriving late are ignored. */
  private show(view: OcdsExportView): void {
    const known = this.current();
    if (!known || known.id !== view.id || !newerExport(known, view)) return;
    this.current.set(view);
    if (isFinished(view)) {
      this.stopRecheck();
      void this.announcer.announce(
        this.i18n.t(view.status === 'done' ? 'monitoring.export.done' : 'monitoring.export.failed'),
        'polite',
      );
    }
  }

  private follow(userId: string | null): void {
    this.socket?.disconnect();
    this.socket = null;
    if (!userId) return;
    const socket = this.eventsSocket();
    this.socket = socket;
    socket.on('connect', () => {
      socket.emit('subscribe', { channel: personChannel(userId) }, () => undefined);
      void this.reread();
    });
    socket.on('ocds.export', (view) => this.show(view));
  }

  private async reread(): Promise<void> {
    const known = this.current();
    if (!known || isFinished(known)) return;
    try {
      this.show(await this.api.export(known.id));
    } catch {
      // The next report or recheck tries again.
    }
  }

  private startRecheck(): void {
    this.stopRecheck();
    this.recheck = setInterval(() => void this.reread(), RECHECK_MS);
  }

  private stopRecheck(): void {
    if (this.recheck !== null) clearInterval(this.recheck);
    this.recheck = null;
  }
}
