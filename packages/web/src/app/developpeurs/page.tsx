import type { Metadata } from "next";
import { z } from "zod";
import { fr } from "@codegouvfr/react-dsfr";
import { ApiReference } from "@/components/ApiReference";
import { ServiceUnavailable } from "@/components/ServiceUnavailable";
import { apiGet } from "@/lib/api";

export const metadata: Metadata = { title: "Développeurs : l’API" };
export const dynamic = "force-dynamic";

const OpenApiDocument = z.object({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }).passthrough();

/** The API's documentation for the département's business tools, rendered from its OpenAPI document. */
export default async function DevelopersPage() {
  const document = await apiGet("/v1/openapi.json", {}, OpenApiDocument);
  return (
    <>
      <h1>Développeurs : l’API</h1>
      <p>
        Les logiciels métier du département (orientation RSA, suivi social, protection de l’enfance…) peuvent lire et prendre
        des rendez-vous avec l’API d’intégration. Un administrateur de l’organisation crée une clé d’API dans l’espace agent
        (Configuration, puis Clés d’API) ; chaque requête l’envoie dans l’en-tête <code>Authorization: Bearer rdv_…</code>.
      </p>
      <p>
        Une clé voit ce que voit un administrateur de son organisation, rien de plus. Une clé en lecture seule ne peut rien
        modifier. Les listes se lisent page par page avec le curseur <code>nextCursor</code>.
      </p>
      <p>
        <a className={fr.cx("fr-link", "fr-icon-download-line", "fr-link--icon-right")} href="/v1/openapi.json">
          Document OpenAPI 3.1 (JSON)
        </a>
      </p>
      <h2>Référence</h2>
      {document.ok ? <ApiReference spec={document.data} /> : <ServiceUnavailable />}
    </>
  );
}
