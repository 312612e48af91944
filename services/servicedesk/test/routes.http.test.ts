import { randomUUID } from 'node:crypto';
import { ServiceRequestStreams } from '@ejp/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agentId, type DeskApp, expenseItem, financeId, managerId, ORG, requesterId, seed, startDesk, strangerId } from './support.ts';

let t: DeskApp;
beforeEach(async () => {
  t = await startDesk();
  await seed(t);
});
afterEach(() => t.close());

const base = (id: string) => `/servicedesk/requests/${id}`;
const submitLaptop = (requestId: string, answers: object = { assetTag: 'LT-0042' }) =>
  t.call('POST', '/servicedesk/requests', requesterId, { requestId, itemId: 'laptop-replacement', title: 'My laptop will not boot', answers });

describe('the catalogue', () => {
  it('is defined by admins only and shown to everyone', async () => {
    expect((await t.call('PUT', '/servicedesk/teams/hr-desk', requesterId, { name: 'HR', agentIds: [] })).statusCode).toBe(403);
    const catalogue = await t.call('GET', '/servicedesk/catalogue', requesterId);
    expect(catalogue.statusCode).toBe(200);
    expect(catalogue.json()).toMatchObject({ organisationId: ORG, teams: [{ teamId: 'it-support' }, { teamId: 'finance' }] });
    expect(catalogue.json().items.map((item: { itemId: string }) => item.itemId)).toEqual(['laptop-replacement', 'expense-claim']);
  });

  it('refuses an item of an unknown team, a calendar it lacks and a form that is no JSON Schema, naming the field', async () => {
    const put = (body: object) => t.call('PUT', '/servicedesk/items/broken', 'admin-1', { ...expenseItem, ...body }, ['admin']);
    expect((await put({ owningTeamId: 'nobody' })).json()).toMatchObject({ status: 422, code: 'EJP_SERVICE_TEAM_NOT_FOUND' });
    expect((await put({ sla: { resolutionMinutes: 60, calendarId: 'mars' } })).json()).toMatchObject({ code: 'EJP_BUSINESS_CALENDAR_NOT_FOUND' });
    const badForm = await put({ form: { type: 'object', properties: { amount: { type: 'money' } } } });
    expect(badForm.statusCode).toBe(400);
    expect(badForm.json().errors).toEqual([expect.objectContaining({ path: 'body.form' })]);
    expect((await put({ category: 'travel' })).json().errors).toEqual([expect.objectContaining({ path: 'body.category' })]);
  });
});

