import { randomBytes } from 'node:crypto';
import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import type { Redis } from 'ioredis';
import type * as OpenIdClient from 'openid-client';
import { DataSource } from 'typeorm';
import type { MeView } from '@consortio/shared/contracts';
import { AuditService, actorOf } from '@consortio/api/platform/audit';
import { AuthConfig, type Principal } from '@consortio/api/platform/auth';
import { RedisConnections } from '@consortio/api/platform/redis';
import type { IdentityProviderDto } from './dto/identity-provider.dto';
import { type IssuedSession, SessionsService } from './sessions.service';
import { UsersService } from './users.service';

// openid-client is an ES module: load it natively when first needed (TypeScript's CommonJS output
// would turn a plain import() into require()).
const loadClient = new Function('return import("openid-client")') as () => Promise<typeof OpenIdClient>;

interface ProviderRow {
  organisation_id: string;
  issuer: string;
  client_id: string;
  client_secret: string;
  email_domains: string[];
  default_role: string;
  updated_at: Date;
}

interface PendingSignIn {
  organisationId: string;
  verifier: string;
  nonce: string;
  returnUrl: string;
}

export interface IdentityProviderView {
  issuer: string;
  clientId: string;
  emailDomains: string[];
  defaultRole: string;
  updatedAt: string;
}

export const OIDC_CALLBACK_PATH = '/api/v1/auth/oidc/callback';
const PENDING_SECONDS = 600;

/**
 * Sign-in through an organisation's own identity provider (OpenID Connect, authorization code
 * with PKCE). The e-mail domain chooses the provider; a verified e-mail from it signs the person
 * in, creating their account and membership on first use.
 */
