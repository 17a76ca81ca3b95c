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
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import {
  type Page,
  PROCEDURE_TYPES,
  type ProcedureType,
  type TenderStage,
  type TenderSummary,
} from '@consortio/shared/contracts';
import {
  asApiError,
  errorSentence,
  I18nService,
  readyToSend,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { TendersApi } from '@consortio/web/tenders/data-access';
import { ConsortiumContext } from './consortium-context';

/** The consortium's tenders, and starting one from the pooled demand. */
@Component({
  selector: 'cs-consortium-tenders',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    TranslatePipe,
  ],
  template: `
    <h2>{{ 'tenders.heading' | t }}</h2>
    @if (error(); as message) {
      <p class="message message--error" role="alert">{{ message }}</p>
    }
    @if (page(); as list) {
      @if (list.items.length === 0) {
        <p>{{ 'tenders.empty' | t }}</p>
      }
      <ul class="list" data-testid="tenders">
        @for (tender of list.items; track tender.id) {
          <li>
            <a [routerLink]="['/tenders', tender.id]">{{ tender.title }}</a>
            · {{ stageLabel(tender.stage) | t }} · {{ tender.estimatedValue }} EUR
          </li>
        }
      </ul>
      <mat-paginator
        [length]="list.total"
        [pageIndex]="list.page - 1"
        [pageSize]="list.pageSize"
        [pageSizeOptions]="[10, 20, 50]"
        (page)="turn($event)"
      />
    }
    @if (context.isParticipant()) {
      <h3>{{ 'tenders.new' | t }}</h3>
      <p class="muted">{{ 'tenders.newHint' | t }}</p>
      <form [formGroup]="form" (ngSubmit)="create()" class="form">
        <mat-form-field>
          <mat-label>{{ 'tenders.title' | t }}</mat-label>
          <input matInput formControlName="title" required maxlength="200" data-testid="tender-new-title" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tenders.procedure' | t }}</mat-label>
          <mat-select formControlName="procedureType" data-testid="tender-new-procedure">
            @for (procedure of procedures; track procedure) {
              <mat-option [value]="procedure">{{ procedureLabel(procedure) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tenders.estimatedValue' | t }}</mat-label>
          <input matInput formControlName="estimatedValue" inputmode="decimal" />
        </mat-form-field>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="tender-create">
          {{ 'tenders.create' | t }}
        </button>
      </form>
    }
  `,
  styleUrl: '../consortia-page.scss',
})
export class TendersTab {
  protected readonly context = inject(ConsortiumContext);
  private readonly api = inject(TendersApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly procedures = PROCEDURE_TYPES;
  protected readonly page = signal<Page<TenderSummary> | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(3)] }),
    procedureType: new FormControl<ProcedureType>('open', { nonNullable: true }),
    estimatedValue: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const id = this.context.id();
      if (id) untracked(() => void this.load(id, 1, 20));
    });
  }

  protected stageLabel(stage: TenderStage): TranslationKey {
    return `tender.stage.${stage}`;
  }

  protected procedureLabel(procedure: ProcedureType): TranslationKey {
    return `tender.procedure.${procedure}`;
  }

  protected turn(event: PageEvent): void {
    const id = this.context.id();
    if (id) void this.load(id, event.pageIndex + 1, event.pageSize);
  }

  protected async create(): Promise<void> {
    const id = this.context.id();
    if (!id || !readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    const value = this.form.getRawValue();
    this.busy.set(true);
    try {
      const created = await this.api.create(id, {
        title: value.title,
        procedureType: value.procedureType,
        ...(value.estimatedValue.trim() ? { estimatedValue: value.estimatedValue.trim() } : {}),
      });
      await this.router.navigate(['/tenders', created.id]);
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(id: string, page: number, pageSize: number): Promise<void> {
    try {
      this.page.set(await this.api.list(id, page, pageSize));
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
