// The partner cabinet as partners use it: a mounter's level progress and bonus balance, the
// balance history filtered in the URL with a chart whose points are the listed operations,
// a withdrawal refused for a broken field and then made (and its passport and bank details
// found nowhere afterwards), a withdrawal whose answer is lost found instead of made again
// (also across a reload), a dealer's support contacts and organizations, and a shopper who
// is not a partner told so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_URL, injectFault, plain, signIn, signedIn, specBrowser } from '../tools/harness.js';

const browser = specBrowser();
const MOUNTER = '9990000002';
const DEALER = '9990000003';

/// «+2 391,58 ₽» / «−849,95 ₽» → 2391.58 / -849.95.
const rub = (s) => Number(plain(s).replace('−', '-').replace(/[^\d,+-]/g, '').replace(',', '.'));

function isoDay(daysAgo) {
  return new Date(Date.now() - daysAgo * 86400000).toISOString().slice(0, 10);
}

test('a mounter sees level progress and balance; filters the history; the chart\'s points are the listed operations', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await signedIn(page, MOUNTER, '/partner');
  await page.getByTestId('level-progress').waitFor();
  assert.equal(plain(await page.getByTestId('partner-type').textContent()), 'Монтажник');
  assert.equal(plain(await page.getByTestId('level-title').textContent()), 'Крупный опт');
  assert.equal(plain(await page.getByTestId('level-progress').textContent()), 'Ещё 150 000 ₽ до уровня «VIP».');
  assert.equal(await page.getByRole('progressbar').getAttribute('aria-valuenow'), '25');
  assert.equal(plain(await page.getByTestId('balance').textContent()), '10 000 ₽');

  await page.getByRole('link', { name: 'История', exact: true }).click();
  await page.getByTestId('operation').first().waitFor();
  assert.equal(plain(await page.getByTestId('history-count').textContent()), 'Операций: 70');
  // The last month, oldest first: one page, and the chart draws exactly these.
  await page.getByLabel('С даты').fill(isoDay(30));
  await page.getByLabel('С даты').dispatchEvent('change');
  await page.waitForURL(/from=/);
  await page.getByLabel('Порядок').selectOption('asc');
  await page.waitForURL(/dir=asc/);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="operation"]').length < 20);
  await page.getByTestId('chart-point').first().waitFor();
  const listed = (await page.getByTestId('operation-value').allTextContents()).map(rub);
  const points = await page.getByTestId('chart-point').evaluateAll((els) => els.map((e) => Number(e.dataset.value)));
  assert.ok(listed.length >= 3, `${listed.length} operations in a month`);
  assert.equal(points.length, listed.length, 'a point for each listed operation');
  for (let i = 1; i < points.length; i++) {
    assert.ok(Math.abs(points[i] - points[i - 1] - listed[i]) < 0.005, `point ${i} moves by operation ${i}`);
  }
  assert.equal(points[points.length - 1], 10000, 'the line ends at today\'s balance');
  const totals = plain(await page.getByTestId('period-totals').textContent());
  const got = listed.filter((v) => v > 0).reduce((a, b) => a + b, 0);
  assert.match(totals, new RegExp(`Начислено за период ?\\+${got.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}`));
  assert.match(plain(await page.getByTestId('chart-words').textContent()), /стало 10 000 ₽/);

  // Subtractions only: the URL says so, and Back brings all of them back.
  await page.getByLabel('Операции', { exact: true }).selectOption('out');
  await page.waitForURL(/kind=out/);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="operation-value"]')].every((e) => e.textContent.includes('−')));
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('kind='));
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="operation-value"]')].some((e) => e.textContent.includes('+')));
  await page.getByRole('link', { name: 'Предстоящие' }).click();
  await page.waitForURL(/when=upcoming/);
  await page.waitForFunction(() => document.querySelector('[data-testid="history-count"]')?.textContent.includes('6'));
  assert.equal(await page.getByTestId('balance-chart').count(), 0, 'no balance line for what has not happened');
});

