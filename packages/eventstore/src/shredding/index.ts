// Crypto-shredding: personal fields encrypted per subject, erased by deleting the key.
export { isRedacted, REDACTED, type Redacted } from '@ejp/contracts';
export { type CatalogueShreddingPolicyOptions, catalogueShreddingPolicy } from './catalogue-policy.ts';
export { type CryptoShreddingOptions, type ShreddingEventStore, withCryptoShredding } from './crypto-shredding.ts';
export { DecryptionFailedError, MissingDataKeyError, NoPersonalDataOwnerError, SubjectErasedError } from './errors.ts';
export { type EncryptedField, isEncryptedField } from './field-cipher.ts';
export type { DataKeyState, KeyStore } from './key-store.ts';
export { InMemoryKeyStore } from './memory-key-store.ts';
export { openPostgresKeyStore, type PostgresKeyStoreOptions } from './postgres-key-store.ts';
export { openSqliteKeyStore, type SqliteKeyStoreOptions } from './sqlite-key-store.ts';
export {
  type KeyWrapper,
  KeyUnwrapFailedError,
  localKeyWrapper,
  MASTER_KEY_BYTES,
  MasterKeyUnavailableError,
  masterKeyIdOf,
  type WrappedKey,
} from './key-wrapper.ts';
export type { KeyMigrationReport, WrappedKeyStore } from './wrapped-keys.ts';
