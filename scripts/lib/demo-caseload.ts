/**
 * The demo caseload of the embedded default: about 30 people at different stages, created
 * through the same HTTP commands staff use (never rows written behind the workflows' backs).
 */
const NEEDS = ['ACCOMMODATION', 'EDUCATION_SKILLS_AND_WORK', 'FINANCE_ID_AND_DEBT', 'DRUGS_AND_ALCOHOL', 'HEALTH', 'CHILDREN_FAMILIES_AND_COMMUNITIES', 'ATTITUDES_THINKING_AND_BEHAVIOUR'] as const;

const GIVEN = ['Aaron', 'Bilal', 'Callum', 'Darren', 'Ellis', 'Femi', 'Gary', 'Harvey', 'Imran', 'Jamie', 'Kyle', 'Liam', 'Mason', 'Nathan', 'Owen', 'Patrick', 'Reece', 'Sean', 'Tyler', 'Usman', 'Vince', 'Wayne', 'Yusuf', 'Zak', 'Adam', 'Ben', 'Connor', 'Dean', 'Ethan', 'Frankie'];
const FAMILY = ['Ahmed', 'Barker', 'Clarke', 'Dixon', 'Evans', 'Fletcher', 'Green', 'Hughes', 'Iqbal', 'Jones', 'Kaur', 'Lewis', 'Murphy', 'Nolan', "O'Brien", 'Patel', 'Quinn', 'Robinson', 'Shaw', 'Taylor', 'Umar', 'Vaughan', 'Walker', 'Young', 'Booth', 'Cooper', 'Doyle', 'Ellis', 'Foster', 'Gill'];

type Stage = 'RECEIVED' | 'SCREENED' | 'PLANNED' | 'NEAR_RELEASE' | 'HANDOVER_OVERDUE' | 'SUPERVISION' | 'LOST_CONTACT';

const PLAN: Stage[] = [
  ...Array<Stage>(7).fill('RECEIVED'),
  ...Array<Stage>(3).fill('SCREENED'),
  ...Array<Stage>(7).fill('PLANNED'),
  ...Array<Stage>(5).fill('NEAR_RELEASE'),
  ...Array<Stage>(3).fill('HANDOVER_OVERDUE'),
  ...Array<Stage>(3).fill('SUPERVISION'),
  ...Array<Stage>(2).fill('LOST_CONTACT'),
];

const day = (offset: number, from = new Date()): string => new Date(from.getTime() + offset * 86400_000).toISOString().slice(0, 10);
/** The day `offset` days from today, kept between the reception `receivedDaysAgo` days ago and today. */
const since = (receivedDaysAgo: number, offset: number): string => day(Math.min(0, Math.max(-receivedDaysAgo + 1, offset)));
const instant = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Api {
  call<T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown): Promise<T>;
}

function api(baseUrl: string): Api {
  return {
    async call<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
      return JSON.parse(text) as T;
    },
  };
}

