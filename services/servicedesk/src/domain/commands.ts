import type { BusinessCalendarDefined, EventData, MeasuredPolicy, RequestItemDefined, ServiceTeamDefined } from '@ejp/contracts';

/**
 * Commands of the service-desk deciders: `{ type, data, metadata }`, with
 * `metadata.now` as the clock. Facts from other streams a rule needs (the
 * catalogue's teams and items, the requester's manager) are read by the route
 * before deciding and travel in `data`, so `decide` stays pure.
 */
export interface CommandMetadata {
  now: Date;
}

interface Command<T extends string, D> {
  type: T;
  data: D;
  metadata: CommandMetadata;
}

// ── The catalogue (servicecatalogue-<orgId>) ─────────────────────────────────

type InCatalogue<D> = { organisationId: string } & D;
export type DefineTeam = Command<'DefineTeam', InCatalogue<EventData<typeof ServiceTeamDefined>>>;
export type DefineCalendar = Command<'DefineCalendar', InCatalogue<EventData<typeof BusinessCalendarDefined>>>;
export type DefineItem = Command<'DefineItem', InCatalogue<EventData<typeof RequestItemDefined>>>;
export type RetireItem = Command<'RetireItem', InCatalogue<{ itemId: string }>>;
export type CatalogueCommand = DefineTeam | DefineCalendar | DefineItem | RetireItem;

// ── One request (servicerequest-<requestId>) ─────────────────────────────────

/** Who calls, and the teams of the catalogue (team id to agent ids) when the call was made. */
export interface RequestFacts {
  caller: { id: string; roles: readonly string[] };
  teams: Readonly<Record<string, readonly string[]>>;
}

type OnRequest<D = object> = { requestId: string } & RequestFacts & D;

/** The item as the catalogue defines it when the request is submitted, with its calendar resolved. */
export interface ItemFacts {
  itemId: string;
  owningTeamId: string;
  form: Record<string, unknown>;
  approvalChain: EventData<typeof RequestItemDefined>['approvalChain'];
  financeTeamId: string | null;
  policy: MeasuredPolicy;
  retired: boolean;
}

export type SubmitRequest = Command<
  'SubmitRequest',
  OnRequest<{
    title: string;
    answers: Record<string, unknown>;
    /** Undefined: no such item in the catalogue. */
    item: ItemFacts | undefined;
    /** The requester's manager, from their journey (null: none recorded). */
    managerId: string | null;
  }>
>;
export type DecideApproval = Command<'DecideApproval', OnRequest<{ decision: 'approve' | 'reject'; reason?: string | undefined }>>;
export type Acknowledge = Command<'Acknowledge', OnRequest>;
export type Assign = Command<'Assign', OnRequest<{ agentId: string }>>;
export type StartWork = Command<'StartWork', OnRequest>;
export type WaitOnEmployee = Command<'WaitOnEmployee', OnRequest>;
export type Resume = Command<'Resume', OnRequest>;
export type Comment = Command<'Comment', OnRequest<{ commentId: string; text: string }>>;
export type Resolve = Command<'Resolve', OnRequest<{ resolution: string }>>;
export type Reopen = Command<'Reopen', OnRequest<{ reason: string }>>;
export type Close = Command<'Close', OnRequest>;
export type Rate = Command<'Rate', OnRequest<{ rating: number; comment: string | null }>>;
/** The item's policy or calendar changed (sent by the SLA watcher): the deadlines follow. */
export type RecomputeSla = Command<'RecomputeSla', OnRequest<{ policy: MeasuredPolicy }>>;
/** A deadline may have passed (sent by the SLA watcher): records each breach the clocks show. */
export type CheckSla = Command<'CheckSla', OnRequest>;

export type RequestCommand =
  | SubmitRequest
  | DecideApproval
  | Acknowledge
  | Assign
  | StartWork
  | WaitOnEmployee
  | Resume
  | Comment
  | Resolve
  | Reopen
  | Close
  | Rate
  | RecomputeSla
  | CheckSla;
