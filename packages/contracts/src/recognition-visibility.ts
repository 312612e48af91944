import type { RecognitionVisibility } from './events/recognition.ts';

/**
 * THE visibility rule of a recognition, applied by every read model and
 * every answer that shows one (feed, timelines, summaries): one pure
 * function, so no reader keeps its own idea of "recipients only".
 *
 * - public: everyone signed in;
 * - recipients: the giver and the recipients;
 * - recipients-and-managers: also the recipients' managers (as they were
 *   when it was given: the read model records them then).
 *
 * No role sees past it: an admin or HR reader of someone's timeline does
 * not see a recognition meant for the recipients only.
 */
export interface RecognitionAudience {
  giverId: string;
  recipientIds: readonly string[];
  visibility: RecognitionVisibility;
  /** The recipients' managers when it was given (for recipients-and-managers). */
  recipientManagerIds: readonly string[];
}

/** Who asks: the token's subject (an employee id). */
export interface Viewer {
  id: string;
}

export function canSee(viewer: Viewer, recognition: RecognitionAudience): boolean {
  if (recognition.visibility === 'public') return true;
  if (viewer.id === recognition.giverId || recognition.recipientIds.includes(viewer.id)) return true;
  return recognition.visibility === 'recipients-and-managers' && recognition.recipientManagerIds.includes(viewer.id);
}
