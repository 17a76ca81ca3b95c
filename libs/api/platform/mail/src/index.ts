export * from './mail.config';
export * from './mail-template';
export * from './mailer';
export * from './mail.module';
