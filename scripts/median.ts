// The benches' summary statistic: the middle value (the upper one of an even count).
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
