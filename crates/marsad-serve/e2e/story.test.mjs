// The story view in a real browser: Debian's chromium, driven by playwright-core,
// against `marsad serve` on the ingested seed pages (started by run.sh, which
// sets MARSAD_URL). Screenshots go to SCREENSHOT_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.MARSAD_URL ?? 'http://127.0.0.1:8080';
const shots = process.env.SCREENSHOT_DIR ?? 'screenshots';
fs.mkdirSync(shots, { recursive: true });

// The seed titles (gold.json) of the June 2024 treaty story's four articles and the November one.
const JUNE_TITLES = [
  'ما حصل عليه بوتين من زيارته لكوريا الشمالية',
  'الرئيس الروسي فلاديمير بوتين يصل إلى كوريا الشمالية',
  'بوتين يعيد رسم تحالفاته من بيونغ يانغ',
  'بوتين وكيم يعززان التحالف',
];
const NOVEMBER_TITLE = 'اتفاقية كيم وبوتين';
// gold.json's quotes in the June story's pages: speaker (as the page names them) and the quote's opening.
const GOLD_QUOTES = [
  { speaker: 'بوتين', starts: 'تقديم المساعدة المتبادلة' },
  { speaker: 'جو بي يون', starts: 'بمعنى أن هذا يضع' },
  { speaker: 'سولوفيوف', starts: 'ما الفرق بالنسبة للأميركيين' },
  { speaker: 'كيربي', starts: 'ليست قلقة بشأن الرحلة' },
  { speaker: 'كيم', starts: 'شعبنا يقدم الدعم والتضامن الكاملين' },
  { speaker: 'كيم', starts: 'هذه المعاهدة القوية' },
  { speaker: 'أوشاكوف', starts: 'أجندة المناقشات ركزت' },
  { speaker: 'بوتين', starts: 'نحتفظ بحق إرسال أسلحة' },
];

let browser;
let userDataDir;

before(async () => {
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'marsad-chromium-'));
  // A persistent context is how a fresh --user-data-dir is given to chromium.
  browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1280, height: 900 },
  });
});

after(async () => {
  await browser?.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
});

async function api(p) {
  const r = await fetch(base + p);
  assert.equal(r.status, 200, `${p}: ${r.status}`);
  return r.json();
}

async function storyWithTitle(fragment) {
  const { stories } = await api('/api/stories?limit=1000');
  return stories.find((s) => s.articles.some((a) => (a.title ?? '').includes(fragment)));
}

async function open(p, viewport) {
  const page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const response = await page.goto(base + p, { waitUntil: 'load' });
  assert.equal(response.status(), 200, `${p}: ${response.status()}`);
  await page.evaluate(() => document.fonts.ready);
  return page;
}

