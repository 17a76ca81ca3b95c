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
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import {
  asApiError,
  errorSentence,
  focusFirstInvalid,
  I18nService,
  problemSentence,
  TranslatePipe,
} from '@consortio/web/core';
import { AccountService, SessionService } from '@consortio/web/identity/data-access';
import { linkTokenReader } from '../shared/link-token';

/**
 * The page an e-mail change link leads to. It confirms only on a click: mail filters and link
 * scanners open links on their own, and must not spend the token.
 */
@Component({
  selector: 'cs-confirm-email-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, RouterLink, TranslatePipe],
  templateUrl: './confirm-email-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class ConfirmEmailPage implements OnInit {
  private readonly account = inject(AccountService);
  protected readonly session = inject(SessionService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly readToken = linkTokenReader();

  /** Query parameter of the e-mail link (router input binding). */
  readonly token = input<string>();

  protected readonly linkToken = signal<string | null>(null);
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly gone = signal(false);
  protected readonly done = signal(false);

  ngOnInit(): void {
    this.linkToken.set(this.readToken(this.token()));
  }

  protected async confirm(): Promise<void> {
    const token = this.linkToken();
    if (this.submitting() || !token) return;
    this.error.set(null);
    this.submitting.set(true);
    try {
      await this.account.confirmEmailChange(token);
      this.done.set(true);
      if (this.session.isSignedIn()) await this.session.reloadUser().catch(() => undefined);
      this.focus('[data-testid="confirm-email-result"]');
    } catch (error: unknown) {
      const apiError = asApiError(error);
      if (apiError.status === 410) {
        this.gone.set(true);
        this.error.set(problemSentence(apiError, this.i18n.t('confirmEmail.gone')));
      } else {
        this.error.set(errorSentence(apiError, this.i18n));
      }
      this.focus('[data-testid="confirm-email-error"]');
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
