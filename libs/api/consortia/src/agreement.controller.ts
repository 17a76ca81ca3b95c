import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AgreementView } from '@consortio/shared/contracts';
import {
  actingForOrganisation,
  anyActing,
  CurrentPrincipal,
  Policy,
  type Principal,
} from '@consortio/api/platform/auth';
import { AgreementsService } from './agreements.service';
import { AgreementTermsDto, SignAgreementDto } from './dto/agreement.dto';
import { uuid } from '@consortio/api/platform/http';

@ApiTags('consortia')
@Controller('consortia/:consortiumId/agreement')
export class AgreementController {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @Policy(anyActing)
  @ApiOperation({
    summary: 'The joint-procurement agreement: legal basis, cost key, signatures of the current version',
  })
  get(@CurrentPrincipal() principal: Principal, @Param('consortiumId', uuid) id: string): Promise<AgreementView> {
    return this.agreements.get(principal, id);
  }

  @Patch()
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Change the terms (lead); a change starts a new version that everyone signs again' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: AgreementTermsDto,
  ): Promise<AgreementView> {
    return this.agreements.updateTerms(principal, id, body);
  }

  @Post('signatures')
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Sign the current version for the acting organisation, citing the council decision' })
  sign(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: SignAgreementDto,
  ): Promise<AgreementView> {
    return this.agreements.sign(principal, id, body.councilDecisionRef);
  }
}
