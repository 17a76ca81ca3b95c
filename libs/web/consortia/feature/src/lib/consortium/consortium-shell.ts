import { ChangeDetectionStrategy, Component, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { consortiumChannel, type DecisionView } from '@consortio/shared/contracts';
import { EVENTS_SOCKET_FACTORY, type EventsSocket, TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { StatusBadge } from '@consortio/web/ui';
import { DOMAIN_LABEL, ROLE_LABEL, STATUS_BADGE, STATUS_LABEL } from '../consortia-labels';
import { ConsortiumContext } from './consortium-context';

const TABS: { path: string; label: TranslationKey; exact: boolean }[] = [
  { path: '.', label: 'consortium.tab.overview', exact: true },
  { path: 'agreement', label: 'consortium.tab.agreement', exact: false },
  { path: 'decisions', label: 'consortium.tab.decisions', exact: false },
  { path: 'needs', label: 'consortium.tab.needs', exact: false },
  { path: 'pooled-demand', label: 'consortium.tab.pooled', exact: false },
  { path: 'specifications', label: 'consortium.tab.specifications', exact: false },
  { path: 'tenders', label: 'tenders.tab', exact: false },
];

/** A consortium: its name and status, a tab per part of the work, and its live event channel. */
@Component({
  selector: 'cs-consortium-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatTabsModule, RouterLink, RouterLinkActive, RouterOutlet, StatusBadge, TranslatePipe],
  providers: [ConsortiumContext],
  templateUrl: './consortium-shell.html',
  styleUrl: '../consortia-page.scss',
})
export class ConsortiumShell {
  protected readonly context = inject(ConsortiumContext);
  private readonly socketFactory = inject(EVENTS_SOCKET_FACTORY);
  private socket: EventsSocket | null = null;

  readonly consortiumId = input.required<string>();

  protected readonly tabs = TABS;
  protected readonly statusLabel = STATUS_LABEL;
  protected readonly statusBadge = STATUS_BADGE;
  protected readonly domainLabel = DOMAIN_LABEL;
  protected readonly roleLabel = ROLE_LABEL;

  constructor() {
    effect(() => {
      const id = this.consortiumId();
      untracked(() => {
        void this.context.load(id);
        this.listen(id);
      });
    });
    inject(DestroyRef).onDestroy(() => this.socket?.disconnect());
  }

  private listen(id: string): void {
    this.socket?.disconnect();
    const socket = this.socketFactory();
    this.socket = socket;
    // Subscribe on every (re)connect: rooms do not survive a reconnect.
    socket.on('connect', () => socket.emit('subscribe', { channel: consortiumChannel(id) }, () => undefined));
    socket.on('consortium.changed', (change) => {
      if (change.consortiumId !== id) return;
      if (change.what === 'members') void this.context.reload();
      this.context.changed(change.what);
    });
    socket.on('decision.updated', (decision: Omit<DecisionView, 'myVote'>) => {
      if (decision.consortiumId !== id) return;
      this.context.lastDecision.set(decision);
      this.context.changed('decision');
    });
  }
}
