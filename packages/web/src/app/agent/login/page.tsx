import { redirect } from "next/navigation";

/** /agent/login: the sign-in page's other address. */
export default function LoginRedirect(): never {
  redirect("/agent/connexion");
}
