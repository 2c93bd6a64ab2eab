/**
 * A large, realistic département file for the benchmarks (issue #8): Pas-de-Calais (62), one
 * organisation (MDS) per arrondissement with its real INSEE communes, 40 places, 300 agents,
 * 25 motifs (PMI, service social, RSA), weekly and fortnightly opening rules, absences, and three
 * months of appointments filling about 60 % of the opening time. Seeded and deterministic: the
 * same seed gives the same file, byte for byte.
 *
 *   npx tsx bench/generate.ts [--seed 62] [--out bench/data/large.json]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import type { DepartmentFileInput } from "@rdv/core/schema";
import { parsePhone } from "../packages/core/src/schema/phone";
import { absenceOccurrences, openingOccurrences, type EngineAbsence, type EngineRule, type Weekday } from "../packages/core/src/slot/engine";
import { isPublicHoliday } from "../packages/core/src/slot/holidays";

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_FILE = join(BENCH_DIR, "data", "large.json");
export const DEFAULT_SEED = 62;

const TIMEZONE = "Europe/Paris";
const DEPARTMENT_CODE = "62";
/** The three months of appointments (local days, inclusive): 13 weeks, Monday to Sunday. */
export const PERIOD = { from: "2027-01-04", to: "2027-04-04" } as const;
/** The instant the benchmark's clock starts at: three weeks into the period, ten weeks before its end. */
export const BENCH_NOW = "2027-01-25T08:00:00+01:00";
/** Rules start before the period (an established agenda) and run past it. */
const RULES_FROM = "2026-11-02";
const RULES_UNTIL = "2027-07-02";

const COUNTS = { agents: 300, places: 40 } as const;
/** Probability that a grid position of a free interval is booked; tuned to give ~60 % of the opening time. */
const BOOKING_PROBABILITY = 0.68;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Reference data

const TERRITORIES: Record<string, { id: string; name: string }> = {
  "621": { id: "mds-arrageois", name: "MDS de l'Arrageois" },
  "622": { id: "mds-artois", name: "MDS de l'Artois" },
  "623": { id: "mds-boulonnais", name: "MDS du Boulonnais" },
  "624": { id: "mds-montreuillois-ternois", name: "MDS du Montreuillois-Ternois" },
  "625": { id: "mds-audomarois", name: "MDS de l'Audomarois" },
  "626": { id: "mds-calaisis", name: "MDS du Calaisis" },
  "627": { id: "mds-lens-lievin-henin", name: "MDS de Lens-Liévin-Hénin" },
};

const FIRST_NAMES = [
  "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Sandrine", "Céline", "Stéphanie", "Aurélie", "Julie",
  "Émilie", "Camille", "Laura", "Manon", "Léa", "Chloé", "Sarah", "Inès", "Jade", "Louise",
  "Lucie", "Pauline", "Mélanie", "Audrey", "Virginie", "Karine", "Valérie", "Sophie", "Hélène", "Christelle",
  "Jean", "Philippe", "Michel", "Alain", "Patrick", "Nicolas", "Christophe", "Pierre", "Thomas", "Julien",
  "Kévin", "Maxime", "Alexandre", "Romain", "Anthony", "Dylan", "Lucas", "Hugo", "Théo", "Mohamed",
  "Karim", "Yanis", "Mathis", "Nathan", "Enzo", "Louis", "Gabriel", "Arthur", "Jordan", "Sébastien",
];
const LAST_NAMES = [
  "Martin", "Bernard", "Dubois", "Lefebvre", "Leroy", "Lefèvre", "Petit", "Durand", "Moreau", "Lambert",
  "Dupont", "Fontaine", "Caron", "Roussel", "Lemaire", "Carpentier", "Duhamel", "Delattre", "Hennebelle", "Vasseur",
  "Lecomte", "Delannoy", "Dewulf", "Deprez", "Delcroix", "Lemoine", "Lebrun", "Boulanger", "Mercier", "Descamps",
  "Wallet", "Hochart", "Lheureux", "Delplace", "Bouchez", "Crépin", "Leclercq", "Duquesne", "Vandamme", "Maréchal",
  "Legrand", "Poulain", "Lecointe", "Flament", "Catteau", "Cuvelier", "Delbarre", "Dufour", "Évrard", "Hénon",
  "Ledoux", "Lesage", "Magnier", "Noël", "Pruvost", "Ramette", "Sénéchal", "Trouillet", "Verdière", "Wimet",
  "Benali", "Haddad", "Kaci", "Mansouri", "Nowak", "Kowalski", "Wozniak", "Dos Santos", "Ferreira", "Da Silva",
];
const CHILD_NAMES = ["Jade", "Louise", "Emma", "Ambre", "Alba", "Rose", "Léo", "Gabriel", "Raphaël", "Louis", "Noah", "Jules", "Adam", "Lina", "Mila", "Tiago", "Nino", "Lou", "Ayden", "Zoé"];
const STREETS = ["rue de la République", "place du Général de Gaulle", "rue Jean Jaurès", "avenue Roger Salengro", "rue Victor Hugo", "boulevard Basly", "rue Émile Zola", "rue Pasteur", "rue de la Gare", "place de la Mairie", "rue Anatole France", "rue du 8 Mai 1945"];

