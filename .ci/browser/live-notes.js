// Two tabs of the notes app in a real browser (Debian's Chromium through playwright-core): a note
// saved in the first must appear in the second by itself, over the WebSocket at /notes/live
// (samples' static/live-notes.js), without the second tab reloading.
// Usage: node live-notes.js BASE_URL
const { launch } = require('./chromium');

const [base] = process.argv.slice(2);
const LIMIT_MS = 10000;

(async () => {
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const watching = await context.newPage();
    // Records when the page's WebSocket is open (the server answered 101), so the note below is
    // saved only once the second tab is listening.
    await watching.addInitScript(() => {
      const Native = window.WebSocket;
      window.WebSocket = function (url, protocols) {
        const socket = new Native(url, protocols);
        socket.addEventListener('open', () => { window.liveNotesOpen = true; });
        return socket;
      };
      window.WebSocket.prototype = Native.prototype;
    });
    let loads = 0;
    watching.on('load', () => loads++);
    await watching.goto(base + '/');
    await watching.waitForFunction(() => window.liveNotesOpen === true, null, { timeout: LIMIT_MS });

    const writing = await context.newPage();
    await writing.goto(base + '/');
    const text = `seen in the other tab <b>${Date.now()}</b>`;
    const saved = Date.now();
    await writing.fill('input[name=text]', text);
    await Promise.all([writing.waitForNavigation(), writing.click('button[type=submit]')]);
    await watching.waitForFunction(t => [...document.querySelectorAll('ul.notes li .text')]
        .some(e => e.textContent === t), text, { timeout: LIMIT_MS });
    if (loads !== 1) throw new Error(`the watching tab reloaded (${loads} loads): the note did not come live`);
    if (await watching.$('ul.notes li .text b')) throw new Error('the note text was inserted as HTML');
    const first = await watching.textContent('ul.notes li:first-child .text');
    if (first !== text) throw new Error(`the new note is not first in the list: "${first}"`);
    console.log(`note saved in the first tab shown in the second ${Date.now() - saved} ms later, without a reload`);
  } finally {
    await browser.close();
  }
})().catch(e => { console.error('FAILED: ' + e.message); process.exit(1); });
