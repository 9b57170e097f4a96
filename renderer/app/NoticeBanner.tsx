// The engine's notices (a crash and restart, a lost connection) stay visible until dismissed.
import { dismissNotice, useAppStore } from "./store.ts";
import { IconButton } from "../components/IconButton.tsx";

export function NoticeBanner() {
  const notice = useAppStore((s) => s.notice);
  if (!notice) return null;
  return (
    <div className={`banner banner-${notice.level}`} role={notice.level === "info" ? "status" : "alert"}>
      <span>{notice.message}</span>
      <IconButton icon="close" label="Dismiss notice" onClick={dismissNotice} />
    </div>
  );
}
