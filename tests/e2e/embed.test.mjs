// The form helper (listing-precheck/attach) on a plain host form
// (www/embed-example.html): submit is blocked while the listing has an
// error, with the browser's validity state and ARIA set on the right
// control, allowed after the fix; detach() undoes everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';

test('attach() blocks the host submit on errors and allows it after the fix', async () => {
  const app = await start();
  try {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e));
    await page.goto(`${app.base}embed-example.html`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

    await page.fill('#name', 'Acme Hardened Ubuntu');
    await page.fill('#description', 'A CIS hardened Ubuntu image.');
    await page.selectOption('#delivery', 'container');
    await page.click('button[type=submit]');
    assert.equal(await page.isHidden('#submitted'), true, 'submit went through with an error');
    const select = page.locator('#delivery');
    assert.equal(await select.getAttribute('aria-invalid'), 'true');
    const validity = await select.evaluate((el) => el.validationMessage);
    assert.match(validity, /not an allowed delivery format/);
    const describedBy = await select.getAttribute('aria-describedby');
    assert.ok(describedBy, 'the message is linked to the control');
    const message = await page.locator(`#${describedBy}`).textContent();
    assert.match(message, /Error: .*delivery format/);

    await page.selectOption('#delivery', 'image');
    await page.click('button[type=submit]');
    assert.equal(await page.isVisible('#submitted'), true, 'submit blocked after the fix');
    assert.equal(await select.getAttribute('aria-invalid'), null);
    assert.equal(await select.evaluate((el) => el.validationMessage), '');

    // Live: typing a prohibited term marks the description without submitting.
    await page.fill('#description', 'A hardened image with a k3yl0gg3r built in.');
    await page.waitForFunction(() => document.querySelector('#description').getAttribute('aria-invalid') === 'true');
    assert.equal(await page.getAttribute('body', 'data-verdict'), 'fail');

    // detach() removes listeners, messages, ARIA and validity.
    const states = await page.evaluate(async () => {
      const { attach } = await import('./pkg/attach.js');
      const form = document.createElement('form');
      form.innerHTML = '<select name="delivery_format" aria-describedby="own-help"><option>container</option></select>';
      document.body.append(form);
      const before = form.innerHTML;
      const select = form.querySelector('select');
      const a = attach(form);
      a.check();
      const attached = [select.getAttribute('aria-invalid'), select.validationMessage !== '', select.getAttribute('aria-describedby')];
      a.detach();
      const detached = [select.getAttribute('aria-invalid'), select.validationMessage, select.getAttribute('aria-describedby'), form.innerHTML === before];
      form.remove();
      return { attached, detached };
    });
    assert.equal(states.attached[0], 'true');
    assert.equal(states.attached[1], true);
    assert.match(states.attached[2], /^own-help listing-precheck-\d+$/);
    assert.deepEqual(states.detached, [null, '', 'own-help', true]);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await app.close();
  }
});
