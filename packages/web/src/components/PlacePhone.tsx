import { formatPhone, telHref } from "@/lib/phone";

/** The place's phone number as a tel: link, or nothing when the place has none. */
export function PhoneLink({ phone }: { phone: string | undefined }) {
  if (!phone) return null;
  return (
    <a href={telHref(phone)} className="rdv-nowrap">
      {formatPhone(phone)}
    </a>
  );
}
