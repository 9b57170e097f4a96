// Short messages in the corner: confirmations and errors (always a sentence, never an object).
import { dismissToast, useAppStore } from "../shared/app-store.ts";
import { IconButton } from "../components/IconButton.tsx";

export function Toasts() {
  const toasts = useAppStore((s) => s.toasts);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast-${t.level}`} role={t.level === "error" ? "alert" : "status"}>
          <span>{t.text}</span>
          <IconButton icon="close" label="Dismiss" onClick={() => dismissToast(t.id)} />
        </div>
      ))}
    </div>
  );
}
