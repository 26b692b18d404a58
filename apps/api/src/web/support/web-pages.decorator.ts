import { applyDecorators, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { CsrfGuard } from './csrf';
import { WebExceptionFilter } from './web-exception.filter';
import { WebSessionInterceptor } from './web-session.interceptor';

/** A controller of HTML pages: CSRF-checked forms, errors as pages, sliding session, not in the API docs. */
export const WebPages = () => applyDecorators(ApiExcludeController(), UseFilters(WebExceptionFilter), UseGuards(CsrfGuard), UseInterceptors(WebSessionInterceptor));
