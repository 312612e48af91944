import { uuidV5 } from '@ejp/command-kit';

/**
 * A small, made-up company for `--demo`: about 50 people at every stage of
 * the onboarding journey. Everything comes from a seeded PRNG, so the same
 * seed gives the same people, ids and plans on every machine and every run,
 * which is what makes re-seeding idempotent (same ids, same command bodies).
 */

export const DEMO_SEED = 20_240_501;
export const COMPANY_NAME = 'Northwind Labs';
const EMAIL_DOMAIN = 'northwind.example'; // RFC 2606: can never reach a real mailbox
/** Namespace of the demo's employee ids (UUID v5 of seed and index). */
const DEMO_NAMESPACE = '6c0e5f8a-2d4b-4e71-9b3a-0f5d7c2e9a14';

/** Where the seeding leaves each employee (an extended probation is still probation). */
export type DemoStage = 'pre-boarding' | 'onboarding' | 'probation' | 'extended-probation' | 'in-role';

export interface DemoEmployee {
  index: number;
  employeeId: string;
  givenName: string;
  familyName: string;
  email: string;
  department: string;
  role: string;
  level: string;
  location: string;
  managerId: string | null;
  buddyId: string;
  stage: DemoStage;
  /** First working day relative to the seeding's anchor date (negative: already started). */
  startOffsetDays: number;
}

/** mulberry32: tiny, fast and good enough for made-up people; seeded, so repeatable. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
export const between = (random: () => number, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const GIVEN_NAMES = [
  'Ana', 'João', 'Inês', 'Miguel', 'Sofia', 'Tiago', 'Leonor', 'Lukas', 'Hannah', 'Jonas', 'Lea', 'Felix', 'Emma', 'Noah',
  'Sanne', 'Daan', 'Fleur', 'Priya', 'Arjun', 'Mei', 'Wei', 'Yuki', 'Kenji', 'Amara', 'Kwame', 'Fatima', 'Omar', 'Layla',
  'Mateo', 'Lucía', 'Camille', 'Hugo', 'Chloé', 'Aleksander', 'Zofia', 'Eilidh', 'Siobhán', 'Oliver', 'Grace', 'Ingrid',
  'Mikkel', 'Astrid', 'Tomás', 'Beatriz', 'Nikolai', 'Elif', 'Emre', 'Aisha', 'Daniel', 'Rosa',
] as const;

const FAMILY_NAMES = [
  'Silva', 'Ferreira', 'Costa', 'Oliveira', 'Almeida', 'Müller', 'Schneider', 'Becker', 'Wagner', 'de Vries', 'Jansen',
  'van Dijk', 'Bakker', 'Sharma', 'Iyer', 'Chen', 'Zhang', 'Tanaka', 'Sato', 'Okafor', 'Mensah', 'Haddad', 'Khalil',
  'García', 'Martínez', 'Dubois', 'Lefèvre', 'Nowak', 'Kowalska', 'MacLeod', "O'Brien", 'Smith', 'Andersen', 'Larsen',
  'Nielsen', 'Santos', 'Petrov', 'Yılmaz', 'Demir', 'Rossi',
] as const;

const LOCATIONS = ['Lisbon', 'Lisbon', 'Lisbon', 'Berlin', 'Berlin', 'Amsterdam', 'Remote (EU)'] as const;

interface Department {
  name: string;
  head: string;
  staff: number;
  roles: readonly (readonly [role: string, level: string])[];
}

const DEPARTMENTS: readonly Department[] = [
  {
    name: 'Engineering',
    head: 'VP Engineering',
    staff: 14,
    roles: [
      ['Software Engineer', 'IC2'], ['Software Engineer', 'IC3'], ['Senior Software Engineer', 'IC4'], ['Staff Engineer', 'IC5'],
      ['QA Engineer', 'IC3'], ['Site Reliability Engineer', 'IC3'],
    ],
  },
  { name: 'Product', head: 'Head of Product', staff: 5, roles: [['Product Manager', 'IC4'], ['Product Designer', 'IC3'], ['UX Researcher', 'IC3']] },
  {
    name: 'Sales',
    head: 'Head of Sales',
    staff: 7,
    roles: [['Account Executive', 'IC3'], ['Sales Development Representative', 'IC1'], ['Sales Engineer', 'IC4']],
  },
  { name: 'Customer Success', head: 'Head of Customer Success', staff: 6, roles: [['Customer Success Manager', 'IC3'], ['Support Specialist', 'IC2']] },
  { name: 'Marketing', head: 'Head of Marketing', staff: 4, roles: [['Content Marketing Manager', 'IC3'], ['Growth Marketer', 'IC3']] },
  { name: 'Finance', head: 'Finance Director', staff: 3, roles: [['Financial Analyst', 'IC3'], ['Accountant', 'IC2']] },
  { name: 'People', head: 'Head of People', staff: 3, roles: [['People Partner', 'IC3'], ['Recruiter', 'IC2']] },
];

/** The 42 staff (everyone but the CEO and the 7 heads): how many end up at each stage. */
const STAFF_STAGES: Readonly<Record<DemoStage, number>> = {
  'in-role': 8,
  probation: 7,
  'extended-probation': 1,
  onboarding: 19,
  'pre-boarding': 7,
};

