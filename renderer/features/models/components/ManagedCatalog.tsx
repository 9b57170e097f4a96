// The organisation's approved models (the managed catalog the policy names): each installs in one
// click from the internal mirror or file share, with progress and cancel, and is checked against its
// pinned SHA-256 by the engine before it can load. Without a catalog in the policy, nothing shows.
import { useEffect, useState } from "react";
import type { ApiOutput } from "../../../../native/contract/api.ts";
import { api } from "../../../services/api.ts";
import { ProgressBar } from "../../../components/ProgressBar.tsx";
import { errorMessage, isAborted, newRequestId } from "../../../shared/errors.ts";
import { toast, toastError } from "../../../shared/app-store.ts";
import { refreshModels } from "../../../shared/models/store.ts";
import { formatBytes } from "../../../shared/format.ts";

type Catalog = ApiOutput<"catalog.list">;
type Install = { requestId: string; fraction: number | null };

export function ManagedCatalog() {
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [installing, setInstalling] = useState<Record<string, Install>>({});

  const reload = () =>
    api()
      .invoke("catalog.list", {})
      .then(setCatalog, (err: unknown) => toastError(err));

  useEffect(() => {
    void reload();
  }, []);

  useEffect(
    () =>
      api().on("progress", (p) => {
        if (p.task !== "download") return;
        setInstalling((all) => {
          const id = Object.keys(all).find((key) => all[key]!.requestId === p.requestId);
          return id ? { ...all, [id]: { requestId: p.requestId, fraction: p.fraction } } : all;
        });
      }),
    [],
  );

  if (!catalog?.source || catalog.models.length === 0) return null;

  async function install(id: string, name: string): Promise<void> {
    const requestId = newRequestId();
    setInstalling((all) => ({ ...all, [id]: { requestId, fraction: 0 } }));
    try {
      await api().invoke("catalog.install", { id }, { requestId });
      toast(`Installed ${name}: its SHA-256 matches the catalog.`);
      await Promise.all([reload(), refreshModels()]);
    } catch (err) {
      if (isAborted(err)) toast(`Cancelled the installation of ${name}; nothing was kept.`);
      else toast(`${name} was not installed: ${errorMessage(err)}`, "error");
    } finally {
      setInstalling(({ [id]: _done, ...rest }) => rest);
    }
  }

  return (
    <section className="card" aria-labelledby="managed-catalog-title">
      <h3 id="managed-catalog-title">Approved by your organisation</h3>
      <p className="muted">Installed from {catalog.source}; each file is checked against its pinned SHA-256 before it can load.</p>
      <ul className="managed-catalog">
        {catalog.models.map((m) => {
          const running = installing[m.id];
          return (
            <li key={m.id}>
              <div>
                <strong>{m.name}</strong>
                <span className="muted">
                  {[m.quant, m.sizeBytes ? formatBytes(m.sizeBytes) : null, `Licence: ${m.license}`].filter(Boolean).join(" · ")}
                </span>
              </div>
              {m.installedPath ? (
                <span className="muted">Installed</span>
              ) : running ? (
                <div className="managed-catalog-progress">
                  <ProgressBar label={`Installing ${m.name}`} fraction={running.fraction} />
                  <button type="button" className="btn" onClick={() => api().cancel(running.requestId)}>
                    Cancel
                  </button>
                </div>
              ) : (
                <button type="button" className="btn btn-primary" onClick={() => void install(m.id, m.name)}>
                  Install {m.name}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
