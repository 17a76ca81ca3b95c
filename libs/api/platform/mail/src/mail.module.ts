import { Global, Module } from '@nestjs/common';
import { configProvider } from '@consortio/api/platform/config';
import { MailConfig } from './mail.config';
import { Mailer } from './mailer';

@Global()
@Module({ providers: [configProvider(MailConfig), Mailer], exports: [Mailer, MailConfig] })
export class MailModule {}
