import 'reflect-metadata';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import type { DestinationStream } from 'pino';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@ttg/config/config';
import { codecCors } from './codec/codec-cors';
import { jsonOnly } from './common/json-only';
import { withErrorResponses } from './common/openapi';
import { TemporalClient } from './common/temporal';
import { bodyErrors } from './common/unavailable';
import { AppModule } from './app.module';

/** Builds the API and web application (used by main and by the end-to-end tests). */
export async function createApp(config: AppConfig, opts: { logger?: boolean; logStream?: DestinationStream } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, { logStream: opts.logStream }), { bufferLogs: true, logger: opts.logger === false ? false : undefined });
  if (opts.logger !== false) app.useLogger(app.get(Logger));
  // Forwarded addresses (the sign-in limits count by address) only from proxies the configuration names.
  app.set('trust proxy', config.http.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], objectSrc: ["'none'"], frameAncestors: ["'none'"] } },
    }),
  );
  app.use('/codec', codecCors(config.temporal.uiUrl));
  app.use(jsonOnly);
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('text', { type: 'text/csv', limit: '5mb' });
  app.use(bodyErrors);
  app.enableShutdownHooks();
  const doc = new DocumentBuilder()
    .setTitle('ttg: Through the Gate resettlement API')
    .setDescription('Cases, tasks, handovers and supervision for people leaving prison. Errors are { statusCode, code, message }.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => withErrorResponses(SwaggerModule.createDocument(app, doc), app), { jsonDocumentUrl: 'api/docs-json' });
  const temporal = app.get(TemporalClient);
  const close = app.close.bind(app);
  app.close = async () => {
    await close();
    await temporal.connection.close();
  };
  return app;
}
