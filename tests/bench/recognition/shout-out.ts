import { randomUUID } from 'node:crypto';
import { eventCatalogue, streamCategories } from '@ejp/contracts';
import { TimelineReadModel } from '@ejp/contracts/read-models';
import { toProjectedEvent } from '@ejp/projection-kit';
import { createProjector } from '@ejp/projector';
import { RecognitionScenario } from '@ejp/projection-kit/testing';
import type { DocumentWrite, ReadStore } from '@ejp/readstore';

/**
 * Section (b): one team shout-out to a department of `members` projected
 * into every member's timeline (the projector's runner: membership query,
 * the members' timeline states, one batch of entries) vs a bare bulk write
 * of the same documents into the same read store (writeBatch, the port's
 * own 5000-a-call limit), alternating, `rounds` times.
 */

export interface ShoutOutRound {
  projectedMs: number;
  bareMs: number;
  documents: number;
}

const WRITES_PER_CALL = 5000;

export async function benchShoutOut(readStore: ReadStore, options: { members: number; rounds: number }): Promise<{ setupMs: number; rounds: ShoutOutRound[] }> {
  const projector = createProjector(readStore);
  await projector.init();
  const scenario = new RecognitionScenario();
  const department = 'Everyone';
  const members = Array.from({ length: options.members }, () => randomUUID());
  const setupStart = performance.now();
  for (let i = 0; i < members.length; i += 500) await projector.apply(members.slice(i, i + 500).map((id) => scenario.hire(id, department)));
  const setupMs = performance.now() - setupStart;
  const giver = members[0]!;
  const timeline = projector.projections.find((p) => p.name === 'timeline')!;

  const rounds: ShoutOutRound[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const { envelope } = scenario.shoutOut(giver, { kind: 'department', department });
    // The entries the projection writes, as a bare write sends them: under new ids, so both insert.
    const event = toProjectedEvent(envelope, eventCatalogue, streamCategories)!;
    const writes: DocumentWrite[] = (await timeline.writesOf([event], readStore))
      .filter((w) => w.collection === TimelineReadModel.collection)
      .map((w) => ({ ...w, id: `bare-${round}-${w.id}` }));

    const project = async () => {
      const t = performance.now();
      const outcome = await projector.apply([envelope]);
      if (outcome.applied < members.length) throw new Error(`the shout-out reached ${outcome.applied} documents, fewer than ${members.length} members`);
      return performance.now() - t;
    };
    const bare = async () => {
      const t = performance.now();
      for (let i = 0; i < writes.length; i += WRITES_PER_CALL) await readStore.writeBatch(writes.slice(i, i + WRITES_PER_CALL));
      return performance.now() - t;
    };
    // Alternating which goes first: the second finds a larger collection.
    const [projectedMs, bareMs] = round % 2 === 0 ? [await project(), await bare()] : (([b, p]) => [p, b])([await bare(), await project()]);
    rounds.push({ projectedMs: projectedMs!, bareMs: bareMs!, documents: writes.length });
  }
  return { setupMs, rounds };
}
