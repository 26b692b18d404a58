export * from './domain';
export * from './outcomes';
export * from './pathway';
export * from './permissions';
export * from './task-status';
