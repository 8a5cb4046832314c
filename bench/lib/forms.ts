/**
 * Just enough HTML form reading to submit the sandbox's consent page over HTTP: the page is
 * ours and simple, so attribute-level parsing is enough (no DOM needed).
 */

export type Field = { tag: "input" | "button" | "select"; type: string; name: string; value: string; checked: boolean; text: string; id: string };
export type Form = { action: string; method: string; fields: Field[]; html: string };

const decode = (s: string) =>
  s.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x27;/g, "'");

export function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  const inner = tag.replace(/^<\s*[a-zA-Z]+/, "").replace(/\/?>$/, "");
  for (let m; (m = re.exec(inner)); ) out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? "");
  return out;
}

const stripTags = (s: string) => decode(s.replace(/<[^>]*>/g, " ")).replace(/\s+/g, " ").trim();

export function parseForms(html: string): Form[] {
  const forms: Form[] = [];
  const formRe = /<form\b[^>]*>([\s\S]*?)<\/form>/gi;
  for (let m; (m = formRe.exec(html)); ) {
    const open = attrs(m[0].slice(0, m[0].indexOf(">") + 1));
    const inner = m[1];
    const fields: Field[] = [];
    const fieldRe = /<input\b[^>]*>|<button\b[^>]*>([\s\S]*?)<\/button>|<select\b[^>]*>([\s\S]*?)<\/select>/gi;
    for (let f; (f = fieldRe.exec(inner)); ) {
      const tagText = f[0].slice(0, f[0].indexOf(">") + 1);
      const a = attrs(tagText);
      if (/^<input/i.test(f[0])) {
        // A radio's label: the text after it up to the next control (label wraps or follows it).
        const after = inner.slice(f.index + f[0].length).split(/<input\b|<button\b|<select\b/i)[0];
        const byFor = a.id ? inner.match(new RegExp(`<label\\b[^>]*for=["']?${a.id}["']?[^>]*>([\\s\\S]*?)</label>`, "i")) : null;
        fields.push({
          tag: "input",
          type: (a.type ?? "text").toLowerCase(),
          name: a.name ?? "",
          value: a.value ?? "",
          checked: "checked" in a,
          text: stripTags(byFor ? byFor[1] : after),
          id: a.id ?? "",
        });
      } else if (/^<button/i.test(f[0])) {
        fields.push({ tag: "button", type: (a.type ?? "submit").toLowerCase(), name: a.name ?? "", value: a.value ?? "", checked: false, text: stripTags(f[1] ?? ""), id: a.id ?? "" });
      } else {
        const options = [...(f[2] ?? "").matchAll(/<option\b[^>]*>([\s\S]*?)(?=<option\b|$)/gi)].map((o) => {
          const oa = attrs(o[0].slice(0, o[0].indexOf(">") + 1));
          return { value: oa.value ?? stripTags(o[1]), selected: "selected" in oa };
        });
        const chosen = options.find((o) => o.selected) ?? options.find((o) => o.value !== "") ?? options[0];
        fields.push({ tag: "select", type: "select", name: a.name ?? "", value: chosen?.value ?? "", checked: false, text: "", id: a.id ?? "" });
      }
    }
    forms.push({ action: open.action ?? "", method: (open.method ?? "get").toLowerCase(), fields, html: inner });
  }
  return forms;
}

/**
 * The values a person submits by picking the radio whose label contains `choice` and pressing
 * the button named `button`: hidden and text inputs, the chosen radio, each select's selection.
 */
export function submission(form: Form, choice: string, button: string): Record<string, string> {
  const out: Record<string, string> = {};
  const radios = form.fields.filter((f) => f.tag === "input" && f.type === "radio");
  const pick = radios.find((r) => r.text.toLowerCase().includes(choice.toLowerCase()) || r.value.toLowerCase() === choice.toLowerCase());
  if (radios.length > 0 && !pick) throw new Error(`no option for ${choice} on the form (options: ${radios.map((r) => r.text || r.value).join(", ")})`);
  for (const f of form.fields) {
    if (!f.name) continue;
    if (f.tag === "select") out[f.name] = f.value;
    else if (f.tag === "input") {
      if (f.type === "radio") {
        if (f === pick) out[f.name] = f.value;
      } else if (f.type === "checkbox") {
        if (f.checked) out[f.name] = f.value || "on";
      } else if (f.type !== "submit" && f.type !== "button" && f.type !== "image") out[f.name] = f.value;
    }
  }
  const btn = form.fields.find((f) => (f.tag === "button" || f.type === "submit") && (f.text || f.value).trim().toLowerCase() === button.toLowerCase());
  if (!btn) throw new Error(`no ${button} button on the form`);
  if (btn.name) out[btn.name] = btn.value;
  return out;
}