async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (!res.ok) throw new Error(`demo sign-in as ${username} failed (${res.status})`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** A person received `receivedDaysAgo` days ago, due out (conditional release) in `releaseInDays`. */
function personBody(i: number, receivedDaysAgo: number, releaseInDays: number) {
  return {
    prisonNumber: `A${String(1000 + i * 37).padStart(4, '0')}${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + ((i * 7) % 26))}`,
    givenName: GIVEN[i % GIVEN.length],
    familyName: FAMILY[i % FAMILY.length],
    dateOfBirth: day(-365 * (22 + (i % 30)) - i * 11),
    // HMP Leeds holds men; sex is optional at reception, so some are left unrecorded.
    ...(i % 5 === 4 ? {} : { sex: 'MALE' }),
    prisonCode: 'LEI',
    receptionAt: instant(-receivedDaysAgo),
    sentenceStartDate: day(-receivedDaysAgo),
    sentenceType: 'DETERMINATE',
    sentenceLengthMonths: Math.max(2, Math.round(((receivedDaysAgo + releaseInDays) / 30) * 2)),
    conditionalReleaseDate: day(releaseInDays),
    offenceCategory: i % 4 === 0 ? 'VIOLENT' : 'OTHER',
  };
}

/** What a screener writes for each need found. */
const NEED_DETAILS: Record<string, string> = {
  ACCOMMODATION: 'Tenancy ended while in custody; was sofa surfing before',
  EDUCATION_SKILLS_AND_WORK: 'No work for two years; interested in a forklift licence',
  FINANCE_ID_AND_DEBT: 'No bank account or ID; rent arrears with the council',
  DRUGS_AND_ALCOHOL: 'Alcohol use before custody; wants support on release',
  HEALTH: 'Not registered with a GP',
  CHILDREN_FAMILIES_AND_COMMUNITIES: 'Wants contact with two children; social services involved',
  ATTITUDES_THINKING_AND_BEHAVIOUR: 'Impulsive when drinking; offending behaviour work suggested',
};

/**
 * Three needs stories: due out in 10 days with no address (the readiness alarm raised), released
 * with an unmet accommodation need, and everything met.
 */
const NEEDS_STORIES = [
  { story: 'NO_ADDRESS_DUE_OUT', receivedDaysAgo: 200, releaseInDays: 10, address: 'NONE', released: false },
  { story: 'RELEASED_UNMET', receivedDaysAgo: 300, releaseInDays: -5, address: 'NONE', released: true },
  { story: 'ALL_MET', receivedDaysAgo: 150, releaseInDays: 60, address: 'SETTLED', released: false },
] as const;

/**
 * Two people brought onto ttg weeks after they were received, whose COM allocation (due on the
 * handover date, about 6 and 22 days ago) was never made: one overdue, one escalated to the manager.
 */
const LATE_ALLOCATIONS = [
  { receivedDaysAgo: 120, releaseInDays: 251 },
  { receivedDaysAgo: 120, releaseInDays: 235 },
] as const;

/** The demo's community offender managers (the demo users' ids and teams). */
const COMS = [
  { userId: 'u-com-officer', teamCode: 'YH-LEEDS-N' },
  { userId: 'u-com-officer-2', teamCode: 'YH-LEEDS-S' },
] as const;

interface TaskView { id: string; type: string; status: string }
interface CaseView { id: string; tasks: TaskView[]; keyDates: { releaseDate: string | null } }

export async function createDemoCaseload(baseUrl: string, password: string): Promise<number> {
  const a = api(baseUrl);
  const prison = await signIn(baseUrl, 'prison.staff', password);
  const manager = await signIn(baseUrl, 'manager', password);
  const com = await signIn(baseUrl, 'com.officer', password);
  const open = async (caseId: string, type: string): Promise<TaskView | undefined> =>
    (await a.call<CaseView>('GET', `/api/v1/cases/${caseId}`, prison)).tasks.find((t) => t.type === type && (t.status === 'OPEN' || t.status === 'IN_PROGRESS'));
  // A step whose window has already opened appears once the workflow's timer loop runs: wait (bounded).
  // Recorded now, dated the day it was done (`doneOn`), so each history reads as it happened.
  const complete = async (caseId: string, type: string, outcome: unknown, token = prison, doneOn?: string) => {
    let t = await open(caseId, type);
    for (let tries = 0; !t && tries < 50; tries += 1) {
      await new Promise((r) => setTimeout(r, 100));
      t = await open(caseId, type);
    }
    if (!t) throw new Error(`demo: no open ${type} task on case ${caseId}`);
    await a.call('POST', `/api/v1/tasks/${t.id}/complete`, token, { outcome, ...(doneOn && doneOn < day(0) ? { doneOn } : {}) });
  };

  const com2 = await signIn(baseUrl, 'com.officer2', password);
  let created = 0;
  let allocated = 0;
  let waiting = 0;
  let recalled = false;
  for (const [i, stage] of PLAN.entries()) {
    // Dates that put each person at their stage today.
    const receivedDaysAgo = { RECEIVED: i % 5, SCREENED: 6, PLANNED: 40 + i * 3, NEAR_RELEASE: 200, HANDOVER_OVERDUE: 60, SUPERVISION: 300, LOST_CONTACT: 320 }[stage];
    const releaseInDays = { RECEIVED: 120 + i * 20, SCREENED: 260, PLANNED: 150 + i * 15, NEAR_RELEASE: 21 + (i % 5) * 12, HANDOVER_OVERDUE: 200 + (i % 3) * 10, SUPERVISION: -(5 + (i % 3) * 9), LOST_CONTACT: -25 }[stage];
    const c = await a.call<CaseView>('POST', '/api/v1/cases', prison, personBody(i, receivedDaysAgo, releaseInDays));
    created += 1;
    if (stage === 'RECEIVED') continue;
    const screened = Object.fromEntries(NEEDS.map((n, k) => [n, (i + k) % 3 === 0]));
    const on = (offset: number) => since(receivedDaysAgo, offset);
    await complete(c.id, 'CUSTODY_SCREENING', {
      needs: screened,
      // What the needs are, as a screener writes them, and the named risk flags for some.
      needDetails: Object.fromEntries(NEEDS.filter((n) => screened[n]).map((n) => [n, NEED_DETAILS[n]])),
      riskCategories: i % 4 === 1 ? ['HEALTH'] : i % 7 === 3 ? ['SELF_HARM', 'SAFEGUARDING'] : [],
    }, prison, on(-receivedDaysAgo + 2));
    if (stage === 'SCREENED') continue;
    await complete(c.id, 'RISK_SCREENING', { roshLevel: i % 4 === 0 ? 'MEDIUM' : 'LOW' }, prison, on(-receivedDaysAgo + 5));
    await complete(c.id, 'RESETTLEMENT_PLAN', {
      pathways: Object.fromEntries(NEEDS.map((n, k) => [n, k < 3 || (i + k) % 4 === 0 ? { status: 'SUPPORT_REQUIRED' } : { status: 'SUPPORT_NOT_REQUIRED', notes: 'Assessed for the plan: no support needed' }])),
    }, prison, on(-receivedDaysAgo + 14));
    if (stage === 'PLANNED' || stage === 'HANDOVER_OVERDUE') continue;
    if (stage === 'NEAR_RELEASE' && i % 2 === 0) continue; // no COM yet: on the overdue-releases dashboard
    // The two COMs share the work unevenly: every third allocated person goes to the second.
    const officer = COMS[allocated++ % 3 === 2 ? 1 : 0];
    const officerToken = officer === COMS[0] ? com : com2;
    await complete(c.id, 'COM_ALLOCATION', { comUserId: officer.userId, teamCode: officer.teamCode }, manager, on(releaseInDays - 60));
    // Some handovers wait in the COM's inbox: allocated, the pack not yet accepted.
    if (stage === 'NEAR_RELEASE' && waiting < 2) {
      waiting += 1;
      continue;
    }
    // The pack the COM accepts holds the release address, the licence conditions and the first appointment.
    await complete(c.id, 'PRE_RELEASE_REVIEW', {
      needsReviewed: true,
      releaseAddress: `${10 + i} Example Street, Leeds LS${1 + (i % 9)}`,
      licenceConditions: ['Live at the approved address', 'Report to the probation office as directed', ...(i % 3 === 0 ? ['Do not contact the victim'] : [])],
      provisionalFirstAppointment: { date: day(Math.max(releaseInDays, 0) + 1), location: 'Leeds probation office, Wellington Street' },
    }, prison, on(releaseInDays - 30));
    await complete(c.id, 'HANDOVER_ACCEPTANCE', { decision: 'ACCEPTED' }, officerToken, on(releaseInDays - 25));
    if (stage === 'NEAR_RELEASE') continue;
    const releasedOn = (await a.call<CaseView>('GET', `/api/v1/cases/${c.id}`, prison)).keyDates.releaseDate ?? day(releaseInDays);
    await complete(c.id, 'RELEASE_OUTCOMES', { releasedOn, accommodation: i % 3 === 0 ? 'TEMPORARY' : 'SETTLED', workOrTraining: i % 2 === 0 ? 'WORK' : 'NONE', bankAccount: true, id: i % 3 !== 0, debts: 'IN_HAND' }, prison, releasedOn);
    const firstSeen = day(1, new Date(`${releasedOn}T12:00:00Z`));
    if (stage === 'SUPERVISION') await complete(c.id, 'FIRST_APPOINTMENT', { outcome: 'ATTENDED', date: firstSeen }, officerToken, firstSeen);
    if (stage === 'SUPERVISION' && !recalled) {
      // One person back in custody: recalled after missing appointments.
      await a.call('POST', `/api/v1/cases/${c.id}/contacts`, officerToken, { date: day(-2), kind: 'OFFICE', outcome: 'FAILED_TO_ATTEND', notes: 'Did not attend the second appointment.' });
      await a.call('POST', `/api/v1/cases/${c.id}/recall`, officerToken, { reason: 'Failed to attend two appointments and left the approved address.' });
      recalled = true;
    }
  }
  for (const [k, late] of LATE_ALLOCATIONS.entries()) {
    const c = await a.call<CaseView>('POST', '/api/v1/cases', prison, personBody(PLAN.length + NEEDS_STORIES.length + k, late.receivedDaysAgo, late.releaseInDays));
    created += 1;
    await complete(c.id, 'CUSTODY_SCREENING', { needs: Object.fromEntries(NEEDS.map((n) => [n, n === 'EDUCATION_SKILLS_AND_WORK'])), needDetails: { EDUCATION_SKILLS_AND_WORK: NEED_DETAILS.EDUCATION_SKILLS_AND_WORK } }, prison, since(late.receivedDaysAgo, -late.receivedDaysAgo + 2));
  }
  for (const [k, s] of NEEDS_STORIES.entries()) {
    const c = await a.call<CaseView>('POST', '/api/v1/cases', prison, personBody(PLAN.length + k, s.receivedDaysAgo, s.releaseInDays));
    created += 1;
    const needs = Object.fromEntries(NEEDS.map((n) => [n, n === 'ACCOMMODATION' || n === 'FINANCE_ID_AND_DEBT']));
    const on = (offset: number) => since(s.receivedDaysAgo, offset);
    await complete(c.id, 'CUSTODY_SCREENING', { needs, needDetails: { ACCOMMODATION: NEED_DETAILS.ACCOMMODATION }, immediateNeeds: ['Methadone prescription to continue on release'], riskCategories: k === 0 ? ['SELF_HARM'] : [] }, prison, on(-s.receivedDaysAgo + 2));
    await complete(c.id, 'RESETTLEMENT_PLAN', { pathways: Object.fromEntries(NEEDS.map((n) => [n, { status: needs[n] ? 'SUPPORT_REQUIRED' : 'SUPPORT_NOT_REQUIRED' }])) }, prison, on(-s.receivedDaysAgo + 14));
    await complete(c.id, 'DUTY_TO_REFER', { localAuthority: 'Leeds City Council', referredOn: on(s.releaseInDays - 56) }, prison, on(s.releaseInDays - 56));
    await complete(c.id, 'SECURE_ADDRESS', s.address === 'NONE' ? { accommodation: 'NONE' } : { accommodation: 'SETTLED', address: '12 Example Road, Leeds' }, prison, on(s.releaseInDays - 21));
    await complete(c.id, 'BANK_ACCOUNT', { opened: true }, prison, on(s.releaseInDays - 40));
    await complete(c.id, 'ID_DOCUMENTS', { documents: ['BIRTH_CERTIFICATE'] }, prison, on(s.releaseInDays - 35));
    await complete(c.id, 'DEBT_ADVICE', { referred: true, debtsResolved: 'PARTLY' }, prison, on(s.releaseInDays - 30));
    if (!s.released) continue;
    const releasedOn = (await a.call<CaseView>('GET', `/api/v1/cases/${c.id}`, prison)).keyDates.releaseDate ?? day(s.releaseInDays);
    await complete(c.id, 'RELEASE_OUTCOMES', { releasedOn, accommodation: 'NONE', workOrTraining: 'NONE', bankAccount: true, id: true, debts: 'IN_HAND' }, prison, releasedOn);
  }
  return created;
}
