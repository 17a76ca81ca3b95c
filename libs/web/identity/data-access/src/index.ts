export * from './lib/session/session.service';
export * from './lib/session/session.interceptor';
export * from './lib/session/session.guards';
export * from './lib/session/provide-identity';
export * from './lib/organisations/organisations.service';
export * from './lib/audit/audit-trail.service';
