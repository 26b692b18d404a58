import type { AppConfig } from '../../../../libs/config/src/config';

/** The validated configuration, as a class-based DI token. */
export class Settings {
  constructor(readonly config: AppConfig) {}
}