test('the June 2024 treaty story: four articles, sources, follow-up, entities, quotes', async () => {
  const june = await storyWithTitle(JUNE_TITLES[0]);
  assert.ok(june, 'a story holds the first seed page');
  const november = await storyWithTitle(NOVEMBER_TITLE);
  assert.ok(november, 'a story holds the November page');
  assert.notEqual(june.id, november.id);

  const page = await open(`/stories/${june.id}`);

  // Right to left, Arabic, and the served Arabic font in use.
  const layout = await page.evaluate(() => {
    const h1 = document.querySelector('h1').getBoundingClientRect();
    return {
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      direction: getComputedStyle(document.body).direction,
      h1Right: h1.right,
      h1Left: h1.left,
      width: document.documentElement.clientWidth,
      font: document.fonts.check('20px Amiri'),
      timelineStart: getComputedStyle(document.querySelector('ol.timeline li')).direction,
    };
  });
  assert.equal(layout.lang, 'ar');
  assert.equal(layout.dir, 'rtl');
  assert.equal(layout.direction, 'rtl');
  assert.equal(layout.timelineStart, 'rtl');
  // The heading starts at the right edge of the page's column.
  assert.ok(layout.width - layout.h1Right < layout.h1Left + 1, `heading hugs the right: ${JSON.stringify(layout)}`);
  assert.ok(layout.font, 'the Amiri font served by marsad is loaded');

  // The timeline: the four articles, each with its outlet or the source it credits.
  const items = await page.$$eval('ol.timeline > li', (lis) =>
    lis.map((li) => ({
      title: li.querySelector('a').textContent,
      source: li.querySelector('.meta').textContent.trim(),
      role: li.dataset.role,
    })));
  assert.equal(items.length, 4, JSON.stringify(items));
  for (const t of JUNE_TITLES) {
    assert.ok(items.some((i) => i.title.includes(t)), `timeline shows «${t}»`);
  }
  for (const i of items) assert.ok(i.source.length > 0, `a source for «${i.title}»`);
  const jazeera = items.find((i) => i.title.includes(JUNE_TITLES[2]));
  assert.match(jazeera.source, /الجزيرة/, 'the page that names no outlet is shown republishing الجزيرة');

  // The follow-up link to the November story.
  const followUps = await page.$$eval('#links .followed-by a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(followUps.includes(`/stories/${november.id}`), `follow-up links: ${followUps}`);

  // Putin and Kim with their spelling variants.
  const entities = await page.$$eval('#entities li[data-entity]', (lis) =>
    lis.map((li) => ({
      name: li.querySelector('a').textContent,
      variants: [...li.querySelectorAll('.variant')].map((v) => v.textContent),
    })));
  const putin = entities.find((e) => e.name.includes('بوتين'));
  assert.ok(putin, `Putin among ${JSON.stringify(entities.map((e) => e.name))}`);
  assert.ok(putin.variants.includes('فلاديمير بوتين') && putin.variants.includes('بوتين'), `Putin's variants: ${putin.variants}`);
  const kim = entities.find((e) => e.name.includes('كيم جونغ أون'));
  assert.ok(kim, `Kim among ${JSON.stringify(entities.map((e) => e.name))}`);
  assert.ok(kim.variants.length >= 2, `Kim's variants: ${kim.variants}`);

  // The gold quotes, each under its speaker.
  const speakers = await page.$$eval('#quotes .speaker', (divs) =>
    divs.map((d) => ({
      speaker: d.querySelector('h3').textContent,
      quotes: [...d.querySelectorAll('blockquote')].map((b) => b.textContent),
    })));
  const norm = (s) => s.replace(/[\u064B-\u0652]/g, '');
  for (const gold of GOLD_QUOTES) {
    const under = speakers.find((s) =>
      norm(s.speaker).includes(gold.speaker) && s.quotes.some((q) => norm(q).includes(gold.starts)));
    assert.ok(under, `«${gold.starts}…» under ${gold.speaker}; speakers: ${JSON.stringify(speakers.map((s) => s.speaker))}`);
  }

  await page.screenshot({ path: path.join(shots, 'story-desktop.png'), fullPage: true });
  await page.screenshot({ path: path.join(shots, 'story-desktop-top.png') });
  await page.close();

  const phone = await open(`/stories/${june.id}`, { width: 390, height: 844 });
  await phone.screenshot({ path: path.join(shots, 'story-phone.png'), fullPage: true });
  await phone.screenshot({ path: path.join(shots, 'story-phone-top.png') });
  const overflow = await phone.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().left < -1 || e.getBoundingClientRect().right > width + 1)
      .slice(0, 5).map((e) => `${e.tagName}.${e.className}`);
    return { by: document.documentElement.scrollWidth - width, wide };
  });
  assert.ok(overflow.by <= 1, `no sideways scrolling on a phone: ${JSON.stringify(overflow)}`);
  await phone.close();
});

test('the article page: clean text, and the page lines with furniture greyed', async () => {
  const june = await storyWithTitle(JUNE_TITLES[0]);
  const article = june.articles.find((a) => (a.title ?? '').includes(JUNE_TITLES[0]));
  const page = await open(`/articles/${article.id}`);
  const paragraphs = await page.$$eval('article.text p', (ps) => ps.length);
  assert.ok(paragraphs >= 10, `${paragraphs} paragraphs`);
  const lines = page.locator('#page-lines');
  assert.equal(await lines.evaluate((d) => d.open), false, 'the page lines start hidden');
  await page.click('#page-lines summary');
  assert.equal(await lines.evaluate((d) => d.open), true, 'the toggle shows them');
  const classes = await page.$$eval('ol.lines li', (lis) =>
    lis.map((li) => ({ cls: li.dataset.class, furniture: li.classList.contains('furniture'), color: getComputedStyle(li).color })));
  assert.ok(classes.some((c) => c.cls === 'body'), 'body lines are marked');
  const furniture = classes.filter((c) => c.furniture);
  assert.ok(furniture.length > 0, 'furniture lines are marked');
  const body = classes.find((c) => c.cls === 'body');
  assert.notEqual(furniture[0].color, body.color, 'furniture is greyed out');
  await page.screenshot({ path: path.join(shots, 'article-desktop.png'), fullPage: true });
  await page.close();
});

test('search: highlighted snippets that link to their stories', async () => {
  const page = await open('/search?q=' + encodeURIComponent('بيونج يانج'));
  const hits = await page.$$eval('ol.hits > li', (lis) =>
    lis.map((li) => ({ marks: li.querySelectorAll('mark').length, story: !!li.querySelector('a[data-story]') })));
  assert.ok(hits.length >= 3, `${hits.length} hits`);
  assert.ok(hits.every((h) => h.story), 'every hit links to its story');
  assert.ok(hits.some((h) => h.marks > 0), 'matches are highlighted');
  await page.close();
});