interface MotifTemplate {
  key: string;
  serviceId: "pmi" | "social" | "rsa";
  name: string;
  durationMinutes: number;
  bufferMinutes: number;
  locationType: "on_site" | "phone";
  minDelayMinutes: number;
  maxDelayDays: number;
  extra?: Record<string, unknown>;
}

/** Every organisation offers the first three; the four larger ones add more (25 motifs in all). */
const BASE_MOTIFS: MotifTemplate[] = [
  { key: "pmi-consultation", serviceId: "pmi", name: "Consultation nourrisson", durationMinutes: 30, bufferMinutes: 0, locationType: "on_site", minDelayMinutes: 120, maxDelayDays: 90, extra: { instructions: "Munissez-vous du carnet de santé de l'enfant." } },
  { key: "social-accueil", serviceId: "social", name: "Premier rendez-vous avec un travailleur social", durationMinutes: 45, bufferMinutes: 15, locationType: "on_site", minDelayMinutes: 60, maxDelayDays: 60 },
  { key: "rsa-orientation", serviceId: "rsa", name: "Entretien d'orientation RSA", durationMinutes: 60, bufferMinutes: 0, locationType: "on_site", minDelayMinutes: 1440, maxDelayDays: 90, extra: { cancelUntilMinutesBefore: false, rescheduleUntilMinutesBefore: false } },
];
const EXTRA_MOTIFS: Array<{ territory: string; motif: MotifTemplate }> = [
  { territory: "627", motif: { key: "pmi-prenatale", serviceId: "pmi", name: "Consultation prénatale (sage-femme)", durationMinutes: 45, bufferMinutes: 0, locationType: "on_site", minDelayMinutes: 120, maxDelayDays: 90, extra: { notification: "discreet" } } },
  { territory: "622", motif: { key: "pmi-prenatale", serviceId: "pmi", name: "Consultation prénatale (sage-femme)", durationMinutes: 45, bufferMinutes: 0, locationType: "on_site", minDelayMinutes: 120, maxDelayDays: 90, extra: { notification: "discreet" } } },
  { territory: "621", motif: { key: "pmi-prenatale", serviceId: "pmi", name: "Consultation prénatale (sage-femme)", durationMinutes: 45, bufferMinutes: 0, locationType: "on_site", minDelayMinutes: 120, maxDelayDays: 90, extra: { notification: "discreet" } } },
  { territory: "627", motif: { key: "social-suivi-telephone", serviceId: "social", name: "Entretien de suivi par téléphone", durationMinutes: 30, bufferMinutes: 0, locationType: "phone", minDelayMinutes: 60, maxDelayDays: 60 } },
];

// ---------------------------------------------------------------------------------------------

interface DatasetCommune {
  code: string;
  nom: string;
  departement: string;
  arrondissement?: string;
  type: string;
  codesPostaux?: string[];
  population?: number;
}

function pasDeCalaisCommunes(): DatasetCommune[] {
  const require = createRequire(import.meta.url);
  const all = require("@etalab/decoupage-administratif/data/communes.json") as DatasetCommune[];
  return all.filter((c) => c.departement === DEPARTMENT_CODE && c.type === "commune-actuelle");
}

/** Largest remainder apportionment of `total` by weights, each share at least `min`. */
function apportion(total: number, weights: number[], min: number): number[] {
  const rest = total - min * weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const shares = exact.map((x) => Math.floor(x));
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  const missing = rest - shares.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) shares[order[k]!.i]! += 1;
  return shares.map((s) => s + min);
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const slug = (s: string) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/œ/g, "oe").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

