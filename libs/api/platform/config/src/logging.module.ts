import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { loadConfig } from './load-config';
import { LogConfig } from './log.config';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Structured JSON logs (pino) for every process. HTTP requests get an id, taken from an incoming
 * X-Request-Id when it looks sane (so a proxy's id carries through) and returned in the response.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      useFactory: () => {
        const { LOG_LEVEL } = loadConfig(LogConfig);
        return {
          pinoHttp: {
            level: LOG_LEVEL,
            base: { service: process.env['CONSORTIO_SERVICE'] ?? 'consortio', pid: process.pid },
            genReqId: (request: IncomingMessage, response: ServerResponse) => {
              const incoming = request.headers['x-request-id'];
              const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
              response.setHeader('X-Request-Id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            // Health probes arrive every few seconds from every orchestrator; keep them out of the log.
            autoLogging: { ignore: (request: IncomingMessage) => (request.url ?? '').startsWith('/api/health') },
            customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
              error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
          },
        };
      },
    }),
  ],
})
export class LoggingModule {}
