import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Client, Connection } from '@temporalio/client';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DestinationStream } from 'pino';
import { encryptedDataConverter } from '@ttg/codec/data-converter';
import { CodecController } from './codec/codec.controller';
import type { AppConfig } from '@ttg/config/config';
import { createLogger, redactUrl, safeError } from '@ttg/config/logging';
import { dataSourceOptions } from '@ttg/persistence/data-source';
import { PolicyCatalogue } from '@ttg/persistence/policy-catalogue';
import { AdminController } from './admin/admin.controller';
import { AdminRepository } from './admin/admin.repository';
import { AdminService } from './admin/admin.service';
import { IdempotencyRepository } from './common/idempotency.repository';
import { ImportRepository } from './imports/import.repository';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { SignInService } from './auth/sign-in.service';
import { RefreshTokens } from './auth/refresh-tokens';
import { TokenService } from './auth/token.service';
import { UserRepository } from './auth/user.repository';
import { StaffChecks } from './auth/staff-checks';
import { CaseController } from './cases/case.controller';
import { CaseRepository } from './cases/case.repository';
import { CaseService } from './cases/case.service';
import { Clock } from './common/clock';
import { ErrorFilter } from './common/error.filter';
import { ROUTE_LABEL, RouteLabelGuard } from './common/route-label.guard';
import { RouteParamsGuard } from './common/route-params.guard';
import { IdempotencyInterceptor } from './common/idempotency.interceptor';
import { Settings } from './common/settings';
import { TemporalClient } from './common/temporal';
import { DashboardController } from './dashboard/dashboard.controller';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { HandoverController } from './handover/handover.controller';
import { HandoverRepository } from './handover/handover.repository';
import { HealthController } from './health/health.controller';
import { HealthRepository } from './health/health.repository';
import { HealthService } from './health/health.service';
import { ImportController } from './imports/import.controller';
import { ImportService } from './imports/import.service';
import { DashboardService } from './dashboard/dashboard.service';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { NotificationController } from './notifications/notification.controller';
import { HandoverService } from './handover/handover.service';
import { NotificationRepository } from './notifications/notification.repository';
import { NotificationService } from './notifications/notification.service';
import { PathwayCommands } from './pathway/pathway.commands';
import { ReadModelController } from './pathway/read-model.controller';
import { ProjectionAlertRepository } from './pathway/projection-alert.repository';
import { ReadModelRepair } from './pathway/read-model.repair';
import { ReportController } from './reports/report.controller';
import { NeedsController } from './needs/needs.controller';
import { NeedsService } from './needs/needs.service';
import { ReportRepository } from './reports/report.repository';
import { ReportService } from './reports/report.service';
import { CsvExports } from './exports/csv-exports';
import { TaskController } from './tasks/task.controller';
import { TaskRepository } from './tasks/task.repository';
import { TaskService } from './tasks/task.service';
import { PolicyCatalogueService } from './timeline/policy-catalogue.service';
import { TimelineController } from './timeline/timeline.controller';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, opts: { logStream?: DestinationStream } = {}): DynamicModule {
    if (!config.database.url) throw new Error('DATABASE_URL is required by the API process (npm start sets it)');
    const log = createLogger(config.logLevel, opts.logStream);
    return {
      module: AppModule,
      // Global so the web pages (WebModule) use the same use cases and repositories in-process.
      global: true,
      exports: [Settings, Clock, TokenService, RefreshTokens, ImportService, DashboardService, AdminService, UserRepository, CaseRepository, CaseService, TaskRepository, TaskService, DashboardRepository, NotificationRepository, NotificationService, HandoverRepository, HandoverService, ReportRepository, PolicyCatalogueService, ReportService, CsvExports, StaffChecks, SignInService, NeedsService, ReadModelRepair],
      imports: [
        WebModule,
        LoggerModule.forRoot({
          pinoHttp: {
            logger: log,
            genReqId: (req, res) => {
              const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            // What a request line says: never the query's values (search terms) or bodies; its headers only
            // at debug (with the credentials censored, REDACT_PATHS).
            serializers: {
              req: (req: { id?: unknown; method?: string; url?: string; headers?: unknown }) => ({ id: req.id, method: req.method, url: redactUrl(req.url), ...(log.isLevelEnabled('debug') ? { headers: req.headers } : {}) }),
              res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
              err: safeError,
            },
            // At the end of a request its route's pattern is known (RouteLabelGuard): `route` says which.
            customProps: (req) => {
              const label = (req as unknown as Record<symbol, string | undefined>)[ROUTE_LABEL];
              return label ? { route: redactUrl(req.url, label) } : {};
            },
            autoLogging: { ignore: (req) => req.url === '/health/live' || req.url === '/metrics' },
          },
        }),
        TypeOrmModule.forRoot(dataSourceOptions(config.database.url, { applicationName: 'ttg-api', log: log.child({ component: 'db' }), queryTimeoutMs: config.database.queryTimeoutMs })),
      ],
      controllers: [AdminController, CodecController, AuthController, CaseController, ImportController, HandoverController, ReportController, TaskController, TimelineController, DashboardController, NotificationController, HealthController, MetricsController, NeedsController, ReadModelController],
      providers: [
        { provide: Settings, useValue: new Settings(config) },
        {
          provide: TemporalClient,
          useFactory: async () => {
            const connection = await Connection.connect({ address: config.temporal.address });
            return new TemporalClient(new Client({ connection, namespace: config.temporal.namespace, dataConverter: encryptedDataConverter(config.temporal.payloadKeys) }), connection, config.temporal.taskQueue);
          },
        },
        {
          provide: PolicyCatalogueService,
          inject: [DataSource],
          useFactory: async (ds: DataSource) => new PolicyCatalogueService((await PolicyCatalogue.load(ds, config.policyFile)).all(), ds),
        },
        Clock,
        MetricsService,
        TokenService,
        RefreshTokens,
        UserRepository,
        CaseRepository,
        CaseService,
        TaskRepository,
        TaskService,
        DashboardRepository,
        DashboardService,
        NotificationRepository,
        NotificationService,
        ImportService,
        AdminService,
        AdminRepository,
        ImportRepository,
        IdempotencyRepository,
        HandoverRepository,
        HandoverService,
        ReportRepository,
        PathwayCommands,
        ReportService,
        CsvExports,
        StaffChecks,
        SignInService,
        NeedsService,
        ReadModelRepair,
        ProjectionAlertRepository,
        HealthRepository,
        HealthService,
        { provide: APP_GUARD, useClass: RouteLabelGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RouteParamsGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
