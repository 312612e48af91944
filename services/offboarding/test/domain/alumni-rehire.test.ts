import { isActiveEmployee, journeyStageOn, type OffboardingEvent } from '@ejp/contracts';
import { describe, expect, it } from 'vitest';
import { offboardingDecider } from '../../src/domain/decider.ts';
import type { HiredState, JourneyEvent } from '../../src/domain/state.ts';
import {
  afterLastDay,
  command,
  eligibility,
  employeeId,
  enrolled,
  inRole,
  lastDay,
  leftOnLastDay,
  managerId,
  planned,
  resignation,
  started,
} from './fixtures.ts';
import { deciderSpec } from '@ejp/command-kit/testing';

const spec = deciderSpec(offboardingDecider);
const fold = (events: JourneyEvent[]) => events.reduce(offboardingDecider.evolve, offboardingDecider.initialState()) as HiredState;
const later = new Date('2026-09-01T09:00:00Z');
const enrol = (consent = true) => command('EnrolAlumnus', { consent, contact: { contactPreference: 'email', email: 'ada@home.example' } }, later);
const consentWithdrawn: OffboardingEvent = { type: 'journey.alumni.consent-withdrawn', data: {} };
const referral = { referralId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876', referredName: 'Grace Hopper', referredEmail: 'grace@example.com' };
const refer = (data: object = {}) => command('MakeReferral', { ...referral, ...data }, later);
const referred: OffboardingEvent = { type: 'journey.alumni.referral-made', data: referral };
const position = { department: 'Engineering', role: 'Staff Engineer', level: 'L5', managerId, location: 'London', startDate: '2027-02-01' };
const rehire = (data: object = {}) => command('Rehire', { ...position, ...data }, later);
const rehired: OffboardingEvent = { type: 'journey.employee.rehired', data: position };
const setEligibility = (eligible: boolean, now = later) =>
  command('SetRehireEligibility', { eligible, reason: eligible ? 'Strong performer' : 'Policy breach' }, now);

describe('the alumni programme', () => {
  it('enrols a departed employee who consents, with their contact preference', () => {
    spec.given(leftOnLastDay).when(enrol()).then([enrolled]);
    const phone = command('EnrolAlumnus', { consent: true, contact: { contactPreference: 'phone', phone: '+442071234567' } }, later);
    spec.given(leftOnLastDay).when(phone).then([{ type: 'journey.alumni.enrolled', data: { consent: true, contactPreference: 'phone', phone: '+442071234567' } }]);
  });

  it('enrols only after the departure', () => {
    spec.given(inRole).when(enrol()).thenThrows('EJP_NOT_DEPARTED');
    spec.given([...inRole, started(), planned()]).when(enrol()).thenThrows('EJP_NOT_DEPARTED');
  });

  it('enrols only with consent, and once', () => {
    spec.given(leftOnLastDay).when(enrol(false)).thenThrows('EJP_ALUMNI_CONSENT_REQUIRED');
    spec.given([...leftOnLastDay, enrolled]).when(enrol()).thenThrows('EJP_ALUMNUS_ALREADY_ENROLLED');
  });

  it('lets consent be withdrawn, which ends the membership; a new consent enrols again', () => {
    spec.given([...leftOnLastDay, enrolled]).when(command('WithdrawAlumniConsent', {}, later)).then([consentWithdrawn]);
    expect(fold([...leftOnLastDay, enrolled, consentWithdrawn]).enrolled).toBe(false);
    spec.given([...leftOnLastDay, enrolled, consentWithdrawn]).when(enrol()).then([enrolled]);
    spec.given(leftOnLastDay).when(command('WithdrawAlumniConsent', {}, later)).thenThrows('EJP_ALUMNUS_NOT_ENROLLED');
  });

  it('takes referrals from enrolled alumni only', () => {
    spec.given([...leftOnLastDay, enrolled]).when(refer()).then([referred]);
    spec.given(leftOnLastDay).when(refer()).thenThrows('EJP_ALUMNUS_NOT_ENROLLED');
    spec.given([...leftOnLastDay, enrolled, consentWithdrawn]).when(refer()).thenThrows('EJP_ALUMNUS_NOT_ENROLLED');
  });

  it('records each referral once, and checks the referred email', () => {
    spec.given([...leftOnLastDay, enrolled, referred]).when(refer()).thenThrows('EJP_REFERRAL_ALREADY_MADE');
    spec.given([...leftOnLastDay, enrolled]).when(refer({ referredEmail: 'grace' })).thenThrows('EJP_INVALID_COMMAND');
  });
});

describe('rehire eligibility and rehire', () => {
  it('HR sets eligibility with a reason, at the exit already or after the departure', () => {
    spec.given([...inRole, started(), planned()]).when(setEligibility(true, afterLastDay)).then([eligibility(true)]);
    spec.given(leftOnLastDay).when(setEligibility(false)).then([eligibility(false)]);
    spec.given(inRole).when(setEligibility(true)).thenThrows('EJP_OFFBOARDING_NOT_STARTED');
    spec.given(leftOnLastDay).when(command('SetRehireEligibility', { eligible: true, reason: '' }, later)).thenThrows('EJP_INVALID_COMMAND');
  });

  it('rehires an eligible alumnus, by HR latest decision', () => {
    spec.given([...leftOnLastDay, eligibility(true)]).when(rehire()).then([rehired]);
    spec.given(leftOnLastDay).when(rehire()).thenThrows('EJP_NOT_ELIGIBLE_FOR_REHIRE');
    spec.given([...leftOnLastDay, eligibility(true), eligibility(false)]).when(rehire()).thenThrows('EJP_NOT_ELIGIBLE_FOR_REHIRE');
  });

  it('rehires only after the departure, with a start date after it', () => {
    spec.given([...inRole, started(), planned(), eligibility(true)]).when(rehire()).thenThrows('EJP_NOT_DEPARTED');
    spec.given([...leftOnLastDay, eligibility(true)]).when(rehire({ startDate: lastDay })).thenThrows('EJP_INVALID_COMMAND');
    spec.given([...leftOnLastDay, eligibility(true)]).when(rehire({ managerId: employeeId })).thenThrows('EJP_INVALID_COMMAND');
  });

  it('opens a new chapter: pre-boarding until the new start date, then onboarding; active again', () => {
    const state = fold([...leftOnLastDay, enrolled, eligibility(true), rehired]);
    expect(state.journey.chapter).toBe(2);
    expect([journeyStageOn(state.journey, '2027-01-31'), journeyStageOn(state.journey, '2027-02-01')]).toEqual(['pre-boarding', 'onboarding']);
    expect(isActiveEmployee(state.journey)).toBe(true);
  });

  it('leaves the old chapter behind: membership, eligibility and the old offboarding end; a new offboarding can start', () => {
    const events = [...leftOnLastDay, enrolled, eligibility(true), rehired];
    expect(fold(events)).toMatchObject({ offboarding: null, enrolled: false, rehireEligible: null });
    const now = new Date('2027-05-01T09:00:00Z');
    spec.given(events).when(command('RecordExitInterview', { primaryReason: 'pay', secondaryReasons: [], wouldRecommend: 5, wouldReturn: false }, now)).thenThrows(
      'EJP_OFFBOARDING_NOT_STARTED',
    );
    spec.given(events).when(refer()).thenThrows('EJP_ALUMNUS_NOT_ENROLLED');
    spec.given(events).when(command('StartOffboarding', { ...resignation, lastDay: '2027-08-31' }, now)).then([started({ lastDay: '2027-08-31' }), planned()]);
  });
});
