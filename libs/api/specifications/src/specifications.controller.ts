import { Body, Controller, Get, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type ClauseView,
  type CommentThreadView,
  type CommentView,
  type Page,
  type PersonRef,
  type SectionActivityView,
  type SectionApprovalView,
  type SpecificationExportView,
  type SpecificationSummary,
  type SpecificationTemplateView,
  type SpecificationVersionView,
  type SpecificationView,
  type VersionDiffView,
} from '@consortio/shared/contracts';
import {
  actingForOrganisation,
  anyActing,
  CurrentPrincipal,
  Policies,
  Policy,
  type Principal,
  writingForOrganisation,
} from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import {
  ClauseDto,
  ClauseQueryDto,
  CommentQueryDto,
  PeopleQueryDto,
  CreateCommentDto,
  CreateExportDto,
  CreateSpecificationDto,
  CreateVersionDto,
  DiffQueryDto,
  ResolveCommentDto,
  TemplateDto,
  UpdateSpecificationDto,
} from './dto/specification.dto';
import { ExportsService } from './exports.service';
import { ReviewService } from './review.service';
import { SpecificationsService } from './specifications.service';

@ApiTags('specifications')
@Controller()
export class TemplatesController {
  constructor(private readonly specifications: SpecificationsService) {}

  @Get('specification-templates')
  @Policy(Policies.signedIn)
  @ApiOperation({ summary: 'Templates a specification starts from' })
  templates(@Query() query: PageQueryDto): Promise<Page<SpecificationTemplateView>> {
    return this.specifications.templates(query.page, query.pageSize);
  }

  @Post('specification-templates')
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'Add a template (platform administrators)' })
  createTemplate(
    @CurrentPrincipal() principal: Principal,
    @Body() body: TemplateDto,
  ): Promise<SpecificationTemplateView> {
    return this.specifications.saveTemplate(principal, null, body);
  }

  @Put('specification-templates/:templateId')
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'Change a template; specifications already started keep their sections' })
  updateTemplate(
    @CurrentPrincipal() principal: Principal,
    @Param('templateId', uuid) id: string,
    @Body() body: TemplateDto,
  ): Promise<SpecificationTemplateView> {
    return this.specifications.saveTemplate(principal, id, body);
  }

  @Get('specification-clauses')
  @Policy(Policies.signedIn)
  @ApiOperation({ summary: 'The clause library, by category, section or words' })
  clauses(@Query() query: ClauseQueryDto): Promise<Page<ClauseView>> {
    return this.specifications.clauses(query, query.page, query.pageSize);
  }

  @Post('specification-clauses')
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'Add a clause to the library (platform administrators)' })
  createClause(@CurrentPrincipal() principal: Principal, @Body() body: ClauseDto): Promise<ClauseView> {
    return this.specifications.saveClause(principal, null, body);
  }

  @Put('specification-clauses/:clauseId')
  @Policy(Policies.platformAdmin)
  @ApiOperation({ summary: 'Change a clause of the library (platform administrators)' })
  updateClause(
    @CurrentPrincipal() principal: Principal,
    @Param('clauseId', uuid) id: string,
    @Body() body: ClauseDto,
  ): Promise<ClauseView> {
    return this.specifications.saveClause(principal, id, body);
  }
}

@ApiTags('specifications')
@Controller()
export class SpecificationsController {
  constructor(
    private readonly specifications: SpecificationsService,
    private readonly review: ReviewService,
    private readonly exports: ExportsService,
  ) {}

