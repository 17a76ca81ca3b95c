import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { API_CONFIG, ApiAppModule, importCpv, importNuts, migrate, seedDemo } from '@consortio/api/bootstrap';
import { assertConfig, ConfigurationError } from '@consortio/api/platform/config';
import { configureHttpApp, handleShutdownSignals, HttpConfig } from '@consortio/api/platform/http';
import { RedisIoAdapter } from '@consortio/api/platform/realtime';

/**
 * One entry point: `main.js` serves HTTP and socket.io; `main.js migrate` applies database
 * migrations; `main.js seed` loads the demo data; `main.js import-nuts <csv>` and
 * `main.js import-cpv <json>` load the NUTS regions and the CPV list.
 * Commands print JSON lines.
 */
async function serve(): Promise<void> {
  process.env['CONSORTIO_SERVICE'] ??= 'api';
  assertConfig(API_CONFIG);
  const app = await NestFactory.create<NestExpressApplication>(ApiAppModule, { bufferLogs: true, abortOnError: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const config = app.get(HttpConfig);
  configureHttpApp(app, config, process.env['CONSORTIO_VERSION'] ?? '0.0.0');
  app.useWebSocketAdapter(new RedisIoAdapter(app, config.CORS_ORIGINS));
  handleShutdownSignals(app, logger, config.SHUTDOWN_TIMEOUT_MS);
  await app.listen(config.PORT, config.HOST);
  logger.log(`Consortio api listening on http://${config.HOST}:${config.PORT}`, 'Bootstrap');
}

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case undefined:
    case 'serve':
      return serve();
    case 'migrate': {
      const report = await migrate();
      console.log(JSON.stringify({ event: 'migrate', ...report }));
      return;
    }
    case 'seed': {
      const report = await seedDemo();
      console.log(JSON.stringify({ event: 'seed', ...report }));
      return;
    }
    case 'import-nuts': {
      const file = process.argv[3];
      if (!file) throw new ConfigurationError('command line', ['import-nuts needs the path of the NUTS CSV file']);
      console.log(JSON.stringify({ event: 'import-nuts', regions: await importNuts(file) }));
      return;
    }
    case 'import-cpv': {
      const file = process.argv[3];
      if (!file) throw new ConfigurationError('command line', ['import-cpv needs the path of the CPV JSON file']);
      console.log(JSON.stringify({ event: 'import-cpv', codes: await importCpv(file) }));
      return;
    }
    default:
      throw new ConfigurationError('command line', [
        `unknown command "${command}"; use serve, migrate, seed, import-nuts or import-cpv`,
      ]);
  }
}

main(process.argv[2]).catch((error: unknown) => {
  const message = error instanceof ConfigurationError ? error.message : ((error as Error).stack ?? String(error));
  console.error(JSON.stringify({ level: 'fatal', msg: message }));
  process.exit(1);
});
