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
 * no version of is current when its collections are empty (a new store: its
 * version is recorded now) and stale when they hold documents (written before
 * versions were recorded, by unknown code).
 */
export async function staleProjections(store: ReadStore, projections: readonly Projection[]): Promise<Projection[]> {
  const stale: Projection[] = [];
  for (const projection of projections) {
    const recorded = await store.getMeta(versionKey(projection));
    if (recorded === projection.version) continue;
    if (recorded === undefined && (await isEmpty(store, projection))) await recordVersion(store, projection);
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
