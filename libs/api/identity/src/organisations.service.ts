import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type Repository } from 'typeorm';
import {
  type MembershipRole,
  type MemberView,
  type MeView,
  type OrganisationKind,
  type OrganisationView,
  type Page,
  PUBLIC_SECTOR_KINDS,
  type VerificationStatus,
} from '@consortio/shared/contracts';
import { actorOf, AuditService } from '@consortio/api/platform/audit';
import type { Principal } from '@consortio/api/platform/auth';
import { RequestValidationException } from '@consortio/api/platform/http';
import type { RegisterOrganisationDto } from './dto/register-organisation.dto';
import { Membership } from './entities/membership.entity';
import { Organisation, toOrganisationView } from './entities/organisation.entity';
import { User } from './entities/user.entity';
import { hashPassword } from './passwords';

export interface OrganisationFilter {
  kind?: OrganisationKind;
  verification?: VerificationStatus;
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    private readonly audit: AuditService,
  ) {}

  /** A new organisation and its first administrator, in one transaction with its audit record. */
  async register(request: RegisterOrganisationDto): Promise<{ organisation: OrganisationView; user: MeView }> {
    const details = request.organisation;
    const country = await this.countryOf(details);
    if (request.admin.password.toLowerCase() === request.admin.email.toLowerCase()) {
      throw new RequestValidationException([
        { field: 'admin.password', message: 'password must not be the e-mail address' },
      ]);
    }
    const passwordHash = await hashPassword(request.admin.password);
    return this.dataSource.transaction(async (manager) => {
      const taken = await manager.query<unknown[]>('SELECT 1 FROM users WHERE lower(email) = lower($1)', [
        request.admin.email,
      ]);
      if (taken.length > 0) {
        throw new ConflictException('An account with this e-mail address exists. Sign in, or use another address.');
      }
      const organisation = await manager.save(
        manager.create(Organisation, {
          kind: details.kind,
          name: details.name.trim(),
          country,
          nutsCode: details.nutsCode ?? null,
          population: details.population ?? null,
          contactEmail: details.contactEmail ?? null,
          jurisdiction: details.jurisdiction ?? null,
          vatNumber: details.vatNumber ?? null,
          verification: PUBLIC_SECTOR_KINDS.includes(details.kind) ? 'pending' : 'not-required',
        }),
      );
      const user = await manager.save(
        manager.create(User, {
          email: request.admin.email.trim(),
          displayName: request.admin.displayName.trim(),
          passwordHash,
          locale: request.admin.locale ?? 'en',
          platformAdmin: false,
        }),
      );
      await manager.save(
        manager.create(Membership, { userId: user.id, organisationId: organisation.id, role: 'org-admin' }),
      );
      const view = toOrganisationView(organisation);
      await this.audit.record(
        manager,
        { userId: user.id, organisationId: organisation.id },
        {
          action: 'organisation.registered',
          entityType: 'organisation',
          entityId: organisation.id,
          organisationId: organisation.id,
          summary: { after: { ...view, admin: user.email } },
        },
      );
      return {
        organisation: view,
        user: {
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          locale: user.locale,
          platformAdmin: false,
          memberships: [
            {
              organisationId: organisation.id,
              organisationName: organisation.name,
              organisationKind: organisation.kind,
              verification: organisation.verification,
              role: 'org-admin',
            },
          ],
        },
      };
    });
  }

  async get(id: string): Promise<OrganisationView> {
    const organisation = await this.organisations.findOneBy({ id });
    if (!organisation) throw new NotFoundException(`There is no organisation with id ${id}.`);
    return toOrganisationView(organisation);
  }

  async list(filter: OrganisationFilter, page: number, pageSize: number): Promise<Page<OrganisationView>> {
    const [rows, total] = await this.organisations.findAndCount({
      where: {
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.verification ? { verification: filter.verification } : {}),
      },
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { items: rows.map(toOrganisationView), page, pageSize, total };
  }

  async decideVerification(
    principal: Principal,
    id: string,
    decision: 'verified' | 'rejected',
    note?: string,
  ): Promise<OrganisationView> {
    return this.dataSource.transaction(async (manager) => {
      const organisation = await manager.findOne(Organisation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!organisation) throw new NotFoundException(`There is no organisation with id ${id}.`);
      if (organisation.verification === 'not-required') {
        throw new UnprocessableEntityException('Suppliers need no verification.');
      }
      const before = organisation.verification;
      organisation.verification = decision;
      organisation.verifiedAt = new Date();
      organisation.verifiedBy = principal.userId;
      await manager.save(organisation);
      await this.audit.record(manager, actorOf(principal), {
        action: `organisation.${decision}`,
        entityType: 'organisation',
        entityId: id,
        organisationId: id,
        summary: { before: { verification: before }, after: { verification: decision, note: note ?? null } },
      });
      return toOrganisationView(organisation);
    });
  }

  async members(organisationId: string, page: number, pageSize: number): Promise<Page<MemberView>> {
    const rows = await this.dataSource.query<
      { user_id: string; email: string; display_name: string; role: MembershipRole; created_at: Date }[]
    >(
      `SELECT m.user_id, u.email, u.display_name, m.role, m.created_at
         FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.organisation_id = $1
        ORDER BY u.display_name, u.id LIMIT $2 OFFSET $3`,
      [organisationId, pageSize, (page - 1) * pageSize],
    );
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM memberships WHERE organisation_id = $1',
      [organisationId],
    );
    return {
      items: rows.map((row) => ({
        userId: row.user_id,
        email: row.email,
        displayName: row.display_name,
        role: row.role,
        since: row.created_at.toISOString(),
      })),
      page,
      pageSize,
      total: Number(count),
    };
  }

  /** Changes a member's role or removes them (role null); an organisation always keeps one administrator. */
  async changeMembership(
    principal: Principal,
    organisationId: string,
    userId: string,
    role: MembershipRole | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const memberships = await manager.query<{ user_id: string; role: MembershipRole }[]>(
        'SELECT user_id, role FROM memberships WHERE organisation_id = $1 FOR UPDATE',
        [organisationId],
      );
      const target = memberships.find((membership) => membership.user_id === userId);
      if (!target) throw new NotFoundException(`User ${userId} is not a member of this organisation.`);
      const admins = memberships.filter((membership) => membership.role === 'org-admin').length;
      if (target.role === 'org-admin' && role !== 'org-admin' && admins === 1) {
        throw new ConflictException(
          'An organisation needs at least one administrator: make someone else administrator first.',
        );
      }
      if (role === null) {
        await manager.query('DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2', [
          organisationId,
          userId,
        ]);
      } else {
        await manager.query('UPDATE memberships SET role = $3 WHERE organisation_id = $1 AND user_id = $2', [
          organisationId,
          userId,
          role,
        ]);
      }
      await this.audit.record(manager, actorOf(principal), {
        action: role === null ? 'membership.removed' : 'membership.role-changed',
        entityType: 'membership',
        entityId: userId,
        organisationId,
        summary: { before: { role: target.role }, after: role === null ? null : { role } },
      });
    });
  }

  /** Country from the NUTS code for municipalities (checked against the region list), else as given. */
  private async countryOf(details: RegisterOrganisationDto['organisation']): Promise<string> {
    if (details.nutsCode) {
      const known = await this.dataSource.query<unknown[]>('SELECT 1 FROM nuts_regions WHERE code = $1', [
        details.nutsCode,
      ]);
      if (known.length === 0) {
        throw new RequestValidationException([
          { field: 'organisation.nutsCode', message: `nutsCode ${details.nutsCode} is not a known NUTS 3 region` },
        ]);
      }
      const country = details.nutsCode.slice(0, 2);
      if (details.country && details.country !== country) {
        throw new RequestValidationException([
          { field: 'organisation.country', message: `country must match the NUTS code (${country})` },
        ]);
      }
      return country;
    }
    if (details.kind === 'authority' && details.jurisdiction) {
      const known = await this.dataSource.query<unknown[]>('SELECT 1 FROM nuts_regions WHERE code LIKE $1 LIMIT 1', [
        `${details.jurisdiction}%`,
      ]);
      if (known.length === 0) {
        throw new RequestValidationException([
          {
            field: 'organisation.jurisdiction',
            message: `jurisdiction ${details.jurisdiction} matches no known NUTS region`,
          },
        ]);
      }
    }
    // Authorities' jurisdictions and suppliers' VAT numbers start with the country code.
    const country = details.country ?? (details.jurisdiction ?? details.vatNumber)?.slice(0, 2);
    if (!country) {
      throw new RequestValidationException([{ field: 'organisation.country', message: 'country must be given' }]);
    }
    return country;
  }
}