describe('a request through its lifecycle over HTTP', () => {
  it('answers a 400 naming the form field at fault', async () => {
    const response = await submitLaptop(randomUUID(), { assetTag: 'LT' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'EJP_REQUEST_FORM_INVALID', errors: [{ path: 'body.answers.assetTag' }] });
  });

  it('is worked by agents of the team, commented on by both sides, resolved and rated; its comments are the requester’s, encrypted with their key', async () => {
    const id = randomUUID();
    const submitted = await submitLaptop(id);
    expect(submitted.statusCode).toBe(201);
    expect(submitted.headers.location).toBe(base(id));
    expect((await t.call('POST', `${base(id)}/acknowledgement`, strangerId)).json()).toMatchObject({ status: 403, code: 'EJP_NOT_AN_AGENT_OF_THE_TEAM' });
    expect((await t.call('POST', `${base(id)}/acknowledgement`, agentId)).statusCode).toBe(200);
    expect((await t.call('POST', `${base(id)}/assignment`, agentId, { agentId })).statusCode).toBe(200);
    expect((await t.call('POST', `${base(id)}/comments`, agentId, { commentId: randomUUID(), text: 'Which model is it?' })).statusCode).toBe(200);
    expect((await t.call('POST', `${base(id)}/waiting-on-employee`, agentId)).statusCode).toBe(200);
    expect((await t.call('POST', `${base(id)}/comments`, requesterId, { commentId: randomUUID(), text: 'A T14, from 2021' })).statusCode).toBe(200);
    expect((await t.call('POST', `${base(id)}/resolution`, agentId, { resolution: 'Replaced the SSD' })).statusCode).toBe(200);
    expect((await t.call('POST', `${base(id)}/satisfaction`, requesterId, { rating: 5, comment: 'Quick!' })).statusCode).toBe(200);
    expect((await t.call('POST', `${base(id)}/satisfaction`, requesterId, { rating: 6 })).json().errors).toEqual([expect.objectContaining({ path: 'body.rating' })]);

    const view = await t.call('GET', base(id), agentId);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ status: 'resolved', assigneeId: agentId, rated: true, title: 'My laptop will not boot' });
    expect(view.json().comments.map((c: { authorRole: string; text: string }) => [c.authorRole, c.text])).toEqual([
      ['agent', 'Which model is it?'],
      ['requester', 'A T14, from 2021'],
    ]);
    expect(view.json().history.map((h: { type: string }) => h.type)).toContain('servicedesk.request.resumed');
    expect((await t.call('GET', base(id), requesterId)).statusCode).toBe(200);
    expect((await t.call('GET', base(id), strangerId)).statusCode).toBe(403);
    expect((await t.call('GET', base(id), 'hr-1', undefined, ['hr'])).statusCode).toBe(200);

    const raw = await t.raw.readStream(ServiceRequestStreams.streamOf(id));
    const agentComment = raw.find((e) => e.type === 'servicedesk.request.commented')!;
    expect(agentComment.data.text).toMatchObject({ kid: requesterId });
    expect(JSON.stringify(raw.map((e) => e.data))).not.toContain('Which model');
  });

  it('goes through the manager, then finance; a rejection needs a reason', async () => {
    const id = randomUUID();
    const body = { requestId: id, itemId: 'expense-claim', title: 'Train to the Leeds office', answers: { amount: 84.5 } };
    expect((await t.call('POST', '/servicedesk/requests', requesterId, body)).statusCode).toBe(201);
    expect((await t.call('POST', `${base(id)}/approval`, financeId, { decision: 'approve' })).json()).toMatchObject({ code: 'EJP_NOT_THE_APPROVER' });
    expect((await t.call('POST', `${base(id)}/approval`, managerId, { decision: 'approve' }, ['manager'])).statusCode).toBe(200);
    const noReason = await t.call('POST', `${base(id)}/approval`, financeId, { decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    expect((await t.call('POST', `${base(id)}/approval`, financeId, { decision: 'reject', reason: 'Book through the travel desk' })).statusCode).toBe(200);
    expect((await t.call('GET', base(id), requesterId)).json()).toMatchObject({ status: 'rejected' });
  });
});

describe('cross-field rules of the catalogue', () => {
  it('names the field: a calendar closing before it opens, a finance team without the finance step', async () => {
    const calendar = await t.call('PUT', '/servicedesk/calendars/night', 'admin-1', { timeZone: 'UTC', workingDays: [1], opensAt: '18:00', closesAt: '09:00' }, ['admin']);
    expect(calendar.statusCode).toBe(400);
    expect(calendar.json()).toMatchObject({ code: 'EJP_CATALOGUE_ENTRY_INVALID', errors: [{ path: 'body.closesAt' }] });
    const item = await t.call('PUT', '/servicedesk/items/claim', 'admin-1', { ...expenseItem, financeTeamId: null }, ['admin']);
    expect(item.json()).toMatchObject({ status: 400, errors: [{ path: 'body.financeTeamId' }] });
    const zone = await t.call('PUT', '/servicedesk/calendars/mars', 'admin-1', { timeZone: 'Mars/Olympus', workingDays: [1], opensAt: '09:00', closesAt: '17:00' }, ['admin']);
    expect(zone.json().errors).toEqual([expect.objectContaining({ path: 'body.timeZone' })]);
  });
});
