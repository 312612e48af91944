import { randomUUID } from 'node:crypto';
import { journeyCodec, stageMovingTypes } from '@ejp/command-kit';
import { EmployeeDeparted, EmployeeHired, EventCatalogue, offboardingEvents, onboardingEvents } from '@ejp/contracts';
import type { RecordedEvent } from '@ejp/eventstore';
import { describe, expect, it } from 'vitest';

const context = { actor: { id: 'hr-1', kind: 'hr' as const }, correlationId: 'c', causationId: 'r', id: randomUUID(), occurredAt: new Date('2026-06-30T09:00:00Z') };
const departed = { kind: 'resignation', voluntary: true, lastDay: '2026-06-30', departedOn: '2026-06-30' } as const;
const stored = (type: string, data: Record<string, never> | typeof departed): RecordedEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { version: 1 },
  streamName: 'journey-1',
  revision: 0n,
  position: 0n,
  recordedAt: new Date(),
});

describe('journeyCodec', () => {
  it("decodes another service's events it reads, but appends only its own types", () => {
    const codec = journeyCodec(onboardingEvents, [...onboardingEvents, ...offboardingEvents]);
    expect(codec.decode(stored('journey.employee.departed', departed))).toEqual({ type: 'journey.employee.departed', data: departed });
    expect(() => codec.encode({ type: 'journey.employee.departed', data: departed }, context)).toThrow(/not an event type this service appends/);
    expect(codec.encode({ type: 'journey.onboarding.completed', data: {} }, context)).toMatchObject({ type: 'journey.onboarding.completed' });
  });

  it('refuses to build while a type that moves the journey stage is not read: the stage fold would skip it', () => {
    expect(() => journeyCodec(onboardingEvents, onboardingEvents)).toThrow(/journey\.employee\.departed.*move the journey stage/);
    // With a catalogue that has no other stage-moving type, its own are enough.
    expect(() => journeyCodec(onboardingEvents, onboardingEvents, new EventCatalogue(onboardingEvents))).not.toThrow();
  });

  it('refuses a decider that would append what it does not fold', () => {
    expect(() => journeyCodec([EmployeeDeparted], [EmployeeHired], new EventCatalogue([EmployeeHired]))).toThrow(/reads lacks journey\.employee\.departed/);
  });

  it("lists the platform's stage-moving types from their contracts declarations", () => {
    expect(stageMovingTypes()).toEqual(expect.arrayContaining(['journey.employee.hired', 'journey.employee.departed', 'journey.employee.rehired']));
    expect(stageMovingTypes()).not.toContain('journey.onboarding.task-completed');
  });
});