/** Days since the start date, by stage; the check-in and probation timings in script.ts rely on these ranges. */
function startOffsetOf(random: () => number, stage: DemoStage): number {
  switch (stage) {
    case 'pre-boarding':
      return between(random, 2, 30);
    case 'onboarding':
      return -between(random, 2, 97); // up to the 90-day check-in, never completed
    case 'probation':
      return -between(random, 100, 175); // completed (~day 95), outcome due after day 180
    case 'extended-probation':
      return -between(random, 195, 205); // extended at day ~182 until day ~275: still running
    case 'in-role':
      return -between(random, 200, 900);
  }
}

const asciiLocal = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** The demo company: index 0 is the CEO, 1..7 the department heads, the rest their staff. */
export function demoCompany(seed: number = DEMO_SEED): DemoEmployee[] {
  const random = prng(seed);
  const idOf = (index: number) => uuidV5(DEMO_NAMESPACE, `demo-company/${seed}/${index}`);
  const usedNames = new Set<string>();
  const person = () => {
    for (;;) {
      const givenName = pick(random, GIVEN_NAMES);
      const familyName = pick(random, FAMILY_NAMES);
      const key = `${givenName} ${familyName}`;
      if (usedNames.has(key)) continue;
      usedNames.add(key);
      return { givenName, familyName, email: `${asciiLocal(givenName)}.${asciiLocal(familyName)}@${EMAIL_DOMAIN}` };
    }
  };

  type Draft = Omit<DemoEmployee, 'buddyId' | 'startOffsetDays'>;
  const drafts: Draft[] = [];
  const add = (draft: Omit<Draft, 'index' | 'employeeId' | 'givenName' | 'familyName' | 'email'>) =>
    drafts.push({ index: drafts.length, employeeId: idOf(drafts.length), ...person(), ...draft });

  add({ department: 'Leadership', role: 'Chief Executive Officer', level: 'Exec', location: 'Lisbon', managerId: null, stage: 'in-role' });
  const ceo = drafts[0]!.employeeId;
  for (const department of DEPARTMENTS) {
    add({ department: department.name, role: department.head, level: 'M3', location: pick(random, LOCATIONS), managerId: ceo, stage: 'in-role' });
  }
  const stages = shuffle(
    random,
    Object.entries(STAFF_STAGES).flatMap(([stage, count]) => Array.from({ length: count }, () => stage as DemoStage)),
  );
  DEPARTMENTS.forEach((department, d) => {
    const head = drafts[1 + d]!.employeeId;
    for (let i = 0; i < department.staff; i++) {
      const [role, level] = pick(random, department.roles);
      add({ department: department.name, role, level, location: pick(random, LOCATIONS), managerId: head, stage: stages.pop()! });
    }
  });

  // Buddies are people already in role, from the same department when possible (not the manager).
  return drafts.map((draft) => {
    const settled = drafts.filter((other) => other.stage === 'in-role' && other.employeeId !== draft.employeeId);
    const sameDepartment = settled.filter((other) => other.department === draft.department && other.employeeId !== draft.managerId);
    const buddy = pick(random, sameDepartment.length > 0 ? sameDepartment : settled.filter((o) => o.employeeId !== draft.managerId));
    const leader = draft.index === 0 ? -between(random, 1400, 1600) : draft.index <= DEPARTMENTS.length ? -between(random, 500, 1300) : undefined;
    return { ...draft, buddyId: buddy.employeeId, startOffsetDays: leader ?? startOffsetOf(random, draft.stage) };
  });
}
