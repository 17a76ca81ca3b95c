import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrincipalResolver } from '@consortio/api/platform/auth';
import { AccountController } from './account.controller';
import { AccountRecoveryService } from './account-recovery.service';
import { AuditTrailController } from './audit-trail.controller';
import { AuthController } from './auth.controller';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { User } from './entities/user.entity';
import { IdentityPrincipalResolver } from './identity-principal.resolver';
import { InvitationsController } from './invitations.controller';
import { InvitationsService } from './invitations.service';
import { IdentityMailProcessor } from './jobs/identity-mail.processor';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

/** People, organisations, memberships and sessions; provides the PrincipalResolver every policy uses. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Organisation, User, Membership])],
  controllers: [
    AuthController,
    AccountController,
    OidcController,
    OrganisationsController,
    InvitationsController,
    AuditTrailController,
  ],
  providers: [
    UsersService,
    SessionsService,
    OrganisationsService,
    InvitationsService,
    AccountRecoveryService,
    OidcService,
    IdentityPrincipalResolver,
    { provide: PrincipalResolver, useExisting: IdentityPrincipalResolver },
  ],
  exports: [PrincipalResolver, UsersService, OrganisationsService],
})
export class IdentityModule {}

/** In the worker: the identity domain's e-mail jobs. */
@Module({ providers: [IdentityMailProcessor] })
export class IdentityJobsModule {}
