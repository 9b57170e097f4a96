// Activity: what Enclave did, from its tamper-evident audit log, newest first, and a button that
// checks the log's hash chain and says where it is broken.
import { useEffect } from "react";
import { describeRecord, loadActivity, useActivityStore, verifyActivity } from "./store.ts";
import { toastError } from "../../shared/app-store.ts";

export function ActivityView() {
  const { enabled, records, verification, verifying } = useActivityStore();
  useEffect(() => {
    loadActivity().catch(toastError);
  }, []);

  return (
    <div className="page activity">
      <header className="page-head">
        <div>
          <h1>Activity</h1>
          <p className="muted">Every record is chained to the one before it, so a changed, removed or reordered record shows.</p>
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={() => void loadActivity().catch(toastError)}>
            Refresh
          </button>
          <button type="button" className="btn btn-primary" disabled={verifying} onClick={() => void verifyActivity().catch(toastError)}>
            {verifying ? "Verifying…" : "Verify log"}
          </button>
        </div>
      </header>

      {verification && (
        <section className={`card verification ${verification.ok ? "ok" : "broken"}`} role="status" aria-label="Verification">
          <strong>{verification.ok ? `Intact: ${verification.records} records, chain unbroken.` : "The audit log was altered."}</strong>
          {verification.problems.length > 0 && (
            <ul>
              {verification.problems.map((p) => (
                <li key={`${p.line}-${p.kind}`}>
                  Line {p.line} ({p.kind}): {p.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {!enabled ? (
        <p className="muted">Your organisation's policy has turned the audit log off.</p>
      ) : records.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <table className="activity-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Time</th>
              <th scope="col">What</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => {
              const { label, detail } = describeRecord(record);
              return (
                <tr key={record.seq} data-type={record.type}>
                  <td>{record.seq}</td>
                  <td>
                    <time dateTime={record.ts}>{new Date(record.ts).toLocaleString()}</time>
                  </td>
                  <td>{label}</td>
                  <td className="detail">{detail}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
