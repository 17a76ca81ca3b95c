import type { Milestone } from '@consortio/shared/contracts';

export type MilestoneState =
  | { kind: 'open'; days: 0 }
  | { kind: 'late'; days: number }
  | { kind: 'on-time'; days: 0 }
  | { kind: 'late-done'; days: number };

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/**
 * Where a milestone stands on `today` (ISO dates throughout): open and not yet due, overdue by so
 * many days, reached on time, or reached so many days late. Overdue and late ones are highlighted.
 */
export function milestoneState(milestone: Milestone, today: string): MilestoneState {
  if (milestone.actualOn) {
    const late = daysBetween(milestone.plannedOn, milestone.actualOn);
    return late > 0 ? { kind: 'late-done', days: late } : { kind: 'on-time', days: 0 };
  }
  const overdue = daysBetween(milestone.plannedOn, today);
  return overdue > 0 ? { kind: 'late', days: overdue } : { kind: 'open', days: 0 };
}
