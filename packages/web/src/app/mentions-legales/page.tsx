import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Mentions légales" };

export default function MentionsLegalesPage() {
  return (
    <>
      <h1>Mentions légales</h1>

      <h2>Éditeur du site</h2>
      <p>
        Ce site de prise de rendez-vous est édité par le conseil départemental qui propose le service. Il permet
        de prendre rendez-vous avec ses services sociaux et de santé (action sociale, protection maternelle et
        infantile, autonomie, insertion…).
      </p>
      <p>
        Directeur ou directrice de la publication : le président ou la présidente du conseil départemental.
      </p>

      <h2>Hébergement</h2>
      <p>
        Le site et ses données sont hébergés par Amazon Web Services EMEA SARL, 38 avenue John F. Kennedy,
        L-1855 Luxembourg, dans des centres de données situés dans l’Union européenne.
      </p>

      <h2>Accessibilité</h2>
      <p>
        Le site n’est pas encore conforme au référentiel général d’amélioration de l’accessibilité (RGAA). Consultez
        la <Link href="/accessibilite">déclaration d’accessibilité</Link>.
      </p>

      <h2>Données personnelles</h2>
      <p>
        Les informations recueillies lors d’une prise de rendez-vous et vos droits sont décrits sur la page{" "}
        <Link href="/donnees-personnelles">données personnelles</Link>.
      </p>

      <h2>Réutilisation des contenus</h2>
      <p>
        Sauf mention contraire, les textes de ce site sont proposés sous licence ouverte Etalab 2.0. Le logo de la
        République française et les éléments du système de design de l’État ne peuvent pas être réutilisés hors
        des sites officiels de l’État et des collectivités.
      </p>
    </>
  );
}
