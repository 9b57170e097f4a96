// A small set of stroke icons drawn inline (no icon font, nothing fetched). Decorative by default:
// buttons carry their own label.
const paths = {
  chat: "M4 5h16v11H8l-4 4z",
  documents: "M7 3h7l5 5v13H7zM14 3v5h5",
  models: "M12 3l8 4.5v9L12 21l-8-4.5v-9zM12 12l8-4.5M12 12v9M12 12L4 7.5",
  settings: "M12 9a3 3 0 100 6 3 3 0 000-6zM19 12l2-1-1-3-2 .3-1.4-1.4.3-2-3-1-1 2h-2l-1-2-3 1 .3 2L5.8 7.3 4 7l-1 3 2 1v2l-2 1 1 3 2-.3 1.4 1.4-.3 2 3 1 1-2h2l1 2 3-1-.3-2 1.4-1.4 2 .3 1-3-2-1z",
  plus: "M12 5v14M5 12h14",
  search: "M11 4a7 7 0 100 14 7 7 0 000-14zM20 20l-4-4",
  copy: "M9 9h11v11H9zM5 15H4V4h11v1",
  edit: "M4 20h4L19 9l-4-4L4 16zM14 6l4 4",
  trash: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13",
  refresh: "M20 11a8 8 0 10-2.3 5.7M20 4v7h-7",
  stop: "M7 7h10v10H7z",
  send: "M4 12l16-8-6 16-2-6z",
  close: "M6 6l12 12M18 6L6 18",
  check: "M5 12l5 5L19 7",
  folder: "M3 6h7l2 2h9v11H3z",
  download: "M12 4v11M7 10l5 5 5-5M5 20h14",
  info: "M12 8h.01M11 12h1v5h1M12 3a9 9 0 100 18 9 9 0 000-18z",
  chevron: "M9 6l6 6-6 6",
  rename: "M4 20h16M6 16l9-9 3 3-9 9H6z",
  activity: "M3 12h4l3-8 4 16 3-8h4",
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg className="icon" width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={paths[name]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
