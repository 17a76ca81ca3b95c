import { LiveAnnouncer } from '@angular/cdk/a11y';
import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, type PageEvent } from '@angular/material/paginator';
import { MatTableModule } from '@angular/material/table';
import { Router } from '@angular/router';
import {
  type ConsortiumApplicationView,
  type ConsortiumMemberView,
  type ConsortiumRole,
  type ConsortiumStatus,
  DEFAULT_PAGE_SIZE,
  type MunicipalityMatchView,
  type Page,
} from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';
import { SessionService } from '@consortio/web/identity/data-access';
import { confirmAction } from '@consortio/web/ui';
import { PAGE_SIZE_OPTIONS, ROLE_LABEL, STATUS_LABEL } from '../consortia-labels';
import { ConsortiumContext } from './consortium-context';

const emptyPage = <T>(): Page<T> => ({ items: [], page: 1, pageSize: DEFAULT_PAGE_SIZE, total: 0 });

/** The next statuses the lead can choose, in the order of the lifecycle. */
const NEXT_STATUS: Record<ConsortiumStatus, ConsortiumStatus[]> = {
  forming: ['active', 'closed'],
  active: ['tendering', 'closed'],
  tendering: ['contracted', 'active'],
  contracted: ['closed'],
  closed: [],
};

/** Members, invitations and requests, the status and leaving. */
@Component({
  selector: 'cs-consortium-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatPaginatorModule,
    MatTableModule,
    TranslatePipe,
  ],
  templateUrl: './overview-tab.html',
  styleUrl: '../consortia-page.scss',
})
export class OverviewTab {
  protected readonly context = inject(ConsortiumContext);
  private readonly api = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);
  private readonly session = inject(SessionService);
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly announcer = inject(LiveAnnouncer);

  protected readonly roleLabel = ROLE_LABEL;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly nextStatus = NEXT_STATUS;
  protected readonly pageSizeOptions = PAGE_SIZE_OPTIONS;
  protected readonly memberColumns = ['name', 'role', 'region', 'population', 'actions'];

  protected readonly members = signal<Page<ConsortiumMemberView>>(emptyPage());
  protected readonly applications = signal<Page<ConsortiumApplicationView>>(emptyPage());
  protected readonly candidates = signal<MunicipalityMatchView[] | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly result = signal<string | null>(null);
  protected readonly busy = signal<string | null>(null);
  protected readonly inviteForm = new FormGroup({
    query: new FormControl('', { nonNullable: true, validators: [Validators.minLength(2)] }),
  });

  constructor() {
    effect(() => {
      const id = this.context.id();
      this.context.changes();
      if (id) untracked(() => void this.load(id));
    });
  }

  protected roleKey(member: ConsortiumMemberView): TranslationKey {
    return ROLE_LABEL[member.role];
  }

  protected myOrganisationId(): string | null {
    return this.session.actingOrganisationId();
  }

  protected formatNumber(value: number | null): string {
    return value === null ? '–' : this.i18n.formatNumber(value);
  }

  protected onMembersPage(event: PageEvent): void {
    const id = this.context.id();
    if (id) void this.loadMembers(id, event.pageIndex + 1, event.pageSize);
  }

  protected async findCandidates(): Promise<void> {
    const name = this.inviteForm.controls.query.value.trim();
    if (name.length < 2) return;
    await this.act('find', async () => {
      const page = await this.api.municipalities({ name, page: 1, pageSize: 10 });
      this.candidates.set(page.items);
      return this.i18n.t('overview.found', { count: page.total });
    });
  }

  protected async invite(candidate: MunicipalityMatchView): Promise<void> {
    const id = this.context.id();
    if (!id) return;
    await this.act(candidate.organisationId, async () => {
      await this.api.invite(id, candidate.organisationId, 'member');
      this.candidates.set(null);
      this.inviteForm.reset();
      await this.load(id);
      return this.i18n.t('overview.invited', { name: candidate.name });
    });
  }

  protected async answer(
    application: ConsortiumApplicationView,
    decision: 'accept' | 'decline' | 'withdraw',
  ): Promise<void> {
    const id = this.context.id();
    if (!id) return;
    await this.act(application.id, async () => {
      await this.api.decideApplication(id, application.id, decision);
      await this.context.reload();
      await this.load(id);
      return this.i18n.t(`applications.done.${decision}`, { name: application.organisationName });
    });
  }

  protected async changeRole(member: ConsortiumMemberView, role: ConsortiumRole): Promise<void> {
    const id = this.context.id();
    if (!id) return;
    if (role === 'lead') {
      const confirmed = await confirmAction(this.dialog, {
        title: this.i18n.t('overview.handOverTitle'),
        message: this.i18n.t('overview.handOverMessage', { name: member.name }),
        confirmLabel: this.i18n.t('overview.handOver'),
        cancelLabel: this.i18n.t('common.cancel'),
      });
      if (!confirmed) return;
    }
    await this.act(member.organisationId, async () => {
      await this.api.changeRole(id, member.organisationId, role);
      await this.context.reload();
      await this.load(id);
      return this.i18n.t('overview.roleChanged', { name: member.name, role: this.i18n.t(ROLE_LABEL[role]) });
    });
  }

  protected async remove(member: ConsortiumMemberView): Promise<void> {
    const id = this.context.id();
    if (!id) return;
    const leaving = member.organisationId === this.myOrganisationId();
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t(leaving ? 'overview.leaveTitle' : 'overview.removeTitle'),
      message: this.i18n.t(leaving ? 'overview.leaveMessage' : 'overview.removeMessage', { name: member.name }),
      confirmLabel: this.i18n.t(leaving ? 'overview.leave' : 'overview.remove'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    await this.act(member.organisationId, async () => {
      await this.api.removeMember(id, member.organisationId);
      if (leaving) {
        await this.router.navigate(['/consortia']);
        return this.i18n.t('overview.left');
      }
      await this.load(id);
      return this.i18n.t('overview.removed', { name: member.name });
    });
  }

  protected async setStatus(status: ConsortiumStatus): Promise<void> {
    const id = this.context.id();
    if (!id) return;
    await this.act('status', async () => {
      const view = await this.api.changeStatus(id, status);
      this.context.consortium.set(view);
      return this.i18n.t('overview.statusChanged', { status: this.i18n.t(STATUS_LABEL[status]) });
    });
  }

  private async act(key: string, work: () => Promise<string>): Promise<void> {
    this.busy.set(key);
    this.error.set(null);
    this.result.set(null);
    try {
      const message = await work();
      this.result.set(message);
      void this.announcer.announce(message);
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    } finally {
      this.busy.set(null);
    }
  }

  private async load(id: string): Promise<void> {
    await Promise.all([this.loadMembers(id, 1, this.members().pageSize), this.loadApplications(id)]);
  }

  private async loadMembers(id: string, page: number, pageSize: number): Promise<void> {
    try {
      this.members.set(await this.api.members(id, { page, pageSize }));
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  private async loadApplications(id: string): Promise<void> {
    try {
      this.applications.set(await this.api.applications(id, { page: 1, pageSize: 50, status: 'pending' }));
    } catch (error: unknown) {
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }
}
