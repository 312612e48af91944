import { isDeepStrictEqual } from 'node:util';
import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, it } from 'vitest';
import type { SuggestionBoxEvent } from '../../contracts/suggestion-box.ts';
import { type AnswerSuggestion, BoxError, boxDecider, type CloseBox, type DropSuggestion, type OpenBox } from '../domain.ts';

// Facts as events, commands at an instant: the decider's only clock is metadata.now.
const spec = deciderSpec(boxDecider);
const boxId = '3f2b1c0d-9e8f-4a7b-b6c5-d4e3f2a1b0c9';
const coffee = '8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d';
const plants = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';
const monday = new Date('2025-03-03T09:00:00Z');
const owner = 'manager-ines';

const opened: SuggestionBoxEvent = { type: 'test.box.opened', data: { boxId, title: 'Office', ownerId: owner, responseDays: 14 } };
const dropped = (suggestionId: string, answerDueBy = '2025-03-17'): SuggestionBoxEvent => ({
  type: 'test.box.suggestion-dropped',
  data: { suggestionId, text: 'A second coffee machine', answerDueBy },
});
const answered = (suggestionId: string, late = false): SuggestionBoxEvent => ({
  type: 'test.box.suggestion-answered',
  data: { suggestionId, answer: 'Ordered.', late },
});
const closed: SuggestionBoxEvent = { type: 'test.box.closed', data: {} };

const open: OpenBox = { type: 'OpenBox', data: { boxId, title: 'Office', ownerId: owner, responseDays: 14 }, metadata: { now: monday } };
const drop = (suggestionId: string, now = monday): DropSuggestion => ({
  type: 'DropSuggestion',
  data: { boxId, suggestionId, text: 'A second coffee machine' },
  metadata: { now },
});
const answer = (suggestionId: string, now = monday, answeredBy = owner): AnswerSuggestion => ({
  type: 'AnswerSuggestion',
  data: { boxId, suggestionId, answer: 'Ordered.', answeredBy },
  metadata: { now },
});
const close = (closedBy = owner): CloseBox => ({ type: 'CloseBox', data: { boxId, closedBy }, metadata: { now: monday } });

describe('opening a box', () => {
  it('opens it for its owner', () => spec.given([]).when(open).then([opened]));
  it('refuses a second box with the same id', () => spec.given([opened]).when(open).thenThrows('EJP_BOX_EXISTS'));
  it('knows no box that was never opened', () => spec.given([]).when(drop(coffee)).thenThrows('EJP_BOX_NOT_FOUND'));
});

describe('dropping a suggestion', () => {
  it('makes it due responseDays after the day it was dropped', () => {
    spec.given([opened]).when(drop(coffee, new Date('2025-03-10T23:30:00Z'))).then([dropped(coffee, '2025-03-24')]);
  });
  it('refuses a suggestion id twice, answered or not', () => {
    spec.given([opened, dropped(coffee)]).when(drop(coffee)).thenThrows('EJP_SUGGESTION_EXISTS');
    spec.given([opened, dropped(coffee), answered(coffee)]).when(drop(coffee)).thenThrows('EJP_SUGGESTION_EXISTS');
  });
  it('refuses a closed box', () => spec.given([opened, closed]).when(drop(coffee)).thenThrows('EJP_BOX_CLOSED'));
});

describe('answering', () => {
  it('is on time up to the due date and late after it', () => {
    spec.given([opened, dropped(coffee)]).when(answer(coffee, new Date('2025-03-17T20:00:00Z'))).then([answered(coffee)]);
    spec.given([opened, dropped(coffee)]).when(answer(coffee, new Date('2025-03-18T08:00:00Z'))).then([answered(coffee, true)]);
  });
  it('is for the owner only', () => {
    spec.given([opened, dropped(coffee)]).when(answer(coffee, monday, 'manager-other')).thenThrows('EJP_NOT_BOX_OWNER');
  });
  it('answers each suggestion once, and only suggestions in the box', () => {
    spec.given([opened, dropped(coffee), answered(coffee)]).when(answer(coffee)).thenThrows('EJP_SUGGESTION_ANSWERED');
    spec.given([opened, dropped(coffee)]).when(answer(plants)).thenThrows('EJP_SUGGESTION_NOT_FOUND');
  });
});

describe('closing', () => {
  it('closes once every suggestion has its answer', () => {
    spec.given([opened, dropped(coffee), answered(coffee)]).when(close()).then([closed]);
  });
  it('refuses while suggestions wait, naming them', () => {
    spec
      .given([opened, dropped(coffee), dropped(plants), answered(coffee)])
      .when(close())
      .thenThrows((error) => error instanceof BoxError && error.code === 'EJP_SUGGESTIONS_UNANSWERED' && isDeepStrictEqual(error.extensions, { unanswered: [plants] }));
  });
  it('is for the owner only', () => spec.given([opened]).when(close('manager-other')).thenThrows('EJP_NOT_BOX_OWNER'));
  it('changes nothing when the box is closed already', () => spec.given([opened, closed]).when(close()).then([]));
});
