import { computed, inject, Injectable, signal } from '@angular/core';
import type { ConsortiumView, DecisionView } from '@consortio/shared/contracts';
import { asApiError, errorSentence, I18nService } from '@consortio/web/core';
import { ConsortiaApi } from '@consortio/web/consortia/data-access';

export type ConsortiumChange = 'members' | 'agreement' | 'needs' | 'lots' | 'decision' | 'specifications';

/**
 * The consortium a page shows, shared by its tabs (provided by the shell). Live changes from the
 * consortium's event channel bump `version` for the part that changed, so each tab reloads what
 * it shows; decision updates carry their view.
 */
@Injectable()
export class ConsortiumContext {
  private readonly api = inject(ConsortiaApi);
  private readonly i18n = inject(I18nService);

  readonly consortium = signal<ConsortiumView | null>(null);
  readonly error = signal<string | null>(null);
  readonly changes = signal<{ what: ConsortiumChange; at: number }>({ what: 'members', at: 0 });
  readonly lastDecision = signal<Omit<DecisionView, 'myVote'> | null>(null);

  readonly id = computed(() => this.consortium()?.id ?? null);
  readonly isLead = computed(() => this.consortium()?.myRole === 'lead');
  readonly isParticipant = computed(() => {
    const role = this.consortium()?.myRole;
    return role === 'lead' || role === 'member';
  });

  async load(id: string): Promise<void> {
    try {
      this.consortium.set(await this.api.get(id));
      this.error.set(null);
    } catch (error: unknown) {
      this.consortium.set(null);
      this.error.set(errorSentence(asApiError(error), this.i18n));
    }
  }

  async reload(): Promise<void> {
    const id = this.id();
    if (id) await this.load(id);
  }

  changed(what: ConsortiumChange): void {
    this.changes.set({ what, at: Date.now() });
  }
}
