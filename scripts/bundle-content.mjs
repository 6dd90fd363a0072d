// Bundles each language's content files into the two files the widget fetches:
// - `<out>/<lang>.json`, the whole widget's text, in the shape `content_bundle!` (src/core/content.rs)
//   builds for the tests: every file's JSON under its name, the steps as a list in file-name order,
//   and the shared sources;
// - `<out>/<lang>.guide.json`, what the guide alone needs (its first download): the same, with only
//   the parts `Guide::load` reads (GUIDE_PARTS in src/core/content.rs).
// Written compact; a file that is not valid JSON stops the build with its name.
// Usage: node scripts/bundle-content.mjs <out-dir>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'content');
const PARTS = ['ui', 'diary', 'summary', 'medicines', 'sites', 'glossary', 'triage'];
const GUIDE_PARTS = ['ui', 'glossary', 'sections', 'sources'];
const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/bundle-content.mjs <out-dir>');
  process.exit(2);
}

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`bundle-content: ${path.relative(SRC, file)}: ${e.message}`);
    process.exit(1);
  }
}

fs.mkdirSync(out, { recursive: true });
const sources = read(path.join(SRC, 'sources.json'));
const langs = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
for (const lang of langs) {
  const dir = path.join(SRC, lang);
  const bundle = {};
  for (const part of PARTS) bundle[part] = read(path.join(dir, `${part}.json`));
  bundle.sections = fs.readdirSync(path.join(dir, 'sections')).filter((f) => f.endsWith('.json')).sort()
    .map((f) => read(path.join(dir, 'sections', f)));
  bundle.sources = sources;
  fs.writeFileSync(path.join(out, `${lang}.json`), JSON.stringify(bundle));
  const guide = Object.fromEntries(GUIDE_PARTS.map((part) => [part, bundle[part]]));
  fs.writeFileSync(path.join(out, `${lang}.guide.json`), JSON.stringify(guide));
}
console.log(`bundle-content: ${langs.join(', ')} -> ${out}`);
