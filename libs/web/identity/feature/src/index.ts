export * from './lib/identity.routes';
export * from './lib/account-menu/account-menu';
export * from './lib/identity-nav';
