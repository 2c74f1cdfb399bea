import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { OcxClient } from '@ocx/partner-sdk';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { aComplaint } from '../support/complaint-builder.js';
import { evidenceFiles } from '../support/evidence-files.js';
import { TestDatabase } from '../support/hub-harness.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { startOidcProvider, type OidcProviderProcess } from '../support/oidc-provider-process.js';
import { freePort } from '../support/test-infrastructure.js';
import { aPartner, anEcKeyPair } from '../support/partner-builder.js';

/** Debian's Chromium (`apt-get install chromium`), or CHROMIUM_PATH; no browser download works here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) process.stdout.write(`console browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium fonts-thai-tlwg, or set CHROMIUM_PATH)\n`);
const SCREENSHOTS = path.resolve('test-output', 'console');
const VIEWPORTS = { desktop: { width: 1366, height: 768 }, phone: { width: 390, height: 844 } } as const;

/** The 1212 console in a real Chromium, against a hub process on the run's PostgreSQL and S3 store. */
(HAVE_CHROMIUM ? describe : describe.skip)('the 1212 console in a browser', () => {
  let hub: HubProcess;
  let browser: Browser;
  let admin: string;
  const agencies: Array<{ id: string; client: OcxClient }> = [];

  async function api(method: string, route: string, token: string, body?: unknown): Promise<any> {
    const response = await fetch(hub.baseUrl + route, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return response.json();
  }

  beforeAll(async () => {
    hub = await startHubProcess(await TestDatabase.createIsolated('console'), { DELIVERY_WORKER: 'false', MATCHING_NOTIFIER: 'false' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    const signIn = await fetch(`${hub.baseUrl}/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin', subject: 'admin1' }) });
    admin = ((await signIn.json()) as { access_token: string }).access_token;
    for (const nameEn of ['Console Agency A', 'Console Agency B']) {
      const partner = aPartner({ nameEn, nameTh: `หน่วยงานทดสอบ ${nameEn.slice(-1)}`, categories: ['shopping'] });
      await api('POST', '/v1/partners', admin, partner);
      const { publicJwk, privateJwk } = anEcKeyPair();
      const key = await api('POST', `/v1/partners/${partner.id as string}/keys`, admin, { jwk: publicJwk });
      agencies.push({ id: partner.id as string, client: new OcxClient({ baseUrl: hub.baseUrl, partnerId: partner.id as string, privateJwk: privateJwk as never, kid: key.kid }) });
    }
    await mkdir(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  async function signedInPage(viewport: { width: number; height: number } = VIEWPORTS.desktop, options: { bypassCSP?: boolean; role?: 'staff' | 'admin' } = {}): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'th-TH', bypassCSP: options.bypassCSP ?? false });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${hub.baseUrl}/console/`);
    await page.getByLabel('ชื่อผู้ใช้').fill(options.role === 'admin' ? 'admin1' : 'somchai');
    await page.getByLabel('บทบาท').selectOption(options.role ?? 'staff');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    await page.getByRole('heading', { name: 'เรื่องร้องเรียน' }).waitFor();
    return page;
  }

  /** Clears the suggested agencies, to choose the test's own. */
  async function uncheckAll(page: Page): Promise<void> {
    await page.locator(`input[name=partner][value="${agencies[0]!.id}"]`).waitFor(); // the registry and the suggestions are in
    const checked = page.locator('input[name=partner]:checked');
    while ((await checked.count()) > 0) await checked.first().uncheck();
  }

  /** Types a complaint in with the keyboard, as a dispatcher does while the caller talks. */
  async function recordComplaint(page: Page, details: { name: string; phone: string; narrative: string; subjectPhone: string }): Promise<string> {
    await page.getByRole('link', { name: 'รับเรื่องใหม่' }).click();
    await page.getByLabel('ชื่อผู้ร้อง').focus();
    await page.keyboard.type(details.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(details.phone);
    await page.getByLabel('รายละเอียด (ตามคำบอกเล่าของผู้ร้อง)').fill(details.narrative);
    await page.getByLabel('ค่า').fill(details.subjectPhone);
    await page.getByRole('button', { name: 'บันทึกเรื่องร้องเรียน' }).click();
    const code = page.getByTestId('reference-code');
    await code.waitFor();
    return (await code.textContent())!.trim();
  }

  it('a dispatcher records a call, uploads two files and dispatches to two agencies; an agency acknowledges and the timeline shows it', async () => {
    const page = await signedInPage();
    const referenceCode = await recordComplaint(page, { name: 'สมหญิง ใจงาม', phone: '081-234-5678', narrative: 'สั่งซื้อหม้อทอดผ่านเพจ โอนเงินแล้วไม่ได้รับสินค้า', subjectPhone: '089-111-2233' });
    expect(referenceCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'complaint-desktop.png'), fullPage: true });

    await page.getByLabel('เลือกไฟล์').setInputFiles([
      { name: 'สลิปโอนเงิน.jpg', mimeType: 'image/jpeg', buffer: evidenceFiles.jpeg() },
      { name: 'แชท.png', mimeType: 'image/png', buffer: evidenceFiles.png() },
    ]);
    await page.locator('ul.evidence li').nth(1).waitFor();
    expect(await page.locator('ul.evidence li').allTextContents()).toEqual([expect.stringContaining('สลิปโอนเงิน.jpg'), expect.stringContaining('แชท.png')]);

    await uncheckAll(page);
    for (const agency of agencies) await page.locator(`input[name=partner][value="${agency.id}"]`).check();
    // Before sending, what each agency will receive: the complainant's contact, never the national id.
    const preview = page.locator(`.previews li[data-partner="${agencies[0]!.id}"]`);
    await page.locator(`.previews li[data-partner="${agencies[1]!.id}"]`).waitFor(); // the preview of the last choice
    expect(await preview.textContent()).toContain('phone: 081-234-5678');
    expect(await page.locator('.previews li').count()).toBe(2);
    await page.getByRole('button', { name: /^ส่งต่อ \(2\)$/ }).click();
    await page.getByRole('status').filter({ hasText: agencies[0]!.id }).waitFor();

    const [first] = agencies;
    let referralId = '';
    for await (const entry of first!.client.referrals.list()) referralId = entry.referral.id;
    await first!.client.referrals.updateStatus(referralId, { status: 'acknowledged', partnerCaseNumber: 'สคบ.99/2569' });
    // The token lives in memory only, so a reload would sign out: go to the list and back, as a dispatcher would.
    await page.getByRole('link', { name: 'เรื่องร้องเรียน' }).first().click();
    await page.getByRole('link', { name: referenceCode }).click();
    await page.locator(`article.referral[data-partner="${first!.id}"] .status`, { hasText: 'รับเรื่องแล้ว' }).waitFor();
    expect(await page.locator('article.referral').count()).toBe(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'timeline-desktop.png'), fullPage: true });
  });

  it('the lookup finds the earlier case when the caller gives the number another way', async () => {
    const page = await signedInPage();
    const referenceCode = await recordComplaint(page, { name: 'สมชาย', phone: '02-111-2222', narrative: 'โดนหลอกโอนเงินค่ามัดจำ', subjectPhone: '086-555-4321' });
    await page.getByRole('link', { name: 'ค้นหาผู้ถูกร้อง' }).click();
    await page.getByLabel('เบอร์ บัญชี ลิงก์ หรือชื่อ').fill('+66 86 555 4321');
    await page.getByRole('button', { name: 'ค้นหา' }).click();
    await page.locator('ul.cases li', { hasText: referenceCode }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'lookup-desktop.png'), fullPage: true });
  });

  it('shows a field error beside its field and a 409 in words, and keeps what was typed', async () => {
    const page = await signedInPage();
    await page.getByRole('link', { name: 'รับเรื่องใหม่' }).click();
    await page.getByLabel('ชื่อผู้ร้อง').fill('สมศรี');
    await page.getByLabel('เลขบัตรประชาชน').fill('1-1017-00230-71-0');
    await page.getByLabel('รายละเอียด (ตามคำบอกเล่าของผู้ร้อง)').fill('ข้อความที่ต้องไม่หาย');
    await page.getByRole('button', { name: 'บันทึกเรื่องร้องเรียน' }).click();
    await page.locator('#national-id-error').waitFor();
    expect(await page.locator('#national-id-error').textContent()).toMatch(/\S/);
    expect(await page.getByLabel('เลขบัตรประชาชน').getAttribute('aria-describedby')).toBe('national-id-error');
    expect(await page.getByLabel('รายละเอียด (ตามคำบอกเล่าของผู้ร้อง)').inputValue()).toBe('ข้อความที่ต้องไม่หาย');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'field-error-desktop.png'), fullPage: true });

    await page.getByLabel('เลขบัตรประชาชน').fill('');
    await page.getByRole('button', { name: 'บันทึกเรื่องร้องเรียน' }).click();
    await page.getByTestId('reference-code').waitFor();
    await uncheckAll(page);
    await page.locator(`input[name=partner][value="${agencies[1]!.id}"]`).check();
    await page.getByRole('button', { name: /^ส่งต่อ \(1\)$/ }).click();
    await page.getByRole('status').waitFor();
    await page.getByLabel('หมายเหตุถึงหน่วยงาน').fill('หมายเหตุที่ต้องไม่หาย');
    await page.getByRole('button', { name: /^ส่งต่อ \(1\)$/ }).click();
    const conflict = page.locator('section[aria-labelledby=dispatch-title] [role=alert]');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('ขัดกับสถานะปัจจุบัน');
    expect(await page.getByLabel('หมายเหตุถึงหน่วยงาน').inputValue()).toBe('หมายเหตุที่ต้องไม่หาย');
  });

  /** The value once `done` says so (what the page sent is on its way), or the last one after 10 s. */
  async function eventually<Value>(read: () => Promise<Value>, done: (value: Value) => boolean): Promise<Value> {
    let value = await read();
    for (const deadline = Date.now() + 10_000; !done(value) && Date.now() < deadline; value = await read()) await new Promise((resolve) => setTimeout(resolve, 100));
    return value;
  }

  /** A complaint dispatched to one agency through the API; the agency's referral id. */
  async function referredTo(agency: { id: string; client: OcxClient }): Promise<string> {
    const staff = ((await (await fetch(`${hub.baseUrl}/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'staff', subject: 'malee' }) })).json()) as { access_token: string }).access_token;
    const complaint = await api('POST', '/v1/complaints', staff, { channel: 'hotline', complainant: { name: 'ผู้ร้องทดสอบ' }, category: 'shopping', subCategory: 'not_received', narrative: 'ไม่ได้รับสินค้า' });
    const dispatched = await api('POST', `/v1/complaints/${complaint.id as string}/referrals`, staff, { partners: [agency.id] });
    return dispatched.referrals[0].id as string;
  }

  it('the work list: a question from an agency answered in words, a transfer confirmed, a retraction awaiting its acknowledgement', async () => {
    const [first, second] = agencies;
    const asked = await referredTo(first!);
    await first!.client.referrals.updateStatus(asked, { status: 'acknowledged' });
    await first!.client.referrals.updateStatus(asked, { status: 'info_requested', requestedInformation: [{ kind: 'police_report', description: 'ขอสำเนาใบแจ้งความ' }] });
    const moved = await referredTo(first!);
    await first!.client.referrals.updateStatus(moved, { status: 'transferred', transferTo: second!.id, note: 'เป็นอำนาจของอีกหน่วยงาน' });
    // A complaint withdrawn after it reached the second agency: its Retraction waits for the agency's acknowledgement.
    const staff = ((await (await fetch(`${hub.baseUrl}/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'staff', subject: 'malee' }) })).json()) as { access_token: string }).access_token;
    const withdrawn = await api('POST', '/v1/complaints', staff, { channel: 'hotline', complainant: { name: 'ผู้ร้องถอนเรื่อง' }, category: 'shopping', subCategory: 'not_received', narrative: 'ผู้ร้องขอถอนเรื่อง' });
    await api('POST', `/v1/complaints/${withdrawn.id as string}/referrals`, staff, { partners: [second!.id] });
    await api('POST', `/v1/complaints/${withdrawn.id as string}/retraction`, staff, { reason: 'complainant_withdrew' });

    const page = await signedInPage();
    await page.getByRole('link', { name: 'งานค้าง' }).click();
    const retraction = page.locator('ul.corrections li', { hasText: second!.id }).first();
    await retraction.waitFor();
    expect(await retraction.textContent()).toContain('ถอนเรื่อง');
    expect(await retraction.getByRole('link').getAttribute('href')).toBe(`#/complaints/${withdrawn.id as string}`);
    const question = page.locator('form.information-request', { hasText: 'police_report' }).first();
    await question.getByLabel('คำตอบถึงหน่วยงาน').fill('แนบใบแจ้งความเลขที่ 77/2569 แล้ว');
    await question.getByRole('button', { name: 'ส่งคำตอบ' }).click();
    expect(await eventually(async () => (await first!.client.referrals.get(asked)).document.note, (note) => note === 'แนบใบแจ้งความเลขที่ 77/2569 แล้ว')).toBe('แนบใบแจ้งความเลขที่ 77/2569 แล้ว');

    const transfer = page.locator('ul.transfers li', { hasText: second!.id }).first();
    await transfer.getByRole('button', { name: 'ยืนยันการโอน' }).click();
    await transfer.getByRole('button', { name: 'ยกเลิก' }).click(); // asked first; cancelling does nothing
    await transfer.getByRole('button', { name: 'ยืนยันการโอน' }).click();
    await transfer.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    const received = await eventually(async () => {
      const ids: string[] = [];
      for await (const entry of second!.client.referrals.list()) ids.push(entry.referral.id);
      return ids;
    }, (ids) => ids.length > 0);
    expect(received.length).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'work-list-desktop.png'), fullPage: true });
  });

  it('a dispatcher withdraws a complaint from its page after confirming; the agency receives the Retraction', async () => {
    const staff = ((await (await fetch(`${hub.baseUrl}/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'staff', subject: 'malee' }) })).json()) as { access_token: string }).access_token;
    const complaint = await api('POST', '/v1/complaints', staff, { channel: 'hotline', complainant: { name: 'ผู้ร้องขอถอน' }, category: 'shopping', subCategory: 'not_received', narrative: 'ได้รับเงินคืนแล้ว' });
    const dispatched = await api('POST', `/v1/complaints/${complaint.id as string}/referrals`, staff, { partners: [agencies[0]!.id] });
    const page = await signedInPage();
    await page.goto(`${hub.baseUrl}/console/#/complaints/${complaint.id as string}`);
    await page.getByLabel('เหตุผลที่ถอนเรื่อง').selectOption('complainant_withdrew');
    await page.getByLabel('หมายเหตุการถอนเรื่องถึงหน่วยงาน').fill('ผู้ร้องได้รับเงินคืนจากผู้ขายแล้ว');
    await page.getByRole('button', { name: 'ถอนเรื่อง' }).click();
    await page.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    await page.locator('p.withdrawn').waitFor();
    expect(await page.getByRole('button', { name: /^ส่งต่อ/ }).count()).toBe(0);
    const notices = await eventually(async () => {
      const found: string[] = [];
      for await (const entry of agencies[0]!.client.corrections.list()) if (entry.notice.document.referralId === dispatched.referrals[0].id) found.push(entry.notice.document.type);
      return found;
    }, (found) => found.length > 0);
    expect(notices).toEqual(['ocx.retraction']);
    await page.context().close();
  });

  it('an admin lists an official number, sees it, and takes it off the list with a reason', async () => {
    const number = `02${String(Date.now()).slice(-7)}`;
    const page = await signedInPage(VIEWPORTS.desktop, { role: 'admin' });
    await page.getByRole('link', { name: 'ผู้ดูแลระบบ' }).click();
    const section = page.locator('section[aria-labelledby=warning-title]');
    await section.locator('li', { hasText: 'K-Contact Center' }).waitFor();
    await section.locator('input[name=warning-value]').fill(number);
    await section.locator('input[name=warning-label]').fill('ศูนย์บริการลูกค้า ธนาคารทดสอบ');
    await section.locator('input[name=warning-source]').fill('https://bank.example/contact');
    await section.getByRole('button', { name: 'เพิ่มในรายการ' }).click();
    const listed = section.locator(`li[data-value="+66${number.slice(1)}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toContain('ธนาคารทดสอบ');
    // Removing needs a reason: the button waits for one.
    expect(await listed.getByRole('button', { name: 'นำออก' }).isDisabled()).toBe(true);
    await section.getByLabel('เหตุผลที่นำออก').fill('ธนาคารเลิกใช้เบอร์นี้');
    await listed.getByRole('button', { name: 'นำออก' }).click();
    await listed.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    await listed.waitFor({ state: 'detached' });
    const everything = await api('GET', '/v1/warning-list?includeRemoved=true', admin);
    expect(everything.entries.find((entry: { value: string }) => entry.value === `+66${number.slice(1)}`)).toMatchObject({ removalReason: 'ธนาคารเลิกใช้เบอร์นี้' });
    await page.context().close();
  });

  it('an admin revokes a partner key only after confirming; staff cannot open the admin page', async () => {
    const partner = aPartner({ nameEn: 'Console Agency C' });
    await api('POST', '/v1/partners', admin, partner);
    const { publicJwk, privateJwk } = anEcKeyPair();
    const key = await api('POST', `/v1/partners/${partner.id as string}/keys`, admin, { jwk: publicJwk });
    const client = new OcxClient({ baseUrl: hub.baseUrl, partnerId: partner.id as string, privateJwk: privateJwk as never, kid: key.kid, retry: { retries: 0 } });
    for await (const entry of client.referrals.list()) void entry; // the key works

    const page = await signedInPage(VIEWPORTS.desktop, { role: 'admin' });
    await page.getByRole('link', { name: 'ผู้ดูแลระบบ' }).click();
    await page.locator('tr', { hasText: partner.id as string }).getByRole('button', { name: 'ดูกุญแจ' }).click();
    const keyLine = page.locator('.keys li', { hasText: key.kid.slice(0, 8) });
    await keyLine.getByRole('button', { name: 'เพิกถอน' }).click();
    await keyLine.getByRole('button', { name: 'ยกเลิก' }).click();
    expect(await keyLine.textContent()).toContain('active');
    await page.getByLabel('เหตุผลการเพิกถอน (ถ้ามี)').fill('กุญแจรั่วไหล');
    await keyLine.getByRole('button', { name: 'เพิกถอน' }).click();
    await keyLine.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    await keyLine.getByText('revoked').first().waitFor();
    const keys = await api('GET', `/v1/partners/${partner.id as string}/keys`, admin);
    expect(keys.keys[0]).toMatchObject({ status: 'revoked', revocationReason: 'กุญแจรั่วไหล' });
    const refused = await (async () => {
      for await (const entry of new OcxClient({ baseUrl: hub.baseUrl, partnerId: partner.id as string, privateJwk: privateJwk as never, kid: key.kid, retry: { retries: 0 } }).referrals.list()) void entry;
    })().catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 401 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-desktop.png'), fullPage: true });

    const staffPage = await signedInPage();
    expect(await staffPage.getByRole('link', { name: 'ผู้ดูแลระบบ' }).count()).toBe(0);
    await staffPage.goto(`${hub.baseUrl}/console/#/admin`);
    await staffPage.locator('#partners-title').waitFor();
    expect(await staffPage.locator('section[aria-labelledby=partners-title] [role=alert]').count()).toBe(0); // staff may read the registry
    await staffPage.locator('section[aria-labelledby=signing-title] [role=alert]', { hasText: 'ไม่มีสิทธิ์' }).waitFor();
  });

  it('shows the cases linked to a complaint, and splits a wrong link off its cluster with a reason', async () => {
    const page = await signedInPage();
    const earlier = await recordComplaint(page, { name: 'ผู้ร้องคนแรก', phone: '02-000-1111', narrative: 'โอนเงินแล้วไม่ได้ของ', subjectPhone: '087-333-4455' });
    await recordComplaint(page, { name: 'ผู้ร้องคนที่สอง', phone: '02-000-2222', narrative: 'ร้านเดียวกันหลอกอีก', subjectPhone: '+66 87 333 4455' });
    const linked = page.locator('ul.linked li', { hasText: earlier });
    await linked.waitFor();
    await page.getByRole('link', { name: 'ดูกลุ่มเรื่อง' }).click();
    await page.locator('article.referral').nth(1).waitFor(); // the cluster is in
    expect(await page.locator('article.referral').count()).toBe(2);
    const secondCase = page.locator('article.referral').filter({ hasNotText: earlier });
    await expect(secondCase.getByRole('button', { name: 'แยกออก' }).isDisabled()).resolves.toBe(true); // a reason first
    await page.getByLabel('เหตุผลการแยก (บันทึกในประวัติ)').fill('เบอร์ของธนาคาร ไม่ใช่ผู้ขาย');
    await secondCase.getByRole('button', { name: 'แยกออก' }).click();
    await secondCase.getByRole('button', { name: 'ยืนยัน', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'แยกแล้วเป็น 2' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'cluster-split-desktop.png'), fullPage: true });
    await page.goBack();
    await page.locator('#matches-title').waitFor();
    await page.getByText('ยังไม่พบเรื่องที่ใช้ตัวระบุเดียวกัน').waitFor();
  });

  it('issues a takedown from a complaint, shows a link no platform serves beside its field, and the answer of the platform on the page', async () => {
    const domain = `console-${Date.now().toString(36)}.co.th`;
    const platform = aPartner({ kind: 'platform', nameEn: 'Console Platform', platformDomains: [domain] });
    await api('POST', '/v1/partners', admin, platform);
    const { publicJwk, privateJwk } = anEcKeyPair();
    const key = await api('POST', `/v1/partners/${platform.id as string}/keys`, admin, { jwk: publicJwk });
    const platformClient = new OcxClient({ baseUrl: hub.baseUrl, partnerId: platform.id as string, privateJwk: privateJwk as never, kid: key.kid });

    const page = await signedInPage();
    await recordComplaint(page, { name: 'ผู้ร้องสินค้าสุขภาพ', phone: '02-000-3333', narrative: 'ขายยาลดน้ำหนักไม่มีเลข อย.', subjectPhone: '081-777-8899' });
    await page.getByLabel('ฐานทางกฎหมาย').selectOption('food_drug');
    await page.getByLabel('ลิงก์ของเนื้อหา').fill(`https://nobody-${domain}/product/1`);
    await page.getByLabel('เหตุผล (ส่งถึงแพลตฟอร์ม)').fill('ผลิตภัณฑ์ไม่มีเลขสารบบอาหาร');
    await page.getByRole('button', { name: 'ส่งคำขอระงับ' }).click();
    await page.locator('#target-0-error', { hasText: 'no platform partner' }).waitFor(); // a site no platform serves
    expect(await page.getByLabel('เหตุผล (ส่งถึงแพลตฟอร์ม)').inputValue()).toBe('ผลิตภัณฑ์ไม่มีเลขสารบบอาหาร');

    await page.getByLabel('ลิงก์ของเนื้อหา').fill(`https://${domain}/product/42`);
    await page.getByRole('button', { name: 'ส่งคำขอระงับ' }).click();
    await page.getByRole('status').filter({ hasText: platform.id as string }).waitFor();
    let takedownId = '';
    for await (const takedown of platformClient.takedowns.list()) takedownId = takedown.id;
    const request = await platformClient.takedowns.get(takedownId);
    await platformClient.takedowns.respond(takedownId, { outcomes: request.document.targets.map((target) => ({ targetId: target.targetId, outcome: 'removed' as const, actedAt: new Date().toISOString() })) });
    await page.getByRole('link', { name: 'งานค้าง' }).click();
    // The work list first (a hash route): going back before it is shown would go back past the complaint.
    await page.locator('#work-title').waitFor();
    await page.goBack();
    await page.locator('ul.takedowns li', { hasText: 'ลบแล้ว' }).first().waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'takedown-desktop.png'), fullPage: true });
  });

  it('says in words why a file is refused, and when the session has expired keeps the form under the sign-in', async () => {
    const page = await signedInPage();
    await recordComplaint(page, { name: 'ผู้ร้องไฟล์', phone: '02-000-4444', narrative: 'แนบไฟล์ผิดประเภท', subjectPhone: '081-222-3344' });
    await page.getByLabel('เลือกไฟล์').setInputFiles([{ name: 'โปรแกรม.exe', mimeType: 'application/octet-stream', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]) }]);
    const refusal = page.locator('ul.uploads [role=alert]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('ไม่รับไฟล์ประเภทนี้');

    // The hub refuses the token (as it refuses an expired one): the sign-in comes over the page, the typing stays.
    await page.getByRole('link', { name: 'รับเรื่องใหม่' }).click();
    await page.getByLabel('รายละเอียด (ตามคำบอกเล่าของผู้ร้อง)').fill('ข้อความที่พิมพ์ค้างไว้');
    await page.getByLabel('ชื่อผู้ร้อง').fill('สมปอง');
    await page.route('**/v1/complaints', (route) => route.continue({ headers: { ...route.request().headers(), authorization: 'Bearer expired.token.here' } }), { times: 1 });
    await page.getByRole('button', { name: 'บันทึกเรื่องร้องเรียน' }).click();
    await page.getByRole('alert').filter({ hasText: 'หมดเวลาเข้าใช้งาน' }).first().waitFor();
    await page.getByLabel('ชื่อผู้ใช้').fill('somchai');
    await page.getByRole('button', { name: 'เข้าสู่ระบบ' }).click();
    expect(await page.getByLabel('รายละเอียด (ตามคำบอกเล่าของผู้ร้อง)').inputValue()).toBe('ข้อความที่พิมพ์ค้างไว้');
    await page.getByRole('button', { name: 'บันทึกเรื่องร้องเรียน' }).click();
    await page.getByTestId('reference-code').waitFor();
  });

  it("the dispatcher shares only the complainant's phone and no files or amounts: the preview says so, and the agency receives no more", async () => {
    const signIn = await fetch(`${hub.baseUrl}/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'staff', subject: 'somchai' }) });
    const staff = ((await signIn.json()) as { access_token: string }).access_token;
    const complaint = await api('POST', '/v1/complaints', staff, aComplaint({ complainant: { name: 'สมศรี มีสุข', phone: '081-765-4321', email: 'somsri@example.com' } }));
    const page = await signedInPage();
    await page.goto(`${hub.baseUrl}/console/#/complaints/${complaint.id}`);
    await uncheckAll(page);
    await page.locator(`input[name=partner][value="${agencies[1]!.id}"]`).check();
    for (const field of ['name', 'email', 'lineId']) await page.locator(`input[name=complainantField][value="${field}"]`).uncheck();
    const preview = page.locator(`.previews li[data-partner="${agencies[1]!.id}"]`);
    // The preview of the last choice: name and e-mail withheld (an earlier answer may still show the e-mail).
    await preview.filter({ hasText: /(ไม่ส่ง|withheld): name, email/ }).waitFor();
    expect(await preview.textContent()).toContain('phone: 081-765-4321');
    expect(await preview.textContent()).not.toContain('somsri@example.com');
    // Nor the files, nor the accounts and amounts: once the preview has the choice, it lists the phone, not the account.
    await preview.filter({ hasText: /ผู้ถูกร้อง 2 |subjects 2 / }).waitFor();
    for (const dataClass of ['evidence', 'financial']) await preview.locator(`input[name="dataClass-${agencies[1]!.id}"][value=${dataClass}]`).uncheck();
    await preview.filter({ hasText: /ผู้ถูกร้อง 1 |subjects 1 / }).waitFor();
    await page.getByRole('button', { name: /^ส่งต่อ \(1\)$/ }).click();
    await page.getByRole('status').filter({ hasText: agencies[1]!.id }).waitFor();
    let received: any;
    for await (const entry of agencies[1]!.client.referrals.list()) {
      const { document } = await agencies[1]!.client.referrals.get(entry.referral.id);
      if ((document as any).referenceCode === complaint.referenceCode) received = document;
    }
    expect(received.complaint.complainant).toEqual({ name: 'ผู้ร้องเรียนผ่านศูนย์ 1212 (ไม่เปิดเผยชื่อ)', phone: '081-765-4321' });
    expect(received.disclosure.fieldsShared.filter((field: string) => field.startsWith('complainant.'))).toEqual(['complainant.phone']);
    expect(received.disclosure.dataClasses).toEqual(['identity', 'contact', 'narrative', 'subject']);
    expect(received.evidence).toEqual([]);
    expect(received.complaint.transaction.amountLost).toBeUndefined();
    await page.context().close();
  });

  it("a supervisor reads the day's figures on a phone: tiles, charts drawn, each agency's page", async () => {
    // Today: a complaint referred to both agencies, and acknowledged by the first.
    const signIn = await fetch(`${hub.baseUrl}/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'staff', subject: 'supervisor1' }) });
    const staff = ((await signIn.json()) as { access_token: string }).access_token;
    const complaint = await api('POST', '/v1/complaints', staff, aComplaint());
    const dispatched = await api('POST', `/v1/complaints/${complaint.id}/referrals`, staff, { partners: agencies.map((agency) => agency.id) });
    await agencies[0]!.client.referrals.updateStatus(dispatched.referrals.find((referral: { partnerId: string }) => referral.partnerId === agencies[0]!.id).id, { status: 'acknowledged' });
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const page = await signedInPage(viewport);
      await page.getByRole('link', { name: 'สถิติ' }).click();
      const today = page.getByTestId('headline-today');
      await today.waitFor();
      // The earlier tests recorded complaints today and an agency acknowledged one: the tiles say so.
      const tiles = Object.fromEntries(await today.locator('.tile').evaluateAll((nodes) => nodes.map((node) => [node.querySelector('dt')!.textContent, node.querySelector('dd')!.textContent])));
      expect(Number(tiles['เรื่องร้องเรียน'])).toBeGreaterThanOrEqual(1);
      expect(tiles['ตอบรับภายในกำหนด']).toMatch(/%$/);
      expect(Number(tiles['ส่งต่อหน่วยงาน'])).toBeGreaterThanOrEqual(2);
      await page.getByTestId('headline-month').waitFor();
      // Both charts are drawn on their canvases (not blank), within the page's width.
      const canvases = page.locator('.chart canvas');
      expect(await canvases.count()).toBe(2);
      for (const canvas of await canvases.all()) {
        const drawn = await canvas.evaluate((element: any) => {
          const context = element.getContext('2d');
          const { width, height } = element;
          const pixels = context.getImageData(0, 0, width, height).data;
          let inked = 0;
          for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) inked += 1;
          return { inked, width: element.getBoundingClientRect().width };
        });
        expect(drawn.inked).toBeGreaterThan(500);
        expect(drawn.width).toBeLessThanOrEqual(viewport.width);
      }
      expect(await page.evaluate(() => {
        const root = (globalThis as any).document.documentElement;
        return root.scrollWidth - root.clientWidth;
      })).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-${name}.png`), fullPage: true });
      // One agency's page: its own figures, reached from the service-level table.
      await page.locator('table.service-levels a', { hasText: 'หน่วยงานทดสอบ A' }).click();
      await page.getByRole('heading', { name: /หน่วยงานทดสอบ A/ }).waitFor();
      expect(page.url()).toContain(`#/dashboard/${agencies[0]!.id}`);
      await page.getByTestId('headline-month').waitFor();
      expect(await page.getByTestId('headline-month').textContent()).not.toContain('เรื่องร้องเรียน');
      await page.screenshot({ path: path.join(SCREENSHOTS, `dashboard-agency-${name}.png`), fullPage: true });
      await page.context().close();
    }
  });

  it('fits a phone and a desktop, and axe finds no serious or critical violation', async () => {
    const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      // bypassCSP only so that axe's script can be injected; the console itself runs under the strict CSP above.
      const page = await signedInPage(viewport, { bypassCSP: true });
      for (const route of ['#/complaints', '#/complaints/new', '#/lookup', '#/work', '#/dashboard']) {
        await page.goto(`${hub.baseUrl}/console/${route}`);
        await page.locator('main h1').waitFor();
        if (route === '#/dashboard') await page.getByTestId('headline-month').waitFor();
        await page.screenshot({ path: path.join(SCREENSHOTS, `${route.replace(/[#/]+/g, '-').replace(/^-/, '')}-${name}.png`), fullPage: true });
        await page.addScriptTag({ path: axePath });
        const results = await page.evaluate(async () => (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] }));
        const serious = (results.violations as Array<{ id: string; impact: string; nodes: unknown[] }>).filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
        await writeFile(path.join(SCREENSHOTS, `axe-${name}${route.replace(/[#/]+/g, '-')}.json`), JSON.stringify(results.violations, null, 2));
        expect(serious.map((violation) => `${violation.id} (${violation.nodes.length})`)).toEqual([]);
        const overflow = await page.evaluate(() => {
          const root = (globalThis as any).document.documentElement;
          return root.scrollWidth - root.clientWidth;
        });
        expect(overflow).toBeLessThanOrEqual(0);
      }
      await page.context().close();
    }
  });
});

