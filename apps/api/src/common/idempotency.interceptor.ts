import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { DomainError } from './domain-error';
import { IdempotencyRepository } from './idempotency.repository';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** How long a repeat waits for the first request with its key to answer, and how often it looks. */
const WAIT_FOR_FIRST_MS = 15_000;
const LOOK_EVERY_MS = 50;

/**
 * `Idempotency-Key` on a state-changing command: the key is reserved (per user, in PostgreSQL)
 * before any work, and the first answer kept with it. A repeat gets that answer back without
 * doing anything again; a repeat arriving while the first still works waits for its answer. The
 * same key with a different request is refused at once (409 IDEMPOTENCY_KEY_REUSED), so a key
 * is never silently reused. A request that fails gives its key back.
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
    const giveUpAt = Date.now() + WAIT_FOR_FIRST_MS;
    for (;;) {
      const held = await this.records.reserve(userId, key, route, hash);
      if (!held) break;
      if (held.request_hash !== hash) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${key} was already used for a different request (${held.route})`);
      }
      if (held.status === 'DONE') {
        res.status(held.status_code ?? 200);
        res.setHeader('Idempotent-Replayed', 'true');
        return held.response;
      }
      if (Date.now() > giveUpAt) throw new DomainError('UNAVAILABLE', `A request with Idempotency-Key ${key} is still being worked on: repeat it shortly`);
      await new Promise((resolve) => setTimeout(resolve, LOOK_EVERY_MS));
    }
    let body: unknown;
    try {
      body = await work();
    } catch (err) {
      await this.records.release(userId, key);
      throw err;
    }
    await this.records.complete(userId, key, res.statusCode, body);
    return body;
  }
}
