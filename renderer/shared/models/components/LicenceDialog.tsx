// Before a model's first load: its licence, as the file declares it, to be acknowledged.
import { useState } from "react";
import { Dialog } from "../../../components/Dialog.tsx";

export interface LicenceDialogProps {
  modelName: string;
  license: string | null;
  onAccept: () => void;
  onCancel: () => void;
}

export function LicenceDialog({ modelName, license, onAccept, onCancel }: LicenceDialogProps) {
  const [agreed, setAgreed] = useState(false);
  return (
    <Dialog
      title={`Licence of ${modelName}`}
      onClose={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" disabled={!agreed} onClick={onAccept}>
            Load model
          </button>
        </>
      }
    >
      {license ? (
        <p>
          This model is distributed under <strong>{license}</strong>. Its terms decide what you may do with it and with what it writes.
        </p>
      ) : (
        <p>This file does not state a licence. Check the terms where you got it before you rely on it.</p>
      )}
      <label className="check">
        <input type="checkbox" checked={agreed} onChange={(e) => setAgreed(e.target.checked)} data-autofocus />
        I have read and accept the licence terms of {modelName}.
      </label>
    </Dialog>
  );
}
