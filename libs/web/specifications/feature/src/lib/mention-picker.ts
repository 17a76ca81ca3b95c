import { ChangeDetectionStrategy, Component, DestroyRef, inject, input, model, signal } from '@angular/core';
import { MatAutocompleteModule, type MatAutocompleteSelectedEvent } from '@angular/material/autocomplete';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import type { PersonRef } from '@consortio/shared/contracts';
import { TranslatePipe } from '@consortio/web/core';
import { SpecificationsApi } from '@consortio/web/specifications/data-access';

/**
 * Chooses people of the consortium to mention in a comment: type part of a name or an
 * organisation, pick from the suggestions (arrow keys and Enter), remove with the chip's button
 * or Backspace. The server checks again that everyone mentioned belongs to the consortium.
 */
@Component({
  selector: 'cs-mention-picker',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatAutocompleteModule, MatChipsModule, MatFormFieldModule, TranslatePipe],
  template: `
    <mat-form-field class="mention-picker">
      <mat-label>{{ 'spec.comments.mention' | t }}</mat-label>
      <mat-chip-grid #grid [attr.aria-label]="'spec.comments.mentions' | t">
        @for (person of selected(); track person.userId) {
          <mat-chip-row (removed)="remove(person)" [attr.data-testid]="'mentioned-' + person.userId">
            {{ person.name }}
            <button
              matChipRemove
              type="button"
              [attr.aria-label]="'spec.comments.removeMention' | t: { name: person.name }"
            >
              ×
            </button>
          </mat-chip-row>
        }
        <input
          #search
          [matChipInputFor]="grid"
          [matAutocomplete]="suggestions"
          (input)="find(search.value)"
          (focus)="find(search.value)"
          data-testid="mention-search"
        />
      </mat-chip-grid>
      <mat-autocomplete #suggestions="matAutocomplete" (optionSelected)="add($event); search.value = ''">
        @for (person of options(); track person.userId) {
          <mat-option [value]="person" [attr.data-testid]="'mention-option-' + person.userId">
            {{ person.name }}
            @if (person.organisationName) {
              <small>({{ person.organisationName }})</small>
            }
          </mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
  `,
  styles: `
    .mention-picker {
      width: 100%;
    }
  `,
})
export class MentionPicker {
  private readonly api = inject(SpecificationsApi);
  readonly specificationId = input.required<string>();
  readonly selected = model<PersonRef[]>([]);
  protected readonly options = signal<PersonRef[]>([]);
  private timer: ReturnType<typeof setTimeout> | undefined;
  private asked = 0;

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.timer));
  }

  /** Asks the server a moment after the last keystroke; only the latest answer is shown. */
  protected find(text: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const ask = ++this.asked;
      this.api.people(this.specificationId(), text.trim()).then(
        (page) => {
          if (ask !== this.asked) return;
          const chosen = new Set(this.selected().map((person) => person.userId));
          this.options.set(page.items.filter((person) => !chosen.has(person.userId)));
        },
        () => this.options.set([]),
      );
    }, 200);
  }

  protected add(event: MatAutocompleteSelectedEvent): void {
    const person = event.option.value as PersonRef;
    if (!this.selected().some((known) => known.userId === person.userId))
      this.selected.update((all) => [...all, person]);
    this.options.update((all) => all.filter((option) => option.userId !== person.userId));
  }

  protected remove(person: PersonRef): void {
    this.selected.update((all) => all.filter((known) => known.userId !== person.userId));
  }
}
