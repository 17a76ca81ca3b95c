import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import {
  asApiError,
  controlErrorMessage,
  I18nService,
  readyToSend,
  showRefusal,
  TranslatePipe,
} from '@consortio/web/core';
import { AccountService } from '@consortio/web/identity/data-access';

/** Asks for a reset link. The answer never tells whether an account uses the address. */
@Component({
  selector: 'cs-forgot-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, RouterLink, TranslatePipe],
  templateUrl: './forgot-password-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class ForgotPasswordPage {
  private readonly account = inject(AccountService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email, Validators.maxLength(254)],
    }),
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
    const email = this.form.getRawValue().email.trim();
    try {
      await this.account.requestPasswordReset(email);
      this.sentTo.set(email);
    } catch (error: unknown) {
      const apiError = asApiError(error);
      showRefusal({
        form: this.form,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: apiError,
        setError: (sentence) => this.error.set(sentence),
        errorTestId: 'forgot-error',
      });
    } finally {
      this.submitting.set(false);
    }
  }
}
