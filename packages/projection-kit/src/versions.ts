import type { ReadStore } from '@ejp/readstore';
import type { Projection } from './projection.ts';

/**
 * A projection's version, kept in the store's meta values next to its
 * documents (so dropping the store forgets it too). A different version there
 * means the documents were written by other code: they must be rebuilt
 * before this code projects onto them.
 */
const versionKey = (projection: Projection) => `projection:${projection.name}:version`;

export class StaleProjectionsError extends Error {
  override name = 'StaleProjectionsError';
  readonly projections: readonly Projection[];

  constructor(projections: readonly Projection[]) {
    super(
      `the read models of ${projections.map((p) => `${p.name} (version ${p.version})`).join(', ')} were written by another version: rebuild them first (stop the projector, run the rebuild)`,
    );
    this.projections = projections;
  }
}

/**
 * The projections whose documents need a rebuild. A projection the store has
 * no version of is current when the store is new (no projection of the list
 * has a version there yet) and its collections are empty: its version is
 * recorded now. It is stale when its collections hold documents (written
 * before versions were recorded, by unknown code), and when it joins a store
 * the others already project into: the bus or consumer group is past the
 * events it never saw (the reporting lines, added to a running platform,
 * must be built from the whole history).
 */
export async function staleProjections(store: ReadStore, projections: readonly Projection[]): Promise<Projection[]> {
  const recorded = await Promise.all(projections.map((projection) => store.getMeta(versionKey(projection))));
  const storeInUse = recorded.some((version) => version !== undefined);
  const stale: Projection[] = [];
  for (const [i, projection] of projections.entries()) {
    if (recorded[i] === projection.version) continue;
    if (recorded[i] === undefined && !storeInUse && (await isEmpty(store, projection))) await recordVersion(store, projection);
    else stale.push(projection);
  }
  return stale;
}

export async function recordVersion(store: ReadStore, projection: Projection): Promise<void> {
  await store.setMeta(versionKey(projection), projection.version);
}

async function isEmpty(store: ReadStore, projection: Projection): Promise<boolean> {
  for (const { collection } of projection.collections) if ((await store.query(collection, { limit: 1 })).items.length > 0) return false;
  return true;
}
