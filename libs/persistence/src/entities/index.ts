import { UserEntity } from './user.entity';

export * from './user.entity';

/**
 * The tables TypeORM maps. The read model itself is written by the projection and read by the
 * repositories in SQL (each query carries the caller's scope), so only users need an entity;
 * every table is created and changed by the migrations (`synchronize` is never on).
 */
export const ENTITIES = [UserEntity];