/** Production sign-in: authorization code with PKCE at a real OpenID provider (oidc-provider) started on loopback. */
(HAVE_CHROMIUM ? describe : describe.skip)('the 1212 console signing in with OpenID Connect', () => {
  let hub: HubProcess;
  let provider: OidcProviderProcess;
  let browser: Browser;

  beforeAll(async () => {
    const providerPort = await freePort();
    const issuer = `http://127.0.0.1:${providerPort}`;
    hub = await startHubProcess(await TestDatabase.createIsolated('console_oidc'), {
      DELIVERY_WORKER: 'false',
      MATCHING_NOTIFIER: 'false',
      AUTH_DEV_ISSUER: 'false',
      OIDC_ISSUER: issuer,
      OIDC_JWKS_URL: `${issuer}/jwks`,
      CONSOLE_OIDC_CLIENT_ID: 'ocx-console',
      CONSOLE_OIDC_RESOURCE: 'urn:ocx:hub',
    });
    provider = await startOidcProvider({ port: providerPort, clientId: 'ocx-console', redirectUri: `${hub.baseUrl}/console/`, audience: 'ocx-hub' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  });

  afterAll(async () => {
    await browser?.close();
    await provider?.stop();
    await hub?.stop();
  });

  it('signs a dispatcher in at the identity provider and back, with PKCE, and the token works on staff routes', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${hub.baseUrl}/console/#/lookup`);
    expect(await page.getByLabel('ชื่อผู้ใช้').count()).toBe(0); // no development sign-in on this hub
    await page.getByRole('button', { name: 'เข้าสู่ระบบด้วยบัญชีองค์กร' }).click();
    // oidc-provider's development login page.
    await page.locator('input[name=login]').fill('malee');
    await page.locator('input[name=password]').fill('any');
    await page.locator('button[type=submit]').click();
    await page.locator('#lookup-title').waitFor(); // back where the dispatcher was
    expect(await page.locator('.who').textContent()).toContain('malee (staff)');
    expect(page.url()).toBe(`${hub.baseUrl}/console/#/lookup`); // the code left the address bar
    const authorize = new URL(requests.find((url) => url.startsWith(`${provider.issuer}/auth?`))!);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('resource')).toBe('urn:ocx:hub');
    await page.getByRole('link', { name: 'เรื่องร้องเรียน' }).first().click();
    await page.locator('table.complaints').waitFor();
    expect(await page.locator('main [role=alert]').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oidc-signed-in-desktop.png'), fullPage: true });
    await context.close();
  });

  it('refuses the development sign-in on this hub', async () => {
    const response = await fetch(`${hub.baseUrl}/v1/dev/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'admin', subject: 'admin1' }) });
    expect(response.status).toBe(404);
    const config = (await (await fetch(`${hub.baseUrl}/v1/console/config`)).json()) as { development: boolean; oidc: { issuer: string } };
    expect(config).toMatchObject({ development: false, oidc: { issuer: provider.issuer, clientId: 'ocx-console', resource: 'urn:ocx:hub' } });
    const csp = (await fetch(`${hub.baseUrl}/console/`)).headers.get('content-security-policy')!;
    expect(csp).toContain(`connect-src 'self' ${provider.issuer}`);
  });
});
