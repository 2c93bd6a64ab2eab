"use client";

import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { apiGet, apiPost } from "@/lib/agent/client";
import { formatPhone } from "@/lib/phone";
import { formatLocalDate } from "@/lib/time";
import { ServiceUserInfo, ServiceUserSearchInfo, type ApiErrorInfo } from "@rdv/core/schema";
import { ErrorAlert, fieldState } from "./form";

function describe(user: ServiceUserInfo): string {
  return [user.phone ? formatPhone(user.phone) : "", user.email, user.birthDate ? `né(e) le ${formatLocalDate(user.birthDate)}` : ""].filter(Boolean).join(" · ") || "Ni téléphone ni e-mail";
}

/** Finds an usager of the organisation (name prefix, phone or e-mail) or creates one inline. */
export function UsagerPicker({ organisationId, onChoose }: { organisationId: string; onChoose: (user: ServiceUserInfo) => void }) {
  const [results, setResults] = useState<ServiceUserInfo[]>();
  const [searchError, setSearchError] = useState<ApiErrorInfo>();
  const [searching, setSearching] = useState(false);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<ApiErrorInfo>();
  const [pending, setPending] = useState(false);
  const [merging, setMerging] = useState(false);
  const [mergeError, setMergeError] = useState<ApiErrorInfo>();
  const [merged, setMerged] = useState<string>();

  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    setSearching(true);
    const result = await apiGet("/v1/agent/service-users", { organisation: organisationId, q }, ServiceUserSearchInfo);
    setSearching(false);
    setMerged(undefined);
    if (result.ok) {
      setResults(result.data.serviceUsers);
      setSearchError(undefined);
    } else {
      setResults(undefined);
      setSearchError(result.error);
    }
  }

  async function create(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => {
      const text = String(form.get(name) ?? "").trim();
      return text === "" ? undefined : text;
    };
    setPending(true);
    const result = await apiPost("/v1/agent/service-users", {
      organisationId,
      firstName: value("firstName") ?? "",
      lastName: value("lastName") ?? "",
      phone: value("phone"),
      email: value("email"),
      birthDate: value("birthDate"),
      address: value("address"),
    }, ServiceUserInfo);
    setPending(false);
    if (result.ok) {
      setCreateError(undefined);
      onChoose(result.data);
    } else {
      setCreateError(result.error);
    }
  }

  async function merge(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const keepId = String(form.get("keepId") ?? "");
    const mergeId = String(form.get("mergeId") ?? "");
    setPending(true);
    const result = await apiPost("/v1/agent/service-users/merge", { organisationId, keepId, mergeId }, ServiceUserInfo);
    setPending(false);
    if (result.ok) {
      const gone = results?.find((user) => user.id === mergeId);
      setResults(results?.filter((user) => user.id !== mergeId).map((user) => (user.id === keepId ? result.data : user)));
      setMergeError(undefined);
      setMerging(false);
      setMerged(`La fiche de ${gone ? `${gone.firstName} ${gone.lastName}` : "l’usager en double"} est fusionnée dans celle de ${result.data.firstName} ${result.data.lastName}, qui garde tous les rendez-vous.`);
    } else {
      setMergeError(result.error);
    }
  }

  return (
    <div>
      <form onSubmit={(event) => void search(event)} role="search" aria-label="Recherche d’usager">
        <Input
          label="Rechercher un usager"
          hintText="Début du nom (« dub », « dubois ch »), numéro de téléphone ou adresse e-mail. 2 caractères au moins."
          {...fieldState(searchError?.fields, "q")}
          nativeInputProps={{ name: "q", type: "search", autoComplete: "off", minLength: 2, required: true }}
        />
        <Button type="submit" priority="secondary" iconId="fr-icon-search-line" disabled={searching}>
          {searching ? "Recherche…" : "Rechercher"}
        </Button>
      </form>
      {searchError && !searchError.fields && <p className={fr.cx("fr-error-text")}>{searchError.message}</p>}

      <div aria-live="polite">
        {results && (
          <>
            <h3 className={fr.cx("fr-h6", "fr-mt-3w")}>{results.length === 0 ? "Aucun usager trouvé" : `${results.length} usager${results.length > 1 ? "s" : ""} trouvé${results.length > 1 ? "s" : ""}`}</h3>
            <ul className="rdv-agent-plain">
              {results.map((user) => (
                <li key={user.id} className={fr.cx("fr-mb-1w")}>
                  <Button type="button" priority="tertiary" size="small" onClick={() => onChoose(user)}>
                    Choisir {user.firstName} {user.lastName}
                  </Button>{" "}
                  <span className={fr.cx("fr-text--sm")}>{describe(user)}</span>
                </li>
              ))}
            </ul>
            {results.length >= 2 && (
              <Button
                type="button"
                priority="tertiary"
                size="small"
                onClick={() => setMerging(!merging)}
                nativeButtonProps={{ "aria-expanded": merging, "aria-controls": "fusion-usagers" }}
              >
                Fusionner deux fiches en double
              </Button>
            )}
          </>
        )}
        {merged && <Alert severity="success" small description={merged} className={fr.cx("fr-mt-2w")} />}
      </div>

      {merging && results && results.length >= 2 && (
        <form id="fusion-usagers" className={fr.cx("fr-mt-3w")} onSubmit={(event) => void merge(event)} aria-label="Fusionner deux fiches">
          <ErrorAlert error={mergeError} shownFields={["keepId", "mergeId"]} title="Fiches non fusionnées" as="h3" />
          <RadioButtons
            legend="Fiche à garder"
            {...fieldState(mergeError?.fields, "keepId")}
            options={results.map((user) => ({ label: `${user.firstName} ${user.lastName}`, hintText: describe(user), nativeInputProps: { name: "keepId", value: user.id, required: true } }))}
          />
          <RadioButtons
            legend="Fiche en double, à fusionner dans la fiche gardée"
            {...fieldState(mergeError?.fields, "mergeId")}
            options={results.map((user) => ({ label: `${user.firstName} ${user.lastName}`, hintText: describe(user), nativeInputProps: { name: "mergeId", value: user.id, required: true } }))}
          />
          <p className={fr.cx("fr-text--sm")}>
            Les rendez-vous de la fiche en double passent sur la fiche gardée, qui reprend les coordonnées qui lui manquent. La fiche en double est ensuite supprimée : cela ne peut pas être annulé.
          </p>
          <Button type="submit" disabled={pending}>
            {pending ? "Fusion…" : "Fusionner les fiches"}
          </Button>
        </form>
      )}

      <div className={fr.cx("fr-mt-3w")}>
        <Button type="button" priority="secondary" iconId="fr-icon-user-add-line" onClick={() => setCreating(!creating)} nativeButtonProps={{ "aria-expanded": creating, "aria-controls": "nouvel-usager" }}>
          Créer un nouvel usager
        </Button>
      </div>
      {creating && (
        <form id="nouvel-usager" className={fr.cx("fr-mt-3w")} onSubmit={(event) => void create(event)} noValidate aria-label="Nouvel usager">
          <ErrorAlert error={createError} shownFields={["firstName", "lastName", "phone", "email", "birthDate", "address"]} title="Usager non créé" as="h3" />
          <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input label="Prénom" {...fieldState(createError?.fields, "firstName")} nativeInputProps={{ name: "firstName", autoComplete: "off", required: true }} />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input label="Nom" {...fieldState(createError?.fields, "lastName")} nativeInputProps={{ name: "lastName", autoComplete: "off", required: true }} />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input
                label="Téléphone portable (facultatif)"
                hintText="Sans portable, l’usager ne reçoit ni confirmation ni rappel par SMS."
                {...fieldState(createError?.fields, "phone")}
                nativeInputProps={{ name: "phone", type: "tel", autoComplete: "off" }}
              />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input label="Adresse e-mail (facultatif)" {...fieldState(createError?.fields, "email")} nativeInputProps={{ name: "email", type: "email", autoComplete: "off" }} />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input label="Date de naissance (facultatif)" {...fieldState(createError?.fields, "birthDate")} nativeInputProps={{ name: "birthDate", type: "date" }} />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input
                label="Adresse postale (facultatif)"
                hintText="Obligatoire pour une visite à domicile."
                {...fieldState(createError?.fields, "address")}
                nativeInputProps={{ name: "address", autoComplete: "off" }}
              />
            </div>
          </div>
          <Button type="submit" disabled={pending}>
            {pending ? "Création…" : "Créer l’usager"}
          </Button>
        </form>
      )}
    </div>
  );
}
