"use client";

import dynamic from "next/dynamic";
import "swagger-ui-react/swagger-ui.css";

// Swagger UI reads the browser's window: rendered on the client only, from the document passed in
// (it fetches nothing itself).
const SwaggerUI = dynamic(() => import("swagger-ui-react"), { ssr: false, loading: () => <p>Chargement de la documentation…</p> });

export function ApiReference({ spec }: { spec: object }) {
  return (
    <div className="rdv-api-reference">
      <SwaggerUI spec={spec} docExpansion="list" defaultModelsExpandDepth={-1} supportedSubmitMethods={[]} />
    </div>
  );
}
