// Add files / Add folder. In Electron the native dialogs return real paths (`fileDialogs`); in a
// browser, file inputs (a folder input for folders) whose files are uploaded to the host.
import { useRef } from "react";
import type { HostCapabilities } from "../../../native/contract/shell.ts";
import { pickAndAdd } from "./store.ts";

export interface AddButtonsProps {
  host: HostCapabilities | null;
  disabled: boolean;
  onFiles: (files: File[]) => void;
}

export function AddButtons({ host, disabled, onFiles }: AddButtonsProps) {
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const native = host?.fileDialogs === true;

  const take = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = ""; // choosing the same files again must fire change again
    if (files.length) onFiles(files);
  };

  return (
    <div className="add-buttons">
      <button type="button" className="btn btn-primary" disabled={disabled} onClick={() => (native ? void pickAndAdd("documents") : filesRef.current?.click())}>
        Add files
      </button>
      <button type="button" className="btn" disabled={disabled} onClick={() => (native ? void pickAndAdd("folder") : folderRef.current?.click())}>
        Add folder
      </button>
      {!native && (
        <>
          <input ref={filesRef} type="file" multiple hidden aria-label="Files to add" onChange={(e) => take(e.currentTarget)} />
          <input
            ref={(el) => {
              folderRef.current = el;
              // Not in React's typings: lets the browser pick a whole folder.
              el?.setAttribute("webkitdirectory", "");
            }}
            type="file"
            multiple
            hidden
            aria-label="Folder to add"
            onChange={(e) => take(e.currentTarget)}
          />
        </>
      )}
    </div>
  );
}
