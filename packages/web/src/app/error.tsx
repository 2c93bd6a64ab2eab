"use client";

import { useEffect } from "react";
import Link from "next/link";

/** An unexpected error in a page: a polite message and a way out. */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <>
      <h1>Un problème est survenu</h1>
      <p>Nous sommes désolés : cette page n’a pas pu s’afficher. Merci de réessayer dans quelques minutes.</p>
      <ul className="fr-btns-group fr-btns-group--inline-md">
        <li>
          <button type="button" className="fr-btn" onClick={() => reset()}>
            Réessayer
          </button>
        </li>
        <li>
          <Link href="/" className="fr-btn fr-btn--secondary">
            Revenir à l’accueil
          </Link>
        </li>
      </ul>
    </>
  );
}
