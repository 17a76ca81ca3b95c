import { ForbiddenException } from '@nestjs/common';
import type { MonitoringFilters } from '@consortio/shared/contracts';
import type { Principal } from '@consortio/api/platform/auth';
import { RequestValidationException } from '@consortio/api/platform/http';
import type { AppliedFilters } from './monitoring-filters';

/** The authority a request acts for, and what it may see. */
export interface ObserverScope {
  organisationId: string;
  userId: string;
  /** Country code or NUTS prefix, upper case. */
  jurisdiction: string;
}

const fieldError = (field: string, message: string) => new RequestValidationException([{ field, message }]);

/**
 * Who may monitor: a person acting for a verified authority (the route policy has already refused
 * everyone not acting for an authority). Answers the authority's scope.
 */
export function observerScope(principal: Principal): ObserverScope {
  const acting = principal.acting;
  if (acting?.kind !== 'authority' || !acting.jurisdiction) {
    throw new ForbiddenException('Only ministries and regional authorities monitor the tenders of a jurisdiction.');
  }
  if (acting.verification !== 'verified') {
    throw new ForbiddenException(
      'Your organisation is not verified yet: a platform administrator verifies authorities before they monitor.',
    );
  }
  return {
    organisationId: acting.organisationId,
    userId: principal.userId,
    jurisdiction: acting.jurisdiction.toUpperCase(),
  };
}

/**
 * The filters as applied: the region defaults to the jurisdiction and must lie within it; a
 * period must not end before it starts. Field formats were checked by the DTO.
 */
export function applyFilters(scope: ObserverScope, filters: MonitoringFilters): AppliedFilters {
  const region = filters.region ?? scope.jurisdiction;
  if (!region.startsWith(scope.jurisdiction)) {
    throw fieldError(
      'region',
      `region ${region} is outside your jurisdiction ${scope.jurisdiction}: choose ${scope.jurisdiction} or a region within it (a NUTS code that starts with ${scope.jurisdiction})`,
    );
  }
  if (filters.from && filters.to && filters.to < filters.from) {
    throw fieldError('to', `to (${filters.to}) must not be before from (${filters.from})`);
  }
  const applied: AppliedFilters = { region };
  if (filters.domain) applied.domain = filters.domain;
  if (filters.procedure) applied.procedure = filters.procedure;
  if (filters.stage) applied.stage = filters.stage;
  if (filters.from) applied.from = filters.from;
  if (filters.to) applied.to = filters.to;
  return applied;
}

/**
 * SQL: consortium `consortium` (an expression naming its id) has a participant (lead or member)
 * in the region given as parameter `region`, by the same rule as the read models.
 */
export const consortiumInRegionSql = (consortium: string, region: string): string => `EXISTS (
  SELECT 1 FROM consortium_members jm JOIN organisations jo ON jo.id = jm.organisation_id
   WHERE jm.consortium_id = ${consortium} AND jm.role IN ('lead', 'member')
     AND monitoring_nuts_prefixes(jo.country, jo.nuts_code) @> ARRAY[${region}]::text[])`;
