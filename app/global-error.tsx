"use client";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", padding: "3rem", textAlign: "center" }}>
        <h1>Readyroom is having trouble</h1>
        <p>Something went wrong on our side. Nothing you saved earlier is lost. Try again in a moment.</p>
        {error.digest ? <p style={{ fontSize: "0.75rem" }}>Reference: {error.digest}</p> : null}
        <button type="button" onClick={reset}>
          Try again
        </button>
      </body>
    </html>
  );
}
