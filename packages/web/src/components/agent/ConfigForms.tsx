"use client";

import { useState, type FormEvent, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { apiDelete, apiPost, type SendResult } from "@/lib/agent/client";
import { LOCATION_LABELS, LOCATION_TYPES, NOTIFICATION_LABELS, WEEKDAY_LABELS, WEEKDAYS } from "@/lib/agent/labels";
import type { ApiErrorInfo, ConfigMotifInfo, ConfigPlaceInfo, ConfigOpeningRuleInfo } from "@rdv/core/schema";
import { ErrorAlert, fieldState, StatusMessage } from "./form";

type Named = { id: string; name: string };
type Person = { id: string; firstName: string; lastName: string };

/** A configuration form's save: field errors from the API, then back to the page's lists. */
function useSave(successMessage: string) {
  const router = useRouter();
  const [error, setError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();
  async function save(send: () => Promise<SendResult>, reset?: () => void): Promise<void> {
    setPending(true);
    setMessage(undefined);
    const result = await send();
    setPending(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(undefined);
    setMessage(successMessage);
    reset?.();
    router.replace("/agent/configuration", { scroll: false });
    router.refresh();
  }
  return { error, pending, message, save };
}

function text(form: FormData, name: string): string | undefined {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
}

function integer(form: FormData, name: string): number | undefined {
  const value = text(form, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : Number.NaN;
}

function FormShell({ id, title, children, onSubmit, error, shownFields, message }: { id: string; title: string; children: ReactNode; onSubmit: (form: FormData, element: HTMLFormElement) => void; error: ApiErrorInfo | undefined; shownFields: string[]; message: string | undefined }) {
  return (
    <form
      id={id}
      aria-labelledby={`${id}-titre`}
      noValidate
      className={fr.cx("fr-p-3w", "fr-mb-4w")}
      style={{ border: "1px solid var(--border-default-grey)" }}
      onSubmit={(event: FormEvent<HTMLFormElement>) => {
        event.preventDefault();
        onSubmit(new FormData(event.currentTarget), event.currentTarget);
      }}
    >
      <h3 id={`${id}-titre`} className={fr.cx("fr-h5")}>
        {title}
      </h3>
      <StatusMessage message={message} />
      <ErrorAlert error={error} shownFields={shownFields} as="h4" />
      {children}
    </form>
  );
}

export function PlaceForm({ organisationId, initial }: { organisationId: string; initial?: ConfigPlaceInfo }) {
  const { error, pending, message, save } = useSave(initial ? "Lieu modifié." : "Lieu ajouté.");
  const f = error?.fields;
  return (
    <FormShell
      id="form-lieu"
      title={initial ? `Modifier le lieu « ${initial.name} »` : "Ajouter un lieu"}
      error={error}
      message={message}
      shownFields={["name", "address", "phone"]}
      onSubmit={(form, element) =>
        void save(
          () => apiPost("/v1/agent/configuration/places", { ...(initial ? { id: initial.id } : {}), organisationId, name: text(form, "name") ?? "", address: text(form, "address") ?? "", phone: text(form, "phone") }),
          () => element.reset(),
        )
      }
    >
      <Input label="Nom" {...fieldState(f, "name")} nativeInputProps={{ name: "name", defaultValue: initial?.name, required: true }} />
      <Input label="Adresse" {...fieldState(f, "address")} nativeInputProps={{ name: "address", defaultValue: initial?.address, required: true }} />
      <Input label="Téléphone (facultatif)" hintText="Affiché aux usagers" {...fieldState(f, "phone")} nativeInputProps={{ name: "phone", type: "tel", defaultValue: initial?.phone }} />
      <Button type="submit" disabled={pending}>
        {initial ? "Enregistrer le lieu" : "Ajouter le lieu"}
      </Button>
    </FormShell>
  );
}

export function MotifForm({ organisationId, services, initial }: { organisationId: string; services: Named[]; initial?: ConfigMotifInfo }) {
  const { error, pending, message, save } = useSave(initial ? "Motif modifié." : "Motif ajouté.");
  const [collective, setCollective] = useState(initial?.collective ?? false);
  const f = error?.fields;
  const cutOff = (value: number | undefined, fallback: number) => (value === undefined ? fallback : value < 0 ? undefined : value);
  return (
    <FormShell
      id="form-motif"
      title={initial ? `Modifier le motif « ${initial.name} »` : "Ajouter un motif"}
      error={error}
      message={message}
      shownFields={["name", "serviceId", "durationMinutes", "locationType", "online", "minDelayMinutes", "maxDelayDays", "cancelUntilMinutesBefore", "rescheduleUntilMinutesBefore", "capacity", "notification", "instructions"]}
      onSubmit={(form, element) => {
        const forbidCancel = form.get("noCancel") === "on";
        const forbidReschedule = form.get("noReschedule") === "on";
        const isCollective = form.get("collective") === "on";
        void save(
          () =>
            apiPost("/v1/agent/configuration/motifs", {
              ...(initial ? { id: initial.id } : {}),
              organisationId,
              serviceId: text(form, "serviceId") ?? "",
              name: text(form, "name") ?? "",
              durationMinutes: integer(form, "durationMinutes"),
              locationType: text(form, "locationType") ?? "",
              online: form.get("online") === "yes",
              minDelayMinutes: integer(form, "minDelayMinutes"),
              maxDelayDays: integer(form, "maxDelayDays"),
              bufferMinutes: initial?.bufferMinutes ?? undefined,
              cancelUntilMinutesBefore: forbidCancel ? false : integer(form, "cancelUntilMinutesBefore"),
              rescheduleUntilMinutesBefore: forbidReschedule ? false : integer(form, "rescheduleUntilMinutesBefore"),
              collective: isCollective,
              capacity: isCollective ? integer(form, "capacity") : undefined,
              notification: text(form, "notification") ?? "normal",
              reminderLeadHours: initial?.reminderLeadHours ?? undefined,
              instructions: text(form, "instructions"),
            }),
          () => element.reset(),
        );
      }}
    >
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Nom du motif" {...fieldState(f, "name")} nativeInputProps={{ name: "name", defaultValue: initial?.name, required: true }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Select label="Service" {...fieldState(f, "serviceId")} nativeSelectProps={{ name: "serviceId", defaultValue: initial?.serviceId ?? "", required: true }}>
            <option value="" disabled>
              Choisir un service
            </option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Durée (minutes)" hintText="Un multiple de 5" {...fieldState(f, "durationMinutes")} nativeInputProps={{ name: "durationMinutes", type: "number", min: 5, max: 480, step: 5, defaultValue: initial?.durationMinutes ?? 30 }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Select label="Type de rendez-vous" {...fieldState(f, "locationType")} nativeSelectProps={{ name: "locationType", defaultValue: initial?.locationType ?? "on_site" }}>
            {LOCATION_TYPES.map((t) => (
              <option key={t} value={t}>
                {LOCATION_LABELS[t]}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <RadioButtons
        legend="Qui peut prendre ce rendez-vous ?"
        orientation="horizontal"
        {...fieldState(f, "online")}
        options={[
          { label: "Les usagers en ligne et les agents", nativeInputProps: { name: "online", value: "yes", defaultChecked: initial ? initial.online : true } },
          { label: "Les agents uniquement", nativeInputProps: { name: "online", value: "no", defaultChecked: initial ? !initial.online : false } },
        ]}
      />
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input
            label="Délai minimum de réservation en ligne (minutes)"
            hintText="Par exemple 30 : pas de rendez-vous en ligne moins de 30 minutes à l’avance"
            {...fieldState(f, "minDelayMinutes")}
            nativeInputProps={{ name: "minDelayMinutes", type: "number", min: 0, defaultValue: initial?.minDelayMinutes ?? 30 }}
          />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input
            label="Délai maximum de réservation en ligne (jours)"
            hintText="Par exemple 90 : pas de rendez-vous en ligne plus de 90 jours à l’avance"
            {...fieldState(f, "maxDelayDays")}
            nativeInputProps={{ name: "maxDelayDays", type: "number", min: 1, max: 365, defaultValue: initial?.maxDelayDays ?? 90 }}
          />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input
            label="Annulation par l’usager jusqu’à (minutes avant)"
            hintText="120 = jusqu’à 2 h avant le rendez-vous"
            {...fieldState(f, "cancelUntilMinutesBefore")}
            nativeInputProps={{ name: "cancelUntilMinutesBefore", type: "number", min: 0, defaultValue: cutOff(initial?.cancelUntilMinutesBefore, 120) ?? 120 }}
          />
          <Checkbox small options={[{ label: "L’usager ne peut pas annuler lui-même", nativeInputProps: { name: "noCancel", defaultChecked: (initial?.cancelUntilMinutesBefore ?? 0) < 0 } }]} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input
            label="Déplacement par l’usager jusqu’à (minutes avant)"
            hintText="1440 = jusqu’à 24 h avant le rendez-vous"
            {...fieldState(f, "rescheduleUntilMinutesBefore")}
            nativeInputProps={{ name: "rescheduleUntilMinutesBefore", type: "number", min: 0, defaultValue: cutOff(initial?.rescheduleUntilMinutesBefore, 1440) ?? 1440 }}
          />
          <Checkbox small options={[{ label: "L’usager ne peut pas déplacer lui-même", nativeInputProps: { name: "noReschedule", defaultChecked: (initial?.rescheduleUntilMinutesBefore ?? 0) < 0 } }]} />
        </div>
      </div>
      <Checkbox
        options={[{ label: "Rendez-vous collectif (séances de plusieurs usagers)", nativeInputProps: { name: "collective", checked: collective, onChange: (event) => setCollective(event.currentTarget.checked) } }]}
      />
      {collective && (
        <Input label="Nombre de places par séance" {...fieldState(f, "capacity")} nativeInputProps={{ name: "capacity", type: "number", min: 2, max: 500, defaultValue: initial?.capacity ?? 8 }} />
      )}
      <RadioButtons
        legend="SMS envoyés à l’usager"
        {...fieldState(f, "notification")}
        options={(["normal", "discreet", "none"] as const).map((mode) => ({
          label: NOTIFICATION_LABELS[mode]!,
          hintText: mode === "discreet" ? "Pour les services sensibles : le SMS ne nomme pas le service." : undefined,
          nativeInputProps: { name: "notification", value: mode, defaultChecked: (initial?.notification ?? "normal") === mode },
        }))}
      />
      <Input
        textArea
        label="Consignes pour l’usager (facultatif)"
        hintText="Affichées à la confirmation du rendez-vous, par exemple « Apportez le carnet de santé »."
        {...fieldState(f, "instructions")}
        nativeTextAreaProps={{ name: "instructions", defaultValue: initial?.instructions, rows: 3, maxLength: 1000 }}
      />
      <Button type="submit" disabled={pending}>
        {initial ? "Enregistrer le motif" : "Ajouter le motif"}
      </Button>
    </FormShell>
  );
}

export function RuleForm({ agents, places, motifs, initial }: { agents: Person[]; places: Named[]; motifs: Named[]; initial?: ConfigOpeningRuleInfo }) {
  const { error, pending, message, save } = useSave(initial ? "Plage d’ouverture modifiée." : "Plage d’ouverture ajoutée.");
  const [weekly, setWeekly] = useState(initial ? Boolean(initial.recurrence) : true);
  const f = error?.fields;
  const motifError = Object.entries(f ?? {}).find(([key]) => key.startsWith("motifIds"))?.[1];
  return (
    <FormShell
      id="form-plage"
      title={initial ? "Modifier la plage d’ouverture" : "Ajouter une plage d’ouverture"}
      error={error}
      message={message}
      shownFields={["agentId", "placeId", "motifIds", "firstDay", "until", "start", "end", "recurrence.weekdays", "recurrence.everyWeeks", ...Object.keys(f ?? {}).filter((k) => k.startsWith("motifIds"))]}
      onSubmit={(form, element) =>
        void save(
          () =>
            apiPost("/v1/agent/configuration/opening-rules", {
              ...(initial ? { id: initial.id, exceptions: initial.exceptions ?? [] } : {}),
              agentId: text(form, "agentId") ?? "",
              placeId: text(form, "placeId") ?? "",
              motifIds: form.getAll("motifIds").map(String),
              firstDay: text(form, "firstDay") ?? "",
              until: text(form, "until"),
              start: text(form, "start") ?? "",
              end: text(form, "end") ?? "",
              recurrence: weekly ? { everyWeeks: integer(form, "everyWeeks") ?? 1, weekdays: form.getAll("weekdays").map(String) } : null,
            }),
          () => element.reset(),
        )
      }
    >
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Select label="Agent" {...fieldState(f, "agentId")} nativeSelectProps={{ name: "agentId", defaultValue: initial?.agentId ?? "" }}>
            <option value="" disabled>
              Choisir un agent
            </option>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.firstName} {a.lastName}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Select label="Lieu" {...fieldState(f, "placeId")} nativeSelectProps={{ name: "placeId", defaultValue: initial?.placeId ?? "" }}>
            <option value="" disabled>
              Choisir un lieu
            </option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <Checkbox
        legend="Motifs proposés sur cette plage"
        small
        {...(motifError ? { state: "error" as const, stateRelatedMessage: motifError } : {})}
        options={motifs.map((m) => ({ label: m.name, nativeInputProps: { name: "motifIds", value: m.id, defaultChecked: initial?.motifIds.includes(m.id) ?? false } }))}
      />
      <RadioButtons
        legend="Répétition"
        orientation="horizontal"
        options={[
          { label: "Chaque semaine ou toutes les N semaines", nativeInputProps: { name: "kind", value: "weekly", checked: weekly, onChange: () => setWeekly(true) } },
          { label: "Un seul jour", nativeInputProps: { name: "kind", value: "single", checked: !weekly, onChange: () => setWeekly(false) } },
        ]}
      />
      {weekly && (
        <>
          <Checkbox
            legend="Jours de la semaine"
            orientation="horizontal"
            small
            {...fieldState(f, "recurrence.weekdays")}
            options={WEEKDAYS.map((d) => ({ label: WEEKDAY_LABELS[d]!, nativeInputProps: { name: "weekdays", value: d, defaultChecked: initial?.recurrence?.weekdays.includes(d) ?? false } }))}
          />
          <Input
            label="Toutes les combien de semaines ?"
            hintText="1 = chaque semaine, 2 = une semaine sur deux"
            {...fieldState(f, "recurrence.everyWeeks")}
            nativeInputProps={{ name: "everyWeeks", type: "number", min: 1, max: 8, defaultValue: initial?.recurrence?.everyWeeks ?? 1 }}
          />
        </>
      )}
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Input label={weekly ? "À partir du" : "Le"} {...fieldState(f, "firstDay")} nativeInputProps={{ name: "firstDay", type: "date", defaultValue: initial?.firstDay }} />
        </div>
        {weekly && (
          <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
            <Input label="Jusqu’au (facultatif)" {...fieldState(f, "until")} nativeInputProps={{ name: "until", type: "date", defaultValue: initial?.until }} />
          </div>
        )}
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Input label="De" {...fieldState(f, "start")} nativeInputProps={{ name: "start", type: "time", step: 300, defaultValue: initial?.start ?? "09:00" }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <Input label="À" {...fieldState(f, "end")} nativeInputProps={{ name: "end", type: "time", step: 300, defaultValue: initial?.end ?? "12:00" }} />
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        {initial ? "Enregistrer la plage" : "Ajouter la plage"}
      </Button>
    </FormShell>
  );
}

export function OccurrenceForm({ rules }: { rules: { id: string; label: string }[] }) {
  const { error, pending, message, save } = useSave("Occurrence annulée : ce jour-là, la plage n’est plus proposée.");
  const f = error?.fields;
  return (
    <FormShell
      id="form-occurrence"
      title="Annuler une seule occurrence d’une plage"
      error={error}
      message={message}
      shownFields={["ruleId", "exception", "exception.day"]}
      onSubmit={(form, element) => void save(() => apiPost("/v1/agent/configuration/opening-rules/occurrence", { ruleId: text(form, "ruleId") ?? "", exception: { day: text(form, "day") ?? "", cancelled: true } }), () => element.reset())}
    >
      <p className={fr.cx("fr-text--sm")}>La plage reste ouverte les autres jours ; les rendez-vous déjà pris ce jour-là sont conservés.</p>
      <Select label="Plage d’ouverture" {...fieldState(f, "ruleId")} nativeSelectProps={{ name: "ruleId", defaultValue: "" }}>
        <option value="" disabled>
          Choisir une plage
        </option>
        {rules.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </Select>
      <Input label="Jour à annuler" {...fieldState(f, "exception.day", "exception")} nativeInputProps={{ name: "day", type: "date" }} />
      <Button type="submit" priority="secondary" disabled={pending}>
        Annuler cette occurrence
      </Button>
    </FormShell>
  );
}

export function AbsenceForm({ agents, defaultAgentId }: { agents: Person[]; defaultAgentId: string }) {
  const { error, pending, message, save } = useSave("Absence ajoutée.");
  const f = error?.fields;
  return (
    <FormShell
      id="form-absence"
      title="Ajouter une absence"
      error={error}
      message={message}
      shownFields={["agentId", "title", "start", "end"]}
      onSubmit={(form, element) =>
        void save(
          () => apiPost("/v1/agent/configuration/absences", { agentId: text(form, "agentId") ?? "", title: text(form, "title"), start: text(form, "start") ?? "", end: text(form, "end") ?? "" }),
          () => element.reset(),
        )
      }
    >
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Select label="Agent" {...fieldState(f, "agentId")} nativeSelectProps={{ name: "agentId", defaultValue: defaultAgentId }}>
            {agents.map((a) => (
              <option key={a.id} value={a.id}>
                {a.firstName} {a.lastName}
              </option>
            ))}
          </Select>
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Motif de l’absence (facultatif)" hintText="Par exemple « Formation », « Congés »" {...fieldState(f, "title")} nativeInputProps={{ name: "title" }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Début" {...fieldState(f, "start")} nativeInputProps={{ name: "start", type: "datetime-local", step: 300 }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Fin" {...fieldState(f, "end")} nativeInputProps={{ name: "end", type: "datetime-local", step: 300 }} />
        </div>
      </div>
      <Button type="submit" disabled={pending}>
        Ajouter l’absence
      </Button>
    </FormShell>
  );
}

/** Deletes after a second click that confirms it. */
export function DeleteButton({ label, what, path, body, method = "POST" }: { label: string; what: string; path: string; body?: unknown; method?: "POST" | "DELETE" }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function remove() {
    setPending(true);
    const result = method === "DELETE" ? await apiDelete(path) : await apiPost(path, body);
    setPending(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setConfirming(false);
    router.refresh();
  }
  return (
    <>
      {confirming ? (
        <span className="rdv-agent-table-actions">
          <Button type="button" size="small" disabled={pending} onClick={() => void remove()} nativeButtonProps={{ "aria-label": `Confirmer la suppression : ${what}` }}>
            Confirmer la suppression
          </Button>
          <Button type="button" size="small" priority="secondary" onClick={() => setConfirming(false)}>
            Garder
          </Button>
        </span>
      ) : (
        <Button type="button" size="small" priority="tertiary" onClick={() => setConfirming(true)} nativeButtonProps={{ "aria-label": `${label} : ${what}` }}>
          {label}
        </Button>
      )}
      {error && (
        <p className={fr.cx("fr-error-text")} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function InviteForm({ organisationId, services }: { organisationId: string; services: Named[] }) {
  const { error, pending, message, save } = useSave("Invitation envoyée : l’agent reçoit un e-mail avec un lien valable 7 jours pour choisir son mot de passe.");
  const f = error?.fields;
  return (
    <FormShell
      id="form-invitation"
      title="Inviter un agent"
      error={error}
      message={message}
      shownFields={["email", "firstName", "lastName", "role", "serviceIds"]}
      onSubmit={(form, element) =>
        void save(
          () =>
            apiPost("/v1/agent/invitations", {
              organisationId,
              email: text(form, "email") ?? "",
              firstName: text(form, "firstName") ?? "",
              lastName: text(form, "lastName") ?? "",
              role: text(form, "role") ?? "agent",
              serviceIds: form.getAll("serviceIds").map(String),
            }),
          () => element.reset(),
        )
      }
    >
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Input label="Prénom" {...fieldState(f, "firstName")} nativeInputProps={{ name: "firstName", autoComplete: "off" }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Input label="Nom" {...fieldState(f, "lastName")} nativeInputProps={{ name: "lastName", autoComplete: "off" }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-4")}>
          <Input label="Adresse e-mail professionnelle" {...fieldState(f, "email")} nativeInputProps={{ name: "email", type: "email", autoComplete: "off" }} />
        </div>
      </div>
      <RadioButtons
        legend="Rôle"
        orientation="horizontal"
        {...fieldState(f, "role")}
        options={[
          { label: "Agent", hintText: "Voit les services qui lui sont attribués", nativeInputProps: { name: "role", value: "agent", defaultChecked: true } },
          { label: "Secrétariat", hintText: "Voit tous les services de l’organisation", nativeInputProps: { name: "role", value: "secretariat" } },
          { label: "Administrateur", hintText: "Configure l’organisation et invite des agents", nativeInputProps: { name: "role", value: "admin" } },
        ]}
      />
      <Checkbox
        legend="Services"
        orientation="horizontal"
        small
        {...fieldState(f, "serviceIds")}
        options={services.map((s) => ({ label: s.name, nativeInputProps: { name: "serviceIds", value: s.id } }))}
      />
      <Button type="submit" disabled={pending}>
        Envoyer l’invitation
      </Button>
    </FormShell>
  );
}
