import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import type { DependencyName, ProbeView } from '@consortio/shared/contracts';
import {
  type ApiError,
  describeApiError,
  isApiError,
  toApiError,
  HealthService,
  I18nService,
  type PlatformStatus,
  ProbesService,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { type BadgeStatus, Icon, StatusBadge } from '@consortio/web/ui';

const NOTE_MAX_LENGTH = 200;

const PLATFORM_LABEL: Record<PlatformStatus, TranslationKey> = {
  checking: 'home.status.checking',
  operational: 'home.status.operational',
  degraded: 'home.status.degraded',
  unreachable: 'home.status.unreachable',
};

const PLATFORM_BADGE: Record<PlatformStatus, BadgeStatus> = {
  checking: 'pending',
  operational: 'up',
  degraded: 'down',
  unreachable: 'down',
};

interface DependencyView {
  name: DependencyName;
  labelKey: TranslationKey;
  badge: BadgeStatus;
  latencyMs: number | null;
  error: string | null;
}

const DEPENDENCIES: readonly {
  name: DependencyName;
  labelKey: TranslationKey;
}[] = [
  { name: 'database', labelKey: 'home.dependency.database' },
  { name: 'redis', labelKey: 'home.dependency.redis' },
];

/** Shows that the platform is alive: readiness of the API and its dependencies, and a live round-trip probe. */
@Component({
  selector: 'cs-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatTableModule,
    StatusBadge,
    Icon,
    TranslatePipe,
  ],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
})
export class HomePage {
  private readonly health = inject(HealthService);
  private readonly i18n = inject(I18nService);
  protected readonly probes = inject(ProbesService);

  protected readonly noteMaxLength = NOTE_MAX_LENGTH;
  protected readonly pageSizeOptions = [5, 10, 20];
  protected readonly columns = ['requestedAt', 'note', 'status', 'roundTrip', 'worker'] as const;

  protected readonly state = this.health.state;
  protected readonly statusLabelKey = computed(() => PLATFORM_LABEL[this.state().status]);
  protected readonly statusBadge = computed(() => PLATFORM_BADGE[this.state().status]);
  protected readonly report = computed(() => this.state().report);
  protected readonly checkedAt = computed(() => {
    const at = this.state().checkedAt;
    return at ? this.i18n.formatDateTime(at) : null;
  });
  protected readonly uptime = computed(() => {
    const report = this.report();
    return report ? this.i18n.formatDuration(report.uptimeSeconds) : null;
  });
  protected readonly healthError = computed(() => {
    const error = this.state().error;
    return error ? describeApiError(error, this.i18n) : null;
  });
  protected readonly dependencies = computed<DependencyView[]>(() => {
    const checks = this.report()?.checks;
    return DEPENDENCIES.map(({ name, labelKey }) => {
      const check = checks?.[name];
      return {
        name,
        labelKey,
        badge: check ? check.status : 'unknown',
        latencyMs: check?.latencyMs ?? null,
        error: check?.error ?? null,
      };
    });
  });

  protected readonly note = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(NOTE_MAX_LENGTH)],
  });
  private readonly noteValue = toSignal(this.note.valueChanges, {
    initialValue: this.note.value,
  });
  protected readonly noteLength = computed(() => this.noteValue().length);
  protected readonly submitting = signal(false);
  protected readonly noteError = signal<string | null>(null);
  protected readonly submitError = signal<string | null>(null);

  protected readonly latest = this.probes.latest;
  protected readonly page = this.probes.page;
  protected readonly listError = computed(() => {
    const error = this.probes.loadError();
    return error ? describeApiError(error, this.i18n) : null;
  });
  protected readonly connectionKey = computed<TranslationKey>(() => `probes.live.${this.probes.connection()}`);

  constructor() {
    this.probes.connectLive();
    void this.probes.load(1);
  }

  protected recheck(): void {
    this.health.refresh();
  }

  protected async runProbe(): Promise<void> {
    if (this.submitting()) return;
    if (this.note.invalid) {
      this.note.markAsTouched();
      return;
    }
    this.submitting.set(true);
    this.submitError.set(null);
    this.noteError.set(null);
    const text = this.note.value.trim();
    try {
      await this.probes.create(text ? { note: text } : {});
      this.note.reset('');
    } catch (error: unknown) {
      this.showSubmitError(isApiError(error) ? error : toApiError(error));
    } finally {
      this.submitting.set(false);
    }
  }

  protected onPage(event: PageEvent): void {
    void this.probes.load(event.pageIndex + 1, event.pageSize);
  }

  protected reload(): void {
    void this.probes.load();
  }

  protected formatDate(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected probeStatusKey(probe: ProbeView): TranslationKey {
    return probe.status === 'completed' ? 'probes.status.completed' : 'probes.status.pending';
  }

  protected probeBadge(probe: ProbeView): BadgeStatus {
    return probe.status === 'completed' ? 'up' : 'pending';
  }

  protected shortId(id: string): string {
    return id.slice(0, 8);
  }

  protected trackById(_index: number, probe: ProbeView): string {
    return probe.id;
  }

  private showSubmitError(error: ApiError): void {
    const noteProblem = error.fieldErrors.find((fieldError) => fieldError.field === 'note');
    if (noteProblem) {
      this.noteError.set(noteProblem.message);
      this.note.setErrors({ server: noteProblem.message });
      this.note.markAsTouched();
      return;
    }
    this.submitError.set(describeApiError(error, this.i18n));
  }
}
