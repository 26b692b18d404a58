import { Injectable } from '@nestjs/common';
import { londonDateOf } from '@ttg/policy';

/** The host clock, behind an injectable so reads like "today in London" are testable. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
  todayInLondon(): string {
    return londonDateOf(this.now().toISOString());
  }
}
