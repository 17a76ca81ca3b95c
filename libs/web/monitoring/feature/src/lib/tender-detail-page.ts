import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { ConsortiumDomain, MonitoringTenderDetail, ProcedureType, TenderStage } from '@consortio/shared/contracts';
import {
  API_BASE_URL,
  asApiError,
  errorSentence,
  I18nService,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { MonitoringApi } from '@consortio/web/monitoring/data-access';
import { StatusBadge } from '@consortio/web/ui';
import { CsvExport } from './csv-export';
import { localeFormats } from './figures';
import { MembersTable } from './members-table';

export const NOTE_MAX_LENGTH = 2000;

/**
 * A tender as an observing authority sees it: everything read-only (members, lots and awards,
 * milestones with the late ones marked, stage history, sites, alerts), the observers' notes with a
 * form to add one, and the OCDS record once the tender is published.
 */
@Component({
  selector: 'cs-monitoring-tender',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
    StatusBadge,
    MembersTable,
    CsvExport,
  ],
  templateUrl: './tender-detail-page.html',
  styleUrl: './monitoring.scss',
})
export class TenderDetailPage {
  private readonly api = inject(MonitoringApi);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly origin = inject(API_BASE_URL);
  readonly tenderId = input.required<string>();

  protected readonly tender = signal<MonitoringTenderDetail | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly fmt = localeFormats();
  protected readonly noteError = signal<string | null>(null);
  protected readonly sending = signal(false);
  protected readonly noteMax = NOTE_MAX_LENGTH;
  protected readonly note = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.maxLength(NOTE_MAX_LENGTH)],
  });
  protected readonly noteForm = new FormGroup({ body: this.note });
  /** The record's address on this origin (the api may answer a path or a full address). */
  protected readonly recordUrl = computed(() => {
    const url = this.tender()?.ocdsRecordUrl;
    if (!url) return null;
    return /^https?:\/\//.test(url) ? url : `${this.origin}${url.startsWith('/') ? '' : '/'}${url}`;
  });

  constructor() {
    effect(() => {
      const id = this.tenderId();
      untracked(() => void this.load(id));
    });
  }

  protected async addNote(): Promise<void> {
    const body = this.note.value.trim();
    if (!body || this.note.invalid) {
      this.note.markAsTouched();
      this.noteError.set(this.i18n.t('monitoring.notes.required', { max: NOTE_MAX_LENGTH }));
      return;
    }
    this.sending.set(true);
    this.noteError.set(null);
    try {
      const note = await this.api.addNote(this.tenderId(), body);
      this.tender.update((tender) => (tender ? { ...tender, notes: [note, ...tender.notes] } : tender));
      this.note.reset();
      void this.announcer.announce(this.i18n.t('monitoring.notes.added'), 'polite');
    } catch (error) {
      this.noteError.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.sending.set(false);
    }
  }

  protected stageLabel(stage: TenderStage | null): string {
    return stage ? this.i18n.t(`tender.stage.${stage}`) : '–';
  }

  protected domainLabel(domain: ConsortiumDomain): TranslationKey {
    return `consortia.domain.${domain}`;
  }

  protected procedureLabel(procedure: ProcedureType): TranslationKey {
    return `tender.procedure.${procedure}`;
  }

  protected siteStageLabel(stage: 'pilot' | 'city' | 'region'): TranslationKey {
    return `monitoring.funnel.${stage}`;
  }

  private async load(id: string): Promise<void> {
    this.error.set(null);
    try {
      this.tender.set(await this.api.tender(id));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
