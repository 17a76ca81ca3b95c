import { Body, Controller, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Policies, Policy, type Principal, RateLimiter } from '@consortio/api/platform/auth';
import { AccountRecoveryService } from './account-recovery.service';
import {
  EmailChangeRequestDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  TokenDto,
} from './dto/invitation.dto';

const RESET_REQUESTS = { name: 'reset', limit: 5, windowSeconds: 3600 };

@ApiTags('auth')
@Controller()
export class AccountController {
  constructor(
    private readonly recovery: AccountRecoveryService,
    private readonly limiter: RateLimiter,
  ) {}

  @Post('auth/password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @Policy(Policies.public)
  @ApiOperation({ summary: 'E-mail a reset link if an account has this address (the answer is the same either way)' })
  @ApiAcceptedResponse()
  async requestReset(@Body() body: PasswordResetRequestDto, @Req() request: Request): Promise<{ message: string }> {
    await this.limiter.consume({ ...RESET_REQUESTS, name: 'reset-ip', limit: 20 }, [request.ip ?? 'unknown']);
    await this.limiter.consume(RESET_REQUESTS, [body.email.trim().toLowerCase()]);
    await this.recovery.requestReset(body.email.trim());
    return { message: 'If an account uses this address, we have sent it a link to choose a new password.' };
  }

  @Post('auth/password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(Policies.public)
  @ApiOperation({ summary: 'Set a new password with the link token; ends every session of the account' })
  async confirmReset(@Body() body: PasswordResetConfirmDto, @Req() request: Request): Promise<void> {
    await this.limiter.consume({ name: 'reset-confirm', limit: 30, windowSeconds: 300 }, [request.ip ?? 'unknown']);
    await this.recovery.confirmReset(body.token, body.password);
  }

  @Post('me/email-change')
  @HttpCode(HttpStatus.ACCEPTED)
  @Policy(Policies.signedIn)
  @ApiOperation({ summary: 'Ask to change the e-mail address; a link goes to the new address' })
  async requestEmailChange(
    @CurrentPrincipal() principal: Principal,
    @Body() body: EmailChangeRequestDto,
  ): Promise<{ message: string }> {
    await this.limiter.consume({ name: 'email-change', limit: 5, windowSeconds: 3600 }, [principal.userId]);
    await this.recovery.requestEmailChange(principal, body.newEmail, body.password);
    return { message: 'We have sent a confirmation link to the new address.' };
  }

  @Post('auth/email-change/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Policy(Policies.public)
  @ApiOperation({ summary: 'Confirm the new e-mail address with the link token' })
  async confirmEmailChange(@Body() body: TokenDto, @Req() request: Request): Promise<void> {
    await this.limiter.consume({ name: 'email-confirm', limit: 30, windowSeconds: 300 }, [request.ip ?? 'unknown']);
    await this.recovery.confirmEmailChange(body.token);
  }
}
