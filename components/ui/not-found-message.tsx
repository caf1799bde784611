import Link from "next/link";

// What every "not found" says: the same words whether the thing does not exist or the viewer
// may not see it, and the way back. `landmark` makes it the page's <main> (the root 404 has no
// layout around it); inside the app's layout, whose <main> already holds it, it is a plain block.
export function NotFoundMessage({ title = "Page not found", landmark = false }: { title?: string; landmark?: boolean }) {
  const Tag = landmark ? "main" : "div";
  return (
    <Tag className={`flex flex-col items-center justify-center px-4 text-center ${landmark ? "min-h-screen" : "py-16"}`}>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="mt-2 text-slate-600">It does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 font-medium text-sky-800 hover:underline">
        Go to the portfolio
      </Link>
    </Tag>
  );
}
