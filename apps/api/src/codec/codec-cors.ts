import type { NextFunction, Request, Response } from 'express';

/**
 * CORS for the codec endpoint: the Temporal UI's origin only, with its credentials (the page
 * cookie), and the headers the UI sends. A preflight is answered here; any other origin gets no
 * CORS headers, so its browser never sends the request or reads the answer.
 */
export function codecCors(uiUrl: string) {
  const origin = new URL(uiUrl).origin;
  return (req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Vary', 'Origin');
    if (req.headers.origin === origin) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Namespace, Authorization');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    res.setHeader('Cache-Control', 'no-store');
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    if (!req.is('application/json')) {
      res.status(415).json({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json' });
      return;
    }
    next();
  };
}
