// The statistics page's numbers, all pure: the caller passes the log, the cards and today's study day.
export * from './answers';
export * from './calendar';
export * from './cards';
export * from './distributions';