test('a withdrawal: a broken account refused in the form, then made and listed; its details are nowhere afterwards', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  const consoleText = [];
  page.on('console', (m) => consoleText.push(m.text()));
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'POST') sent.push(r.url()); });
  await signedIn(page, MOUNTER, '/partner/withdrawals');
  await page.getByTestId('withdrawal').first().waitFor();
  const before = await page.getByTestId('withdrawal').count();
  await page.getByLabel('Сумма, ₽').fill('1 500,50');
  await page.getByLabel('ФИО').fill('Петров Иван Сергеевич');
  await page.getByLabel('Дата рождения').fill('1985-04-12');
  await page.getByLabel('Серия и номер паспорта').fill('4510 123456');
  await page.getByLabel('Код подразделения').fill('770-001');
  await page.getByLabel('ИНН получателя').fill('500100732259');
  await page.getByLabel('БИК банка').fill('044525225');
  await page.getByLabel('Расчётный счёт').fill('40702810938000000002');
  const posts = sent.length;
  await page.getByTestId('withdraw-send').click();
  assert.equal(plain(await page.getByTestId('problem-account').textContent()), 'Счёт не подходит к этому БИК: проверьте обе цифры — счёт и БИК.');
  assert.equal(await page.getByLabel('Расчётный счёт').getAttribute('aria-invalid'), 'true');
  assert.equal(sent.length, posts, 'nothing sent with a broken field');
  assert.equal(await page.getByLabel('Серия и номер паспорта').inputValue(), '4510 123456', 'what was typed stays');

  await page.getByLabel('Расчётный счёт').fill('40702810938000000001');
  await page.getByTestId('withdraw-send').dblclick();
  await page.getByTestId('withdrawal-done').waitFor();
  assert.match(plain(await page.getByTestId('withdrawal-done').textContent()), /Заявка на вывод 1 500,50 ₽ принята/);
  assert.equal(sent.filter((u) => u.endsWith('/withdrawal-requests/create')).length, 1, 'one request for a double click');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="withdrawal"]').length === n + 1, before);
  const newest = plain(await page.getByTestId('withdrawal').first().textContent());
  assert.match(newest, /1 500,50 ₽/);
  assert.match(newest, /Создана/);
  assert.equal(plain(await page.getByTestId('available').textContent()), '8 499,50 ₽');
  assert.equal(await page.getByLabel('Серия и номер паспорта').inputValue(), '', 'the form forgets after sending');

  // Typed again and left unsent: leaving the page drops it.
  await page.getByLabel('Серия и номер паспорта').fill('4510 654321');
  await page.getByLabel('Расчётный счёт').fill('40817810300000001234');
  const secrets = ['4510123456', '4510 123456', '4510 654321', '4510654321', '40702810938000000001', '40702810938000000002', '40817810300000001234', '770-001'];
  const stored = await page.evaluate(() => {
    const all = [];
    for (const s of [localStorage, sessionStorage]) for (let i = 0; i < s.length; i++) all.push(s.key(i), s.getItem(s.key(i)));
    return all.join('\n') + document.cookie;
  });
  for (const s of secrets) {
    assert.ok(!stored.includes(s), `${s} in storage`);
    assert.ok(!page.url().includes(s), `${s} in the URL`);
    assert.ok(!consoleText.some((t) => t.includes(s)), `${s} in the console`);
  }
  await page.getByRole('link', { name: 'Обзор' }).click();
  await page.getByTestId('partner-level').waitFor();
  await page.getByRole('link', { name: 'Вывод средств' }).click();
  await page.getByTestId('withdrawal-form').waitFor();
  assert.equal(await page.getByLabel('Серия и номер паспорта').inputValue(), '');
  assert.equal(await page.getByLabel('Расчётный счёт').inputValue(), '');

  // The list by status, in the URL.
  await page.getByLabel('Статус').selectOption('ERROR');
  await page.waitForURL(/status=ERROR/);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="withdrawal-status"]')].every((e) => e.textContent.trim() === 'Ошибка'));
  assert.equal(await page.getByTestId('withdrawal').count(), 1);
});

