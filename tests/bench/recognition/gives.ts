import { randomUUID } from 'node:crypto';
import { CompanyValueAdded, EmployeeHired, journeyStream, newEvent, organisationStream, RecognitionGiven } from '@ejp/contracts';
import type { EventStore } from '@ejp/eventstore';
import { registerRecognitionRoutes } from '@ejp/recognition';
import { baseConfigSchema, createServiceApp, loadConfig, signDevToken } from '@ejp/service-kit';
import Fastify from 'fastify';
import { type Summary, summarize } from '../stats.ts';

/**
 * Section (a): gives through the real recognition route (auth, facts from
 * three streams, the giver's decider, append through crypto-shredding) vs a
 * bare Fastify route appending the same event to the same store, both over
 * real HTTP on loopback, 16 givers at once, alternating phases in one run.
 */

const SECRET = 'bench-recognition-secret-of-32-characters';
const ORG = 'bench';
const byHr = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'bench', causationId: 'bench' };
const message = 'Thank you for carrying the release over the line!';

export interface GivePhase {
  kind: 'route' | 'bare';
  requests: number;
  perSecond: number;
  latency: Summary;
}

async function hire(store: EventStore, employeeId: string): Promise<void> {
  const data = { employeeId, givenName: 'Bench', familyName: 'Giver', email: `${employeeId.slice(0, 8)}@example.com`, department: 'Engineering', role: 'Engineer', level: 'L3', managerId: null, location: 'Lisbon', startDate: '2025-01-06' };
  await store.appendToStream(journeyStream(employeeId), [newEvent(EmployeeHired, data, byHr)]);
}

/** 16 loops, each one giver sending `perGiver` requests one after the other; throughput and per-request latency. */
async function phase(kind: GivePhase['kind'], givers: readonly string[], recipients: readonly string[], perGiver: number, send: (giver: string, recipient: string) => Promise<Response>): Promise<GivePhase> {
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    givers.map(async (giver, g) => {
      const recipient = recipients[g]!;
      for (let i = 0; i < perGiver; i++) {
        const t = performance.now();
        const response = await send(giver, recipient);
        const body = await response.text();
        if (response.status !== 201) throw new Error(`${kind}: ${response.status} ${body}`);
        samples.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { kind, requests: samples.length, perSecond: samples.length / seconds, latency: summarize(samples) };
}

export async function benchGives(store: EventStore, options: { givers: number; perGiver: number; rounds: number }): Promise<GivePhase[]> {
  const people = (n: number): string[] => Array.from({ length: n }, () => randomUUID());
  // The route's givers and the bare route's are different people: each giver's journey then holds
  // only their own gives, as in production (were they shared, every route phase would first fold
  // the bare phase's appends). Each giver thanks a colleague who does not give meanwhile.
  const givers = people(options.givers);
  const bareGivers = people(options.givers);
  const recipients = people(options.givers);
  for (const id of [...givers, ...bareGivers, ...recipients]) await hire(store, id);
  await store.appendToStream(organisationStream(ORG), [newEvent(CompanyValueAdded, { valueId: 'ownership', name: 'Ownership' }, { ...byHr, actor: { id: 'admin-1', kind: 'admin' } })]);

  const app = await createServiceApp({ name: 'recognition-bench', config: loadConfig(baseConfigSchema, { AUTH_MODE: 'hs256', AUTH_HS256_SECRET: SECRET, LOG_LEVEL: 'silent' }) });
  registerRecognitionRoutes(app, { store, timeZone: 'Europe/Lisbon', organisationId: ORG });
  const routeUrl = await app.listen({ port: 0, host: '127.0.0.1' });

  // The floor: parse the body, build the same event (validated, as the route does), append it.
  const bare = Fastify();
  bare.post<{ Body: { giverId: string; recipientIds: string[] } }>('/bare', async (request, reply) => {
    const { giverId, recipientIds } = request.body;
    const data = {
      recognitionId: randomUUID(), recipientIds, values: ['ownership'], message, pointsPerRecipient: 0, visibility: 'public' as const,
      funding: { month: '2026-01', allowance: 0, boost: 0 }, withdrawableUntil: new Date(Date.now() + 86_400_000).toISOString(),
    };
    await store.appendToStream(journeyStream(giverId), [newEvent(RecognitionGiven, data, { actor: { id: giverId, kind: 'employee' }, correlationId: 'bench', causationId: 'bench' })]);
    return reply.code(201).send({ ok: true });
  });
  const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

  const tokens = new Map(await Promise.all(givers.map(async (id) => [id, await signDevToken({ secret: SECRET, subject: id, roles: ['employee'] })] as const)));
  const headers = (giver: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${tokens.get(giver)}` });
  const viaRoute = (giver: string, recipient: string) =>
    fetch(`${routeUrl}/recognitions`, { method: 'POST', headers: headers(giver), body: JSON.stringify({ recipientIds: [recipient], values: ['ownership'], message }) });
  const viaBare = (giver: string, recipient: string) =>
    fetch(`${bareUrl}/bare`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ giverId: giver, recipientIds: [recipient] }) });

  try {
    // Warm both paths (JIT, connections), then alternate so drift in the machine's load hits both alike.
    await phase('route', givers, recipients, 5, viaRoute);
    await phase('bare', bareGivers, recipients, 5, viaBare);
    const phases: GivePhase[] = [];
    for (let round = 0; round < options.rounds; round++) {
      phases.push(await phase('bare', bareGivers, recipients, options.perGiver, viaBare));
      phases.push(await phase('route', givers, recipients, options.perGiver, viaRoute));
    }
    return phases;
  } finally {
    await app.close();
    await bare.close();
  }
}
