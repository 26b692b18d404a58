export * from './entities';
export * from './data-source';
export * from './migrate';
export * from './seed';
export * from './password';
export * from './projection.repository';
export * from './policy-catalogue';
export * from './query-result';
