import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';

/** The largest file the import page takes (the CSV body limit of the API is the same). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type UploadRequest = Request & { file?: Express.Multer.File; uploadError?: string };

/**
 * Parses a `multipart/form-data` form with one file field, `file`, before the CSRF guard runs
 * (so the form's `_csrf` field is in the body). A refused upload (too large, more than one file)
 * is kept as `uploadError` for the page to show, not thrown.
 */
@Injectable()
export class UploadMiddleware implements NestMiddleware {
  private readonly parse = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 } }).single('file');

  use(req: UploadRequest, res: Response, next: NextFunction): void {
    if (!req.is('multipart/form-data')) return next();
    this.parse(req, res, (err: unknown) => {
      if (err) {
        req.uploadError =
          err instanceof multer.MulterError && err.code === 'LIMIT_FILE_SIZE'
            ? `The file must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: split it into smaller files`
            : `The file could not be read: ${err instanceof Error ? err.message : String(err)}`;
        req.body ??= {};
      }
      next();
    });
  }
}
