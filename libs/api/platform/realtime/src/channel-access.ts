import { Injectable } from '@nestjs/common';
import type { EventChannel } from '@consortio/shared/contracts';
import type { Principal } from '@consortio/api/platform/auth';

export type ChannelRule = (principal: Principal | null, id: string) => Promise<boolean>;

/**
 * Who may subscribe to which event channel. `system` is public; every other kind of channel
 * (`consortium.<id>`) is closed until the domain that owns it registers a rule, so a new
 * channel can never be open by omission. Rules run with current data on every subscribe.
 */
@Injectable()
export class ChannelAccess {
  private readonly rules = new Map<string, ChannelRule>();

  register(kind: string, rule: ChannelRule): void {
    if (this.rules.has(kind)) throw new Error(`A rule for "${kind}" channels is already registered`);
    this.rules.set(kind, rule);
  }

  async mayJoin(principal: Principal | null, channel: EventChannel): Promise<boolean> {
    if (channel === 'system') return true;
    const dot = channel.indexOf('.');
    const rule = dot > 0 ? this.rules.get(channel.slice(0, dot)) : undefined;
    return rule ? rule(principal, channel.slice(dot + 1)) : false;
  }
}
