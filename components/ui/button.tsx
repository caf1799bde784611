import Link from "next/link";
import type { ComponentProps, ReactNode } from "react";

// The product's buttons, so their classes are written once. Primary does the form's one job;
// secondary sits beside it; danger and approve colour the writes that must stand out (blocking,
// signing). `pending` disables a submit button while its action runs.

type Variant = "primary" | "secondary" | "danger" | "approve" | "remove";
type Size = "sm" | "md" | "xs";

const base = "inline-flex items-center justify-center rounded-md font-semibold disabled:opacity-60";
const variants: Record<Variant, string> = {
  primary: "bg-slate-900 text-white hover:bg-slate-700",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-50",
  danger: "bg-rose-800 text-white hover:bg-rose-700",
  approve: "bg-emerald-800 text-white hover:bg-emerald-700",
  // Taking a row away (a test patient, a cutover step): outlined, so it never looks like the form's main job.
  remove: "border border-rose-400 bg-white text-rose-900 hover:bg-rose-50",
};
const sizes: Record<Size, string> = {
  md: "px-4 py-2 text-sm",
  sm: "px-3 py-1.5 text-sm",
  xs: "px-3 py-1 text-xs",
};

export function buttonClass({ variant = "primary", size = "md", className = "" }: { variant?: Variant; size?: Size; className?: string } = {}) {
  return `${base} ${variants[variant]} ${sizes[size]} ${className}`.trim();
}

type ButtonProps = Omit<ComponentProps<"button">, "className"> & {
  variant?: Variant;
  size?: Size;
  className?: string;
  pending?: boolean;
};

export function Button({ variant, size, className, pending, disabled, type = "button", ...props }: ButtonProps) {
  return <button type={type} disabled={disabled || pending} className={buttonClass({ variant, size, className })} {...props} />;
}

// A link that looks like a button (a navigation, not an action).
export function ButtonLink({ variant, size, className, ...props }: ComponentProps<typeof Link> & { variant?: Variant; size?: Size; className?: string; children: ReactNode }) {
  return <Link className={buttonClass({ variant, size, className })} {...props} />;
}