function localWallClock(utcIso: string): string {
  return DateTime.fromISO(utcIso, { zone: "utc" }).setZone(TIMEZONE).toFormat("yyyy-MM-dd'T'HH:mm");
}

type Interval = { start: number; end: number };

function subtract(open: Interval, blocked: Interval[]): Interval[] {
  const free: Interval[] = [];
  let cursor = open.start;
  for (const block of blocked) {
    if (block.end <= cursor) continue;
    if (block.start >= open.end) break;
    if (block.start > cursor) free.push({ start: cursor, end: block.start });
    cursor = Math.max(cursor, block.end);
  }
  if (cursor < open.end) free.push({ start: cursor, end: open.end });
  return free;
}

export interface GenerationStats {
  seed: number;
  organisations: number;
  places: number;
  motifs: number;
  agents: number;
  openingRules: number;
  absences: number;
  appointments: number;
  serviceUsers: number;
  /** appointment minutes / opening minutes (rules on working days, minus absences) */
  fill: number;
  /** the same counting only booked, seen and no-show appointments (time that stays taken) */
  blockingFill: number;
}

export function generate(seed = DEFAULT_SEED): { file: DepartmentFileInput; stats: GenerationStats } {
  const random = new Random(seed);
  const communes = pasDeCalaisCommunes();
  const territoryCodes = Object.keys(TERRITORIES).sort();
  const byTerritory = new Map(territoryCodes.map((code) => [code, communes.filter((c) => c.arrondissement === code).sort((a, b) => a.code.localeCompare(b.code))]));
  const population = territoryCodes.map((code) => byTerritory.get(code)!.reduce((sum, c) => sum + (c.population ?? 0), 0));
  const placesPer = apportion(COUNTS.places, population, 3);
  const agentsPer = apportion(COUNTS.agents, population, 20);

  const organisations: NonNullable<DepartmentFileInput["organisations"]> = [];
  const places: NonNullable<DepartmentFileInput["places"]> = [];
  const motifs: NonNullable<DepartmentFileInput["motifs"]> = [];
  const agents: NonNullable<DepartmentFileInput["agents"]> = [];
  const openingRules: NonNullable<DepartmentFileInput["openingRules"]> = [];
  const absences: NonNullable<DepartmentFileInput["absences"]> = [];
  const appointments: NonNullable<DepartmentFileInput["appointments"]> = [];
  const usedEmails = new Set<string>();
  let serviceUserCount = 0;
  const lastSeen = new Map<string, number>();
  let phoneCounter = 0;
  let openMinutes = 0;
  let bookedMinutes = 0;
  let blockingMinutes = 0;
  const nowMs = Date.parse(BENCH_NOW);

  const nextPhone = (): string => {
    for (;;) {
      phoneCounter += 1;
      // a permutation of 0..10^8-1 (multiplier coprime with 10^8), so numbers never repeat
      const n = (phoneCounter * 48_271 + 12_345_679) % 100_000_000;
      const digits = `6${pad(n, 8)}`;
      const national = `0${digits.slice(0, 1)} ${digits.slice(1, 3)} ${digits.slice(3, 5)} ${digits.slice(5, 7)} ${digits.slice(7, 9)}`;
      if (parsePhone(national, DEPARTMENT_CODE)?.mobile) return national;
    }
  };

  territoryCodes.forEach((territory, t) => {
    const org = TERRITORIES[territory]!;
    const orgCommunes = byTerritory.get(territory)!;
    organisations.push({ id: org.id, name: org.name, communes: orgCommunes.map((c) => c.code) });

    // places: in the largest communes of the territory
    const placeCommunes = [...orgCommunes].sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.code.localeCompare(b.code)).slice(0, placesPer[t]!);
    const orgPlaces = placeCommunes.map((commune, i) => {
      const id = `${org.id}-${slug(commune.nom)}`;
      places.push({
        id,
        organisationId: org.id,
        name: i === 0 ? `${org.name} — site de ${commune.nom}` : `Antenne MDS de ${commune.nom}`,
        address: `${random.int(1, 180)} ${random.pick(STREETS)}, ${commune.codesPostaux?.[0] ?? "62000"} ${commune.nom}`,
        phone: `03 21 ${pad(random.int(10, 99), 2)} ${pad(random.int(0, 99), 2)} ${pad(random.int(0, 99), 2)}`,
      });
      return id;
    });

    // motifs
    const templates = [...BASE_MOTIFS, ...EXTRA_MOTIFS.filter((e) => e.territory === territory).map((e) => e.motif)];
    const orgMotifs = templates.map((template) => {
      const id = `${org.id}-${template.key}`;
      motifs.push({
        id,
        serviceId: template.serviceId,
        organisationId: org.id,
        name: template.name,
        durationMinutes: template.durationMinutes,
        bufferMinutes: template.bufferMinutes,
        locationType: template.locationType,
        online: true,
        minDelayMinutes: template.minDelayMinutes,
        maxDelayDays: template.maxDelayDays,
        ...template.extra,
      });
      return { id, template };
    });
    const orgUsers: ServiceUser[] = [];
    const newUser = (online: boolean): ServiceUser => {
      serviceUserCount += 1;
      const firstName = random.pick(FIRST_NAMES);
      const lastName = random.pick(LAST_NAMES);
      return {
        id: `usager-${pad(serviceUserCount, 6)}`,
        firstName,
        lastName,
        ...(online || random.chance(0.9) ? { phone: nextPhone() } : {}),
        ...(random.chance(0.3) ? { email: `${slug(firstName)}.${slug(lastName)}.${serviceUserCount}@exemple.fr` } : {}),
        birthDate: DateTime.fromISO("1960-01-01").plus({ days: random.int(0, 16_000) }).toISODate()!,
      };
    };
    const motifsOf = (serviceId: string) => orgMotifs.filter((m) => m.template.serviceId === serviceId);

    // agents: one admin and two secretaries without consultations, then PMI, social and RSA
    const count = agentsPer[t]!;
    const consulting = count - 3;
    const pmi = Math.round(consulting * 0.4);
    const social = Math.round(consulting * 0.35);
    const services = Array.from({ length: consulting }, (_, i): MotifTemplate["serviceId"] => (i < pmi ? "pmi" : i < pmi + social ? "social" : "rsa"));
    const roles = [{ role: "admin" as const }, { role: "secretariat" as const }, { role: "secretariat" as const }];
    const serviceCounters: Record<string, number> = {};
    for (let i = 0; i < count; i++) {
      const firstName = random.pick(FIRST_NAMES);
      const lastName = random.pick(LAST_NAMES);
      let email = `${slug(firstName)}.${slug(lastName)}@pasdecalais.fr`;
      for (let k = 2; usedEmails.has(email); k++) email = `${slug(firstName)}.${slug(lastName)}${k}@pasdecalais.fr`;
      usedEmails.add(email);
      const agentId = `agent-${pad(agents.length + 1, 3)}`;
      const special = roles[i];
      const serviceId = special ? undefined : services[i - roles.length]!;
      agents.push({
        id: agentId,
        email,
        firstName,
        lastName,
        organisationIds: [org.id],
        serviceIds: serviceId ? [serviceId] : ["pmi", "social", "rsa"],
        role: special?.role ?? "agent",
      });
      if (!serviceId) continue;

      // opening rules: three weekdays at the base place (mornings, two afternoons), one
      // fortnightly half-day at another place of the organisation
      const k = (serviceCounters[serviceId] = (serviceCounters[serviceId] ?? 0) + 1) - 1;
      const base = orgPlaces[k % orgPlaces.length]!;
      const other = orgPlaces[(k + 1 + random.int(0, orgPlaces.length - 2)) % orgPlaces.length]!;
      const days = random.shuffle<Weekday>(["mon", "tue", "wed", "thu", "fri"]);
      const weekly = days.slice(0, 3).sort((a, b) => WEEK.indexOf(a) - WEEK.indexOf(b));
      const fortnightly = days[3]!;
      const morningStart = random.pick(["08:30", "09:00", "09:00"]);
      const morningEnd = random.pick(["12:00", "12:00", "12:30"]);
      const afternoonStart = random.pick(["13:30", "14:00"]);
      const afternoonEnd = random.pick(["16:30", "17:00", "17:00"]);
      const motifIds = motifsOf(serviceId).map((m) => m.id);
      const rules: EngineRule[] = [
        { id: `${agentId}-matin`, agentId, placeId: base, motifIds, firstDay: RULES_FROM, until: RULES_UNTIL, start: morningStart, end: morningEnd, recurrence: { everyWeeks: 1, weekdays: weekly }, exceptions: [] },
        { id: `${agentId}-apres-midi`, agentId, placeId: base, motifIds, firstDay: RULES_FROM, until: RULES_UNTIL, start: afternoonStart, end: afternoonEnd, recurrence: { everyWeeks: 1, weekdays: weekly.slice(0, 2) }, exceptions: [] },
        { id: `${agentId}-permanence`, agentId, placeId: other, motifIds, firstDay: RULES_FROM, until: RULES_UNTIL, start: "09:00", end: "12:00", recurrence: { everyWeeks: 2, weekdays: [fortnightly] }, exceptions: [] },
      ];
      // a cancelled occurrence and a moved one on some agents, as agents do
      if (random.chance(0.2)) {
        const occurrence = openingOccurrences(rules[0]!, "2027-02-01", "2027-03-12", TIMEZONE).filter((o) => !isPublicHoliday(o.day, DEPARTMENT_CODE, false));
        const day = random.pick(occurrence).day;
        rules[0]!.exceptions.push({ day, cancelled: true });
      }
      for (const rule of rules) {
        openingRules.push({
          id: rule.id,
          agentId,
          placeId: rule.placeId,
          motifIds: rule.motifIds,
          firstDay: rule.firstDay,
          until: rule.until,
          start: rule.start,
          end: rule.end,
          recurrence: rule.recurrence,
          ...(rule.exceptions.length ? { exceptions: rule.exceptions } : {}),
        });
      }

      // absences: a week of leave, a training day, a fortnightly team meeting
      const agentAbsences: EngineAbsence[] = [];
      if (random.chance(0.45)) {
        const monday = DateTime.fromISO(PERIOD.from).plus({ weeks: random.int(0, 12) });
        agentAbsences.push({ id: `${agentId}-conges`, agentId, start: `${monday.toISODate()}T00:00`, end: `${monday.plus({ days: 4 }).toISODate()}T23:59`, recurrence: null, exceptions: [] });
      }
      if (random.chance(0.3)) {
        const day = DateTime.fromISO(PERIOD.from).plus({ days: random.int(0, 88) });
        agentAbsences.push({ id: `${agentId}-formation`, agentId, start: `${day.toISODate()}T09:00`, end: `${day.toISODate()}T17:00`, recurrence: null, exceptions: [] });
      }
      if (random.chance(0.5)) {
        const weekday = weekly[0]!;
        let first = DateTime.fromISO(RULES_FROM);
        while (WEEK[first.weekday - 1] !== weekday) first = first.plus({ days: 1 });
        agentAbsences.push({ id: `${agentId}-reunion`, agentId, start: `${first.toISODate()}T${morningStart}`, end: `${first.toISODate()}T${addMinutes(morningStart, 60)}`, recurrence: { everyWeeks: 2, weekdays: [weekday] }, until: RULES_UNTIL, exceptions: [] });
      }
      const titles: Record<string, string> = { conges: "Congés", formation: "Formation", reunion: "Réunion d'équipe" };
      for (const absence of agentAbsences) {
        absences.push({
          id: absence.id,
          agentId,
          title: titles[absence.id.split("-").pop()!],
          start: absence.start,
          end: absence.end,
          ...(absence.recurrence ? { recurrence: absence.recurrence, until: absence.until } : {}),
        });
      }

      // appointments: fill the free time of each opening occurrence on the motif's grid
      const blocked = agentAbsences
        .flatMap((a) => absenceOccurrences(a, PERIOD.from, PERIOD.to, TIMEZONE))
        .map((o) => ({ start: Date.parse(o.start), end: Date.parse(o.end) }))
        .sort((a, b) => a.start - b.start);
      const taken: Interval[] = [];
      const occurrences = rules
        .flatMap((rule) => openingOccurrences(rule, PERIOD.from, PERIOD.to, TIMEZONE).map((o) => ({ rule, ...o })))
        .filter((o) => !isPublicHoliday(o.day, DEPARTMENT_CODE, false))
        .sort((a, b) => a.start.localeCompare(b.start));
      for (const occurrence of occurrences) {
        const open = { start: Date.parse(occurrence.start), end: Date.parse(occurrence.end) };
        for (const free of subtract(open, blocked)) {
          openMinutes += (free.end - free.start) / 60_000;
          let cursor = free.start;
          for (;;) {
            const motif = random.pick(motifsOf(serviceId));
            const durationMs = motif.template.durationMinutes * 60_000;
            if (cursor + durationMs > free.end) break;
            if (!random.chance(BOOKING_PROBABILITY)) {
              cursor += durationMs;
              continue;
            }
            const start = cursor;
            const end = cursor + durationMs;
            if (taken.some((x) => x.start < end + motif.template.bufferMinutes * 60_000 && start < x.end)) throw new Error(`overlap for ${agentId}`);
            taken.push({ start, end: end + motif.template.bufferMinutes * 60_000 });
            cursor = end + motif.template.bufferMinutes * 60_000;
            const past = start < nowMs;
            const roll = random.float();
            const status = past ? (roll < 0.78 ? "seen" : roll < 0.88 ? "noshow" : roll < 0.97 ? "excused" : "revoked") : roll < 0.97 ? "booked" : "excused";
            bookedMinutes += motif.template.durationMinutes;
            if (status === "booked" || status === "seen" || status === "noshow") blockingMinutes += motif.template.durationMinutes;
            const online = random.chance(0.55);
            // A quarter of the appointments are usagers coming back (with a mobile number when
            // booking online). Kept at least 25 appointments apart in the file: DepartmentFile.load
            // writes one user profile per appointment without removing duplicates, and a
            // BatchWriteItem of 25 holding the same key twice fails the whole import (reported).
            const candidate = orgUsers.length > 0 && random.chance(0.25) ? random.pick(orgUsers) : undefined;
            const known = candidate && (!online || candidate.phone) && appointments.length - (lastSeen.get(candidate.id) ?? -Infinity) >= 25 ? candidate : undefined;
            const user = known ?? newUser(online);
            if (!known) orgUsers.push(user);
            lastSeen.set(user.id, appointments.length);
            appointments.push({
              id: `rdv-${pad(appointments.length + 1, 6)}`,
              motifId: motif.id,
              placeId: occurrence.rule.placeId,
              agentIds: [agentId],
              start: localWallClock(new Date(start).toISOString()),
              status,
              createdBy: online ? "usager" : "agent",
              serviceUsers: [
                {
                  ...user,
                  ...(motif.template.key === "pmi-consultation"
                    ? { relative: { firstName: random.pick(CHILD_NAMES), lastName: user.lastName, birthDate: DateTime.fromISO(PERIOD.from).minus({ days: random.int(20, 700) }).toISODate()! } }
                    : {}),
                },
              ],
            });
          }
        }
      }
    }
  });

  const file: DepartmentFileInput = {
    version: 1,
    department: { code: DEPARTMENT_CODE, name: "Pas-de-Calais", timezone: TIMEZONE, whitMondayWorked: false },
    organisations,
    services: [
      { id: "pmi", name: "Protection maternelle et infantile", shortName: "PMI" },
      { id: "social", name: "Service social", shortName: "Service social" },
      { id: "rsa", name: "Accompagnement RSA", shortName: "RSA" },
    ],
    places,
    motifs,
    agents,
    openingRules,
    absences,
    appointments,
  };
  return {
    file,
    stats: {
      seed,
      organisations: organisations.length,
      places: places.length,
      motifs: motifs.length,
      agents: agents.length,
      openingRules: openingRules.length,
      absences: absences.length,
      appointments: appointments.length,
      serviceUsers: serviceUserCount,
      fill: Math.round((bookedMinutes / openMinutes) * 1000) / 1000,
      blockingFill: Math.round((blockingMinutes / openMinutes) * 1000) / 1000,
    },
  };
}

interface ServiceUser {
  id: string;
  firstName: string;
  lastName: string;
  phone?: string;
  email?: string;
  birthDate: string;
}

const WEEK: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

function addMinutes(time: string, minutes: number): string {
  const total = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) + minutes;
  return `${pad(Math.floor(total / 60), 2)}:${pad(total % 60, 2)}`;
}

export function writeFile(path = DEFAULT_FILE, seed = DEFAULT_SEED): GenerationStats {
  const { file, stats } = generate(seed);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(file));
  return stats;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const out = resolve(arg("--out") ?? DEFAULT_FILE);
  const seed = Number(arg("--seed") ?? DEFAULT_SEED);
  const started = performance.now();
  const stats = writeFile(out, seed);
  console.log(JSON.stringify({ file: out, ms: Math.round(performance.now() - started), ...stats }, null, 2));
}
