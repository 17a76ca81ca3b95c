import {
  ChangeDetectionStrategy,
  Component,
  computed,
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
import type { InvitationAccepted, InvitationPreview } from '@consortio/shared/contracts';
import {
  type ApiError,
  applyFieldErrors,
  asApiError,
  controlErrorMessage,
  errorSentence,
  focusFirstInvalid,
  I18nService,
  problemSentence,
  TranslatePipe,
} from '@consortio/web/core';
import { InvitationsService, SessionService } from '@consortio/web/identity/data-access';
import { ROLE_LABEL } from '../shared/identity-labels';
import { linkTokenReader } from '../shared/link-token';
import { PASSWORD_MIN_LENGTH, passwordsMatch } from '../shared/password-match';

/** What the page shows: one state at a time, so a screen reader never hears two stories. */
type AcceptState =
  | { kind: 'loading' }
  | { kind: 'invalid'; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; preview: InvitationPreview }
  | { kind: 'done'; preview: InvitationPreview; accepted: InvitationAccepted };

/**
 * The page an invitation e-mail links to. It shows who invites whom as what, and then either
 * asks for a name and password (no account for the address yet) or just for the decision.
 */
@Component({
  selector: 'cs-accept-invitation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, RouterLink, TranslatePipe],
  templateUrl: './accept-invitation-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class AcceptInvitationPage implements OnInit {
  private readonly invitations = inject(InvitationsService);
  private readonly session = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  /** Query parameter of the e-mail link (router input binding). */
  readonly token = input<string>();

  private readonly readToken = linkTokenReader();
  private linkToken: string | null = null;
  protected readonly passwordMinLength = PASSWORD_MIN_LENGTH;
  protected readonly state = signal<AcceptState>({ kind: 'loading' });
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly stateMessage = computed(() => {
    const state = this.state();
    return state.kind === 'invalid' || state.kind === 'failed' ? state.message : '';
  });
  protected readonly accepted = computed(() => {
    const state = this.state();
    return state.kind === 'done' ? state.accepted : null;
  });
  protected readonly preview = computed(() => {
    const state = this.state();
    return state.kind === 'ready' || state.kind === 'done' ? state.preview : null;
  });

  protected readonly form = new FormGroup(
    {
      displayName: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(120)],
      }),
      password: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(128)],
      }),
      passwordConfirm: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    },
    { validators: passwordsMatch('password', 'passwordConfirm') },
  );

  ngOnInit(): void {
    this.linkToken = this.readToken(this.token());
    void this.loadPreview();
  }

  protected roleLabel(preview: InvitationPreview): string {
    return this.i18n.t(ROLE_LABEL[preview.role]);
  }

  protected messageFor(control: AbstractControl): string | null {
    if (control.errors?.['mismatch'] && !control.errors['server']) return this.i18n.t('form.passwordMismatch');
    return controlErrorMessage(control, this.i18n);
  }

  protected retry(): void {
    void this.loadPreview();
  }

  protected async accept(): Promise<void> {
    const state = this.state();
    if (state.kind !== 'ready' || this.submitting() || !this.linkToken) return;
    this.error.set(null);
    const newAccount = !state.preview.accountExists;
    if (newAccount && this.form.invalid) {
      this.form.markAllAsTouched();
      focusFirstInvalid(this.host.nativeElement, this.injector);
      return;
    }
    this.submitting.set(true);
    try {
      const { displayName, password } = this.form.getRawValue();
      const accepted = await this.invitations.accept(
        newAccount ? { token: this.linkToken, displayName: displayName.trim(), password } : { token: this.linkToken },
      );
      this.state.set({ kind: 'done', preview: state.preview, accepted });
      // A person who is signed in here sees the new membership without signing in again.
      if (this.session.isSignedIn()) await this.session.reloadUser().catch(() => undefined);
      this.focus('[data-testid="accept-result"]');
    } catch (error: unknown) {
      this.show(asApiError(error));
    } finally {
      this.submitting.set(false);
    }
  }

  private async loadPreview(): Promise<void> {
    if (!this.linkToken) {
      this.state.set({ kind: 'invalid', message: this.i18n.t('link.incomplete') });
      return;
    }
    this.state.set({ kind: 'loading' });
    try {
      const preview = await this.invitations.preview(this.linkToken);
      this.state.set({ kind: 'ready', preview });
    } catch (error: unknown) {
      const apiError = asApiError(error);
      const ended = this.linkEnded(apiError);
      this.state.set(
        ended ? { kind: 'invalid', message: ended } : { kind: 'failed', message: errorSentence(apiError, this.i18n) },
      );
    }
  }

  /** 404 and 410 end the story: the link will not work again; say why in the api's words. */
  private linkEnded(error: ApiError): string | null {
    if (error.status === 404) return this.i18n.t('acceptInvitation.notFound');
    if (error.status === 410) return problemSentence(error, this.i18n.t('acceptInvitation.gone'));
    return null;
  }

  private show(error: ApiError): void {
    const ended = this.linkEnded(error);
    if (ended) {
      this.state.set({ kind: 'invalid', message: ended });
      this.focus('[data-testid="accept-error"]');
      return;
    }
    const unmatched = applyFieldErrors(this.form, error.fieldErrors);
    if (error.fieldErrors.length === 0 || unmatched.length > 0) {
      this.error.set(
        unmatched.length > 0
          ? unmatched.map((fieldError) => fieldError.message).join(' ')
          : errorSentence(error, this.i18n),
      );
    }
    focusFirstInvalid(this.host.nativeElement, this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>('[data-testid="accept-error"]'),
    );
  }

  private focus(selector: string): void {
    focusFirstInvalid(this.host.nativeElement, this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>(selector),
    );
  }
}
