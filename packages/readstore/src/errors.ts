/** A caller's mistake (bad name, path, query or document): an HTTP API maps it to 400. */
export class ReadStoreArgumentError extends Error {
  override name = 'ReadStoreArgumentError';
}

/** A cursor that is not one this store issued for the same ordering. */
export class InvalidCursorError extends ReadStoreArgumentError {
  override name = 'InvalidCursorError';
}
