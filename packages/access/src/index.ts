// Public API of @ejp/access: the access read model's projection and the
// AccessDirectory adapter (service-kit's port) over the read store.
export { openAccessDirectory, type OpenedAccessDirectory, readStoreAccessDirectory } from './read-store-directory.ts';
export { emptyReportingLine, evolveReportingLine, REPORTING_LINES_PROJECTION, reportingLinesProjection } from './reporting-lines-projection.ts';
