import Link from "next/link";

export default function ImplementationNotFound() {
  return (
    <div className="py-12 text-center">
      <h1 className="text-2xl font-semibold">Implementation not found</h1>
      <p className="mt-2 text-slate-600">It does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 inline-block font-medium text-sky-800 hover:underline">
        Back to the portfolio
      </Link>
    </div>
  );
}
