// The main navigation. Views are buttons (this is an app, not a site) marked with aria-current.
import { showView, useAppStore, type View } from "../shared/app-store.ts";
import { Icon, type IconName } from "../components/Icon.tsx";

export interface NavItem {
  view: View;
  label: string;
  icon: IconName;
}

export function Sidebar({ items }: { items: NavItem[] }) {
  const view = useAppStore((s) => s.view);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand" aria-hidden="true">
        <span className="brand-mark">E</span>
        <span className="brand-name">Enclave</span>
      </div>
      <ul>
        {items.map((item) => (
          <li key={item.view}>
            <button type="button" className="nav-item" title={item.label} aria-current={view === item.view ? "page" : undefined} onClick={() => showView(item.view)}>
              <Icon name={item.icon} size={18} />
              <span>{item.label}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
