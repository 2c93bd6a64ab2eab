import { describe, expect, it } from "vitest";
import { emailContent, type EmailContext } from "./email-texts";

const ctx: EmailContext = {
  kind: "confirmation",
  firstName: "Chloé",
  relativeFirstName: "Léo",
  service: "Protection maternelle et infantile",
  startsAt: "2026-12-08T08:30:00.000Z",
  timezone: "Europe/Paris",
  locationType: "on_site",
  place: { name: "Maison départementale des solidarités d'Arras", address: "12 rue des Capucins, 62000 Arras", phone: "+33321000000" },
  instructions: "Apportez le carnet de santé.",
  link: "https://rdv.pas-de-calais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
  siteUrl: "https://rdv.pas-de-calais.fr",
  departmentName: "Pas-de-Calais",
  production: true,
  withCalendar: true,
};

describe("the usager's e-mails", () => {
  it("confirmation: subject and text, exactly", () => {
    const { subject, text } = emailContent(ctx);
    expect(subject).toBe("Rendez-vous confirmé le mardi 8 décembre 2026 à 9h30");
    expect(text).toBe(
      [
        "Bonjour Chloé,",
        "Votre rendez-vous Protection maternelle et infantile pour Léo est confirmé.",
        "Date : mardi 8 décembre 2026 à 9h30\nLieu : Maison départementale des solidarités d'Arras, 12 rue des Capucins, 62000 Arras\nTéléphone : 03 21 00 00 00",
        "Apportez le carnet de santé.",
        "Pour annuler ou déplacer ce rendez-vous : https://rdv.pas-de-calais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx",
        "Le rendez-vous est joint à ce message (fichier rendez-vous.ics) pour l'ajouter à votre agenda.",
        "Ce message vous est envoyé automatiquement : merci de ne pas y répondre.",
      ].join("\n\n"),
    );
  });

  it("cancellation, discreet motif, test stage, a name that is not one: neutral, no name, the site to book again", () => {
    const { subject, text } = emailContent({ ...ctx, kind: "cancellation", service: null, firstName: "www.arnaque.example", production: false, withCalendar: false });
    expect(subject).toBe("[TEST] Rendez-vous du mardi 8 décembre annulé");
    expect(text).toBe(
      [
        "Bonjour,",
        "Votre rendez-vous pour Léo du mardi 8 décembre 2026 à 9h30 est bien annulé.",
        "Pour reprendre rendez-vous : https://rdv.pas-de-calais.fr ou au 03 21 00 00 00",
        "Ce message vous est envoyé automatiquement : merci de ne pas y répondre.",
      ].join("\n\n"),
    );
  });

  it("HTML: French, the State's look with inline styles only, no remote asset, every value escaped", () => {
    const { html } = emailContent({ ...ctx, kind: "reminder", place: { ...ctx.place, name: "Salle <b>A</b> & B" }, locationType: "on_site" });
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain("<title>Rappel de rendez-vous</title>".replace("Rappel de rendez-vous", "Rappel : rendez-vous le mardi 8 décembre 2026 à 9h30"));
    expect(html).toContain('<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3;color:#000091;">Rappel de rendez-vous</h1>');
    expect(html).toContain("font-family:Marianne,Arial,sans-serif");
    expect(html).toContain("Salle &lt;b&gt;A&lt;/b&gt; &amp; B");
    expect(html).toContain('<a href="https://rdv.pas-de-calais.fr/rdv/AbCdEfGhIjKlMnOpQrStUvWx" style="display:inline-block;');
    expect(html).not.toMatch(/<img|<link|<script|url\(|src=/);
  });
});
