import { Injectable, type OnApplicationBootstrap, RequestMethod, SetMetadata } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { GATEWAY_METADATA, MESSAGE_MAPPING_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants';
import { POLICY_METADATA, type PolicyDefinition } from './policy';

export const DIRECT_SOCKET_EVENT_METADATA = 'consortio:direct-socket-event';

/**
 * Marks a gateway method that handles a socket event itself, outside Nest's message pipeline
 * (the gateway binds it to each socket): it declares its policy and is listed like any other event.
 */
export const DirectSocketEvent = (event: string) => SetMetadata(DIRECT_SOCKET_EVENT_METADATA, event);

export interface DeclaredOperation {
  kind: 'http' | 'socket';
  /** `GET /system/probes/:id` (controller path + route path) or `/events subscribe`. */
  operation: string;
  handler: string;
  policy: string | null;
  public: boolean;
}

/**
 * Lists every HTTP route and socket event with its declared policy, and stops the application
 * at boot when one has none: access is decided by declaration, never by forgetting.
 */
@Injectable()
export class PolicyCoverage implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const missing = this.operations().filter((operation) => operation.policy === null);
    if (missing.length > 0) {
      throw new Error(
        `Every route and socket event needs an access policy (@Policy). Missing on:\n` +
          missing.map((operation) => `  - ${operation.operation} (${operation.handler})`).join('\n'),
      );
    }
  }

  operations(): DeclaredOperation[] {
    const found: DeclaredOperation[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type || !wrapper.instance) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      this.eachMethod(wrapper.instance as object, (name, method) => {
        const path = Reflect.getMetadata(PATH_METADATA, method) as string | undefined;
        if (path === undefined) return;
        const verb = RequestMethod[Reflect.getMetadata(METHOD_METADATA, method) as RequestMethod];
        found.push(
          this.describe('http', `${verb} /${[base, path].filter((p) => p && p !== '/').join('/')}`, type, name, method),
        );
      });
    }
    for (const wrapper of this.discovery.getProviders()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type || !wrapper.instance || !Reflect.getMetadata(GATEWAY_METADATA, type)) continue;
      const namespace = String(
        (Reflect.getMetadata('websockets:gateway_options', type) as { namespace?: string } | undefined)?.namespace ??
          '/',
      );
      this.eachMethod(wrapper.instance as object, (name, method) => {
        const message: unknown = Reflect.getMetadata(MESSAGE_MAPPING_METADATA, method)
          ? Reflect.getMetadata(MESSAGE_METADATA, method)
          : Reflect.getMetadata(DIRECT_SOCKET_EVENT_METADATA, method);
        if (message === undefined) return;
        found.push(this.describe('socket', `${namespace} ${String(message)}`, type, name, method));
      });
    }
    return found;
  }

  private eachMethod(instance: object, visit: (name: string, method: (...args: unknown[]) => unknown) => void): void {
    const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
    for (const name of this.scanner.getAllMethodNames(prototype)) visit(name, prototype[name]);
  }

  private describe(
    kind: DeclaredOperation['kind'],
    operation: string,
    type: new (...args: never[]) => unknown,
    name: string,
    method: (...args: unknown[]) => unknown,
  ): DeclaredOperation {
    const policy = this.reflector.getAllAndOverride<PolicyDefinition | undefined>(POLICY_METADATA, [method, type]);
    return {
      kind,
      operation,
      handler: `${type.name}.${name}`,
      policy: policy?.name ?? null,
      public: policy?.public ?? false,
    };
  }
}
