import { describe, expect, it } from 'vitest';
import { defineStreamCategory, employeeIdOfStream, JourneyStreams, journeyStream, StreamCategories, streamCategories } from './streams.ts';

const survey = defineStreamCategory({ name: 'survey', description: 'a survey round', personalDataOwner: 'none' });
const internal = defineStreamCategory({ name: 'settings', description: 'org settings', personalDataOwner: 'none', published: false });

describe('stream categories', () => {
  it('names, parses and owns streams of one category only', () => {
    expect(JourneyStreams.streamOf('e1')).toBe('journey-e1');
    expect(JourneyStreams.idOf('journey-e1')).toBe('e1');
    for (const other of ['journey-', 'Journey-e1', 'journeys-e1', 'survey-e1', '$ejp-checkpoint-journey-e1']) {
      expect(JourneyStreams.idOf(other), other).toBeUndefined();
      expect(JourneyStreams.owns(other), other).toBe(false);
    }
    expect(() => JourneyStreams.streamOf('')).toThrow(/must not be empty/);
  });

  it('gives the subject and the personal-data owner, failing closed on a foreign stream', () => {
    expect(JourneyStreams.subjectOf('journey-e1')).toBe('e1');
    expect(JourneyStreams.personalDataOwnerOf('journey-e1')).toBe('e1');
    expect(() => JourneyStreams.subjectOf('survey-s1')).toThrow(/not a journey stream/);
    expect(survey.subjectOf('survey-s1')).toBe('s1');
    // An anonymous category has no owner: nothing personal may be stored there.
    expect(survey.personalDataOwnerOf('survey-s1')).toBeUndefined();
    // What the subject is, for documents: declared, or derived from the name.
    expect(JourneyStreams.idDescription).toBe('the employee id');
    expect(survey.idDescription).toBe('the survey id');
  });

  it('finds the category of a stream and lists what is published', () => {
    const registry = new StreamCategories([JourneyStreams, survey, internal]);
    expect(registry.of('survey-s1')).toBe(survey);
    expect(registry.of('journey-e1')).toBe(JourneyStreams);
    expect(registry.of('$ejp-relay')).toBeUndefined();
    expect(() => registry.require('orphan-1')).toThrow(/no declared stream category/);
    expect(registry.publishedPrefixes()).toEqual(['journey-', 'survey-']);
  });

  it('refuses a category declared twice and names that cannot make a prefix', () => {
    expect(() => new StreamCategories([survey, survey])).toThrow(/declared twice/);
    expect(() => defineStreamCategory({ name: 'Journey', description: '', personalDataOwner: 'id' })).toThrow(/lower-case/);
    expect(() => defineStreamCategory({ name: 'a-b', description: '', personalDataOwner: 'id' })).toThrow(/lower-case/);
  });

  it('names the personal-data owner by a field of the data when the category says so', () => {
    const requests = defineStreamCategory({ name: 'ticket', description: 'one ticket', personalDataOwner: { field: 'requesterId' } });
    expect(requests.personalDataOwnerOf('ticket-t1', { requesterId: 'e7', text: 'hi' })).toBe('e7');
    expect(requests.subjectOf('ticket-t1')).toBe('t1');
    expect(() => requests.personalDataOwnerOf('ticket-t1', { text: 'hi' })).toThrow(/requesterId, which the data lacks/);
    expect(() => requests.personalDataOwnerOf('ticket-t1')).toThrow(/requesterId/);
    expect(() => requests.personalDataOwnerOf('journey-e1', { requesterId: 'e7' })).toThrow(/not a ticket stream/);
    expect(JourneyStreams.personalDataOwnerOf('journey-e2', { requesterId: 'e7' })).toBe('e2');
  });

  it('keeps the journey helpers as views of the one declaration', () => {
    expect(journeyStream('e2')).toBe(JourneyStreams.streamOf('e2'));
    expect(employeeIdOfStream('journey-e2')).toBe('e2');
    expect(streamCategories.of(journeyStream('e2'))).toBe(JourneyStreams);
  });
});
