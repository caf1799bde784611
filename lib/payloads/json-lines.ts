// The line each element of a JSON document starts on, keyed by a FHIRPath-like path
// (`Appointment.participant[0].actor`), so findings can say where to look. Run only on text
// JSON.parse accepted, so it assumes well-formed JSON.

export function jsonLines(text: string, root: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;

  const ws = () => {
    while (i < text.length) {
      const c = text[i]!;
      if (c === "\n") line++;
      if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\uFEFF") i++;
      else break;
    }
  };
  const str = (): string => {
    i++; // opening quote
    let out = "";
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") {
        out += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      out += text[i];
      i++;
    }
    i++;
    return out;
  };
  const value = (path: string) => {
    ws();
    lines.set(path, line);
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = str();
        ws();
        i++; // colon
        value(`${path}.${key}`);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        i++; // closing brace
        return;
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        i++;
        return;
      }
    }
    if (c === '"') {
      str();
      return;
    }
    while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
  };
  value(root);
  return lines;
}

// The line of a JSON.parse error, from the position or line its message names.
export function jsonErrorLine(text: string, message: string): number | null {
  const lineCol = /line (\d+)/.exec(message);
  if (lineCol) return Number(lineCol[1]);
  const pos = /position (\d+)/.exec(message);
  if (pos) return text.slice(0, Number(pos[1])).split("\n").length;
  // "Unexpected end of JSON input": the text stops before the document does.
  if (/end of JSON/i.test(message)) return text.replace(/\s+$/, "").split("\n").length;
  return null;
}
