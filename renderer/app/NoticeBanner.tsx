// The engine's notices (a crash and restart, a lost connection) stay visible until dismissed. After
// a crash that unloaded the model, the banner offers to load it again.
import { dismissNotice, toast, toastError, useAppStore } from "../shared/app-store.ts";
import { IconButton } from "../components/IconButton.tsx";
import { reloadLost, useModelsStore } from "../shared/models/store.ts";

export function NoticeBanner() {
  const notice = useAppStore((s) => s.notice);
  const lost = useModelsStore((s) => s.lost);
  const loading = useModelsStore((s) => s.loading);
  if (!notice) return null;
  const reload = () => {
    reloadLost().then((loaded) => {
      if (loaded) {
        dismissNotice();
        toast(`${loaded.model.displayName} is loaded again.`);
      }
    }, toastError);
  };
  return (
    <div className={`banner banner-${notice.level}`} role={notice.level === "info" ? "status" : "alert"}>
      <span>{notice.message}</span>
      <span className="banner-actions">
        {lost && (
          <button type="button" className="btn btn-small" disabled={loading !== null} onClick={reload}>
            {loading ? "Loading…" : `Load ${lost.model.displayName} again`}
          </button>
        )}
        <IconButton icon="close" label="Dismiss notice" onClick={dismissNotice} />
      </span>
    </div>
  );
}
