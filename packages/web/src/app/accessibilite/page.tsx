import type { Metadata } from "next";

export const metadata: Metadata = { title: "Déclaration d’accessibilité" };

export default function AccessibilitePage() {
  return (
    <>
      <h1>Déclaration d’accessibilité</h1>
      <p>
        Le conseil départemental s’engage à rendre ses sites internet, intranet, extranet et applications
        accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
      </p>
      <p>Cette déclaration d’accessibilité s’applique au site de prise de rendez-vous en ligne.</p>

      <h2>État de conformité</h2>
      <p>
        Ce site est <strong>non conforme</strong> avec le référentiel général d’amélioration de l’accessibilité
        (RGAA) : aucun audit n’a encore été réalisé. <strong>Un audit est à venir</strong> ; cette déclaration sera
        mise à jour avec ses résultats.
      </p>
      <p>
        Le site est conçu avec le système de design de l’État (DSFR). Il peut être utilisé au clavier, avec un
        lecteur d’écran et sur petit écran, sans défilement horizontal.
      </p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le conseil
        départemental (accueil téléphonique ou courrier) pour être orienté vers une alternative accessible ou
        obtenir le contenu sous une autre forme. Vous pouvez aussi prendre rendez-vous par téléphone auprès du
        service concerné.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité
        du site, que vous nous le signalez et que vous ne parvenez pas à obtenir une réponse de notre part, vous
        êtes en droit de faire parvenir vos doléances ou une demande de saisine au Défenseur des droits :
      </p>
      <ul>
        <li>
          en écrivant un message au Défenseur des droits avec le{" "}
          <a href="https://formulaire.defenseurdesdroits.fr/" target="_blank" rel="noopener noreferrer" title="formulaire de contact du Défenseur des droits — nouvelle fenêtre">
            formulaire de contact
          </a>{" "}
          ;
        </li>
        <li>en contactant le délégué du Défenseur des droits dans votre région ;</li>
        <li>
          en envoyant un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre
          réponse 71120, 75342 Paris CEDEX 07.
        </li>
      </ul>
    </>
  );
}
