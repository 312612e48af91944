// `@ejp/projection-kit/testing`: test support for projections and their
// readers (never a production dependency): the real read stores to run on,
// a dump of collections to compare, and a sample onboarding journey.
export * from './journey-fixture.ts';
export * from './read-store-backends.ts';
export * from './offboarding-fixture.ts';
export * from './recognition-fixture.ts';
