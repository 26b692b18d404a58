import { Client, Connection } from '@temporalio/client';

/** A Temporal client as a class-based DI token. */
export class TemporalClient {
  constructor(
    readonly client: Client,
    readonly connection: Connection,
    readonly taskQueue: string,
  ) {}
}
