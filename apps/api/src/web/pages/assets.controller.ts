import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import path from 'node:path';
import { Public } from '../../auth/decorators';
import { WEB_PATHS } from '../support/web-paths';

/** URL prefix → folder. The first folder holding the file answers. */
const MOUNTS: { prefix: string; roots: string[] }[] = [
  { prefix: 'ttg/', roots: [WEB_PATHS.ownAssets] },
  { prefix: 'moj/', roots: [path.join(WEB_PATHS.mojRoot, 'moj', 'assets'), path.join(WEB_PATHS.mojRoot, 'moj')] },
  // Both CSS files ask for /assets/fonts/… and /assets/images/…; govuk-frontend's CSS and JS sit one folder up.
  { prefix: '', roots: [path.join(WEB_PATHS.govukDist, 'govuk', 'assets'), path.join(WEB_PATHS.govukDist, 'govuk'), path.join(WEB_PATHS.mojRoot, 'moj', 'assets')] },
];
const SERVED = /^[a-z0-9][a-z0-9._\-/]*\.(css|js|mjs|map|woff2?|png|svg|ico|json)$/i;

/** govuk-frontend, MoJ frontend and our own CSS and JavaScript, under /assets (public, cacheable). */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  @Public()
  @Get('*path')
  async file(@Param('path') parts: string[] | string, @Res() res: Response): Promise<void> {
    const rel = Array.isArray(parts) ? parts.join('/') : parts;
    if (!SERVED.test(rel) || rel.split('/').some((p) => p === '..' || p === '' || p.startsWith('.'))) throw new NotFoundException();
    const mount = MOUNTS.find((m) => rel.startsWith(m.prefix));
    if (!mount) throw new NotFoundException();
    const file = rel.slice(mount.prefix.length);
    for (const root of mount.roots) {
      if (await send(res, root, file)) return;
    }
    throw new NotFoundException();
  }
}

function send(res: Response, root: string, file: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    res.sendFile(file, { root, dotfiles: 'deny', maxAge: '1h' }, (err?: Error & { status?: number; statusCode?: number }) => {
      if (!err) return resolve(true);
      if ((err.status ?? err.statusCode) === 404 && !res.headersSent) return resolve(false);
      reject(err);
    });
  });
}
