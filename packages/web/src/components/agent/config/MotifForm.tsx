"use client";

import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { apiPost } from "@/lib/agent/client";
import { LOCATION_LABELS, LOCATION_TYPES, NOTIFICATION_LABELS } from "@/lib/agent/labels";
import type { ConfigMotifInfo } from "@rdv/core/schema";
import { fieldState } from "@/components/agent/form";
import { FormShell, integer, OptionSelect, text, useSave, type Named } from "./shared";

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
      shownFields={["name", "serviceId", "durationMinutes", "bufferMinutes", "locationType", "online", "minDelayMinutes", "maxDelayDays", "cancelUntilMinutesBefore", "rescheduleUntilMinutesBefore", "capacity", "notification", "instructions", "videoUrl"]}
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
              bufferMinutes: integer(form, "bufferMinutes"),
              cancelUntilMinutesBefore: forbidCancel ? false : integer(form, "cancelUntilMinutesBefore"),
              rescheduleUntilMinutesBefore: forbidReschedule ? false : integer(form, "rescheduleUntilMinutesBefore"),
              collective: isCollective,
              capacity: isCollective ? integer(form, "capacity") : undefined,
              notification: text(form, "notification") ?? "normal",
              reminderLeadHours: initial?.reminderLeadHours ?? undefined,
              instructions: text(form, "instructions"),
              videoUrl: text(form, "videoUrl"),
              invitationOnly: form.get("invitationOnly") === "on",
              referentOnly: form.get("referentOnly") === "on",
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
          <OptionSelect label="Service" name="serviceId" fields={f} placeholder="Choisir un service" defaultValue={initial?.serviceId} required options={services.map((s) => ({ value: s.id, label: s.name }))} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Durée (minutes)" hintText="Un multiple de 5" {...fieldState(f, "durationMinutes")} nativeInputProps={{ name: "durationMinutes", type: "number", min: 5, max: 480, step: 5, defaultValue: initial?.durationMinutes ?? 30 }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input
            label="Battement après chaque rendez-vous (minutes)"
            hintText="Temps laissé libre après le rendez-vous, avant le suivant (0 à 120)"
            {...fieldState(f, "bufferMinutes")}
            nativeInputProps={{ name: "bufferMinutes", type: "number", min: 0, max: 120, step: 5, defaultValue: initial?.bufferMinutes ?? 0 }}
          />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <OptionSelect label="Type de rendez-vous" name="locationType" fields={f} defaultValue={initial?.locationType ?? "on_site"} options={LOCATION_TYPES.map((t) => ({ value: t, label: LOCATION_LABELS[t] }))} />
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
      <Checkbox
        legend="Invitations à prendre rendez-vous"
        options={[
          { label: "Sur invitation seulement (caché du site public)", nativeInputProps: { name: "invitationOnly", defaultChecked: initial?.invitationOnly === true } },
          { label: "Avec les référents de l’usager seulement", nativeInputProps: { name: "referentOnly", defaultChecked: initial?.referentOnly === true } },
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
      <Input
        label="Lien de la visio (motifs en visio, facultatif)"
        hintText="Une adresse https://…, donnée à l’usager sur la page de son rendez-vous et dans ses messages."
        {...fieldState(f, "videoUrl")}
        nativeInputProps={{ name: "videoUrl", type: "url", defaultValue: initial?.videoUrl, maxLength: 300 }}
      />
      <Button type="submit" disabled={pending}>
        {initial ? "Enregistrer le motif" : "Ajouter le motif"}
      </Button>
    </FormShell>
  );
}
