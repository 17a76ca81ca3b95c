import { Body, Controller, Get, Header, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { OcdsExportView } from '@consortio/shared/contracts';
import { CurrentPrincipal, Policies, Policy, type Principal } from '@consortio/api/platform/auth';
import { uuid } from '@consortio/api/platform/http';
import { actingForAuthority } from './authority-policy';
import { CreateOcdsExportDto, OcdsPageQueryDto } from './dto/ocds.dto';
import type { OcdsRecordPackage, OcdsReleasePackage } from './ocds';
import { OcdsExportsService } from './ocds-exports.service';
import { OcdsPublicationSettings } from './ocds-publication';
import { OcdsService } from './ocds.service';

const OCDS_DOCS = 'https://standard.open-contracting.org/1.1/en/schema/reference/';

@ApiTags('open-data')
@Controller('ocds')
export class OcdsController {
  constructor(
    private readonly ocds: OcdsService,
    private readonly settings: OcdsPublicationSettings,
  ) {}

  @Get('tenders')
  @Policy(Policies.public)
  @ApiProduces('application/json')
  @ApiOkResponse({ description: `An OCDS 1.1 release package (${OCDS_DOCS}), with links.next while more pages follow` })
  @ApiOperation({
    summary: 'The latest OCDS release of every published tender, a page at a time; no sign-in needed',
  })
  tenders(@Query() query: OcdsPageQueryDto): Promise<OcdsReleasePackage> {
    return this.ocds.latestReleases(query.pageSize, query.cursor);
  }

  @Get('tenders/:tenderId/releases')
  @Policy(Policies.public)
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'An OCDS 1.1 release package' })
  @ApiOperation({ summary: "A published tender's OCDS releases, one per stage change since publication" })
  releases(@Param('tenderId', uuid) tenderId: string): Promise<OcdsReleasePackage> {
    return this.ocds.releases(tenderId);
  }

  @Get('tenders/:tenderId/record')
  @Policy(Policies.public)
  @ApiProduces('application/json')
  @ApiOkResponse({ description: 'An OCDS 1.1 record package' })
  @ApiOperation({ summary: "A published tender's OCDS record: its releases linked, and the compiled release" })
  record(@Param('tenderId', uuid) tenderId: string): Promise<OcdsRecordPackage> {
    return this.ocds.record(tenderId);
  }

  @Get('publication-policy')
  @Policy(Policies.public)
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'What this platform publishes as open data, when, and under which licence' })
  policy(): string {
    return this.settings.policyText();
  }
}

@ApiTags('open-data')
@Controller('ocds/exports')
export class OcdsExportsController {
  constructor(private readonly exports: OcdsExportsService) {}

  @Post()
  @Policy(actingForAuthority)
  @ApiOperation({
    summary:
      "Export the published tenders of the observer's jurisdiction (or a region within it) as an OCDS release package, record package or CSV; a worker job writes it and reports progress",
  })
  request(@CurrentPrincipal() principal: Principal, @Body() body: CreateOcdsExportDto): Promise<OcdsExportView> {
    return this.exports.request(principal, body);
  }

  @Get(':exportId')
  @Policy(actingForAuthority)
  @ApiOperation({ summary: 'One export of your organisation: status, tenders written of the total, download link' })
  get(@CurrentPrincipal() principal: Principal, @Param('exportId', uuid) exportId: string): Promise<OcdsExportView> {
    return this.exports.get(principal, exportId);
  }

  @Get(':exportId/file')
  @Policy(actingForAuthority)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'Download a finished export, streamed' })
  async file(
    @CurrentPrincipal() principal: Principal,
    @Param('exportId', uuid) exportId: string,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.exports.file(principal, exportId);
    response.status(200).set({
      'content-type': file.contentType,
      'content-length': String(file.size),
      'content-disposition': `attachment; filename="${file.fileName.replace(/"/g, '')}"`,
    });
    await pipeline(Readable.from(file.chunks), response);
  }
}
