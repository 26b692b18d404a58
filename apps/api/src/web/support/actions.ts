import { ParseEnumPipe } from '@nestjs/common';
import type { Response } from 'express';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../common/domain-error';
import { plainWords } from './plain-words';
import { setFlash, type WebRequest } from './web-session';

/** The thing the form acts on is not there, or not in the caller's scope: the page is not found, as when it is opened. */
const THING_NOT_FOUND = new Set(['NOT_FOUND', 'CASE_NOT_FOUND', 'TASK_NOT_FOUND']);

/**
 * Runs a command from a button or a simple form, then redirects (Post/Redirect/Get) with a
 * message: what was done, or why the use case refused. A case or task that is not there (or not
 * the caller's to see) is "Page not found", and anything else is a real error.
 */
export async function runAction(req: WebRequest, res: Response, redirectTo: string, action: () => Promise<string | { title: string; text?: string }>): Promise<void> {
  try {
    const done = await action();
    setFlash(req, res, typeof done === 'string' ? { kind: 'success', title: done } : { kind: 'success', ...done });
  } catch (err) {
    if (!(err instanceof DomainError) || err.code === 'UNAUTHENTICATED' || THING_NOT_FOUND.has(err.code)) throw err;
    setFlash(req, res, { kind: 'error', title: 'That could not be done', text: plainWords(err.message) });
  }
  res.redirect(303, redirectTo);
}

/** An idempotency key from a form (a UUID rendered with it), so a double submit has one effect. */
export function formKey(body: unknown): string | undefined {
  const key = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).idempotencyKey : undefined;
  return typeof key === 'string' && /^[0-9a-f-]{36}$/i.test(key) ? key : undefined;
}

/** The `:form` route parameter of a page with several forms: one of them, else 400. */
export function formParam(forms: readonly string[]): ParseEnumPipe {
  return new ParseEnumPipe(Object.fromEntries(forms.map((f) => [f, f])));
}

/** A fresh idempotency key for each of a page's forms, rendered with it. */
export function formKeys<F extends string>(forms: readonly F[]): Record<F, string> {
  return Object.fromEntries(forms.map((f) => [f, randomUUID()])) as Record<F, string>;
}
