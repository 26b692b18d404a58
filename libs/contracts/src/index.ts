export * from './domain';
export * from './outcomes';
export * from './pathway';
export * from './pathway-messages';
export * from './task-catalogue';
export * from './text';
export * from './permissions';
export * from './task-status';
