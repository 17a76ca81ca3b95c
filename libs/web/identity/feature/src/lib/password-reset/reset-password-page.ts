import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import {
  applyFieldErrors,
  asApiError,
  controlErrorMessage,
  errorSentence,
  focusFirstInvalid,
  I18nService,
  problemSentence,
  readyToSend,
  TranslatePipe,
} from '@consortio/web/core';
import { AccountService, SessionService } from '@consortio/web/identity/data-access';
import { linkTokenReader } from '../shared/link-token';
import { PASSWORD_MIN_LENGTH, passwordsMatch } from '../shared/password-match';

/** The page a reset e-mail links to: a new password, twice. */
@Component({
  selector: 'cs-reset-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, RouterLink, TranslatePipe],
  templateUrl: './reset-password-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class ResetPasswordPage implements OnInit {
  private readonly account = inject(AccountService);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly readToken = linkTokenReader();

  /** Query parameter of the e-mail link (router input binding). */
  readonly token = input<string>();

  protected readonly linkToken = signal<string | null>(null);
  protected readonly passwordMinLength = PASSWORD_MIN_LENGTH;
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  /** The link is spent or expired: only a new one helps. */
  protected readonly gone = signal(false);
  protected readonly done = signal(false);

  protected readonly form = new FormGroup(
    {
      password: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(128)],
      }),
      passwordConfirm: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: passwordsMatch('password', 'passwordConfirm') },
  );

  ngOnInit(): void {
    this.linkToken.set(this.readToken(this.token()));
  }

  protected messageFor(control: AbstractControl): string | null {
    if (control.errors?.['mismatch'] && !control.errors['server']) return this.i18n.t('form.passwordMismatch');
    return controlErrorMessage(control, this.i18n);
  }

  protected async submit(): Promise<void> {
    const token = this.linkToken();
    if (this.submitting() || !token) return;
    this.error.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    this.submitting.set(true);
    try {
      await this.account.confirmPasswordReset(token, this.form.getRawValue().password);
      this.done.set(true);
      // The api has ended every session of the account, this tab's included.
      if (this.session.isSignedIn()) await this.session.signOut();
      this.focus('[data-testid="reset-result"]');
    } catch (error: unknown) {
      const apiError = asApiError(error);
      if (apiError.status === 410) {
        this.gone.set(true);
        this.error.set(problemSentence(apiError, this.i18n.t('resetPassword.gone')));
      } else {
        const unmatched = applyFieldErrors(this.form, apiError.fieldErrors);
        if (apiError.fieldErrors.length === 0) this.error.set(errorSentence(apiError, this.i18n));
        else if (unmatched.length > 0) this.error.set(unmatched.map((fieldError) => fieldError.message).join(' '));
      }
      this.focus('[data-testid="reset-error"]');
    } finally {
      this.submitting.set(false);
    }
  }

  private focus(selector: string): void {
    focusFirstInvalid(this.host.nativeElement, this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>(selector),
    );
  }
}
