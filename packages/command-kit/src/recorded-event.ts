import type { EventData, EventDefinition, EventOf } from '@ejp/contracts';

/**
 * The one way a decider builds an event: validated against its contracts
 * schema, so the cross-field rules written there (a resignation is voluntary,
 * a rotation has an end) refuse the command with the field named, instead of
 * failing later at append time. `invalid` makes the service's own error from
 * the field's path (dotted, '' for the whole object) and zod's message.
 */
export function recordedEvent<D extends EventDefinition>(definition: D, data: EventData<D>, invalid: (field: string, message: string) => Error): EventOf<D> {
  const result = definition.schema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw invalid(issue.path.join('.'), issue.message);
  }
  return { type: definition.type, data: result.data } as EventOf<D>;
}
