import { CreateIdentity1764200000100 } from './migrations/1764200000100-create-identity';
import { CreateInvitationsAndAccountTokens1764200000200 } from './migrations/1764200000200-create-invitations-and-account-tokens';
import { CreateIdentityProviders1764200000300 } from './migrations/1764200000300-create-identity-providers';

export { IdentityJobsModule, IdentityModule } from './identity.module';
export { IdentitySocketAuthenticator } from './identity-socket.authenticator';
export { identityDemoSeed, DEMO_PASSWORD } from './identity-demo-seed';
export { importNutsRegions, parseNutsCsv } from './nuts-regions';
export { REFRESH_COOKIE } from './refresh-cookie';

export const identityMigrations = [
  CreateIdentity1764200000100,
  CreateInvitationsAndAccountTokens1764200000200,
  CreateIdentityProviders1764200000300,
];
