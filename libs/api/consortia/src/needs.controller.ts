import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Put,
  Query,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NEED_CSV_COLUMNS, type NeedView, type Page } from '@consortio/shared/contracts';
import {
  actingForOrganisation,
  anyActing,
  CurrentPrincipal,
  Policy,
  type Principal,
} from '@consortio/api/platform/auth';
import { ImportNeedsQueryDto, NeedDto, NeedListQueryDto, NeedStatusDto } from './dto/need.dto';
import { NeedsService } from './needs.service';
import { uuid } from '@consortio/api/platform/http';

@ApiTags('consortia')
@Controller('consortia/:consortiumId/needs')
export class NeedsController {
  constructor(private readonly needs: NeedsService) {}

  @Get()
  @Policy(anyActing)
  @ApiOperation({ summary: "Submitted needs of every member and the acting organisation's drafts" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Query() query: NeedListQueryDto,
  ): Promise<Page<NeedView>> {
    return this.needs.list(principal, id, query);
  }

  @Post()
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Add a need as a draft' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Body() body: NeedDto,
  ): Promise<NeedView> {
    return this.needs.create(principal, id, body);
  }

  @Post('import')
  @Policy(actingForOrganisation)
  @ApiConsumes('text/csv')
  @ApiBody({
    schema: {
      type: 'string',
      example: `${NEED_CSV_COLUMNS.join(',')}\n34144900-7,Electric vans,4,vehicles,180000,2027-03-01,must,,false,true`,
    },
  })
  @ApiOperation({
    summary: 'Import needs from CSV; every row is checked and one bad row refuses the file with all errors by row',
  })
  import(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
    @Query() query: ImportNeedsQueryDto,
  ): Promise<{ imported: number }> {
    if (!contentType?.startsWith('text/csv') || typeof body !== 'string')
      throw new UnsupportedMediaTypeException('Send the CSV file as the request body with Content-Type: text/csv.');
    return this.needs.importCsv(principal, id, body, query.submit === 'true');
  }

  @Put(':needId')
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Change one of your needs' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('needId', uuid) needId: string,
    @Body() body: NeedDto,
  ): Promise<NeedView> {
    return this.needs.update(principal, id, needId, body);
  }

  @Post(':needId/status')
  @HttpCode(HttpStatus.OK)
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Submit a draft to the consortium, or take a submitted need back to draft' })
  setStatus(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('needId', uuid) needId: string,
    @Body() body: NeedStatusDto,
  ): Promise<NeedView> {
    return this.needs.setStatus(principal, id, needId, body.status);
  }

  @Delete(':needId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(actingForOrganisation)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) id: string,
    @Param('needId', uuid) needId: string,
  ): Promise<void> {
    return this.needs.remove(principal, id, needId);
  }
}
