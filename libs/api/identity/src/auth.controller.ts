import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, Res } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { MeView, SessionView } from '@consortio/shared/contracts';
import {
  AuthConfig,
  CurrentPrincipal,
  Policies,
  Policy,
  type Principal,
  RateLimiter,
  type RateLimit,
} from '@consortio/api/platform/auth';
import { UnauthorizedException } from '@nestjs/common';
import { SignInDto } from './dto/sign-in.dto';
import { passwordMatches } from './passwords';
import { clearRefreshCookie, refreshCookieOf, setRefreshCookie } from './refresh-cookie';
import { type IssuedSession, SessionsService } from './sessions.service';
import { UsersService } from './users.service';

const SIGN_IN_BY_ADDRESS: RateLimit = { name: 'sign-in-ip', limit: 30, windowSeconds: 300 };
const SIGN_IN_BY_ACCOUNT: RateLimit = { name: 'sign-in-account', limit: 10, windowSeconds: 900 };

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly limiter: RateLimiter,
    private readonly config: AuthConfig,
  ) {}

  @Post('auth/sign-in')
  @HttpCode(HttpStatus.OK)
  @Policy(Policies.public)
  @ApiOperation({ summary: 'Sign in with e-mail and password; the refresh token is set as an httpOnly cookie' })
  @ApiOkResponse({ description: 'SessionView' })
  @ApiUnauthorizedResponse({ description: 'E-mail or password is wrong (the same answer for both)' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async signIn(
    @Body() body: SignInDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView> {
    const account = body.email.trim().toLowerCase();
    await this.limiter.consume(SIGN_IN_BY_ADDRESS, [request.ip ?? 'unknown']);
    await this.limiter.consume(SIGN_IN_BY_ACCOUNT, [account]);
    const found = await this.users.forSignIn(account);
    if (!(await passwordMatches(body.password, found?.passwordHash ?? null)) || !found) {
      await this.limiter.fail(SIGN_IN_BY_ACCOUNT, account);
      throw new UnauthorizedException('The e-mail address or the password is wrong.');
    }
    await this.limiter.succeed(SIGN_IN_BY_ACCOUNT, account);
    return this.answer(await this.sessions.start(found.user), response);
  }

  @Post('auth/refresh')
  @HttpCode(HttpStatus.OK)
  @Policy(Policies.public)
  @ApiOperation({ summary: 'Exchange the refresh cookie for a new access token and a new refresh cookie' })
  @ApiOkResponse({ description: 'SessionView' })
  @ApiUnauthorizedResponse({ description: 'No valid session' })
  async refresh(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    const token = refreshCookieOf(request);
    if (!token) throw new UnauthorizedException('You are not signed in.');
    try {
      return this.answer(await this.sessions.refresh(token, (userId) => this.users.me(userId)), response);
    } catch (error) {
      clearRefreshCookie(response, this.config.AUTH_COOKIE_SECURE);
      throw error;
    }
  }

  @Post('auth/sign-out')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(Policies.public)
  @ApiOperation({ summary: 'End the session: its refresh and access tokens stop working at once' })
  @ApiNoContentResponse()
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    const token = refreshCookieOf(request);
    if (token) await this.sessions.end(token);
    clearRefreshCookie(response, this.config.AUTH_COOKIE_SECURE);
  }

  @Get('me')
  @Policy(Policies.signedIn)
  @ApiOperation({ summary: 'The signed-in person and their organisations' })
  me(@CurrentPrincipal() principal: Principal): Promise<MeView> {
    return this.users.me(principal.userId);
  }

  private answer(issued: IssuedSession, response: Response): SessionView {
    setRefreshCookie(response, issued, this.config.AUTH_COOKIE_SECURE);
    return issued.session;
  }
}
