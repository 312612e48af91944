import { keyStoreContract } from '../../test/key-store-contract.ts';
import { InMemoryKeyStore } from './memory-key-store.ts';

const rows = new Map();
keyStoreContract('in-memory', async () => new InMemoryKeyStore(rows));
