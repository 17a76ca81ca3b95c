import { LiveAnnouncer } from '@angular/cdk/a11y';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, RouterLink } from '@angular/router';
import {
  type ConsortiumMemberView,
  type AwardCriterion,
  consortiumChannel,
  LOT_BID_RULES,
  type LotBidRule,
  PROCEDURE_TYPES,
  type ProcedureType,
  type SpecificationVersionView,
  TENDER_STAGES,
  type TenderLotView,
  type TenderMilestoneView,
  type TenderNextStageView,
  type TenderStage,
  type TenderUpdateInput,
  type TenderView,
} from '@consortio/shared/contracts';
import {
  asApiError,
  EVENTS_SOCKET_FACTORY,
  type EventsSocket,
  errorSentence,
  I18nService,
  TranslatePipe,
  type TranslationKey,
} from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';
import { SpecificationsApi } from '@consortio/web/specifications/data-access';
import { TendersApi } from '@consortio/web/tenders/data-access';
import { confirmAction } from '@consortio/web/ui';
import { TenderOpenCalls } from '@consortio/web/open-calls/feature';
import { PublishGoodPractice } from '@consortio/web/knowledge/feature';
import { CriteriaEditor } from './criteria-editor';
import { ObserverNotes } from './observer-notes';
import { LotEvaluation } from './lot-evaluation';
import { milestoneState } from './milestone-state';
import { ScaleUpPanel } from './scale-up-panel';
import { TenderLineage, TenderSavings } from './tender-results';

/**
 * One tender: where it stands among the stages and what keeps it from the next (each guard says
 * why), its details, award criteria with a live preview of how the weights play out, lots, lot
 * rules and the timeline with delays. Changes by others arrive live on the consortium's channel.
 */
@Component({
  selector: 'cs-tender-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    LotEvaluation,
    ScaleUpPanel,
    TenderSavings,
    TenderLineage,
    TenderOpenCalls,
    PublishGoodPractice,
    ObserverNotes,
    CriteriaEditor,
  ],
  templateUrl: './tender-page.html',
  styleUrl: './tender-page.scss',
})
export class TenderPage {
  private readonly api = inject(TendersApi);
  private readonly specifications = inject(SpecificationsApi);
  private readonly consortia = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly dialog = inject(MatDialog);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly eventsSocket = inject(EVENTS_SOCKET_FACTORY);
  private readonly id = inject(ActivatedRoute).snapshot.paramMap.get('tenderId') ?? '';
  private events: EventsSocket | null = null;

  protected readonly stages = TENDER_STAGES;
  protected readonly procedures = PROCEDURE_TYPES;
  protected readonly bidRules = LOT_BID_RULES;
  protected readonly tender = signal<TenderView | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly versions = signal<(SpecificationVersionView & { specificationTitle: string })[]>([]);
  protected readonly today = new Date().toISOString().slice(0, 10);

  protected readonly currentIndex = computed(() => {
    const stage = this.tender()?.stage;
    return stage ? this.stages.indexOf(stage) : -1;
  });

