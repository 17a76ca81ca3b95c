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
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatSelectModule } from '@angular/material/select';
import { Router, RouterLink } from '@angular/router';
import type { Page, SpecificationSummary, SpecificationTemplateView } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, readyToSend, TranslatePipe } from '@consortio/web/core';
import { SpecificationsApi } from '@consortio/web/specifications/data-access';
import { ConsortiumContext } from './consortium-context';

/** The consortium's tender specifications, and starting a new one from a template. */
@Component({
  selector: 'cs-consortium-specifications',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatSelectModule,
    TranslatePipe,
  ],
  template: `
    <h2>{{ 'specs.heading' | t }}</h2>
    @if (error(); as message) {
      <p class="error" role="alert">{{ message }}</p>
    }
    @if (page(); as list) {
      @if (list.items.length === 0) {
        <p>{{ 'specs.empty' | t }}</p>
      }
      <ul class="list" data-testid="specifications">
        @for (spec of list.items; track spec.id) {
          <li>
            <a [routerLink]="['/specifications', spec.id]">{{ spec.title }}</a>
            · {{ spec.templateName }} · {{ 'specs.updated' | t: { date: spec.updatedAt.slice(0, 10) } }}
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
      <h3>{{ 'specs.new' | t }}</h3>
      <form [formGroup]="form" (ngSubmit)="create()" class="form">
        <mat-form-field>
          <mat-label>{{ 'specs.newTitle' | t }}</mat-label>
          <input matInput formControlName="title" required maxlength="200" data-testid="spec-title" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'specs.template' | t }}</mat-label>
          <mat-select formControlName="templateId" required data-testid="spec-template">
            @for (template of templates(); track template.id) {
              <mat-option [value]="template.id">{{ template.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-checkbox formControlName="sharedWithObservers">{{ 'specs.shared' | t }}</mat-checkbox>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="spec-create">
          {{ 'specs.create' | t }}
        </button>
      </form>
    }
  `,
  styleUrl: '../consortia-page.scss',
})
export class SpecificationsTab {
  protected readonly context = inject(ConsortiumContext);
  private readonly api = inject(SpecificationsApi);
  private readonly i18n = inject(I18nService);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly page = signal<Page<SpecificationSummary> | null>(null);
  protected readonly templates = signal<SpecificationTemplateView[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly form = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(3)] }),
    templateId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    sharedWithObservers: new FormControl(false, { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const id = this.context.id();
      if (id) untracked(() => void this.load(id, 1, 20));
    });
    void this.api.templates().then((page) => {
      this.templates.set(page.items);
      if (page.items[0] && !this.form.controls.templateId.value)
        this.form.controls.templateId.setValue(page.items[0].id);
    });
  }

  protected turn(event: PageEvent): void {
    const id = this.context.id();
    if (id) void this.load(id, event.pageIndex + 1, event.pageSize);
  }

  protected async create(): Promise<void> {
    const id = this.context.id();
    if (!id || !readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    this.busy.set(true);
    try {
      const created = await this.api.create(id, this.form.getRawValue());
      await this.router.navigate(['/specifications', created.id]);
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
