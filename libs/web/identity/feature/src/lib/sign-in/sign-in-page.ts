import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  DOCUMENT,
  ElementRef,
  inject,
  Injector,
  input,
  type OnInit,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import {
  type ApiError,
  applyFieldErrors,
  controlErrorMessage,
  describeApiError,
  focusFirstInvalid,
  I18nService,
  isApiError,
  readyToSend,
  toApiError,
  TranslatePipe,
} from '@consortio/web/core';
import { AccountService, safeReturnUrl, SessionService } from '@consortio/web/identity/data-access';
import { Icon } from '@consortio/web/ui';

/** Sign in with e-mail and password; afterwards back to where the person came from. */
@Component({
  selector: 'cs-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, RouterLink, Icon, TranslatePipe],
  templateUrl: './sign-in-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class SignInPage implements OnInit {
  private readonly session = inject(SessionService);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly account = inject(AccountService);
  private readonly document = inject(DOCUMENT);
  private lockTimer: ReturnType<typeof setTimeout> | undefined;

  /** Query parameters (router input binding). */
  readonly returnUrl = input<string>();
  readonly reason = input<string>();
  readonly email = input<string>();

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.email] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  /** While rate-limited the button stays disabled until the wait is over. */
  protected readonly locked = signal(false);
  protected readonly expired = computed(() => this.reason() === 'expired');

  constructor() {
    inject(DestroyRef).onDestroy(() => clearTimeout(this.lockTimer));
  }

  ngOnInit(): void {
    // After registering, the new address arrives as `?email=`.
    const email = this.email();
    if (email) this.form.controls.email.setValue(email);
  }

  protected messageFor(control: FormControl<string>): string | null {
    return controlErrorMessage(control, this.i18n);
  }

  protected async submit(): Promise<void> {
    if (this.submitting() || this.locked()) return;
    this.error.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    this.submitting.set(true);
    try {
      const { email, password } = this.form.getRawValue();
      await this.session.signIn({ email: email.trim(), password });
      await this.router.navigateByUrl(safeReturnUrl(this.returnUrl()) ?? '/profile');
    } catch (error: unknown) {
      this.show(isApiError(error) ? error : toApiError(error));
    } finally {
      this.submitting.set(false);
    }
  }

  /**
   * A full-page navigation to the api, which sends the browser to the organisation's identity
   * provider and back here with the session cookie; the restore on start then signs the person in.
   * Only the e-mail address is needed (its domain chooses the provider), so only it is checked.
   */
  protected signInWithOrganisation(): void {
    if (this.submitting()) return;
    this.error.set(null);
    const email = this.form.controls.email;
    if (email.invalid) {
      email.markAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    const returnUrl = safeReturnUrl(this.returnUrl()) ?? '/profile';
    this.document.defaultView?.location.assign(this.account.singleSignOnUrl(email.value.trim(), returnUrl));
  }

  private show(error: ApiError): void {
    const unmatched = applyFieldErrors(this.form, error.fieldErrors);
    if (error.status === 429) {
      const seconds = error.retryAfterSeconds ?? 60;
      this.error.set(this.i18n.t('signIn.tooManyAttempts', { wait: this.i18n.formatDuration(seconds) }));
      this.locked.set(true);
      clearTimeout(this.lockTimer);
      this.lockTimer = setTimeout(() => this.locked.set(false), seconds * 1000);
    } else if (error.status === 401) {
      this.error.set(this.i18n.t('signIn.wrongCredentials'));
    } else if (error.fieldErrors.length === 0 || unmatched.length > 0) {
      this.error.set(describeApiError(error, this.i18n));
    }
    focusFirstInvalid(this.host.nativeElement, this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>('[data-testid="sign-in-password"]'),
    );
  }
}
