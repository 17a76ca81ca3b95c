import { Body, Controller, Get, Param, Post, Query, Res, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ATTACHMENT_CONTENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_RESPONSE_ATTACHMENTS,
  MAX_RESPONSE_TEXT,
  type OpenCallResponseView,
  type Page,
} from '@consortio/shared/contracts';
import { anyActing, CurrentPrincipal, Policy, type Principal } from '@consortio/api/platform/auth';
import { PageQueryDto, uuid } from '@consortio/api/platform/http';
import { AttachmentsInterceptor, type ReceivedAttachment } from './attachment-upload';
import { SubmitResponseDto } from './dto/response.dto';
import { OpenCallResponsesService } from './open-call-responses.service';
import { actingForSupplier } from './supplier-policy';

@ApiTags('open-calls')
@Controller('open-calls/:callId/responses')
export class OpenCallResponsesController {
  constructor(private readonly responses: OpenCallResponsesService) {}

  @Post()
  @Policy(actingForSupplier)
  @UseInterceptors(AttachmentsInterceptor)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['text'],
      properties: {
        text: { type: 'string', maxLength: MAX_RESPONSE_TEXT },
        attachments: {
          type: 'array',
          maxItems: MAX_RESPONSE_ATTACHMENTS,
          items: { type: 'string', format: 'binary' },
          description: `Up to ${MAX_RESPONSE_ATTACHMENTS} files of at most ${MAX_ATTACHMENT_BYTES} bytes each, of the types ${ATTACHMENT_CONTENT_TYPES.join(', ')} (multipart only)`,
        },
      },
    },
  })
  @ApiOperation({
    summary:
      'Send a response with attachments (suppliers signed up to the call, while it is open; 409 after the deadline, 413 naming a file that is too large)',
  })
  submit(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
    @Body() body: SubmitResponseDto,
    @UploadedFiles() files: ReceivedAttachment[] | undefined,
  ): Promise<OpenCallResponseView> {
    return this.responses.submit(principal, callId, body.text, files ?? []);
  }

  @Get('mine')
  @Policy(actingForSupplier)
  @ApiOperation({ summary: "The supplier's own responses to the call, newest first" })
  mine(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<OpenCallResponseView>> {
    return this.responses.mine(principal, callId, query.page, query.pageSize);
  }

  @Get()
  @Policy(anyActing)
  @ApiOperation({ summary: "Every response to the call, newest first (the consortium's lead and members)" })
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<OpenCallResponseView>> {
    return this.responses.list(principal, callId, query.page, query.pageSize);
  }

  @Get(':responseId/attachments/:attachmentId')
  @Policy(anyActing)
  @ApiProduces(...ATTACHMENT_CONTENT_TYPES)
  @ApiOperation({
    summary: "Download an attachment (the consortium's lead and members, and the supplier that sent it)",
  })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('callId', uuid) callId: string,
    @Param('responseId', uuid) responseId: string,
    @Param('attachmentId', uuid) attachmentId: string,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.responses.attachment(principal, callId, responseId, attachmentId);
    // Always a download, never shown inline: the bytes come from outside the platform.
    response
      .status(200)
      .set({
        'content-type': file.contentType,
        'content-length': String(file.content.length),
        'content-disposition': `attachment; filename="${file.fileName.replace(/["\\]/g, '').replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'repr-digest': `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`,
        'cache-control': 'private, no-store',
      })
      .end(file.content);
  }
}
