export * from './domain';
export * from './outcomes';
export * from './pathway';
export * from './pathway-messages';
export * from './task-catalogue';
export * from './text';
