"use client";

import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { apiPost } from "@/lib/agent/client";
import { fieldState } from "@/components/agent/form";
import { FormShell, text, useSave, type Named } from "./shared";

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
