import { ChangeDetectionStrategy, Component, ElementRef, inject, Injector, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { type AbstractControl, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import {
  ORGANISATION_KINDS,
  type OrganisationKind,
  type OrganisationView,
  PUBLIC_SECTOR_KINDS,
} from '@consortio/shared/contracts';
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
  type TranslationKey,
} from '@consortio/web/core';
import { OrganisationsService } from '@consortio/web/identity/data-access';
import { KIND_LABEL } from '../shared/identity-labels';
import {
  ALL_ORGANISATION_FIELDS,
  buildRegisterRequest,
  FIELDS_BY_KIND,
  type OrganisationField,
} from './register-request';

const PASSWORD_MIN_LENGTH = 12;

/** Registers an organisation with its first administrator; the fields follow the kind. */
@Component({
  selector: 'cs-register-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, RouterLink, TranslatePipe],
  templateUrl: './register-page.html',
  styleUrl: '../shared/identity-page.scss',
})
export class RegisterPage {
  private readonly organisations = inject(OrganisationsService);
  private readonly i18n = inject(I18nService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly kinds = ORGANISATION_KINDS;
  protected readonly kindLabel = KIND_LABEL;
  protected readonly passwordMinLength = PASSWORD_MIN_LENGTH;

  protected readonly form = new FormGroup({
    organisation: new FormGroup({
      kind: new FormControl<OrganisationKind>('municipality', { nonNullable: true }),
      name: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.minLength(2), Validators.maxLength(200)],
      }),
      country: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(/^\s*[a-zA-Z]{2}\s*$/)],
      }),
      nutsCode: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(/^\s*[a-zA-Z]{2}[a-zA-Z0-9]{3}\s*$/)],
      }),
      population: new FormControl<number | null>(null, {
        validators: [Validators.required, Validators.min(1), Validators.max(100_000_000)],
      }),
      contactEmail: new FormControl('', {
        nonNullable: true,
        validators: [Validators.email, Validators.maxLength(254)],
      }),
      jurisdiction: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(/^\s*[a-zA-Z]{2}[a-zA-Z0-9]{0,3}\s*$/)],
      }),
      vatNumber: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.pattern(/^\s*[a-zA-Z]{2}[a-zA-Z0-9]{2,13}\s*$/)],
      }),
    }),
    admin: new FormGroup({
      displayName: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.maxLength(120)],
      }),
      email: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.email, Validators.maxLength(254)],
      }),
      password: new FormControl('', {
        nonNullable: true,
        validators: [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(128)],
      }),
    }),
  });

  protected readonly kind = signal<OrganisationKind>('municipality');
  protected readonly submitting = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly registered = signal<OrganisationView | null>(null);
  protected readonly registeredEmail = signal('');

  constructor() {
    this.applyKind(this.kind());
    this.form.controls.organisation.controls.kind.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((kind) => this.applyKind(kind));
  }

  protected shows(field: OrganisationField): boolean {
    return FIELDS_BY_KIND[this.kind()].includes(field);
  }

  protected messageFor(control: AbstractControl, patternKey?: TranslationKey): string | null {
    return controlErrorMessage(control, this.i18n, patternKey);
  }

  protected needsVerification(organisation: OrganisationView): boolean {
    return organisation.verification === 'pending' || PUBLIC_SECTOR_KINDS.includes(organisation.kind);
  }

  protected async submit(): Promise<void> {
    if (this.submitting()) return;
    this.error.set(null);
    if (!readyToSend(this.form, this.host.nativeElement, this.injector)) return;
    this.submitting.set(true);
    const request = buildRegisterRequest(this.form.getRawValue(), this.i18n.lang());
    try {
      const answer = await this.organisations.register(request);
      this.registeredEmail.set(request.admin.email);
      this.registered.set(answer.organisation);
      focusFirstInvalid(this.host.nativeElement, this.injector, () =>
        this.host.nativeElement.querySelector<HTMLElement>('#registered-heading'),
      );
    } catch (error: unknown) {
      this.show(isApiError(error) ? error : toApiError(error));
    } finally {
      this.submitting.set(false);
    }
  }

  /** Fields of other kinds are disabled: they are neither validated nor sent. */
  private applyKind(kind: OrganisationKind): void {
    this.kind.set(kind);
    const group = this.form.controls.organisation.controls;
    const wanted = FIELDS_BY_KIND[kind];
    for (const field of ALL_ORGANISATION_FIELDS) {
      const control = group[field];
      if (wanted.includes(field)) control.enable({ emitEvent: false });
      else control.disable({ emitEvent: false });
    }
  }

  private show(error: ApiError): void {
    // 409: the administrator's e-mail address is taken; say so at that field.
    const fieldErrors =
      error.status === 409
        ? [{ field: 'admin.email', message: error.problem?.detail || this.i18n.t('register.emailTaken') }]
        : error.fieldErrors;
    const unmatched = applyFieldErrors(this.form, fieldErrors);
    if (fieldErrors.length === 0) {
      this.error.set(describeApiError(error, this.i18n));
    } else if (unmatched.length > 0) {
      this.error.set(unmatched.map((fieldError) => fieldError.message).join(' '));
    }
    focusFirstInvalid(this.host.nativeElement, this.injector, () =>
      this.host.nativeElement.querySelector<HTMLElement>('[data-testid="register-error"]'),
    );
  }
}
