import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AuthConfig,
  CurrentPrincipal,
  Policies,
  Policy,
  type Principal,
  RateLimiter,
} from '@consortio/api/platform/auth';
import { IdentityProviderDto, OidcStartQueryDto } from './dto/identity-provider.dto';
import { type IdentityProviderView, OidcService } from './oidc.service';
import { setRefreshCookie } from './refresh-cookie';
import { uuid } from '@consortio/api/platform/http';

const orgAdmin = Policies.organisationRole(['org-admin']);

@ApiTags('auth')
@Controller()
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly limiter: RateLimiter,
    private readonly config: AuthConfig,
  ) {}

  @Get('auth/oidc/start')
  @Policy(Policies.public)
  @ApiOperation({ summary: "Sign in through your organisation's identity provider (redirects there)" })
  @ApiFoundResponse({ description: 'Redirect to the identity provider' })
  async start(@Query() query: OidcStartQueryDto, @Req() request: Request, @Res() response: Response): Promise<void> {
    await this.limiter.consume({ name: 'oidc-start', limit: 30, windowSeconds: 300 }, [request.ip ?? 'unknown']);
    response.redirect(HttpStatus.FOUND, await this.oidc.start(query.email, query.returnUrl));
  }

  @Get('auth/oidc/callback')
  @Policy(Policies.public)
  @ApiOperation({
    summary: 'Where the identity provider returns; sets the session cookie and goes back to the web app',
  })
  @ApiFoundResponse({ description: 'Redirect to the web app, signed in' })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const { issued, returnUrl } = await this.oidc.callback(request.originalUrl);
    setRefreshCookie(response, issued, this.config.AUTH_COOKIE_SECURE);
    response.redirect(HttpStatus.FOUND, returnUrl);
  }

  @Put('organisations/:organisationId/identity-provider')
  @Policy(orgAdmin)
  @ApiOperation({ summary: 'Set up sign-in through the organisation’s OpenID Connect provider' })
  configure(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', uuid) organisationId: string,
    @Body() body: IdentityProviderDto,
  ): Promise<IdentityProviderView> {
    return this.oidc.configure(principal, organisationId, body);
  }

  @Get('organisations/:organisationId/identity-provider')
  @Policy(orgAdmin)
  view(@Param('organisationId', uuid) organisationId: string): Promise<IdentityProviderView> {
    return this.oidc.view(organisationId);
  }

  @Delete('organisations/:organisationId/identity-provider')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(orgAdmin)
  remove(
    @CurrentPrincipal() principal: Principal,
    @Param('organisationId', uuid) organisationId: string,
  ): Promise<void> {
    return this.oidc.remove(principal, organisationId);
  }
}
