import { catalogueShreddingPolicy, type EventStore, InMemoryKeyStore, withCryptoShredding } from '@ejp/eventstore';

/** The decorating store command services append through: personal fields are encrypted before they reach `raw`. */
export function openShreddingStore(raw: EventStore): EventStore {
  return withCryptoShredding(raw, { keys: new InMemoryKeyStore(), ...catalogueShreddingPolicy() });
}
