import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Logger, VersioningType } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { HttpConfig } from './http.config';
import { ProblemDetailsFilter } from './problem-details.filter';
import { createValidationPipe } from './validation';

export const API_PREFIX = 'api';
export const DOCS_PATH = 'api/docs';

/**
 * Everything the HTTP edge of the api does, in one place so that tests boot exactly what runs
 * in production: security headers, CORS, `/api/v1` routes, validation, problem+json errors,
 * the OpenAPI document, and the built web app on the same port.
 */
export function configureHttpApp(app: NestExpressApplication, config: HttpConfig, version: string): void {
  if (config.TRUST_PROXY) app.set('trust proxy', true);
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular Material and Swagger UI set inline styles.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'", ...config.CORS_ORIGINS],
          objectSrc: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.enableCors(
    config.CORS_ORIGINS.length > 0
      ? { origin: config.CORS_ORIGINS, credentials: true, exposedHeaders: ['X-Request-Id'] }
      : { origin: false },
  );
  app.use(cookieParser());
  // CSV imports (needs) arrive as text/csv bodies; JSON keeps its default limit.
  app.useBodyParser('text', { type: 'text/csv', limit: '5mb' });
  app.setGlobalPrefix(API_PREFIX);
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Consortio API')
      .setDescription(
        'Joint public procurement for municipalities. Versioned routes live under /api/v1; ' +
          'errors are RFC 9457 problem details (application/problem+json), validation errors list each failing field in `errors`.',
      )
      .setVersion(version)
      .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });

  if (config.WEB_DIST_DIR) serveWebApp(app, resolve(config.WEB_DIST_DIR));
}

/** Serves the built Angular app; any other GET for a page falls back to index.html (client routing). */
function serveWebApp(app: NestExpressApplication, directory: string): void {
  const index = join(directory, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`WEB_DIST_DIR is set but ${index} does not exist; the web app is not served`);
    return;
  }
  app.useStaticAssets(directory, {
    index: false,
    // File names carry a content hash, except index.html, which must always be revalidated.
    setHeaders: (response: Response, path: string) => {
      response.setHeader(
        'Cache-Control',
        /\.[0-9a-z]{8,}\.(js|css|woff2?)$/i.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.path.startsWith(`/${API_PREFIX}/`) &&
      request.path !== `/${API_PREFIX}` &&
      !request.path.startsWith('/socket.io') &&
      !/\.[a-z0-9]+$/i.test(request.path);
    if (!isPage) return next();
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(index);
  });
}
