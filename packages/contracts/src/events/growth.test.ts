import { describe, expect, it } from 'vitest';
import { rotationEndingEarly, zodOnlyInvalid } from '../../test/samples/growth.ts';
import { eventCatalogue } from '../event-catalogue.ts';
import { CourseAdded, growthEvents, MentorOffered, PositionChanged } from './growth.ts';

// Samples of every type and version are checked for all modules alike in event-catalogue.test.ts.
describe('growth event schemas', () => {
  it('name the offending field of a cross-field rule', () => {
    const pathOf = (schema: { safeParse(d: unknown): { error?: { issues: { path: PropertyKey[] }[] } } }, data: unknown) => schema.safeParse(data).error?.issues[0]?.path;
    expect(pathOf(PositionChanged.schema, zodOnlyInvalid[PositionChanged.type])).toEqual(['endsOn']);
    expect(pathOf(PositionChanged.schema, rotationEndingEarly)).toEqual(['endsOn']);
    expect(pathOf(MentorOffered.schema, zodOnlyInvalid[MentorOffered.type])).toEqual(['skills']);
    expect(pathOf(CourseAdded.schema, zodOnlyInvalid[CourseAdded.type])).toEqual(['url']);
  });

  it('mark the plan’s titles and notes as personal data, and nothing in the streams of no one', () => {
    const paths = Object.fromEntries(
      growthEvents.map((d) => [d.type, eventCatalogue.personalDataPaths(d.type, d.version)] as const).filter(([, found]) => found.length > 0),
    );
    expect(paths).toEqual({
      'journey.development-plan.goal-set': ['$.title'],
      'journey.development-plan.action-added': ['$.title'],
      'journey.development-plan.check-in-recorded': ['$.notes'],
    });
    // Everything in mentoring-, opening- and course- streams is free of personal data (their category refuses it).
    expect(growthEvents.filter((d) => !d.type.startsWith('journey.') && eventCatalogue.personalDataPaths(d.type, d.version).length > 0)).toEqual([]);
  });
});
