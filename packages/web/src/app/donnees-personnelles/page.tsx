import type { Metadata } from "next";

export const metadata: Metadata = { title: "Données personnelles" };

export default function DonneesPersonnellesPage() {
  return (
    <>
      <h1>Données personnelles</h1>

      <h2>Responsable du traitement</h2>
      <p>
        Le conseil départemental est responsable du traitement des données recueillies sur ce site. Ce
        traitement a pour finalité la prise, la gestion et le rappel des rendez-vous avec ses services sociaux et
        de santé. Il relève de l’exécution d’une mission d’intérêt public (article 6-1-e du règlement général sur
        la protection des données, RGPD).
      </p>

      <h2>Données collectées pour un rendez-vous</h2>
      <ul>
        <li>vos nom et prénom ;</li>
        <li>votre numéro de téléphone portable, pour vous envoyer la confirmation et le rappel par SMS ;</li>
        <li>votre commune, pour vous orienter vers le bon service et le bon lieu d’accueil ;</li>
        <li>le service, le motif, le lieu, la date et l’heure du rendez-vous.</li>
      </ul>
      <p>
        Ne saisissez pas d’informations sur votre santé ou votre situation personnelle : elles ne sont pas
        nécessaires pour prendre rendez-vous et seront abordées lors de l’entretien.
      </p>

      <h2>Durée de conservation</h2>
      <ul>
        <li>les rendez-vous et les coordonnées associées sont supprimés 2 ans après la date du rendez-vous ;</li>
        <li>
          les accusés de réception des SMS envoyés sont anonymisés 6 mois après leur envoi (le numéro de téléphone
          en est retiré).
        </li>
      </ul>

      <h2>Destinataires</h2>
      <p>
        Seuls les agents du service avec lequel vous prenez rendez-vous ont accès à vos données. Le prestataire
        d’envoi des SMS et l’hébergeur du site agissent en tant que sous-traitants et n’utilisent pas vos données
        pour leur propre compte. Vos données ne sont ni vendues ni cédées.
      </p>

      <h2>Cookies</h2>
      <p>
        Ce site ne dépose aucun cookie de mesure d’audience ni de publicité. Seules des informations techniques
        nécessaires à son fonctionnement, comme votre préférence d’affichage clair ou sombre, peuvent être
        enregistrées dans votre navigateur.
      </p>

      <h2>Vos droits</h2>
      <p>
        Vous disposez d’un droit d’accès, de rectification, d’effacement et de limitation du traitement de vos
        données, ainsi que d’un droit d’opposition. Pour les exercer, contactez le délégué ou la déléguée à la
        protection des données du conseil départemental. Vous pouvez aussi annuler votre rendez-vous à tout
        moment.
      </p>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser
        une réclamation à la Commission nationale de l’informatique et des libertés (CNIL).
      </p>
    </>
  );
}
