import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslatePipe, type TranslationKey } from '@consortio/web/core';
import { Icon, type IconName } from '../icon/icon';

export type BadgeStatus = 'up' | 'down' | 'pending' | 'unknown';

const APPEARANCE: Record<BadgeStatus, { icon: IconName; label: TranslationKey }> = {
  up: { icon: 'check', label: 'status.up' },
  down: { icon: 'error', label: 'status.down' },
  pending: { icon: 'pending', label: 'status.pending' },
  unknown: { icon: 'help', label: 'status.unknown' },
};

/**
 * Status as icon plus words (never colour alone, WCAG 1.4.1). `label` replaces the default
 * word for the status, e.g. "Operational" instead of "Up".
 */
@Component({
  selector: 'cs-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon, TranslatePipe],
  host: { class: 'cs-status-badge', '[attr.data-status]': 'status()' },
  template: `<cs-icon [name]="appearance().icon" /><span class="cs-status-badge__text">{{
      label() ?? (appearance().label | t)
    }}</span>`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      padding: 0.125rem 0.625rem 0.125rem 0.375rem;
      border-radius: 999px;
      border: 1px solid currentColor;
      font-weight: 600;
      line-height: 1.5;
      color: var(--cs-status-unknown-fg);
      background: var(--cs-status-unknown-bg);
    }
    :host([data-status='up']) {
      color: var(--cs-status-up-fg);
      background: var(--cs-status-up-bg);
    }
    :host([data-status='down']) {
      color: var(--cs-status-down-fg);
      background: var(--cs-status-down-bg);
    }
    :host([data-status='pending']) {
      color: var(--cs-status-pending-fg);
      background: var(--cs-status-pending-bg);
    }
    cs-icon {
      font-size: 0.875em;
    }
  `,
})
export class StatusBadge {
  readonly status = input.required<BadgeStatus>();
  readonly label = input<string | null>(null);
  protected readonly appearance = computed(() => APPEARANCE[this.status()]);
}
