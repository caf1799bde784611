import { z } from "zod";

// Zod 4 compiles object parsers with `new Function` when it may; in the browser that is an
// `eval` the Content-Security-Policy forbids (Chromium reports a violation from the app's own
// chunk even though zod catches the refusal). Jitless parsing never tries. Every schema imports
// `z` from here, so the setting is made before any schema parses, on the server and in the browser.
z.config({ jitless: true });

export { z };
