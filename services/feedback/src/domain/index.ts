export * from './errors.ts';
export * from './response.ts';
export * from './survey.ts';
export * from './suggestion.ts';
export * from './one-to-one.ts';
export * from './survey-calendar.ts';
