import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PrincipalResolver } from '@consortio/api/platform/auth';
import { AuditTrailController } from './audit-trail.controller';
import { AuthController } from './auth.controller';
import { Membership } from './entities/membership.entity';
import { Organisation } from './entities/organisation.entity';
import { User } from './entities/user.entity';
import { IdentityPrincipalResolver } from './identity-principal.resolver';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { SessionsService } from './sessions.service';
import { UsersService } from './users.service';

/** People, organisations, memberships and sessions; provides the PrincipalResolver every policy uses. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([Organisation, User, Membership])],
  controllers: [AuthController, OrganisationsController, AuditTrailController],
  providers: [
    UsersService,
    SessionsService,
    OrganisationsService,
    IdentityPrincipalResolver,
    { provide: PrincipalResolver, useExisting: IdentityPrincipalResolver },
  ],
  exports: [PrincipalResolver, UsersService, OrganisationsService],
})
export class IdentityModule {}