const CREATE = '/partner/partners/119fa663-a27f-435c-86a3-b7003ea270bc/withdrawal-requests/create';

async function fillWithdrawal(page, amount) {
  await page.getByTestId('withdrawal').first().waitFor();
  await page.getByLabel('Сумма, ₽').fill(amount);
  await page.getByLabel('ФИО').fill('Петров Иван Сергеевич');
  await page.getByLabel('Дата рождения').fill('1985-04-12');
  await page.getByLabel('Серия и номер паспорта').fill('4510 123456');
  await page.getByLabel('Код подразделения').fill('770-001');
  await page.getByLabel('ИНН получателя').fill('500100732259');
  await page.getByLabel('БИК банка').fill('044525225');
  await page.getByLabel('Расчётный счёт').fill('40702810938000000001');
}

/// How many of the listed withdrawal requests are of exactly `amount` («777 ₽»).
const listedOf = (page, amount) => page.getByTestId('withdrawal').evaluateAll(
  (els, a) => els.filter((e) => e.querySelector('.order-row__total').textContent.replace(/\s/g, ' ') === a).length, amount);

test('a withdrawal whose answer is lost after the stub made it: found in the list, said made, not sent again', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  const sent = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/withdrawal-requests/create')) sent.push(r.url()); });
  await signedIn(page, MOUNTER, '/partner/withdrawals');
  await fillWithdrawal(page, '1 234,56');
  await injectFault({ method: 'POST', path: CREATE, exact: true, dropAfterCommit: true });
  await page.getByTestId('withdraw-send').click();
  await page.getByTestId('withdrawal-done').waitFor();
  assert.match(plain(await page.getByTestId('withdrawal-done').textContent()), /Заявка на вывод 1 234,56 ₽ принята/);
  assert.equal(await page.getByTestId('form-error').count(), 0, 'no error for a request that was made');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="withdrawal"]')].some((e) => e.textContent.replace(/\s/g, ' ').includes('1 234,56')));
  // Pressing again sends a new one only for what is typed anew: the form forgot.
  assert.equal(await page.getByLabel('Расчётный счёт').inputValue(), '');
  assert.equal(sent.length, 1, 'one request');
  assert.equal(await listedOf(page, '1 234,56 ₽'), 1, 'one request listed');
  assert.equal(plain(await page.getByTestId('available').textContent()), '8 765,44 ₽');
  assert.equal(await page.evaluate(() => localStorage.getItem('vitrina.withdrawal-intent')), null, 'the intent is cleared');
});

test('a reload while a withdrawal\'s answer is on its way: the intent is looked for, still one request', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await signedIn(page, MOUNTER, '/partner/withdrawals');
  await fillWithdrawal(page, '777');
  // The stub commits 2.5 s after the request came, whether or not anyone waits for it.
  await injectFault({ method: 'POST', path: CREATE, exact: true, delayMs: 2500 });
  const leaving = page.waitForRequest((r) => r.url().endsWith('/withdrawal-requests/create'));
  await page.getByTestId('withdraw-send').click();
  await leaving;
  const stored = await page.evaluate(() => localStorage.getItem('vitrina.withdrawal-intent'));
  assert.ok(stored && stored.includes('777'), `the intent is stored before the answer: ${stored}`);
  for (const secret of ['4510123456', '4510 123456', '40702810938000000001', '770-001', 'Петров']) {
    assert.ok(!stored.includes(secret), `${secret} in the stored intent`);
  }
  const creates = [];
  page.on('request', (r) => { if (r.url().endsWith('/withdrawal-requests/create')) creates.push(r.url()); });
  await page.reload();
  await page.getByTestId('withdrawal-checking').waitFor();
  assert.match(plain(await page.getByTestId('withdrawal-checking').textContent()), /Ответ на заявку на 777 ₽ не пришёл — проверяем/);
  assert.ok(await page.getByTestId('withdraw-send').isDisabled(), 'nothing new is sent while it is looked for');
  await page.getByTestId('withdrawal-done').waitFor({ timeout: 20000 });
  assert.match(plain(await page.getByTestId('withdrawal-done').textContent()), /Заявка на вывод 777 ₽ принята/);
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="withdrawal"]')].some((e) => e.textContent.includes('777')));
  assert.equal(await listedOf(page, '777 ₽'), 1, 'one request listed');
  assert.equal(creates.length, 0, 'nothing sent after the reload');
  assert.equal(await page.evaluate(() => localStorage.getItem('vitrina.withdrawal-intent')), null);
});

