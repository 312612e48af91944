import { describe, expect, it } from 'vitest';
import { eventCatalogue } from '../event-catalogue.ts';
import { OrganisationStreams, organisationStream, streamCategories } from '../streams.ts';
import { organisationSettingsEvents, RecognitionGiven } from './recognition.ts';

// Samples of every type and version are checked for all modules alike in event-catalogue.test.ts.
describe('recognition events', () => {
  it('mark the free text as personal data, and nothing else', () => {
    expect(eventCatalogue.personalDataPaths('journey.recognition.given', 1)).toEqual(['$.message']);
    expect(eventCatalogue.personalDataPaths('journey.shout-out.given', 1)).toEqual(['$.message']);
    expect(eventCatalogue.personalDataPaths('journey.recognition.reaction-added', 1)).toEqual(['$.comment']);
    for (const definition of organisationSettingsEvents) expect(eventCatalogue.personalDataPaths(definition.type, 1), definition.type).toEqual([]);
  });

  it('report funding that does not add up on the funding field', () => {
    const result = RecognitionGiven.schema.safeParse({
      recognitionId: '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98',
      recipientIds: ['5b0c4a5e-0d7c-4c43-9a4e-2f3c1d9b8a71'],
      values: ['ownership'],
      message: 'Thanks!',
      pointsPerRecipient: 10,
      visibility: 'public',
      funding: { month: '2025-03', allowance: 5, boost: 0 },
      withdrawableUntil: '2025-03-04T09:00:00.000Z',
    });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['funding']]);
  });

  it('settings live in organisation-<orgId>, a published category that may hold no personal data', () => {
    expect(organisationStream('acme')).toBe('organisation-acme');
    expect(streamCategories.of('organisation-acme')).toBe(OrganisationStreams);
    expect(OrganisationStreams.subjectOf('organisation-acme')).toBe('acme');
    expect(OrganisationStreams.personalDataOwnerOf('organisation-acme')).toBeUndefined();
    expect(streamCategories.publishedPrefixes()).toContain('organisation-');
  });
});
