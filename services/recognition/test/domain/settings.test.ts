import type { OrganisationSettingsEvent } from '@ejp/contracts';
import { deciderSpec } from '@ejp/command-kit/testing';
import { describe, expect, it } from 'vitest';
import type { Caller, OrganisationSettingsCommand } from '../../src/domain/commands.ts';
import { activeValueIds, evolveSettings, initialSettings, organisationSettingsDecider } from '../../src/domain/settings.ts';
import { admin } from './fixtures.ts';

const spec = deciderSpec(organisationSettingsDecider);
const now = new Date('2025-03-10T10:00:00.000Z');
const about = (changedBy: Caller = admin) => ({ organisationId: 'acme', changedBy });

const add = (valueId: string, name: string, by?: Caller): OrganisationSettingsCommand => ({ type: 'AddCompanyValue', data: { valueId, name, ...about(by) }, metadata: { now } });
const rename = (valueId: string, name: string): OrganisationSettingsCommand => ({ type: 'RenameCompanyValue', data: { valueId, name, ...about() }, metadata: { now } });
const retire = (valueId: string): OrganisationSettingsCommand => ({ type: 'RetireCompanyValue', data: { valueId, ...about() }, metadata: { now } });
const allowance = (monthlyPoints: number, by?: Caller): OrganisationSettingsCommand => ({ type: 'SetRecognitionAllowance', data: { monthlyPoints, ...about(by) }, metadata: { now } });
const window = (hours: number): OrganisationSettingsCommand => ({ type: 'SetWithdrawWindow', data: { hours, ...about() }, metadata: { now } });

const added = (valueId: string, name: string): OrganisationSettingsEvent => ({ type: 'organisation.company-value.added', data: { valueId, name } });
const retired = (valueId: string): OrganisationSettingsEvent => ({ type: 'organisation.company-value.retired', data: { valueId } });

describe('company values', () => {
  it('are added by an admin', () => {
    spec.given([]).when(add('ownership', 'Ownership')).then([added('ownership', 'Ownership')]);
  });

  it('keep their id forever: no second value with it, also once retired', () => {
    spec.given([added('ownership', 'Ownership')]).when(add('ownership', 'Owning it')).thenThrows('EJP_COMPANY_VALUE_EXISTS');
    spec.given([added('ownership', 'Ownership'), retired('ownership')]).when(add('ownership', 'Ownership')).thenThrows('EJP_COMPANY_VALUE_EXISTS');
  });

  it('have distinct names among the active ones, ignoring case; a retired value’s name is free again', () => {
    spec.given([added('ownership', 'Ownership')]).when(add('owning', 'OWNERSHIP')).thenThrows('EJP_COMPANY_VALUE_NAME_TAKEN');
    spec.given([added('ownership', 'Ownership'), retired('ownership')]).when(add('ownership-2', 'Ownership')).then([added('ownership-2', 'Ownership')]);
  });

  it('are renamed with the old and the new name; the same name again changes nothing', () => {
    spec.given([added('ownership', 'Ownership')]).when(rename('ownership', 'Own it')).then([{ type: 'organisation.company-value.renamed', data: { valueId: 'ownership', from: 'Ownership', to: 'Own it' } }]);
    spec.given([added('ownership', 'Ownership')]).when(rename('ownership', 'Ownership')).then([]);
    spec.given([added('ownership', 'Ownership'), added('speed', 'Speed')]).when(rename('speed', 'ownership')).thenThrows('EJP_COMPANY_VALUE_NAME_TAKEN');
    spec.given([]).when(rename('ownership', 'Own it')).thenThrows('EJP_COMPANY_VALUE_NOT_FOUND');
    spec.given([added('ownership', 'Ownership'), retired('ownership')]).when(rename('ownership', 'Own it')).thenThrows('EJP_COMPANY_VALUE_RETIRED');
  });

  it('are retired once; a retired value stays known, no longer active', () => {
    spec.given([added('ownership', 'Ownership')]).when(retire('ownership')).then([retired('ownership')]);
    spec.given([added('ownership', 'Ownership'), retired('ownership')]).when(retire('ownership')).then([]);
    spec.given([]).when(retire('ownership')).thenThrows('EJP_COMPANY_VALUE_NOT_FOUND');
    const state = [added('ownership', 'Ownership'), added('speed', 'Speed'), retired('ownership')].reduce(evolveSettings, initialSettings());
    expect(state.values.ownership).toEqual({ name: 'Ownership', retired: true });
    expect(activeValueIds(state)).toEqual(['speed']);
  });
});

describe('allowance and withdraw window', () => {
  it('default to 100 points a month and 24 hours', () => {
    expect(initialSettings()).toMatchObject({ monthlyAllowance: 100, withdrawWindowHours: 24 });
  });

  it('are set with the value they replace; the same value again changes nothing', () => {
    spec.given([]).when(allowance(150)).then([{ type: 'organisation.recognition-allowance.set', data: { from: 100, to: 150 } }]);
    spec.given([{ type: 'organisation.recognition-allowance.set', data: { from: 100, to: 150 } }]).when(allowance(0)).then([{ type: 'organisation.recognition-allowance.set', data: { from: 150, to: 0 } }]);
    spec.given([]).when(allowance(100)).then([]);
    spec.given([]).when(window(48)).then([{ type: 'organisation.recognition-withdraw-window.set', data: { fromHours: 24, toHours: 48 } }]);
    spec.given([]).when(window(24)).then([]);
  });
});

describe('only admins change settings', () => {
  const hr: Caller = { id: 'hr-1', roles: ['hr', 'manager', 'employee'] };
  it.each([
    ['add a value', add('ownership', 'Ownership', hr)],
    ['set the allowance', allowance(10, hr)],
    ['rename a value', { ...rename('ownership', 'Own it'), data: { ...rename('ownership', 'Own it').data, changedBy: hr } } as OrganisationSettingsCommand],
    ['retire a value', { ...retire('ownership'), data: { ...retire('ownership').data, changedBy: hr } } as OrganisationSettingsCommand],
    ['set the window', { ...window(1), data: { ...window(1).data, changedBy: hr } } as OrganisationSettingsCommand],
  ])('a non-admin may not %s', (_, command) => {
    spec.given([added('ownership', 'Ownership')]).when(command).thenThrows('EJP_ADMIN_REQUIRED');
  });
});
