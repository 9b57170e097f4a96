// A base model with all its quantizations side by side, so their costs can be compared.
import type { ModelGroup } from "../../../../native/contract/models.ts";
import type { Variant } from "../../../shared/models/store.ts";
import { formatParams } from "../../../shared/format.ts";
import { VariantRow } from "./VariantRow.tsx";

export interface ModelGroupCardProps {
  group: ModelGroup;
  loadedId: string | null;
  loadingId: string | null;
  onLoad: (v: Variant) => void;
  onDetails: (v: Variant) => void;
}

export function ModelGroupCard({ group, loadedId, loadingId, onLoad, onDetails }: ModelGroupCardProps) {
  const params = formatParams(group.parameterCount);
  return (
    <section className="card model-group" aria-label={group.name}>
      <header className="model-group-head">
        <h3>{group.name}</h3>
        <span className="muted">{[group.architecture, params && `${params} parameters`].filter(Boolean).join(" · ")}</span>
      </header>
      <table className="variants">
        <thead>
          <tr>
            <th scope="col">Quant</th>
            <th scope="col">File</th>
            <th scope="col">RAM</th>
            <th scope="col">VRAM</th>
            <th scope="col">Fit</th>
            <th scope="col">Found in</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {group.variants.map((v) => (
            <VariantRow key={v.id} variant={v} isLoaded={v.id === loadedId} isLoading={v.id === loadingId} busy={loadingId !== null} onLoad={onLoad} onDetails={onDetails} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