test('a dealer sees support contacts and adds an organization after its INN is corrected; the same INN twice is explained; one is removed', async () => {
  const page = await browser.page({ viewport: { width: 1280, height: 900 } });
  await signedIn(page, DEALER, '/partner');
  await page.getByTestId('support').waitFor();
  assert.equal(plain(await page.getByTestId('partner-type').textContent()), 'Дилер');
  const managers = page.getByTestId('manager');
  assert.equal(await managers.count(), 3);
  assert.equal(plain(await managers.first().textContent()), 'Дмитрий, +7 987 654-32-10');
  assert.equal(await managers.first().getByRole('link').getAttribute('href'), 'tel:+79876543210');
  assert.equal(await page.getByRole('progressbar').count(), 0, 'a dealer\'s level has no way up to draw');
  assert.equal(await page.getByRole('link', { name: 'История', exact: true }).count(), 0, 'no bonus balance for a dealer');
  assert.equal(await page.getByTestId('organization').count(), 1);

  await page.getByText('Добавить организацию').click();
  await page.getByLabel('Название').fill('ООО «Север»');
  await page.getByLabel('ИНН').fill('7707083894');
  await page.getByLabel('КПП').fill('770701001');
  await page.getByLabel('Юридический адрес').fill('Москва, ул. Вавилова, 19');
  await page.getByTestId('org-send').click();
  assert.match(plain(await page.getByTestId('problem-org-inn').textContent()), /не сходится контрольная цифра/);
  await page.getByLabel('ИНН').fill('7707083893');
  await page.getByTestId('org-send').click();
  await page.getByTestId('organization-added').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="organization"]').length === 2);
  assert.match(plain(await page.getByTestId('organization').nth(1).textContent()), /ООО «Север».*ИНН 7707083893 · КПП 770701001/);
  assert.equal(await page.getByLabel('Название').isVisible(), false, 'the form closes once the organization is added');

  await page.getByText('Добавить организацию').click();
  await page.getByLabel('Название').fill('ООО «Север» второй раз');
  await page.getByLabel('ИНН').fill('7707083893');
  await page.getByLabel('КПП').fill('770701001');
  await page.getByLabel('Юридический адрес').fill('Москва');
  await page.getByTestId('org-send').click();
  await page.getByTestId('form-error').getByText('Организация с таким ИНН уже есть в кабинете.').waitFor();

  await page.getByTestId('organization').first().getByTestId('remove').click();
  await page.getByTestId('remove-yes').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="organization"]').length === 1);
  assert.match(plain(await page.getByTestId('organization').first().textContent()), /Север/);
});

test('a shopper who is not a partner is told the cabinet is for partners', async () => {
  const page = await browser.page({ viewport: { width: 360, height: 800 } });
  await signedIn(page, '9990000001', '/partner');
  await page.getByText(/Кабинет — только для партнёров/).waitFor();
  assert.equal(await page.getByTestId('partner-level').count(), 0);
});
