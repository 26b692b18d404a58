export * from './domain';
export * from './outcomes';
export * from './pathway';
export * from './text';
