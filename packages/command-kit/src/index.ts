// Public API of @ejp/command-kit. Test support (the decider specification) is in `@ejp/command-kit/testing`.
export {
  type CommandHandler,
  type CommandHandlerOptions,
  createCommandHandler,
  type EventReader,
  foldEvents,
  type HandledEvent,
  type HandleOptions,
  type HandleResult,
  IdempotencyKeyReusedError,
} from './command-handler.ts';
export { type Command, type CommandMetadata, type Decider, DomainError, type TimedCommand } from './decider.ts';
export { COMMAND_EVENT_NAMESPACE, commandEventId, uuidV5 } from './deterministic-ids.ts';
export { catalogueCodec, type EventCodec } from './event-codec.ts';
export { type FoldedStream, StreamStateCache, type StreamStateCacheOptions } from './stream-state-cache.ts';
export { recordedEvent } from './recorded-event.ts';
export { journeyCodec, stageMovingTypes } from './journey-codec.ts';
export { ANONYMOUS_ACTOR, anonymousCausation, causationOf } from './http/causation.ts';
export {
  type CommandContext,
  type CommandInput,
  type CommandRequest,
  type CommandRoute,
  type CommandRoutesOptions,
  commandRoute,
  type RoutableCommand,
  registerCommandRoutes,
} from './http/command-routes.ts';
export { CommandHeaders, commandResultSchema, etagOf, parseIfMatch, RevisionString } from './http/headers.ts';
export { CommandKitErrors, commandProblems, toAppError } from './http/problems.ts';
