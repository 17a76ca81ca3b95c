import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LotView, PooledDemandView } from '@consortio/shared/contracts';
import {
  actingForOrganisation,
  anyActing,
  CurrentPrincipal,
  Policy,
  type Principal,
} from '@consortio/api/platform/auth';
import { LotDto, MoveNeedDto, PooledDemandQueryDto, SuggestLotsDto } from './dto/pooling.dto';
import { PooledDemandService } from './pooled-demand.service';
import { uuid } from '@consortio/api/platform/http';

@ApiTags('consortia')
@Controller('consortia/:consortiumId')
export class PooledDemandController {
  constructor(private readonly pooling: PooledDemandService) {}

  @Get('pooled-demand')
  @Policy(anyActing)
  @ApiOperation({
    summary: 'Lots with quantities, values, members and population; the EU threshold on a date; cost shares',
  })
  pooledDemand(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Query() query: PooledDemandQueryDto,
  ): Promise<PooledDemandView> {
    return this.pooling.pooledDemand(principal, id, query.on, query.authority);
  }

  @Post('lots')
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Add an empty lot (lead)' })
  createLot(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: LotDto,
  ): Promise<LotView> {
    return this.pooling.createLot(principal, id, body.title);
  }

  @Post('lots/suggest')
  @HttpCode(HttpStatus.OK)
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Place needs in lots by CPV group (lead)' })
  suggest(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: SuggestLotsDto,
  ): Promise<{ lots: number; placed: number }> {
    return this.pooling.suggestLots(principal, id, body.replace ?? false);
  }

  @Patch('lots/:lotId')
  @Policy(actingForOrganisation)
  renameLot(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('lotId', uuid) lotId: string,
    @Body() body: LotDto,
  ): Promise<LotView> {
    return this.pooling.renameLot(principal, id, lotId, body.title);
  }

  @Delete('lots/:lotId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Delete a lot; its needs go back to no lot (lead)' })
  deleteLot(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('lotId', uuid) lotId: string,
  ): Promise<void> {
    return this.pooling.deleteLot(principal, id, lotId);
  }

  @Put('needs/:needId/lot')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Move a submitted need to a lot, or out of every lot with null (lead)' })
  moveNeed(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('needId', uuid) needId: string,
    @Body() body: MoveNeedDto,
  ): Promise<void> {
    return this.pooling.moveNeed(principal, id, needId, body.lotId);
  }
}
