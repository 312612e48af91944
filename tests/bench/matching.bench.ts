// Mentor matching: how long assignMentors takes to solve a whole round (the
// growth service does it inside the "propose pairs" request), against the
// bare baseline measured in the same run: scoring every mentor-mentee pair
// once, the work any matcher does before choosing. Rounds of 50, 150 and 300
// mentees (the most one round takes, MAX_ROUND_SIZE), a third as many
// mentors with capacities 1 to 3. Run: npm run bench:matching
import os from 'node:os';
import { assignMentors, type MenteeRequest, type MentorOffer, scorePair } from '@ejp/growth';
import { ms, summarize } from './stats.ts';

const TAGS = ['typescript', 'sql', 'design', 'sales', 'leadership', 'career', 'kubernetes', 'coaching', 'budgeting', 'storytelling', 'negotiation', 'research'];
const ROUNDS = 5;

/** A deterministic round (a small LCG), so every run measures the same work. */
function round(mentees: number): { mentors: MentorOffer[]; requests: MenteeRequest[] } {
  let seed = 20_261_204;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const tags = (count: number) => [...new Set(Array.from({ length: count }, () => TAGS[Math.floor(random() * TAGS.length)]!))];
  const mentors = Array.from({ length: Math.ceil(mentees / 3) }, (_, i) => ({ mentorId: `m${i}`, department: `d${i % 7}`, seniority: 4 + (i % 5), skills: tags(3), topics: tags(2), capacity: 1 + (i % 3) }));
  const requests = Array.from({ length: mentees }, (_, i) => ({ menteeId: `e${i}`, department: `d${i % 7}`, seniority: 1 + (i % 4), managerId: `m${i % 10}`, goals: tags(3) }));
  return { mentors, requests };
}

function time(once: () => unknown): number {
  const start = performance.now();
  once();
  return performance.now() - start;
}

console.log(`# mentor matching (${os.cpus()[0]?.model ?? 'cpu'}, ${os.availableParallelism()} cores, node ${process.version}, load ${os.loadavg()[0]!.toFixed(2)})`);
console.log('| mentees | mentors | slots | baseline p50 ms (score all pairs) | assignMentors p50 ms | ratio | matched |');
console.log('|---|---|---|---|---|---|---|');
for (const size of [50, 150, 300]) {
  const { mentors, requests } = round(size);
  const baseline: number[] = [];
  const solve: number[] = [];
  let matched = 0;
  for (let i = 0; i < ROUNDS; i++) {
    // Alternated, so both see the same machine load.
    baseline.push(time(() => requests.map((e) => mentors.map((m) => scorePair(m, e)))));
    solve.push(time(() => (matched = assignMentors(mentors, requests).proposals.length)));
  }
  const [b, s] = [summarize(baseline).p50, summarize(solve).p50];
  const slots = mentors.reduce((sum, m) => sum + m.capacity, 0);
  console.log(`| ${size} | ${mentors.length} | ${slots} | ${ms(b)} | ${ms(s)} | ${(s / b).toFixed(0)}x | ${matched} |`);
}
