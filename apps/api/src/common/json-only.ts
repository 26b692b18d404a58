import type { NextFunction, Request, Response } from 'express';
import { isApiPath } from '../auth/auth.guard';

/** The API routes that take another body type than JSON (the CSV import). */
const OTHER_BODIES: Record<string, string> = { '/api/v1/imports': 'text/csv' };

/**
 * API answers are never cached (`Cache-Control: no-store`), and API routes take JSON bodies only (and the CSV import its CSV): a form post or plain text, which
 * a browser sends from any site without asking, is 415 before anything reads it.
 */
export function jsonOnly(req: Request, res: Response, next: NextFunction): void {
  // Answers about people are not for shared or browser caches.
  if (isApiPath(req.path)) res.setHeader('Cache-Control', 'no-store');
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (!isApiPath(req.path) || !hasBody) return next();
  const other = OTHER_BODIES[req.path];
  if (req.is('application/json') || (other && req.is(other))) return next();
  res.status(415).json({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `Send the body as application/json${other ? ` or ${other}` : ''}` });
}
