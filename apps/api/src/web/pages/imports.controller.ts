import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Allow, CurrentUser } from '../../auth/decorators';
import type { Principal } from '../../auth/principal';
import { DomainError } from '../../common/domain-error';
import { IMPORT_COLUMNS, ImportService } from '../../imports/import.service';
import type { UploadRequest } from '../support/upload';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import type { WebRequest } from '../support/web-session';
import { fileErrors, importFile, importFormView, importView, problemsCsv } from './imports.view-model';

/**
 * Bulk import of cases: upload a CSV file (or paste it), watch its progress, read each row's
 * problems. The same ImportService as `POST /api/v1/imports`; importing a file again skips the
 * people it already started.
 */
@WebPages()
@Allow('case.import')
@Controller('imports')
export class ImportsController {
  constructor(
    private readonly imports: ImportService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async form(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.renderer.page(req, res, 'imports', importFormView(await this.imports.recent(user), null, ''));
  }

  /** The header row every import file starts with, and an example row to replace (either line ending is accepted back). */
  @Get('template.csv')
  template(@Res() res: Response): void {
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="ttg-import-template.csv"');
    const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    res.send(`${IMPORT_COLUMNS.map((c) => c.name).join(',')}\r\n${IMPORT_COLUMNS.map((c) => cell(c.example)).join(',')}\r\n`);
  }

  @Post()
  async upload(@CurrentUser() user: Principal, @Req() req: WebRequest & UploadRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const pasted = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).csv : undefined;
    const file = importFile(req.file, pasted, req.uploadError);
    const again = (errors: ReturnType<typeof fileErrors>) => this.imports.recent(user).then((recent) => this.renderer.page(req, res, 'imports', importFormView(recent, errors, typeof pasted === 'string' ? pasted.slice(0, 100_000) : ''), 400));
    if ('errors' in file) return again(file.errors);
    try {
      const started = await this.imports.start(user, file.csv);
      res.redirect(303, `/imports/${started.id}`);
    } catch (err) {
      if (!(err instanceof DomainError) || err.code !== 'VALIDATION_FAILED') throw err;
      return again(fileErrors(err.message));
    }
  }

  @Get(':id/problems.csv')
  async problems(@CurrentUser() user: Principal, @Res() res: Response, @Param('id') id: string): Promise<void> {
    const i = await this.imports.withCells(id, user);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="ttg-import-problems-${i.id.slice(0, 8)}.csv"`);
    res.send(problemsCsv(i.errors));
  }

  @Get(':id')
  async show(@CurrentUser() user: Principal, @Req() req: WebRequest, @Res() res: Response, @Param('id') id: string): Promise<void> {
    await this.renderer.page(req, res, 'import', importView(await this.imports.get(id, user)));
  }
}
