// Shown instead of the views while the engine cannot be reached: why, and a way to try again.
import { useState } from "react";
import { useAppStore } from "../shared/app-store.ts";
import { connect } from "./bootstrap.ts";
import { EmptyState } from "../components/EmptyState.tsx";

export function Unavailable() {
  const reason = useAppStore((s) => s.bootError);
  const [trying, setTrying] = useState(false);
  return (
    <EmptyState
      title="Enclave cannot reach its engine"
      action={
        <button
          type="button"
          className="btn btn-primary"
          disabled={trying}
          onClick={() => {
            setTrying(true);
            void connect().finally(() => setTrying(false));
          }}
        >
          {trying ? "Trying…" : "Try again"}
        </button>
      }
    >
      <p>{reason}</p>
      <p>In a browser, open Enclave from the address the web host printed when it started (it ends in #token=…); the host may also have stopped.</p>
    </EmptyState>
  );
}
