import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** Raised at boot when an environment variable is missing or malformed; the message names each one. */
export class ConfigurationError extends Error {
  constructor(
    readonly section: string,
    readonly problems: string[],
  ) {
    super(
      `Invalid configuration (${section}):\n` +
        problems.map((problem) => `  - ${problem}`).join('\n') +
        '\nSet these environment variables correctly and start again.',
    );
    this.name = 'ConfigurationError';
  }
}

type ConfigClass<T> = new () => T;

/**
 * Reads one configuration section from the environment. A section is a class whose
 * properties are named after environment variables, decorated with `@Expose()` and
 * class-validator rules; property initialisers are the defaults. Values are never
 * echoed back in errors, because some of them are secrets.
 */
export function loadConfig<T extends object>(section: ConfigClass<T>, env: NodeJS.ProcessEnv = process.env): T {
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    // An empty variable means "not set", as in most deployment tools.
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const instance = plainToInstance(section, raw, {
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
    enableImplicitConversion: true,
  });
  const errors = validateSync(instance, { forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigurationError(section.name, errors.flatMap(describe));
  }
  return instance;
}

function describe(error: ValidationError): string[] {
  const own = Object.values(error.constraints ?? {}).map((message) =>
    message.startsWith(error.property) ? message : `${error.property}: ${message}`,
  );
  return [...own, ...(error.children ?? []).flatMap(describe)];
}

/**
 * Validates several sections at once and reports every problem together, so a process with bad
 * configuration stops before it opens any connection, with one message that lists them all.
 */
export function assertConfig(sections: ConfigClass<object>[], env: NodeJS.ProcessEnv = process.env): void {
  const problems: string[] = [];
  for (const section of sections) {
    try {
      loadConfig(section, env);
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ConfigurationError('environment', problems);
}

/** A Nest provider that validates its section once, when the module that declares it boots. */
export function configProvider<T extends object>(section: ConfigClass<T>) {
  return { provide: section, useFactory: (): T => loadConfig(section) };
}
