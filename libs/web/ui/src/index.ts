export * from './lib/icon/icon';
export * from './lib/status-badge/status-badge';
export * from './lib/layout-shell/layout-shell';
export * from './lib/paginator/translated-paginator-intl';
export * from './lib/confirm-dialog/confirm-dialog';
