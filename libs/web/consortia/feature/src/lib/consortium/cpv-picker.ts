import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, output, signal } from '@angular/core';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { CpvCodeView } from '@consortio/shared/contracts';
import { TranslatePipe } from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';

interface TreeNode {
  code: CpvCodeView;
  children: TreeNode[] | null;
  open: boolean;
}

/**
 * Choosing a CPV code: type words or digits for suggestions from the full list, or browse the
 * tree from divisions down. Either way the chosen code (with its check digit) is emitted.
 */
@Component({
  selector: 'cs-cpv-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    NgTemplateOutlet,
    MatAutocompleteModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    TranslatePipe,
  ],
  template: `
    <mat-form-field appearance="outline" class="cpv-field">
      <mat-label>{{ 'cpv.label' | t }}</mat-label>
      <input
        matInput
        data-testid="cpv-input"
        [value]="value()"
        [matAutocomplete]="auto"
        (input)="typed($any($event.target).value)"
        [attr.aria-invalid]="invalid()"
        required
      />
      <mat-hint>{{ 'cpv.hint' | t }}</mat-hint>
      <mat-autocomplete #auto="matAutocomplete" (optionSelected)="selected($event)">
        @for (option of suggestions(); track option.code) {
          <mat-option [value]="option.code" data-testid="cpv-option">{{ option.code }} {{ option.label }}</mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
    <button mat-button type="button" [attr.aria-expanded]="browsing()" (click)="toggleTree()">
      {{ (browsing() ? 'cpv.hideTree' : 'cpv.browse') | t }}
    </button>
    @if (browsing()) {
      <ul class="tree" [attr.aria-label]="'cpv.tree' | t">
        <ng-template #branch let-nodes>
          @for (node of nodes; track node.code.code) {
            <li>
              @if (node.code.children > 0) {
                <button
                  mat-icon-button
                  type="button"
                  [attr.aria-expanded]="node.open"
                  [attr.aria-label]="(node.open ? 'cpv.collapse' : 'cpv.expand') | t: { label: node.code.label }"
                  (click)="toggle(node)"
                >
                  {{ node.open ? '−' : '+' }}
                </button>
              }
              <button mat-button type="button" (click)="choose(node.code)">
                {{ node.code.code }} {{ node.code.label }}
              </button>
              @if (node.open && node.children) {
                <ul>
                  <ng-container *ngTemplateOutlet="branch; context: { $implicit: node.children }" />
                </ul>
              }
            </li>
          }
        </ng-template>
        <ng-container *ngTemplateOutlet="branch; context: { $implicit: roots() }" />
      </ul>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .cpv-field {
      inline-size: 100%;
    }
    .tree,
    .tree ul {
      list-style: none;
      padding-inline-start: 1rem;
      margin: 0;
    }
  `,
})
export class CpvPicker {
  private readonly api = inject(ConsortiaApi);

  readonly value = input<string>('');
  readonly invalid = input<boolean>(false);
  readonly picked = output<string>();

  protected readonly suggestions = signal<CpvCodeView[]>([]);
  protected readonly browsing = signal(false);
  protected readonly roots = signal<TreeNode[]>([]);
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  protected typed(text: string): void {
    this.picked.emit(text.trim());
    clearTimeout(this.timer);
    if (text.trim().length < 2) {
      this.suggestions.set([]);
      return;
    }
    this.timer = setTimeout(() => {
      this.api
        .searchCpv(text.trim(), { page: 1, pageSize: 10 })
        .then((page) => this.suggestions.set(page.items))
        .catch(() => this.suggestions.set([]));
    }, 200);
  }

  protected selected(event: MatAutocompleteSelectedEvent): void {
    this.picked.emit(String(event.option.value));
  }

  protected choose(code: CpvCodeView): void {
    this.picked.emit(code.code);
    this.browsing.set(false);
  }

  protected async toggleTree(): Promise<void> {
    this.browsing.update((open) => !open);
    if (this.browsing() && this.roots().length === 0) {
      const page = await this.api.searchCpv('', { page: 1, pageSize: 100 });
      this.roots.set(page.items.map((code) => ({ code, children: null, open: false })));
    }
  }

  protected async toggle(node: TreeNode): Promise<void> {
    if (!node.children) {
      const page = await this.api.cpvChildren(node.code.code, { page: 1, pageSize: 100 });
      node.children = page.items.map((code) => ({ code, children: null, open: false }));
    }
    node.open = !node.open;
    this.roots.update((roots) => [...roots]);
  }
}
