// Test support of @ejp/command-kit: import it from tests only, never from production code.
export { type DeciderSpec, deciderSpec } from './decider-spec.ts';
