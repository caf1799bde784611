import type { ComponentProps, ReactNode } from "react";

// A white panel with a border: the container of every section and form on a page.

const padding = { sm: "p-3", md: "p-4", lg: "p-5", xl: "p-6" } as const;

export function cardClass({ pad = "md", className = "" }: { pad?: keyof typeof padding; className?: string } = {}) {
  return `rounded-lg border border-slate-200 bg-white shadow-sm ${padding[pad]} ${className}`.trim();
}

type CardProps = Omit<ComponentProps<"section">, "className" | "ref"> & {
  as?: "section" | "div" | "aside";
  pad?: keyof typeof padding;
  className?: string;
  children: ReactNode;
};

export function Card({ as: Tag = "section", pad, className, ...props }: CardProps) {
  return <Tag className={cardClass({ pad, className })} {...props} />;
}
