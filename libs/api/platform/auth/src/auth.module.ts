import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { configProvider } from '@consortio/api/platform/config';
import { AccessPoliciesController } from './access-policies.controller';
import { AuthConfig } from './auth.config';
import { PolicyCoverage } from './policy-coverage';
import { PolicyGuard } from './policy.guard';
import { RateLimiter } from './rate-limiter';

/**
 * Access control for the api: the policy guard on every route, the boot-time coverage check and
 * the rate limiter. Needs a PrincipalResolver from the identity domain (provided globally there).
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [AccessPoliciesController],
  providers: [
    configProvider(AuthConfig),
    PolicyGuard,
    { provide: APP_GUARD, useExisting: PolicyGuard },
    PolicyCoverage,
    RateLimiter,
  ],
  exports: [AuthConfig, PolicyGuard, PolicyCoverage, RateLimiter],
})
export class AuthModule {}
