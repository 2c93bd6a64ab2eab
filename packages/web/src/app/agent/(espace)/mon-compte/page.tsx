import type { Metadata } from "next";
import { CalendarFeedSection } from "@/components/agent/CalendarFeedSection";
import { NoticePreferenceSection } from "@/components/agent/NoticePreferenceSection";
import { Unavailable } from "@/components/agent/Unavailable";
import { agentGet, load, requireAgent } from "@/lib/agent/server";
import { DEPARTMENT_TIMEZONE } from "@/lib/time";
import { CalendarFeedStatusInfo, NoticePreferenceInfo } from "@rdv/core/schema";

export const metadata: Metadata = { title: "Mon compte", robots: { index: false } };

export default async function AccountPage() {
  const me = await requireAgent("/agent/mon-compte");
  const [feed, notices] = await Promise.all([
    load(agentGet("/v1/agent/calendar-feed", {}, CalendarFeedStatusInfo), "/agent/mon-compte"),
    load(agentGet("/v1/agent/me/notifications", {}, NoticePreferenceInfo), "/agent/mon-compte"),
  ]);
  return (
    <>
      <h1>Mon compte</h1>
      <p>
        {me.firstName} {me.lastName} · {me.email}
      </p>
      {notices.ok ? <NoticePreferenceSection initial={notices.data} /> : <Unavailable status={notices.status} error={notices.error} />}
      {feed.ok ? <CalendarFeedSection initial={feed.data} timezone={DEPARTMENT_TIMEZONE} /> : <Unavailable status={feed.status} error={feed.error} />}
    </>
  );
}
