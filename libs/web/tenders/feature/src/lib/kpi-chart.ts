import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  type ElementRef,
  inject,
  input,
  viewChild,
} from '@angular/core';
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { TenderKpiView } from '@consortio/shared/contracts';
import { I18nService, TranslatePipe } from '@consortio/web/core';
import { kpiSeries } from './kpi-series';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

/**
 * One KPI over its periods: the participants' values added up, against the baseline and the
 * target. The chart (Chart.js) is for the eye; the table below it carries the same figures for
 * screen readers and for copying.
 */
@Component({
  selector: 'cs-kpi-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslatePipe],
  template: `
    <figure class="kpi-chart">
      <div class="canvas-box" aria-hidden="true"><canvas #canvas></canvas></div>
      <figcaption>{{ 'tender.kpi.chartCaption' | t: { name: kpi().name, unit: kpi().unit } }}</figcaption>
    </figure>
    <table class="kpi-table" [attr.data-testid]="'kpi-table-' + kpi().name">
      <caption>
        {{
          kpi().name
        }}
        ({{
          kpi().unit
        }})
      </caption>
      <thead>
        <tr>
          <th scope="col">{{ 'tender.kpi.period' | t }}</th>
          <th scope="col">{{ 'tender.kpi.actual' | t }}</th>
          <th scope="col">{{ 'tender.kpi.baseline' | t }}</th>
          <th scope="col">{{ 'tender.kpi.target' | t }}</th>
          <th scope="col">{{ 'tender.kpi.reported' | t }}</th>
        </tr>
      </thead>
      <tbody>
        @for (point of series(); track point.period) {
          <tr>
            <th scope="row">{{ point.period }}</th>
            <td class="number">{{ point.total }}</td>
            <td class="number">{{ kpi().baseline }}</td>
            <td class="number">{{ kpi().target }}</td>
            <td>{{ point.organisations.join(', ') }}</td>
          </tr>
        }
      </tbody>
    </table>
  `,
  styles: `
    .canvas-box {
      position: relative;
      block-size: 14rem;
      max-inline-size: 40rem;
    }
    figure {
      margin: 0;
    }
    figcaption {
      color: var(--mat-sys-on-surface-variant, #3d4a55);
      font-size: 0.875rem;
    }
    .kpi-table {
      border-collapse: collapse;
      margin-block: 0.5rem 1rem;
    }
    .kpi-table caption {
      text-align: start;
      font-weight: 600;
    }
    .kpi-table th,
    .kpi-table td {
      padding: 0.25rem 0.75rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant, #c4ccd3);
      text-align: start;
    }
    .number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class KpiChart {
  private readonly i18n = inject(I18nService);
  readonly kpi = input.required<TenderKpiView>();
  protected readonly series = computed(() => kpiSeries(this.kpi()));
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart | null = null;

  constructor() {
    afterNextRender(() => this.draw());
    effect(() => {
      this.series();
      if (this.chart) this.draw();
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  private draw(): void {
    const points = this.series();
    const kpi = this.kpi();
    const labels = points.map((point) => point.period);
    const data = {
      labels,
      datasets: [
        { label: this.i18n.t('tender.kpi.actual'), data: points.map((point) => point.total), borderColor: '#1d4f7a' },
        {
          label: this.i18n.t('tender.kpi.baseline'),
          data: labels.map(() => kpi.baseline),
          borderColor: '#8a96a0',
          borderDash: [4, 4],
          pointRadius: 0,
        },
        {
          label: this.i18n.t('tender.kpi.target'),
          data: labels.map(() => kpi.target),
          borderColor: '#2e7d32',
          borderDash: [8, 4],
          pointRadius: 0,
        },
      ],
    };
    if (this.chart) {
      this.chart.data = data;
      this.chart.update();
      return;
    }
    this.chart = new Chart(this.canvas().nativeElement, {
      type: 'line',
      data,
      options: { responsive: true, maintainAspectRatio: false, animation: false },
    });
  }
}
