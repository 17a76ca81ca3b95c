import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import {
  type AgreementView,
  COST_SHARING_KEYS,
  type CostSharingKeyName,
  LEGAL_BASES,
  type LegalBasis,
} from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, readyToSend, showRefusal, TranslatePipe } from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';
import { SessionService } from '@consortio/web/identity/data-access';
import { COST_KEY_LABEL, LEGAL_BASIS_LABEL } from '../consortia-labels';
import { ConsortiumContext } from './consortium-context';

/** The joint-procurement agreement: terms (the lead), signatures with the council decision (every participant). */
@Component({
  selector: 'cs-consortium-agreement',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatTableModule, TranslatePipe],
  templateUrl: './agreement-tab.html',
  styleUrl: '../consortia-page.scss',
})
export class AgreementTab {
  protected readonly context = inject(ConsortiumContext);
  private readonly api = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly bases = LEGAL_BASES;
  protected readonly keys = COST_SHARING_KEYS;
  protected readonly basisLabel = LEGAL_BASIS_LABEL;
  protected readonly keyLabel = COST_KEY_LABEL;

  protected readonly agreement = signal<AgreementView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly signError = signal<string | null>(null);
  protected readonly termsError = signal<string | null>(null);

  protected readonly parties = computed(() => {
    const agreement = this.agreement();
    if (!agreement) return [];
    return [
      ...agreement.signatures.map((signature) => ({
        organisationId: signature.organisationId,
        name: signature.organisationName,
      })),
      ...agreement.awaiting,
    ].sort((a, b) => a.name.localeCompare(b.name));
  });
  protected readonly mySignatureMissing = computed(() => {
    const me = this.session.actingOrganisationId();
    return this.agreement()?.awaiting.some((party) => party.organisationId === me) ?? false;
  });

  protected readonly signForm = new FormGroup({
    councilDecisionRef: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200)],
    }),
  });
  protected readonly termsForm = new FormGroup({
    legalBasis: new FormControl<LegalBasis>('art-38-occasional-joint-procurement', { nonNullable: true }),
    costKey: new FormControl<CostSharingKeyName>('equal', { nonNullable: true }),
  });
  protected readonly weights = signal<Record<string, number>>({});

  constructor() {
    effect(() => {
      const id = this.context.id();
      const change = this.context.changes();
      if (id && (change.at === 0 || change.what === 'agreement' || change.what === 'members'))
        untracked(() => void this.load(id));
    });
  }

  protected formatDate(iso: string): string {
    return this.i18n.formatDateTime(iso);
  }

  protected weightOf(organisationId: string): string {
    const weight = this.weights()[organisationId] as number | undefined;
    return weight === undefined ? '' : String(weight);
  }

  protected setWeight(organisationId: string, value: string): void {
    this.weights.update((weights) => ({ ...weights, [organisationId]: Number(value) }));
  }

  protected async sign(): Promise<void> {
    const id = this.context.id();
    if (!id || this.busy()) return;
    this.signError.set(null);
    if (!readyToSend(this.signForm, this.host.nativeElement, this.injector)) return;
    this.busy.set(true);
    try {
      this.agreement.set(await this.api.sign(id, this.signForm.getRawValue().councilDecisionRef.trim()));
      this.signForm.reset();
      this.announce(this.i18n.t('agreement.signed'));
    } catch (error: unknown) {
      showRefusal({
        form: this.signForm,
        host: this.host.nativeElement,
        injector: this.injector,
        i18n: this.i18n,
        error: asApiError(error),
        setError: (sentence) => this.signError.set(sentence),
        errorTestId: 'sign-error',
      });
    } finally {
      this.busy.set(false);
    }
  }

  protected async saveTerms(): Promise<void> {
    const id = this.context.id();
    if (!id || this.busy()) return;
    this.termsError.set(null);
    this.busy.set(true);
    const { legalBasis, costKey } = this.termsForm.getRawValue();
    try {
      const before = this.agreement()?.version;
      const agreement = await this.api.updateAgreement(id, {
        legalBasis,
        costKey,
        ...(costKey === 'custom' ? { customWeights: this.weights() } : {}),
      });
      this.agreement.set(agreement);
      this.announce(
        agreement.version === before
          ? this.i18n.t('agreement.unchanged')
          : this.i18n.t('agreement.changed', { version: agreement.version }),
      );
    } catch (error: unknown) {
      this.termsError.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(false);
    }
  }

  private announce(message: string): void {
    this.result.set(message);
    void this.announcer.announce(message);
  }

  private async load(id: string): Promise<void> {
    try {
      const agreement = await this.api.agreement(id);
      this.agreement.set(agreement);
      this.termsForm.setValue({ legalBasis: agreement.legalBasis, costKey: agreement.costKey });
      this.weights.set({ ...agreement.customWeights });
      this.error.set(null);
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
