import Link from "next/link";

// The signed-in 404: rendered inside the app's layout, whose <main> already holds it (the root
// not-found page, with its own <main>, would nest one landmark in another).
export default function SignedInNotFound() {
  return (
    <div className="flex flex-col items-center justify-center py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-slate-600">It does not exist, or you do not have access to it.</p>
      <Link href="/" className="mt-6 font-medium text-sky-800 hover:underline">
        Go to the portfolio
      </Link>
    </div>
  );
}
