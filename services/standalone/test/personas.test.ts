import { describe, expect, it } from 'vitest';
import { demoCompany } from '../src/demo/company.ts';
import { ACT_AS_HEADER, personaCaller } from '../src/demo/personas.ts';

const company = demoCompany();
const caller = personaCaller(company);
const as = (value: string | string[] | undefined) => caller({ headers: { [ACT_AS_HEADER]: value } });

describe('the web app\'s demo personas (AUTH_MODE=off)', () => {
  it('acts as the named demo employee with the roles their place gives them, never roles the client names', () => {
    const hr = company.find((e) => e.role === 'Head of People')!;
    const manager = company.find((e) => company.some((r) => r.managerId === e.employeeId) && e !== hr)!;
    const employee = company.find((e) => !company.some((r) => r.managerId === e.employeeId))!;
    expect(as(hr.employeeId)).toMatchObject({ subject: hr.employeeId, roles: ['employee', 'hr'] });
    expect(as(manager.employeeId)).toMatchObject({ subject: manager.employeeId, roles: ['employee', 'manager'] });
    expect(as(employee.employeeId)).toEqual({ subject: employee.employeeId, roles: ['employee'], scopes: [], claims: { sub: employee.employeeId, roles: ['employee'] } });
  });

  it('leaves anyone else to the dev user: no header, a stranger, a repeated header', () => {
    expect(as(undefined)).toBeUndefined();
    expect(as('00000000-0000-4000-8000-000000000000')).toBeUndefined();
    expect(as([company[1]!.employeeId, company[2]!.employeeId])).toBeUndefined();
  });
});
