import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { NotificationPreferenceView, NotificationView, Page } from '@consortio/shared/contracts';
import { CurrentPrincipal, Policies, Policy, type Principal } from '@consortio/api/platform/auth';
import { NotificationPreferencesDto, NotificationQueryDto, NotificationReadDto } from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Policy(Policies.signedIn)
  @ApiOperation({ summary: 'My notifications, newest first' })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: NotificationQueryDto,
  ): Promise<Page<NotificationView>> {
    return this.notifications.list(principal, query.unread === true, query.page, query.pageSize);
  }

  @Get('unread-count')
  @Policy(Policies.signedIn)
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  async unread(@CurrentPrincipal() principal: Principal): Promise<{ unread: number }> {
    return { unread: await this.notifications.unread(principal) };
  }

  @Post('read')
  @HttpCode(200)
  @Policy(Policies.signedIn)
  @ApiOperation({ summary: 'Mark some or all of my notifications read; answers the unread count' })
  async markRead(
    @CurrentPrincipal() principal: Principal,
    @Body() body: NotificationReadDto,
  ): Promise<{ unread: number }> {
    return { unread: await this.notifications.markRead(principal, body) };
  }

  @Get('preferences')
  @Policy(Policies.signedIn)
  @ApiOperation({ summary: 'Which kinds of notification I get in the app and by e-mail digest' })
  preferences(@CurrentPrincipal() principal: Principal): Promise<NotificationPreferenceView[]> {
    return this.notifications.preferences(principal);
  }

  @Put('preferences')
  @Policy(Policies.signedIn)
  @ApiOperation({ summary: 'Choose per kind: in the app, in the e-mail digest, both or neither' })
  setPreferences(
    @CurrentPrincipal() principal: Principal,
    @Body() body: NotificationPreferencesDto,
  ): Promise<NotificationPreferenceView[]> {
    return this.notifications.setPreferences(principal, body.preferences);
  }
}
