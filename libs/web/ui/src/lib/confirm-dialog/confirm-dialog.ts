import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, type MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { firstValueFrom } from 'rxjs';

/** Texts arrive translated; the dialog knows nothing about the domain. */
export interface ConfirmDialogData {
  title: string;
  message: string;
  confirmLabel: string;
  cancelLabel: string;
  /** Shows an optional free-text note (e.g. the reason for a rejection) with this label. */
  noteLabel?: string;
  noteMaxLength?: number;
  /** Marks the confirm button as a destructive action. */
  destructive?: boolean;
}

export interface ConfirmDialogResult {
  /** The trimmed note; empty when none was asked for or given. */
  note: string;
}

/**
 * A modal question with Cancel and a confirm button. Material's dialog traps focus, closes on
 * Escape and returns focus to the button that opened it, so it works from the keyboard alone.
 */
@Component({
  selector: 'cs-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.message }}</p>
      @if (data.noteLabel) {
        <mat-form-field appearance="outline" class="note">
          <mat-label>{{ data.noteLabel }}</mat-label>
          <textarea matInput rows="3" data-testid="confirm-note" [formControl]="note"></textarea>
        </mat-form-field>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" data-testid="confirm-cancel" [mat-dialog-close]="undefined">
        {{ data.cancelLabel }}
      </button>
      <button
        mat-flat-button
        type="button"
        data-testid="confirm-ok"
        [class.destructive]="data.destructive"
        [disabled]="note.invalid"
        (click)="confirm()"
      >
        {{ data.confirmLabel }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .note {
      inline-size: 100%;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class ConfirmDialog {
  protected readonly data = inject<ConfirmDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ConfirmDialog, ConfirmDialogResult>>(MatDialogRef);
  protected readonly note = new FormControl('', {
    nonNullable: true,
    validators: [Validators.maxLength(this.data.noteMaxLength ?? 500)],
  });

  protected confirm(): void {
    this.ref.close({ note: this.note.value.trim() });
  }
}

/** Opens the dialog; resolves to the result when confirmed, to null when cancelled or dismissed. */
export async function confirmAction(dialog: MatDialog, data: ConfirmDialogData): Promise<ConfirmDialogResult | null> {
  const ref = dialog.open<ConfirmDialog, ConfirmDialogData, ConfirmDialogResult>(ConfirmDialog, {
    data,
    width: '32rem',
    maxWidth: '95vw',
    // Cancel (or the note) gets focus first, so Enter alone never confirms a destructive action.
    autoFocus: 'first-tabbable',
  });
  return (await firstValueFrom(ref.afterClosed(), { defaultValue: undefined })) ?? null;
}
