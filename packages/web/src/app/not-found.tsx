import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page introuvable" };

export default function NotFound() {
  return (
    <>
      <h1>Page introuvable</h1>
      <p>
        La page que vous cherchez n’existe pas ou n’est plus disponible. Si vous avez suivi un lien, il est peut-être
        incomplet.
      </p>
      <p>
        <Link href="/">Revenir à l’accueil pour prendre rendez-vous</Link>
      </p>
    </>
  );
}
