import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, lastValueFrom, of, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { DomainError } from './domain-error';
import { IdempotencyRepository } from './idempotency.repository';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `Idempotency-Key` on a state-changing command: the first successful answer is kept in
 * PostgreSQL (per user and key) and a repeat gets it back without doing anything again. The
 * same key with a different request is refused (409), so a key is never silently reused.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly records: IdempotencyRepository) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { user?: Principal }>();
    const key = req.header('idempotency-key');
    if (!key || !COMMAND_METHODS.has(req.method) || !req.user) return next.handle();
    if (key.length > 200) throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key: must be at most 200 characters');
    const res = ctx.switchToHttp().getResponse<Response>();
    const user = req.user;
    const route = `${req.method} ${req.path}`;
    const hash = createHash('sha256').update(route).update(JSON.stringify(req.body ?? null)).digest('hex');
    return from(this.run(user.id, key, route, hash, res, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }

  private async run(userId: string, key: string, route: string, hash: string, res: Response, work: () => Promise<unknown>): Promise<unknown> {
    const found = await this.records.find(userId, key);
    if (found) {
      if (found.request_hash !== hash) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was already used for a different request (${found.route})`);
      }
      res.status(found.status_code);
      res.setHeader('Idempotent-Replayed', 'true');
      return lastValueFrom(of(found.response));
    }
    const body = await work();
    await this.records.keep(userId, key, { route, request_hash: hash, status_code: res.statusCode, response: body });
    return body;
  }
}
