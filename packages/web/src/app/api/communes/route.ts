import { searchCommunes } from "@/lib/api";

const MAX_QUERY_LENGTH = 100;
const MAX_SUGGESTIONS = 10;

/** GET /api/communes?q=…: the type-ahead of the home page, same-origin, through the API. */
export async function GET(request: Request) {
  const q = (new URL(request.url).searchParams.get("q") ?? "").trim().slice(0, MAX_QUERY_LENGTH);
  if (q.length < 2) return Response.json({ communes: [] });
  const result = await searchCommunes(q);
  if (!result.ok) return Response.json({ error: { code: "unavailable" } }, { status: 503 });
  return Response.json(
    { communes: result.data.slice(0, MAX_SUGGESTIONS) },
    { headers: { "cache-control": "public, max-age=300" } },
  );
}
