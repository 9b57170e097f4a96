// A button showing only an icon: its label is the accessible name and the tooltip.
import type { ButtonHTMLAttributes } from "react";
import { Icon, type IconName } from "./Icon.tsx";

export function IconButton({ icon, label, className, ...rest }: { icon: IconName; label: string } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button type="button" className={`icon-btn ${className ?? ""}`} aria-label={label} title={label} {...rest}>
      <Icon name={icon} />
    </button>
  );
}
