import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
} from '@angular/core';
import {
  type AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  type ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import {
  asApiError,
  collapseListFields,
  controlErrorMessage,
  errorSentence,
  I18nService,
  problemSentence,
  readyToSend,
  showRefusal,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import {
  IdentityProviderService,
  type IdentityProviderView,
  SINGLE_SIGN_ON_ROLES,
  type SingleSignOnRole,
} from '@consortio/web/identity/data-access';
import { confirmAction, Icon } from '@consortio/web/ui';
import { ROLE_LABEL } from '../shared/identity-labels';

const DOMAIN = /^(?=.{3,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/;

/** "Musterstadt.example, rathaus.musterstadt.example" → the lower-case domains, without repeats. */
export function parseDomains(text: string): string[] {
  const domains = text
    .split(/[\s,;]+/)
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
    .filter((domain) => domain !== '');
  return [...new Set(domains)];
}

function domainsValidator(control: AbstractControl<string>): ValidationErrors | null {
  const domains = parseDomains(control.value ?? '');
  if (domains.length === 0) return null;
  return domains.every((domain) => DOMAIN.test(domain)) ? null : { pattern: true };
}

/**
 * Sign-in through the organisation's own OpenID Connect provider. The client secret is written
 * only: the api never returns it, and the form never fills it in, so each save sends it anew.
 */
@Component({
  selector: 'cs-identity-provider-section',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, Icon, TranslatePipe],
  templateUrl: './identity-provider-section.html',
  styleUrl: '../shared/identity-page.scss',
})
export class IdentityProviderSection {
  private readonly providers = inject(IdentityProviderService);
  private readonly i18n = inject(I18nService);
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly organisationId = input.required<string>();

  protected readonly roles = SINGLE_SIGN_ON_ROLES;
  protected readonly roleLabel = ROLE_LABEL;
  protected readonly provider = signal<IdentityProviderView | null>(null);
  protected readonly loaded = signal(false);
  protected readonly submitting = signal(false);
  protected readonly removing = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<string | null>(null);

  protected readonly form = new FormGroup({
    issuer: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(500), Validators.pattern(/^\s*https?:\/\/\S+\s*$/)],
    }),
    clientId: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
    clientSecret: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(500)],
    }),
    emailDomains: new FormControl('', { nonNullable: true, validators: [Validators.required, domainsValidator] }),
    defaultRole: new FormControl<SingleSignOnRole>('viewer', { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      const organisationId = this.organisationId();
      untracked(() => {
        this.provider.set(null);
        this.loaded.set(false);
        this.error.set(null);
        this.result.set(null);
        void this.load(organisationId);
      });
    });
  }

  protected messageFor(control: AbstractControl, patternKey?: TranslationKey): string | null {
    return controlErrorMessage(control, this.i18n, patternKey);
  }

  protected formatDate(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected async save(): Promise<void> {
    if (this.submitting()) return;
    this.error.set(null);
    this.result.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    this.submitting.set(true);
    const organisationId = this.organisationId();
    const value = this.form.getRawValue();
    try {
      const saved = await this.providers.save(organisationId, {
        issuer: value.issuer.trim(),
        clientId: value.clientId.trim(),
        clientSecret: value.clientSecret,
        emailDomains: parseDomains(value.emailDomains),
        defaultRole: value.defaultRole,
      });
      this.provider.set(saved);
      this.fill(saved);
      this.announce(this.i18n.t('sso.saved'));
    } catch (error: unknown) {
      const apiError = asApiError(error);
      // 409: a domain belongs to another organisation.
      const fieldErrors =
        apiError.status === 409
          ? [{ field: 'emailDomains', message: problemSentence(apiError, this.i18n.t('sso.domainTaken')) }]
          : collapseListFields(apiError.fieldErrors);
      showRefusal({
        form: this.form,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: apiError,
        fieldErrors,
        setError: (sentence) => this.error.set(sentence),
        errorTestId: 'sso-error',
      });
    } finally {
      this.submitting.set(false);
    }
  }

  protected async remove(): Promise<void> {
    const provider = this.provider();
    if (!provider || this.removing()) return;
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('sso.removeTitle'),
      message: this.i18n.t('sso.removeMessage', { issuer: provider.issuer }),
      confirmLabel: this.i18n.t('sso.removeConfirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    this.removing.set(true);
    this.error.set(null);
    this.result.set(null);
    try {
      await this.providers.remove(this.organisationId());
      this.provider.set(null);
      this.form.reset();
      this.announce(this.i18n.t('sso.removed'));
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.removing.set(false);
    }
  }

  private announce(message: string): void {
    this.result.set(message);
    void this.announcer.announce(message);
  }

  /** Pre-fills what the api shows; the secret stays empty. */
  private fill(provider: IdentityProviderView): void {
    this.form.reset({
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: '',
      emailDomains: provider.emailDomains.join(', '),
      defaultRole: provider.defaultRole,
    });
  }

  private async load(organisationId: string): Promise<void> {
    try {
      const provider = await this.providers.get(organisationId);
      if (organisationId !== this.organisationId()) return;
      this.provider.set(provider);
      if (provider) this.fill(provider);
      else this.form.reset();
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.loaded.set(true);
    }
  }
}
