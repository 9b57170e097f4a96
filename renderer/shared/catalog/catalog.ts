// The recommended-model catalog shipped in resources/catalog.json.
import raw from "../../../resources/catalog.json";

export interface CatalogModel {
  id: string;
  name: string;
  kind: "chat" | "embedding";
  uri: string;
  quant: string;
  parameters: string;
  sizeBytes: number;
  description: string;
  license: { name: string; url: string; summary: string };
}

export const catalog: CatalogModel[] = raw.models as CatalogModel[];
