// A LoRA adapter's scale: the range the engine accepts (contract LoraAdapter), and a typed number
// brought into it. Shared by the Models card and a conversation's own adapters.
export const MIN_SCALE = -10;
export const MAX_SCALE = 10;

export function clampScale(scale: number): number {
  if (!Number.isFinite(scale)) return 1;
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, Math.round(scale * 100) / 100));
}
