/** The parts of the API's answers the pages read (the OpenAPI document at /docs/json has them whole). */

export interface Person { employeeId: string; name: string; department: string; role: string; managerId: string | null; roles: string[] }
export interface Directory { company: string; personas: { kind: 'employee' | 'manager' | 'hr'; employeeId: string }[]; people: Person[]; surveyIds: string[] }

export interface TimelineItem { eventId: string; occurredAt: string; stage: string; chapter: number; type: string; title: string }
export interface Task { id: string; title: string; owner: string; dueDate: string; done: boolean }
export interface Journey {
  employeeId: string;
  stage: string;
  onboarding: { progress: { done: number; total: number; requiredDone: number; requiredTotal: number }; nextDueTasks: Task[]; overdueTasks: Task[] } | null;
}
export interface RecognitionSummary {
  received: { last30Days: number; last90Days: number };
  pointsBalance: number;
  allowance: { left: number; monthlyAllowance: number };
}
export interface Recognition { recognitionId: string; kind: string; giverId: string; recipientIds: string[]; values: string[]; pointsPerRecipient: number; visibility: string; givenAt: string }
export interface Settings { values: { valueId: string; name: string; retired: boolean }[]; monthlyAllowance: number }

export interface SurveyQuestion { questionId: string; text: string; scale: 'agreement-5' | 'zero-to-ten' | 'free-text' | string }
export interface Survey { surveyId: string; title: string; status: string; questions: SurveyQuestion[] }

export type Suppressed = { suppressed: true; reason: string };
export interface GroupResult { suppressed: false; respondents: number; invited: number; responseRate: number; enps: number | null; dimensions: { dimension: string; favourable: number | null }[] }
export interface SurveyResults { surveyId: string; status: string; closedOn: string | null; overall: GroupResult | Suppressed; segments: { attribute: string; value: string; result: GroupResult | Suppressed }[] }

export interface Suggestion { suggestionId: string; status: string; category: string; thread?: { kind: string; answer?: string; text?: string }[] }
