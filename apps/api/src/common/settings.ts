import type { AppConfig } from '@ttg/config/config';

/** The validated configuration, as a class-based DI token. */
export class Settings {
  constructor(readonly config: AppConfig) {}
}
