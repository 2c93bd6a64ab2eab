"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { fr } from "@codegouvfr/react-dsfr";

const ITEMS = [
  { href: "/agent", label: "Agenda" },
  { href: "/agent/prendre-rdv", label: "Prendre un rendez-vous" },
  { href: "/agent/trouver-un-creneau", label: "Trouver un créneau" },
  { href: "/agent/a-appeler", label: "À appeler" },
  { href: "/agent/invitations", label: "Invitations" },
  { href: "/agent/a-marquer", label: "Rendez-vous à marquer" },
  { href: "/agent/statistiques", label: "Statistiques" },
  { href: "/agent/configuration", label: "Configuration" },
  { href: "/agent/mon-compte", label: "Mon compte" },
];
/** for the organisation's admins only */
const ADMIN_ITEMS = [{ href: "/agent/equipe", label: "Équipe" }];

function isActive(pathname: string, href: string): boolean {
  if (href === "/agent") return pathname === "/agent" || pathname.startsWith("/agent/rendez-vous");
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function AgentNav({ admin = false }: { admin?: boolean }) {
  const pathname = usePathname() ?? "";
  return (
    <nav className={fr.cx("fr-nav", "fr-mb-4w")} aria-label="Espace agent">
      <ul className={fr.cx("fr-nav__list")}>
        {[...ITEMS, ...(admin ? ADMIN_ITEMS : [])].map((item) => (
          <li key={item.href} className={fr.cx("fr-nav__item")}>
            <Link className={fr.cx("fr-nav__link")} href={item.href} aria-current={isActive(pathname, item.href) ? "page" : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
