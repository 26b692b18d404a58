import { Body, Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { explainKeyDates, parseTimelineInput, PolicyValidationError, policyDateOfReception } from '@ttg/policy';
import { PolicyCatalogueService } from '../../timeline/policy-catalogue.service';
import { WebPages } from '../support/web-pages.decorator';
import { WebRenderer } from '../support/web-renderer';
import type { WebRequest } from '../support/web-session';
import { CALCULATOR_START_VALUES, calculatorErrors, calculatorValues, calculatorView, timelineInputFrom } from './calculator.view-model';

/** What-if key dates for sentence facts, from the policy module (as POST /api/v1/timeline/preview). */
@WebPages()
@Controller('calculator')
export class CalculatorController {
  constructor(
    private readonly policies: PolicyCatalogueService,
    private readonly renderer: WebRenderer,
  ) {}

  @Get()
  async form(@Req() req: WebRequest, @Res() res: Response): Promise<void> {
    await this.renderer.page(req, res, 'calculator', calculatorView(CALCULATOR_START_VALUES, null, null));
  }

  @Post()
  async calculate(@Req() req: WebRequest, @Res() res: Response, @Body() body: unknown): Promise<void> {
    const values = calculatorValues(body);
    try {
      const input = parseTimelineInput(timelineInputFrom(values));
      const result = explainKeyDates(input, this.policies.current(policyDateOfReception(input.receptionAt)));
      await this.renderer.page(req, res, 'calculator', calculatorView(values, result, null));
    } catch (err) {
      if (!(err instanceof PolicyValidationError)) throw err;
      await this.renderer.page(req, res, 'calculator', calculatorView(values, null, calculatorErrors(err.issues)), 400);
    }
  }
}
