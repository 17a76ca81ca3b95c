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
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import type { MonitoringFilters } from '@consortio/shared/contracts';
import { I18nService, TranslatePipe } from '@consortio/web/core';
import { CsvExport } from './csv-export';
import type { ChartSpec } from './dashboard-charts';
import { formatFigure } from './figures';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

/** Colours of the charted columns, each at least 3:1 against white (WCAG 1.4.11). */
const COLOURS = ['#1d4f7a', '#8a5a00', '#2e7d32'];

/**
 * One dashboard chart. The bars are for the eye (hidden from assistive technology); the table
 * holds the same figures with a caption and is always in the page for screen readers, shown
 * instead of the chart with the toggle. The CSV button downloads the table with the filters.
 */
@Component({
  selector: 'cs-monitoring-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, TranslatePipe, CsvExport],
  template: `
    <section class="chart" [attr.aria-labelledby]="spec().id + '-title'" [attr.data-testid]="'chart-' + spec().id">
      <div class="head">
        <h3 [id]="spec().id + '-title'">{{ spec().title }}</h3>
        <div class="actions">
          <button
            mat-stroked-button
            type="button"
            [attr.aria-pressed]="asTable()"
            [attr.data-testid]="'chart-toggle-' + spec().id"
            (click)="asTable.set(!asTable())"
          >
            {{ 'monitoring.chart.asTable' | t }}
          </button>
          <cs-csv-export [source]="{ kind: 'table', table: spec().table, filters: filters() }" [name]="spec().title" />
        </div>
      </div>
      @if (empty()) {
        <p class="muted">{{ 'monitoring.chart.empty' | t }}</p>
      }
      <figure [hidden]="asTable() || empty()">
        <div class="canvas-box" [style.block-size.rem]="height()" aria-hidden="true"><canvas #canvas></canvas></div>
        <figcaption class="muted">{{ spec().caption }}</figcaption>
      </figure>
      <div class="table-scroll" [class.visually-hidden]="!asTable()">
        <table class="table" [attr.data-testid]="'chart-table-' + spec().id">
          <caption>
            {{
              spec().title
            }}.
            {{
              spec().caption
            }}
          </caption>
          <thead>
            <tr>
              <th scope="col">{{ spec().categoryHeader }}</th>
              @for (column of spec().columns; track column.label) {
                <th scope="col" class="number">{{ column.label }}</th>
              }
            </tr>
          </thead>
          <tbody>
            @for (category of spec().categories; track $index; let i = $index) {
              <tr>
                <th scope="row">{{ category }}</th>
                @for (column of spec().columns; track column.label) {
                  <td class="number">{{ figure(column.values[i], column.format) }}</td>
                }
              </tr>
            } @empty {
              <tr>
                <td [attr.colspan]="spec().columns.length + 1">{{ 'monitoring.chart.empty' | t }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
  styleUrl: './monitoring.scss',
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: baseline;
      gap: 0.5rem 1rem;
    }
    h3 {
      margin-block: 0 0.5rem;
      font: var(--mat-sys-title-medium);
    }
    figure {
      margin: 0.5rem 0 0;
    }
    .canvas-box {
      position: relative;
      max-inline-size: 48rem;
    }
  `,
})
export class MonitoringChart {
  private readonly i18n = inject(I18nService);
  readonly spec = input.required<ChartSpec>();
  readonly filters = input.required<MonitoringFilters>();
  protected readonly asTable = signal(false);
  protected readonly empty = computed(() => this.spec().categories.length === 0);
  /** Horizontal bars need room per category; vertical ones a fixed height. */
  protected readonly height = computed(() =>
    this.spec().orientation === 'horizontal' ? Math.max(8, 2 + this.spec().categories.length * 1.6) : 14,
  );
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: Chart<'bar', (number | null)[], string> | null = null;

  constructor() {
    afterNextRender(() => this.draw());
    effect(() => {
      this.spec();
      this.i18n.locale();
      if (this.chart) untracked(() => this.draw());
    });
    inject(DestroyRef).onDestroy(() => this.chart?.destroy());
  }

  protected figure(value: number | null | undefined, format: ChartSpec['columns'][number]['format']): string {
    return formatFigure(value ?? null, format, this.i18n.locale());
  }

  private draw(): void {
    const spec = this.spec();
    const charted = spec.columns.filter((column) => column.charted);
    const data = {
      labels: spec.categories,
      datasets: charted.map((column, index) => ({
        label: column.label,
        data: column.values,
        backgroundColor: COLOURS[index % COLOURS.length],
      })),
    };
    if (this.chart) {
      this.chart.data = data;
      this.chart.options.indexAxis = spec.orientation === 'horizontal' ? 'y' : 'x';
      this.chart.update();
      return;
    }
    const locale = this.i18n.locale();
    const format = charted[0]?.format ?? 'count';
    this.chart = new Chart(this.canvas().nativeElement, {
      type: 'bar',
      data,
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: spec.orientation === 'horizontal' ? 'y' : 'x',
        plugins: { legend: { display: charted.length > 1 } },
        scales: {
          [spec.orientation === 'horizontal' ? 'x' : 'y']: {
            beginAtZero: true,
            ticks: {
              precision: 0,
              callback: (value: string | number) => formatFigure(Number(value), format, locale),
            },
          },
        },
      },
    });
  }
}
