import Link from "next/link";

/**
 * Rendered in place by pages whose ids are unknown. Next's notFound() from a dynamic page sends
 * an empty HTML shell that only JavaScript fills in, so the page says it itself.
 */
export function NotFoundContent({ title = "Page introuvable", children }: { title?: string; children?: React.ReactNode }) {
  return (
    <>
      <h1>{title}</h1>
      {children ?? (
        <p>
          La page que vous cherchez n’existe pas ou n’est plus disponible. Si vous avez suivi un lien, il est peut-être
          incomplet.
        </p>
      )}
      <p>
        <Link href="/">Revenir à l’accueil pour prendre rendez-vous</Link>
      </p>
    </>
  );
}