  @Get('consortia/:consortiumId/specifications')
  @Policy(anyActing)
  @ApiOperation({ summary: "A consortium's specifications (observers see the ones shared with them)" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) consortiumId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<SpecificationSummary>> {
    return this.specifications.list(principal, consortiumId, query.page, query.pageSize);
  }

  @Post('consortia/:consortiumId/specifications')
  @Policy(actingForOrganisation)
  @ApiOperation({ summary: 'Start a specification from a template (members acting for their organisation)' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('consortiumId', uuid) consortiumId: string,
    @Body() body: CreateSpecificationDto,
  ): Promise<SpecificationView> {
    return this.specifications.create(principal, consortiumId, body);
  }

  @Get('specifications/:specificationId')
  @Policy(anyActing)
  @ApiOperation({ summary: 'A specification: its sections and what the caller may do in it' })
  get(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
  ): Promise<SpecificationView> {
    return this.specifications.get(principal, id);
  }

  @Patch('specifications/:specificationId')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Rename, or share the draft with observers or stop sharing it' })
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Body() body: UpdateSpecificationDto,
  ): Promise<SpecificationView> {
    return this.specifications.update(principal, id, body);
  }

  @Get('specifications/:specificationId/versions')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Named versions, newest first' })
  versions(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<SpecificationVersionView>> {
    return this.review.versions(principal, id, query.page, query.pageSize);
  }

  @Post('specifications/:specificationId/versions')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Name the current text as a version (a kept snapshot)' })
  createVersion(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Body() body: CreateVersionDto,
  ): Promise<SpecificationVersionView> {
    return this.review.createVersion(principal, id, body.label);
  }

  @Get('specifications/:specificationId/diff')
  @Policy(anyActing)
  @ApiOperation({
    summary: 'What changed between two versions (or a version and the current text), section by section',
  })
  diff(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Query() query: DiffQueryDto,
  ): Promise<VersionDiffView> {
    return this.review.diff(principal, id, query.from, query.to);
  }

  @Post('specifications/:specificationId/versions/:versionId/restore')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Make the text read like this version again, as a new change (history is kept)' })
  restore(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Param('versionId', uuid) versionId: string,
  ): Promise<SpecificationVersionView> {
    return this.review.restore(principal, id, versionId);
  }

  @Get('specifications/:specificationId/comments')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Comment threads, newest first, with their replies' })
  comments(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Query() query: CommentQueryDto,
  ): Promise<Page<CommentThreadView>> {
    return this.review.comments(principal, id, query, query.page, query.pageSize);
  }

  @Post('specifications/:specificationId/comments')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Comment on a passage, or reply to a thread; mention people of the consortium' })
  comment(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Body() body: CreateCommentDto,
  ): Promise<CommentView> {
    return this.review.comment(principal, id, body);
  }

  @Get('specifications/:specificationId/people')
  @Policy(anyActing)
  @ApiOperation({ summary: 'People of the member organisations, who can be mentioned in comments, by name' })
  people(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Query() query: PeopleQueryDto,
  ): Promise<Page<PersonRef>> {
    return this.review.mentionable(principal, id, query.q, query.page, query.pageSize);
  }

  @Patch('specifications/:specificationId/comments/:commentId')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: 'Resolve a thread, or reopen it' })
  resolveComment(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Param('commentId', uuid) commentId: string,
    @Body() body: ResolveCommentDto,
  ): Promise<CommentView> {
    return this.review.resolveComment(principal, id, commentId, body.resolved);
  }

  @Get('specifications/:specificationId/approvals')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Section approvals by member organisations; lapsed where the section changed since' })
  approvals(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
  ): Promise<SectionApprovalView[]> {
    return this.review.approvals(principal, id);
  }

  @Put('specifications/:specificationId/sections/:sectionId/approval')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: "Approve a section's current text for the acting organisation" })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Param('sectionId', uuid) sectionId: string,
  ): Promise<SectionApprovalView[]> {
    return this.review.approve(principal, id, sectionId);
  }

  @Post('specifications/:specificationId/sections/:sectionId/approval/withdraw')
  @Policy(writingForOrganisation)
  @ApiOperation({ summary: "Withdraw the acting organisation's approval of a section" })
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Param('sectionId', uuid) sectionId: string,
  ): Promise<SectionApprovalView[]> {
    return this.review.withdrawApproval(principal, id, sectionId);
  }

  @Get('specifications/:specificationId/activity')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Per section: who changed it, how often, first and last time' })
  activity(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
  ): Promise<SectionActivityView[]> {
    return this.review.activity(principal, id);
  }

  @Get('specifications/:specificationId/exports')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Exports of this specification, newest first' })
  listExports(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<SpecificationExportView>> {
    return this.exports.list(principal, id, query.page, query.pageSize);
  }

  @Post('specifications/:specificationId/exports')
  @Policy(anyActing)
  @ApiOperation({ summary: 'Export as PDF or DOCX; a worker job renders it and reports progress' })
  requestExport(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Body() body: CreateExportDto,
  ): Promise<SpecificationExportView> {
    return this.exports.request(principal, id, body.format);
  }

  @Get('specifications/:specificationId/exports/:exportId')
  @Policy(anyActing)
  @ApiOperation({ summary: 'One export: status, progress, download link when done' })
  getExport(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Param('exportId', uuid) exportId: string,
  ): Promise<SpecificationExportView> {
    return this.exports.get(principal, id, exportId);
  }

  @Get('specifications/:specificationId/exports/:exportId/file')
  @Policy(anyActing)
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOperation({ summary: 'Download a finished export' })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('specificationId', uuid) id: string,
    @Param('exportId', uuid) exportId: string,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.exports.file(principal, id, exportId);
    response
      .status(200)
      .set({
        'content-type': file.mime,
        'content-length': String(file.content.length),
        'content-disposition': `attachment; filename="${file.fileName.replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      })
      .end(file.content);
  }
}
