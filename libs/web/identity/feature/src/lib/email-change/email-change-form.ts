import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  asApiError,
  controlErrorMessage,
  I18nService,
  problemSentence,
  readyToSend,
  showRefusal,
  TranslatePipe,
} from '@consortio/web/core';
import { AccountService } from '@consortio/web/identity/data-access';

/** Asks for a new e-mail address, confirmed with the current password; a link goes to the new address. */
@Component({
  selector: 'cs-email-change-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, TranslatePipe],
  templateUrl: './email-change-form.html',
  styleUrl: '../shared/identity-page.scss',
})
export class EmailChangeForm {
  private readonly account = inject(AccountService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly form = new FormGroup({
    newEmail: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email, Validators.maxLength(254)],
    }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(128)] }),
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly sentTo = signal<string | null>(null);

  protected messageFor(control: FormControl<string>): string | null {
    return controlErrorMessage(control, this.i18n);
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    this.error.set(null);
    this.sentTo.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    this.submitting.set(true);
    const { newEmail, password } = this.form.getRawValue();
    try {
      await this.account.requestEmailChange(newEmail.trim(), password);
      this.sentTo.set(newEmail.trim());
      // The password has done its job; do not leave it in the page.
      this.form.reset();
    } catch (error: unknown) {
      const apiError = asApiError(error);
      // 401: the password is wrong; 409: the address is taken. Both belong to a field.
      const fieldErrors =
        apiError.status === 401
          ? [{ field: 'password', message: this.i18n.t('emailChange.wrongPassword') }]
          : apiError.status === 409
            ? [{ field: 'newEmail', message: problemSentence(apiError, this.i18n.t('emailChange.taken')) }]
            : apiError.fieldErrors;
      showRefusal({
        form: this.form,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: apiError,
        fieldErrors,
        setError: (sentence) => this.error.set(sentence),
        errorTestId: 'email-change-error',
      });
    } finally {
      this.submitting.set(false);
    }
  }
}
