// Test helpers of @ejp/projector (`@ejp/projector/testing`): a sample journey
// and the real read stores, for this package's tests and the journey API's.
export * from './journey-fixture.ts';
export * from './read-store-backends.ts';
