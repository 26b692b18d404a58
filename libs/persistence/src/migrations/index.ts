import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, in order. TypeORM runs the ones not yet recorded; never `synchronize`. */
export const MIGRATIONS = [InitialSchema1764000000000];
