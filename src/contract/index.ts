export * from './envelope';
export * from './resolvers';
export * from './views';
export * from './alignment';
export * from './settings';
export * from './bulk';
export * from './notifications';
