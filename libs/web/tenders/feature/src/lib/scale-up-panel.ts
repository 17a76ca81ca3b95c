import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  type ConsortiumMemberView,
  PILOT_OUTCOMES,
  type PilotEvaluationView,
  type PilotOutcome,
  SITE_SCALE_STAGES,
  type SiteScaleStage,
  type TenderKpiView,
  type TenderSiteView,
  type TenderStage,
} from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';
import { TendersApi } from '@consortio/web/tenders/data-access';
import { KpiChart } from './kpi-chart';

/**
 * The contracted solution spreading: sites from the pilot to the city and the region, the pilot's
 * results, and the KPIs each participant reports per period, charted against baseline and target.
 */
@Component({
  selector: 'cs-scale-up-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    KpiChart,
  ],
  template: `
    @if (message(); as problem) {
      <p class="problem" role="alert">{{ problem }}</p>
    }
    <h3>{{ 'tender.sites' | t }}</h3>
    <table class="table" data-testid="sites">
      <thead>
        <tr>
          <th scope="col">{{ 'tender.site.name' | t }}</th>
          <th scope="col">{{ 'tender.site.organisation' | t }}</th>
          <th scope="col">NUTS</th>
          <th scope="col">{{ 'tender.site.stage' | t }}</th>
          <th scope="col">{{ 'tender.site.liveSince' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (site of sites(); track site.id) {
          <tr>
            <td>{{ site.name }}</td>
            <td>{{ site.organisationName }}</td>
            <td>{{ site.nutsCode }}</td>
            <td>{{ siteStageLabel(site.stage) | t }}</td>
            <td>{{ site.liveSince ?? ('tender.site.planned' | t) }}</td>
          </tr>
        }
      </tbody>
    </table>
    @if (mayEdit()) {
      <form [formGroup]="siteForm" (ngSubmit)="addSite()" class="form--inline">
        <mat-form-field>
          <mat-label>{{ 'tender.site.name' | t }}</mat-label>
          <input matInput formControlName="name" required maxlength="200" data-testid="site-name" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tender.site.organisation' | t }}</mat-label>
          <mat-select formControlName="organisationId" data-testid="site-organisation">
            @for (member of members(); track member.organisationId) {
              <mat-option [value]="member.organisationId">{{ member.name }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tender.site.stage' | t }}</mat-label>
          <mat-select formControlName="stage" data-testid="site-stage">
            @for (stage of siteStages; track stage) {
              <mat-option [value]="stage">{{ siteStageLabel(stage) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tender.site.liveSince' | t }}</mat-label>
          <input matInput type="date" formControlName="liveSince" data-testid="site-live" />
        </mat-form-field>
        <button mat-stroked-button type="submit" data-testid="site-add">{{ 'tender.site.add' | t }}</button>
      </form>
    }

    <h3>{{ 'tender.pilot' | t }}</h3>
    @if (pilot(); as evaluation) {
      <p data-testid="pilot-evaluation">
        <strong>{{ outcomeLabel(evaluation.outcome) | t }}</strong> · {{ evaluation.summary }}
      </p>
    } @else {
      <p>{{ 'tender.pilot.none' | t }}</p>
    }
    @if (mayEdit() && stage() === 'pilot') {
      <form [formGroup]="pilotForm" (ngSubmit)="recordPilot()" class="form">
        <mat-form-field>
          <mat-label>{{ 'tender.pilot.outcome' | t }}</mat-label>
          <mat-select formControlName="outcome" data-testid="pilot-outcome">
            @for (outcome of outcomes; track outcome) {
              <mat-option [value]="outcome">{{ outcomeLabel(outcome) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tender.pilot.summary' | t }}</mat-label>
          <textarea matInput formControlName="summary" required maxlength="5000" data-testid="pilot-summary"></textarea>
        </mat-form-field>
        <button mat-stroked-button type="submit" data-testid="pilot-save">{{ 'tender.pilot.save' | t }}</button>
      </form>
    }

    <h3>{{ 'tender.kpis' | t }}</h3>
    @for (kpi of kpis(); track kpi.id) {
      <cs-kpi-chart [kpi]="kpi" />
      @if (mayEdit()) {
        <form [formGroup]="valueForm(kpi.id)" (ngSubmit)="enterValue(kpi)" class="form--inline">
          <mat-form-field>
            <mat-label>{{ 'tender.kpi.period' | t }}</mat-label>
            <input
              matInput
              formControlName="period"
              placeholder="2027-03 / 2027-Q1"
              [attr.data-testid]="'kpi-period-' + kpi.name"
            />
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'tender.kpi.value' | t: { unit: kpi.unit } }}</mat-label>
            <input matInput type="number" formControlName="value" [attr.data-testid]="'kpi-value-' + kpi.name" />
          </mat-form-field>
          <button mat-stroked-button type="submit" [attr.data-testid]="'kpi-enter-' + kpi.name">
            {{ 'tender.kpi.enter' | t }}
          </button>
        </form>
      }
    }
    @if (mayEdit()) {
      <form [formGroup]="kpiForm" (ngSubmit)="addKpi()" class="form--inline">
        <mat-form-field>
          <mat-label>{{ 'tender.kpi.name' | t }}</mat-label>
          <input matInput formControlName="name" required maxlength="200" data-testid="kpi-name" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tender.kpi.unit' | t }}</mat-label>
          <input matInput formControlName="unit" required maxlength="30" data-testid="kpi-unit" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tender.kpi.baseline' | t }}</mat-label>
          <input matInput type="number" formControlName="baseline" data-testid="kpi-baseline" />
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'tender.kpi.target' | t }}</mat-label>
          <input matInput type="number" formControlName="target" data-testid="kpi-target" />
        </mat-form-field>
        <button mat-stroked-button type="submit" data-testid="kpi-add">{{ 'tender.kpi.add' | t }}</button>
      </form>
    }
  `,
  styles: `
    .table {
      border-collapse: collapse;
    }
    .table th,
    .table td {
      padding: 0.25rem 0.75rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant, #c4ccd3);
      text-align: start;
    }
    .form {
      display: flex;
      flex-direction: column;
      max-inline-size: 36rem;
    }
    .form--inline {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1rem;
      align-items: baseline;
    }
    .problem {
      color: var(--mat-sys-error, #a3330f);
      font-weight: 600;
    }
  `,
})
export class ScaleUpPanel {
  private readonly api = inject(TendersApi);
  private readonly consortia = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);
  readonly tenderId = input.required<string>();
  readonly consortiumId = input.required<string>();
  readonly stage = input.required<TenderStage>();
  readonly mayEdit = input(false);
  /** A change that may open the next stage (a site, the pilot's results). */
  readonly changed = output<void>();

  protected readonly siteStages = SITE_SCALE_STAGES;
  protected readonly outcomes = PILOT_OUTCOMES;
  protected readonly sites = signal<TenderSiteView[]>([]);
  protected readonly kpis = signal<TenderKpiView[]>([]);
  protected readonly pilot = signal<PilotEvaluationView | null>(null);
  protected readonly members = signal<ConsortiumMemberView[]>([]);
  protected readonly message = signal<string | null>(null);
  protected readonly siteForm = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    organisationId: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    stage: new FormControl<SiteScaleStage>('pilot', { nonNullable: true }),
    liveSince: new FormControl('', { nonNullable: true }),
  });
  protected readonly pilotForm = new FormGroup({
    outcome: new FormControl<PilotOutcome>('successful', { nonNullable: true }),
    summary: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly kpiForm = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    unit: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    baseline: new FormControl(0, { nonNullable: true }),
    target: new FormControl(0, { nonNullable: true }),
  });
  private readonly valueForms = new Map<
    string,
    FormGroup<{ period: FormControl<string>; value: FormControl<number | null> }>
  >();

  constructor() {
    effect(() => {
      const tenderId = this.tenderId();
      const consortiumId = this.consortiumId();
      this.stage();
      untracked(() => void this.load(tenderId, consortiumId));
    });
  }

  protected siteStageLabel(stage: SiteScaleStage): TranslationKey {
    return `tender.site.stage.${stage}`;
  }

  protected outcomeLabel(outcome: PilotOutcome): TranslationKey {
    return `tender.pilot.outcome.${outcome}`;
  }

  protected valueForm(kpiId: string) {
    let form = this.valueForms.get(kpiId);
    if (!form) {
      form = new FormGroup({
        period: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
        value: new FormControl<number | null>(null, { validators: [Validators.required] }),
      });
      this.valueForms.set(kpiId, form);
    }
    return form;
  }

  protected async addSite(): Promise<void> {
    if (this.siteForm.invalid) return this.siteForm.markAllAsTouched();
    const value = this.siteForm.getRawValue();
    await this.act(async () => {
      await this.api.addSite(this.tenderId(), {
        name: value.name,
        organisationId: value.organisationId,
        stage: value.stage,
        liveSince: value.liveSince || null,
      });
      this.siteForm.reset();
    });
  }

  protected async recordPilot(): Promise<void> {
    if (this.pilotForm.invalid) return this.pilotForm.markAllAsTouched();
    await this.act(() =>
      this.api.recordPilotEvaluation(this.tenderId(), this.pilotForm.getRawValue()).then(() => undefined),
    );
  }

  protected async addKpi(): Promise<void> {
    if (this.kpiForm.invalid) return this.kpiForm.markAllAsTouched();
    const value = this.kpiForm.getRawValue();
    await this.act(async () => {
      await this.api.addKpi(this.tenderId(), {
        ...value,
        baseline: Number(value.baseline),
        target: Number(value.target),
      });
      this.kpiForm.reset();
    });
  }

  protected async enterValue(kpi: TenderKpiView): Promise<void> {
    const form = this.valueForm(kpi.id);
    if (form.invalid) return form.markAllAsTouched();
    const value = form.getRawValue();
    await this.act(async () => {
      await this.api.enterKpiValue(this.tenderId(), kpi.id, value.period.trim(), Number(value.value));
      form.reset();
    });
  }

  /** Runs a change, then reads the panel again and tells the page (a guard may have opened). */
  private async act(work: () => Promise<void>): Promise<void> {
    this.message.set(null);
    try {
      await work();
      await this.load(this.tenderId(), this.consortiumId());
      this.changed.emit();
    } catch (error) {
      this.message.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async load(tenderId: string, consortiumId: string): Promise<void> {
    try {
      const [sites, kpis, members] = await Promise.all([
        this.api.sites(tenderId),
        this.api.kpis(tenderId),
        this.consortia.members(consortiumId, { page: 1, pageSize: 100 }),
      ]);
      this.sites.set(sites);
      this.kpis.set(kpis);
      this.members.set(members.items.filter((member) => member.role !== 'observer'));
    } catch (error) {
      this.message.set(errorSentence(asApiError(error), this.i18n));
    }
    // No pilot evaluation yet answers 404: nothing to show.
    this.pilot.set(await this.api.pilotEvaluation(tenderId).catch(() => null));
  }
}
