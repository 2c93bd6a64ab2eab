"use client";

import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { apiPost } from "@/lib/agent/client";
import type { ConfigPlaceInfo } from "@rdv/core/schema";
import { fieldState } from "@/components/agent/form";
import { FormShell, text, useSave } from "./shared";

export function PlaceForm({ organisationId, initial }: { organisationId: string; initial?: ConfigPlaceInfo }) {
  const { error, pending, message, save } = useSave(initial ? "Lieu modifié." : "Lieu ajouté.");
  const f = error?.fields;
  return (
    <FormShell
      id="form-lieu"
      title={initial ? `Modifier le lieu « ${initial.name} »` : "Ajouter un lieu"}
      error={error}
      message={message}
      shownFields={["name", "shortName", "address", "phone"]}
      onSubmit={(form, element) =>
        void save(
          () => apiPost("/v1/agent/configuration/places", { ...(initial ? { id: initial.id } : {}), organisationId, name: text(form, "name") ?? "", shortName: text(form, "shortName"), address: text(form, "address") ?? "", phone: text(form, "phone") }),
          () => element.reset(),
        )
      }
    >
      <Input label="Nom" {...fieldState(f, "name")} nativeInputProps={{ name: "name", defaultValue: initial?.name, required: true }} />
      <Input
        label="Nom court pour les SMS (facultatif)"
        hintText="Utilisé dans les SMS à la place du nom, pour qu’ils tiennent en un seul message. 30 caractères au plus, par exemple : MDS Arras"
        {...fieldState(f, "shortName")}
        nativeInputProps={{ name: "shortName", defaultValue: initial?.shortName, maxLength: 30 }}
      />
      <Input label="Adresse" {...fieldState(f, "address")} nativeInputProps={{ name: "address", defaultValue: initial?.address, required: true }} />
      <Input label="Téléphone (facultatif)" hintText="Affiché aux usagers" {...fieldState(f, "phone")} nativeInputProps={{ name: "phone", type: "tel", defaultValue: initial?.phone }} />
      <Button type="submit" disabled={pending}>
        {initial ? "Enregistrer le lieu" : "Ajouter le lieu"}
      </Button>
    </FormShell>
  );
}
