import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import cookieParser from 'cookie-parser';
import { AdminPagesController } from './pages/admin.controller';
import { ReadModelPagesController } from './pages/read-model.controller';
import { AssetsController } from './pages/assets.controller';
import { CalculatorController } from './pages/calculator.controller';
import { CasesController } from './pages/cases.controller';
import { DashboardPageController } from './pages/dashboard.controller';
import { ImportsController } from './pages/imports.controller';
import { ManageController } from './pages/manage.controller';
import { NeedsPlanController } from './pages/needs-plan.controller';
import { ReceptionController } from './pages/reception.controller';
import { ReleaseDatesController } from './pages/release-dates.controller';
import { HandoversController } from './pages/handovers.controller';
import { NotificationsController } from './pages/notifications.controller';
import { SentenceEventsController } from './pages/sentence-events.controller';
import { SupervisionController } from './pages/supervision.controller';
import { SignInController } from './pages/sign-in.controller';
import { TasksController } from './pages/tasks.controller';
import { DownloadsController } from './pages/downloads.controller';
import { CsrfGuard, CsrfService } from './support/csrf';
import { NotFoundPage } from './support/not-found-page';
import { ReferenceNames } from './support/reference-names';
import { ReferenceRepository } from './support/reference.repository';
import { StaffDirectory } from './support/staff-directory';
import { WebExceptionFilter } from './support/web-exception.filter';
import { WebRenderer } from './support/web-renderer';
import { WebSessionInterceptor } from './support/web-session.interceptor';
import { WebSessionMiddleware } from './support/web-session';
import { UploadMiddleware } from './support/upload';

const PAGE_CONTROLLERS = [
  SignInController,
  TasksController,
  // Before CasesController: /cases/new is a form, not a case id.
  ReceptionController,
  ReleaseDatesController,
  ManageController,
  NeedsPlanController,
  CasesController,
  ImportsController,
  SupervisionController,
  SentenceEventsController,
  HandoversController,
  DashboardPageController,
  CalculatorController,
  NotificationsController,
  AdminPagesController,
  ReadModelPagesController,
  DownloadsController,
];

/**
 * The server-rendered pages (GOV.UK Design System, Nunjucks). They call the same use cases and
 * read-model repositories as the JSON API, in-process; AppModule exports those to this module.
 */
@Module({
  controllers: [AssetsController, ...PAGE_CONTROLLERS],
  providers: [NotFoundPage, CsrfService, CsrfGuard, WebExceptionFilter, WebSessionInterceptor, WebRenderer, ReferenceRepository, ReferenceNames, StaffDirectory],
  exports: [NotFoundPage],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(cookieParser(), WebSessionMiddleware).forRoutes(...PAGE_CONTROLLERS);
    // The import form posts a file (multipart): parsed before the CSRF guard reads its token.
    consumer.apply(UploadMiddleware).forRoutes({ path: 'imports', method: RequestMethod.POST });
  }
}
