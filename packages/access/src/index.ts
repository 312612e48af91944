// Public API of @ejp/access: the AccessDirectory adapter (service-kit's port)
// over the read store, for every service's access check. The projection that
// writes the reporting lines is `@ejp/access/projection` (the projector's), so
// a command service does not load the projection kit.
export { openAccessDirectory, type OpenedAccessDirectory, readStoreAccessDirectory } from './read-store-directory.ts';
