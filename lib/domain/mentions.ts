// Finds who a comment mentions: "@" followed by a person's full name as the app shows it
// (case-insensitive), ending at the end of the text or a character that cannot continue a name.
// Only the people passed in can be found, so a caller that passes the people who may see an
// item can never notify anyone else. Pure, so the rules are unit-tested.

export type Mentionable = { id: string; name: string };

const continuesName = /[\p{L}\p{N}\p{M}_-]/u;

export function findMentions(body: string, people: readonly Mentionable[]): string[] {
  const text = body.toLocaleLowerCase("en-US");
  const found: string[] = [];
  for (const person of people) {
    const needle = `@${person.name.toLocaleLowerCase("en-US")}`;
    if (person.name.trim() === "") continue;
    let at = text.indexOf(needle);
    while (at !== -1) {
      const next = text.slice(at + needle.length, at + needle.length + 2);
      const before = at === 0 ? "" : text[at - 1]!;
      if ((next === "" || !continuesName.test(next[0]!)) && (before === "" || !continuesName.test(before))) {
        found.push(person.id);
        break;
      }
      at = text.indexOf(needle, at + 1);
    }
  }
  return [...new Set(found)];
}
