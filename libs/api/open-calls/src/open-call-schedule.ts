import type { FieldError } from '@consortio/shared/contracts';

/** The longest a call may run, and the furthest ahead it may be planned. */
export const MAX_CALL_DAYS = 365;
export const MAX_PLANNING_DAYS = 2 * 365;
const DAY = 86_400_000;

/**
 * What is wrong with a call's dates, or null. `changing` names the fields the request sets (a
 * refusal names one of them where it can); `now` is the database's clock.
 */
export function scheduleRefusal(
  opensAt: Date,
  closesAt: Date,
  now: Date,
  changing: readonly ('opensAt' | 'closesAt')[] = ['opensAt', 'closesAt'],
): FieldError | null {
  const field = changing.includes('closesAt') ? 'closesAt' : 'opensAt';
  if (closesAt.getTime() <= opensAt.getTime())
    return {
      field,
      message: `closesAt (${closesAt.toISOString()}) must be after opensAt (${opensAt.toISOString()})`,
    };
  if (closesAt.getTime() <= now.getTime())
    return {
      field: 'closesAt',
      message: `closesAt (${closesAt.toISOString()}) must be in the future (server time now ${now.toISOString()})`,
    };
  if (closesAt.getTime() - opensAt.getTime() > MAX_CALL_DAYS * DAY)
    return { field, message: `an open call runs at most ${MAX_CALL_DAYS} days from opensAt to closesAt` };
  if (opensAt.getTime() - now.getTime() > MAX_PLANNING_DAYS * DAY)
    return { field: 'opensAt', message: `opensAt must be within ${MAX_PLANNING_DAYS} days from now` };
  return null;
}

/**
 * Why a published call's change is refused, or null: once published, the public text, the kind
 * and the opening stay as suppliers read them, and the deadline only moves later, while the call
 * has not closed.
 */
export function publishedChangeRefusal(
  status: 'upcoming' | 'open' | 'closed',
  closesAt: Date,
  change: { fields: readonly string[]; closesAt?: Date },
): string | null {
  const others = change.fields.filter((field) => field !== 'closesAt');
  if (others.length > 0)
    return `Once published, a call's ${others.join(', ')} stay as suppliers read them; only closesAt moves, and only later. Publish a new round for a different call.`;
  if (status === 'closed')
    return `This call closed at ${closesAt.toISOString()}; a closed call stays closed. Publish a new round instead.`;
  if (change.closesAt && change.closesAt.getTime() < closesAt.getTime())
    return `A published deadline is extended, never cut: closesAt may not move before ${closesAt.toISOString()}.`;
  return null;
}