@Injectable()
export class OidcService {
  private readonly redis: Redis;
  private readonly configurations = new Map<string, Promise<OpenIdClient.Configuration>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly sessions: SessionsService,
    private readonly users: UsersService,
    private readonly config: AuthConfig,
    private readonly connections: RedisConnections,
  ) {
    this.redis = connections.open('oidc', { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  }

  async configure(
    principal: Principal,
    organisationId: string,
    request: IdentityProviderDto,
  ): Promise<IdentityProviderView> {
    await this.dataSource.transaction(async (manager) => {
      const domains = [...new Set(request.emailDomains)];
      const taken = await manager.query<{ domain: string }[]>(
        'SELECT domain FROM identity_provider_domains WHERE domain = ANY($1) AND organisation_id <> $2',
        [domains, organisationId],
      );
      if (taken.length > 0) {
        throw new ConflictException(
          `These e-mail domains already sign in through another organisation: ${taken.map((t) => t.domain).join(', ')}.`,
        );
      }
      await manager.query(
        `INSERT INTO identity_providers (organisation_id, issuer, client_id, client_secret, email_domains, default_role, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())
         ON CONFLICT (organisation_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
           client_secret = EXCLUDED.client_secret, email_domains = EXCLUDED.email_domains,
           default_role = EXCLUDED.default_role, updated_at = now()`,
        [organisationId, request.issuer, request.clientId, request.clientSecret, domains, request.defaultRole],
      );
      await manager.query('DELETE FROM identity_provider_domains WHERE organisation_id = $1', [organisationId]);
      await manager.query(
        'INSERT INTO identity_provider_domains (domain, organisation_id) SELECT unnest($1::text[]), $2',
        [domains, organisationId],
      );
      await this.audit.record(manager, actorOf(principal), {
        action: 'identity-provider.configured',
        entityType: 'identity-provider',
        entityId: organisationId,
        organisationId,
        summary: {
          after: {
            issuer: request.issuer,
            clientId: request.clientId,
            emailDomains: domains,
            defaultRole: request.defaultRole,
          },
        },
      });
    });
    return this.view(organisationId);
  }

  async view(organisationId: string): Promise<IdentityProviderView> {
    const row = await this.provider('organisation_id = $1', organisationId);
    if (!row) throw new NotFoundException('This organisation has no identity provider configured.');
    return {
      issuer: row.issuer,
      clientId: row.client_id,
      emailDomains: row.email_domains,
      defaultRole: row.default_role,
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async remove(principal: Principal, organisationId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [, affected] = await manager.query<[unknown[], number]>(
        'DELETE FROM identity_providers WHERE organisation_id = $1',
        [organisationId],
      );
      if (affected === 0) throw new NotFoundException('This organisation has no identity provider configured.');
      await this.audit.record(manager, actorOf(principal), {
        action: 'identity-provider.removed',
        entityType: 'identity-provider',
        entityId: organisationId,
        organisationId,
        summary: { after: null },
      });
    });
  }

  /** The provider's authorization URL for this e-mail, with state, nonce and PKCE kept for ten minutes. */
  async start(email: string, returnUrl: string): Promise<string> {
    const domain = email.split('@')[1]?.toLowerCase() ?? '';
    const row = await this.provider(
      'organisation_id = (SELECT organisation_id FROM identity_provider_domains WHERE domain = $1)',
      domain,
    );
    if (!row)
      throw new NotFoundException(
        `No organisation signs in people of ${domain} through its own identity provider; use your password.`,
      );
    const client = await loadClient();
    const configuration = await this.configuration(row);
    const verifier = client.randomPKCECodeVerifier();
    const state = randomBytes(24).toString('base64url');
    const nonce = randomBytes(24).toString('base64url');
    const pending: PendingSignIn = { organisationId: row.organisation_id, verifier, nonce, returnUrl };
    await this.redis.set(this.connections.key(`oidc:${state}`), JSON.stringify(pending), 'EX', PENDING_SECONDS);
    return client
      .buildAuthorizationUrl(configuration, {
        redirect_uri: this.redirectUri,
        scope: 'openid email profile',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        login_hint: email,
      })
      .toString();
  }

  /** Completes the sign-in from the provider's redirect; the state is single use. */
  async callback(originalUrl: string): Promise<{ issued: IssuedSession; returnUrl: string }> {
    const currentUrl = new URL(originalUrl, this.config.PUBLIC_URL);
    const state = currentUrl.searchParams.get('state') ?? '';
    const stored = state ? await this.redis.getdel(this.connections.key(`oidc:${state}`)) : null;
    if (!stored) throw new BadRequestException('This sign-in has expired or was already completed. Start again.');
    const pending = JSON.parse(stored) as PendingSignIn;
    const row = await this.provider('organisation_id = $1', pending.organisationId);
    if (!row) throw new BadRequestException('The identity provider was removed meanwhile. Use your password.');
    const client = await loadClient();
    let claims: Record<string, unknown> | undefined;
    try {
      const configuration = await this.configuration(row);
      const tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      claims = idToken ? { ...idToken } : undefined;
      // Many providers put only `sub` in the ID token and the profile behind the userinfo endpoint.
      if (idToken && typeof claims?.['email'] !== 'string') {
        claims = { ...(await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub)), ...claims };
      }
    } catch (error) {
      throw new ForbiddenException(`Your identity provider did not confirm the sign-in: ${(error as Error).message}`);
    }
    const email = typeof claims?.['email'] === 'string' ? claims['email'].toLowerCase() : '';
    if (!email || claims?.['email_verified'] === false)
      throw new ForbiddenException('Your identity provider did not confirm an e-mail address.');
    if (!row.email_domains.includes(email.split('@')[1] ?? '')) {
      throw new ForbiddenException(`${email} does not belong to the domains of this organisation's identity provider.`);
    }
    const name = typeof claims?.['name'] === 'string' && claims['name'] ? claims['name'] : email;
    const user = await this.join(email, name, row);
    return { issued: await this.sessions.start(user), returnUrl: pending.returnUrl };
  }

  get redirectUri(): string {
    return new URL(OIDC_CALLBACK_PATH, this.config.PUBLIC_URL).toString();
  }

  /** Finds or creates the person and their membership in the provider's organisation. */
  private async join(email: string, name: string, row: ProviderRow): Promise<MeView> {
    await this.dataSource.transaction(async (manager) => {
      let [user] = await manager.query<{ id: string }[]>('SELECT id FROM users WHERE lower(email) = $1', [email]);
      if (!user) {
        [user] = await manager.query<{ id: string }[]>(
          'INSERT INTO users (email, display_name) VALUES ($1, $2) RETURNING id',
          [email, name],
        );
      }
      const [, added] = await manager.query<[unknown[], number]>(
        `INSERT INTO memberships (user_id, organisation_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, organisation_id) DO NOTHING RETURNING user_id`,
        [user.id, row.organisation_id, row.default_role],
      );
      if (added > 0) {
        await this.audit.record(
          manager,
          { userId: user.id, organisationId: row.organisation_id },
          {
            action: 'membership.joined',
            entityType: 'membership',
            entityId: user.id,
            organisationId: row.organisation_id,
            summary: { after: { role: row.default_role, through: 'identity-provider' } },
          },
        );
      }
    });
    const found = await this.users.forSignIn(email);
    if (!found) throw new Error(`account ${email} vanished during sign-in`);
    return found.user;
  }

  private configuration(row: ProviderRow): Promise<OpenIdClient.Configuration> {
    const key = `${row.organisation_id}:${row.updated_at.toISOString()}`;
    let configuration = this.configurations.get(key);
    if (!configuration) {
      configuration = loadClient().then((client) =>
        client.discovery(new URL(row.issuer), row.client_id, row.client_secret, undefined, {
          // Plain-HTTP issuers are for local test providers only.
          execute: row.issuer.startsWith('http:') ? [client.allowInsecureRequests] : [],
        }),
      );
      configuration.catch(() => this.configurations.delete(key));
      this.configurations.set(key, configuration);
    }
    return configuration;
  }

  private async provider(condition: string, value: string): Promise<ProviderRow | null> {
    const [row] = await this.dataSource.query<ProviderRow[]>(`SELECT * FROM identity_providers WHERE ${condition}`, [
      value,
    ]);
    return row ?? null;
  }
}
