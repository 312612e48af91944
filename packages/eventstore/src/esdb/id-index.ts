import { randomUUID } from 'node:crypto';
import { type EventStoreDBClient, NO_STREAM, START, WrongExpectedVersionError } from '@eventstore/db-client';
import { DuplicateEventIdError } from '../errors.ts';
import { drain } from './reads.ts';

/**
 * The event-id index EventStoreDB lacks: one stream per event id, holding a
 * single claim `{ stream }`. `$`-prefixed, so it stays out of user-stream
 * filters and our subscriptions (writing it needs `$admins` when ACLs are on).
 */
export const claimStreamPrefix = '$ejp-event-id-';
const claimType = 'EventIdClaimed';

/**
 * Claims every id for `stream`, in parallel. Each claim is appended with
 * 'no stream' and a *random* event id, so that it succeeds only by creating
 * the claim stream: a replayed claim never passes for a new one through the
 * server's idempotence (which compares event ids). 'new' therefore proves
 * that no event with these ids was appended in 'index' mode before.
 *
 * @returns 'new' when every claim was created now, 'seen' when some id was already claimed for this stream
 * @throws DuplicateEventIdError when an id is claimed by another stream
 */
export async function claimIds(client: EventStoreDBClient, stream: string, ids: readonly string[]): Promise<'new' | 'seen'> {
  const outcomes = await Promise.all(ids.map((id) => claimId(client, stream, id)));
  return outcomes.includes('seen') ? 'seen' : 'new';
}

async function claimId(client: EventStoreDBClient, stream: string, id: string): Promise<'new' | 'seen'> {
  const claimStream = `${claimStreamPrefix}${id}`;
  try {
    await client.appendToStream(
      claimStream,
      { id: randomUUID(), contentType: 'application/json', type: claimType, data: { stream }, metadata: undefined },
      { expectedRevision: NO_STREAM },
    );
    return 'new';
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
  const owner = await ownerOf(client, claimStream);
  if (owner !== stream) throw new DuplicateEventIdError(id, `claimed by stream ${owner ?? '(unreadable claim)'}, appended to ${stream}`);
  return 'seen';
}

async function ownerOf(client: EventStoreDBClient, claimStream: string): Promise<string | undefined> {
  let owner: string | undefined;
  await drain(client.readStream(claimStream, { fromRevision: START, maxCount: 1 }), (resolved) => {
    const data = resolved.event?.data as { stream?: unknown } | undefined;
    owner = typeof data?.stream === 'string' ? data.stream : undefined;
    return false;
  });
  return owner;
}
