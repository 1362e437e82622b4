// Drives a real browser (Debian's Chromium through playwright-core) against the notes app in debug
// mode: a template edit and a handler edit must show in the open page by themselves.
// Usage: node live-reload.js BASE_URL SAMPLES_DIR
const { launch } = require('./chromium');
const fs = require('fs');
const path = require('path');

const [base, samples] = process.argv.slice(2);
const template = path.join(samples, 'src/main/resources/templates/index.mustache');
const handler = path.join(samples, 'src/main/java/io/microflask/samples/notes/NotesPages.java');
const LIMIT_MS = 10000;

function edit(file, from, to) {
  const text = fs.readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
}

(async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(base + '/');
    const before = await page.textContent('h1');
    if (before !== 'Notes') throw new Error(`unexpected page: h1 is "${before}"`);

    let saved = Date.now();
    edit(template, '<h1>Notes</h1>', '<h1>Notes (template edited)</h1>');
    await page.waitForFunction(() => document.querySelector('h1').textContent.includes('template edited'),
        null, { timeout: LIMIT_MS });
    console.log(`template edit shown by the open page ${Date.now() - saved} ms after saving`);

    const loadsBefore = loads;
    saved = Date.now();
    edit(handler, 'return View.of("index").with("notes", store.all());',
        'return View.of("index").with("notes", store.all()).with("edited", true);');
    edit(template, '<h1>Notes (template edited)</h1>', '<h1>Notes{{#edited}} (handler edited){{/edited}}</h1>');
    await page.waitForFunction(() => document.querySelector('h1').textContent.includes('handler edited'),
        null, { timeout: LIMIT_MS });
    console.log(`handler edit (compiled and reloaded) shown ${Date.now() - saved} ms after saving; `
        + `the page reloaded itself ${loads - loadsBefore} time(s)`);
  } finally {
    await browser.close();
  }
})().catch(e => { console.error('FAILED: ' + e.message); process.exit(1); });