  protected readonly details = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.minLength(3)] }),
    procedureType: new FormControl<ProcedureType>('open', { nonNullable: true }),
    estimatedValue: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    tenderDeadline: new FormControl('', { nonNullable: true }),
    specificationVersionId: new FormControl('', { nonNullable: true }),
    contractSignedOn: new FormControl('', { nonNullable: true }),
  });
  protected readonly lotRules = new FormGroup({
    bidsOn: new FormControl<LotBidRule>('several', { nonNullable: true }),
    maxLotsPerTenderer: new FormControl<number | null>(null),
  });
  protected readonly lotForm = new FormGroup({
    title: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    cpvCodes: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    value: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    memberOrganisationIds: new FormControl<string[]>([], { nonNullable: true }),
  });
  /** The lead and members, who can take part in lots (observers do not buy). */
  protected readonly participants = signal<ConsortiumMemberView[]>([]);
  protected readonly milestoneForm = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    plannedOn: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly reasons = new Map<TenderStage, FormControl<string>>();

  constructor() {
    void this.load();
    inject(DestroyRef).onDestroy(() => this.events?.disconnect());
  }

  protected stageIndex(stage: TenderStage): number {
    return this.stages.indexOf(stage);
  }

  /** Changes whenever an award does: the savings table reads itself again. */
  protected readonly awardsKey = computed(() =>
    (this.tender()?.lots ?? []).map((lot) => `${lot.id}:${lot.award?.value ?? ''}`).join(','),
  );

  /** A part of the page changed the tender (an evaluation, an award, a site): read it again. */
  protected refresh(): void {
    void this.reload().catch(() => undefined);
  }

  protected stageLabel(stage: TenderStage): TranslationKey {
    return `tender.stage.${stage}`;
  }

  protected procedureLabel(procedure: ProcedureType): TranslationKey {
    return `tender.procedure.${procedure}`;
  }

  protected bidRuleLabel(rule: LotBidRule): TranslationKey {
    return `tender.bidsOn.${rule}`;
  }

  protected state(milestone: TenderMilestoneView) {
    return milestoneState(milestone, this.today);
  }

  protected reasonFor(next: TenderNextStageView): FormControl<string> {
    let control = this.reasons.get(next.stage);
    if (!control) {
      control = new FormControl('', { nonNullable: true });
      this.reasons.set(next.stage, control);
    }
    return control;
  }

  protected async move(next: TenderNextStageView): Promise<void> {
    const reason = this.reasonFor(next).value.trim();
    await this.act(async () => {
      const view = await this.api.transition(this.id, { to: next.stage, ...(reason ? { reason } : {}) });
      this.show(view);
      void this.announcer.announce(this.i18n.t('tender.moved', { stage: this.i18n.t(this.stageLabel(view.stage)) }));
    });
  }

  /**
   * Sends only what was changed: once a tender is published its procedure, value and version are
   * fixed, while its time limit and contract date still move.
   */
  protected async saveDetails(): Promise<void> {
    if (this.details.invalid) {
      this.details.markAllAsTouched();
      return;
    }
    const controls = this.details.controls;
    const value = this.details.getRawValue();
    const changes: TenderUpdateInput = {
      ...(controls.title.dirty ? { title: value.title } : {}),
      ...(controls.procedureType.dirty ? { procedureType: value.procedureType } : {}),
      ...(controls.estimatedValue.dirty ? { estimatedValue: value.estimatedValue } : {}),
      ...(controls.tenderDeadline.dirty
        ? { tenderDeadline: value.tenderDeadline ? new Date(value.tenderDeadline).toISOString() : null }
        : {}),
      ...(controls.specificationVersionId.dirty
        ? { specificationVersionId: value.specificationVersionId || null }
        : {}),
      ...(controls.contractSignedOn.dirty ? { contractSignedOn: value.contractSignedOn || null } : {}),
    };
    await this.act(async () => {
      const view = await this.api.update(this.id, changes);
      this.details.markAsPristine();
      this.show(view);
      void this.announcer.announce(this.i18n.t('tender.saved'));
    });
  }

  protected readonly saveCriteria = (criteria: AwardCriterion[]): Promise<boolean> =>
    this.act(async () => {
      this.show(await this.api.update(this.id, { criteria }));
      void this.announcer.announce(this.i18n.t('tender.saved'));
    });

  protected async saveLotRules(): Promise<void> {
    const value = this.lotRules.getRawValue();
    await this.act(async () => {
      this.show(
        await this.api.update(this.id, {
          lotRules: {
            bidsOn: value.bidsOn,
            maxLotsPerTenderer:
              value.maxLotsPerTenderer === null || String(value.maxLotsPerTenderer) === ''
                ? null
                : Number(value.maxLotsPerTenderer),
          },
        }),
      );
      void this.announcer.announce(this.i18n.t('tender.saved'));
    });
  }

  /** The lot the lot form is changing, or null while it adds a new one. */
  protected readonly editingLot = signal<TenderLotView | null>(null);

  /** The award criteria of the lot being changed, when it has (or is given) criteria of its own. */
  protected readonly lotCriteria = signal<AwardCriterion[] | null>(null);

  /** The lot's own criteria editor, while the lot form shows one. */
  private readonly lotCriteriaEditor = viewChild<CriteriaEditor>('lotCriteriaEditor');

  /**
   * The own criteria of the lot being changed that are not stored yet: changed in its editor, or
   * copied from the tender's and not saved since. Null when there are none.
   */
  private lotCriteriaDraft(): AwardCriterion[] | null {
    const own = this.lotCriteria();
    if (own === null) return null;
    return this.lotCriteriaEditor()?.unsaved() ?? (this.editingLot()?.criteria === null ? own : null);
  }

  /** Asks before the lot form is left with own criteria not stored; answers whether to go on. */
  private async mayLeaveLotForm(): Promise<boolean> {
    const editing = this.editingLot();
    if (!editing || this.lotCriteriaDraft() === null) return true;
    const discard = await confirmAction(this.dialog, {
      title: this.i18n.t('tender.lot.discardCriteria.title', { number: editing.number }),
      message: this.i18n.t('tender.lot.discardCriteria.message'),
      confirmLabel: this.i18n.t('tender.lot.discardCriteria.confirm'),
      cancelLabel: this.i18n.t('tender.lot.discardCriteria.keep'),
      destructive: true,
    });
    return discard !== null;
  }

  protected async editLot(lot: TenderLotView): Promise<void> {
    if (!(await this.mayLeaveLotForm())) return;
    this.editingLot.set(lot);
    this.lotCriteria.set(lot.criteria);
    this.lotForm.setValue({
      title: lot.title,
      cpvCodes: lot.cpvCodes.join(', '),
      value: lot.value,
      memberOrganisationIds: lot.memberOrganisationIds,
    });
    // Keyboard users land in the form that now holds the lot.
    this.focusSoon('lot-title');
  }

  protected async cancelLotEdit(): Promise<void> {
    if (!(await this.mayLeaveLotForm())) return;
    this.editingLot.set(null);
    this.lotCriteria.set(null);
    this.lotForm.reset();
  }

  /** Adds a lot, or saves the one being changed, with its own criteria if they are not stored yet. */
  protected async saveLot(): Promise<void> {
    if (this.lotForm.invalid) {
      this.lotForm.markAllAsTouched();
      return;
    }
    const value = this.lotForm.getRawValue();
    const input = {
      title: value.title,
      cpvCodes: value.cpvCodes
        .split(',')
        .map((code) => code.trim())
        .filter(Boolean),
      value: value.value,
      memberOrganisationIds: value.memberOrganisationIds,
    };
    const editing = this.editingLot();
    const criteria = editing ? this.lotCriteriaDraft() : null;
    await this.act(async () => {
      if (editing) await this.api.updateLot(this.id, editing.id, criteria ? { ...input, criteria } : input);
      else await this.api.addLot(this.id, input);
      this.editingLot.set(null);
      this.lotCriteria.set(null);
      this.lotForm.reset();
      await this.reload();
    });
  }

  /** Starts the lot's own criteria from a copy of the tender's; stored once saved. */
  protected giveOwnCriteria(tenderCriteria: AwardCriterion[]): void {
    this.lotCriteria.set(tenderCriteria);
    this.focusSoon('lot-criterion-name-0');
  }

  /** The lot is evaluated on the tender's criteria again; criteria it had of its own are dropped. */
  protected async useTenderCriteria(): Promise<void> {
    if (this.editingLot()?.criteria === null) this.lotCriteria.set(null);
    else if (!(await this.saveLotCriteria(null))) return;
    this.focusSoon('lot-criteria-own');
  }

  /** Keyboard users land on what replaced the button they pressed, once it is rendered. */
  private focusSoon(testId: string): void {
    setTimeout(() => this.host.nativeElement.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus());
  }

  /**
   * Stores the criteria of the lot being changed: its own (Art. 46), evaluated instead of the
   * tender's, or null for the tender's again. Answers whether that worked.
   */
  protected readonly saveLotCriteria = (criteria: AwardCriterion[] | null): Promise<boolean> => {
    const editing = this.editingLot();
    if (!editing) return Promise.resolve(false);
    return this.act(async () => {
      const lot = await this.api.updateLot(this.id, editing.id, { criteria });
      this.editingLot.set(lot);
      this.lotCriteria.set(lot.criteria);
      await this.reload();
      void this.announcer.announce(this.i18n.t('tender.saved'));
    });
  };

  protected memberNames(ids: string[]): string {
    const names = new Map(this.participants().map((member) => [member.organisationId, member.name]));
    return ids.map((id) => names.get(id) ?? id).join(', ');
  }

  protected async setLotMembers(lotId: string, memberOrganisationIds: string[]): Promise<void> {
    await this.act(async () => {
      await this.api.updateLot(this.id, lotId, { memberOrganisationIds });
      await this.reload();
    });
  }

  protected async removeLot(lotId: string): Promise<void> {
    await this.act(async () => {
      await this.api.removeLot(this.id, lotId);
      await this.reload();
    });
  }

  protected async addMilestone(): Promise<void> {
    if (this.milestoneForm.invalid) {
      this.milestoneForm.markAllAsTouched();
      return;
    }
    await this.act(async () => {
      await this.api.addMilestone(this.id, this.milestoneForm.getRawValue());
      this.milestoneForm.reset();
      await this.reload();
    });
  }

  protected async reached(milestone: TenderMilestoneView): Promise<void> {
    await this.act(async () => {
      await this.api.updateMilestone(this.id, milestone.id, { actualOn: this.today });
      await this.reload();
    });
  }

  /** A planned date moved, or the date it was reached set or cleared (an empty actual date). */
  protected async moveMilestone(
    milestone: TenderMilestoneView,
    field: 'plannedOn' | 'actualOn',
    event: Event,
  ): Promise<void> {
    const value = (event.target as HTMLInputElement).value;
    if (field === 'plannedOn' && !value) return;
    await this.act(async () => {
      await this.api.updateMilestone(
        this.id,
        milestone.id,
        field === 'plannedOn' ? { plannedOn: value } : { actualOn: value || null },
      );
      await this.reload();
    });
  }

  protected async removeMilestone(milestone: TenderMilestoneView): Promise<void> {
    await this.act(async () => {
      await this.api.removeMilestone(this.id, milestone.id);
      await this.reload();
    });
  }

  /** Runs one change; says why it failed on the page. Answers whether it worked. */
  private async act(work: () => Promise<void>): Promise<boolean> {
    this.busy.set(true);
    this.message.set(null);
    try {
      await work();
      return true;
    } catch (error) {
      this.message.set(errorSentence(asApiError(error), this.i18n));
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      const view = await this.api.get(this.id);
      this.show(view);
      this.follow(view.consortiumId);
      void this.loadVersions(view.consortiumId);
      void this.consortia.members(view.consortiumId, { page: 1, pageSize: 100 }).then(
        (page) => this.participants.set(page.items.filter((member) => member.role !== 'observer')),
        () => this.participants.set([]),
      );
    } catch (error) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async reload(): Promise<void> {
    this.show(await this.api.get(this.id));
  }

  /** Shows the tender as the server has it; the forms take its values unless someone is typing in them. */
  private show(view: TenderView): void {
    this.tender.set(view);
    if (!this.details.dirty) {
      this.details.reset({
        title: view.title,
        procedureType: view.procedureType,
        estimatedValue: view.estimatedValue,
        tenderDeadline: view.tenderDeadline ? view.tenderDeadline.slice(0, 16) : '',
        specificationVersionId: view.specificationVersionId ?? '',
        contractSignedOn: view.contractSignedOn ?? '',
      });
    }
    if (!this.lotRules.dirty) this.lotRules.reset(view.lotRules);
    const editable = view.mayEdit;
    for (const form of [this.details, this.lotRules, this.lotForm, this.milestoneForm]) {
      if (editable) form.enable({ emitEvent: false });
      else form.disable({ emitEvent: false });
    }
  }

  private async loadVersions(consortiumId: string): Promise<void> {
    try {
      const specs = await this.specifications.list(consortiumId, 1, 50);
      const lists = await Promise.all(
        specs.items.map(async (spec) =>
          (await this.specifications.versions(spec.id, 1, 50)).items.map((version) => ({
            ...version,
            specificationTitle: spec.title,
          })),
        ),
      );
      this.versions.set(lists.flat());
    } catch {
      this.versions.set([]);
    }
  }

  /** Someone else changed this tender: read it again (the forms keep what is being typed). */
  private follow(consortiumId: string): void {
    const socket = this.eventsSocket();
    this.events = socket;
    socket.on('connect', () => socket.emit('subscribe', { channel: consortiumChannel(consortiumId) }, () => undefined));
    socket.on('tender.changed', (change) => {
      if (change.tenderId === this.id) void this.reload().catch(() => undefined);
    });
  }
}
