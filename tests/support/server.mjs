// Local HTTP server for fixtures and generated pages. Used by e2e tests, the demo and the bench.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

const TYPES = { '.html': 'text/html; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.css': 'text/css' };

/** The seed report's paragraphs, repeated until the page holds about `chars` Han characters. */
export async function generatedReport(chars) {
  const seed = await readFile(join(FIXTURES, 'seed-report.html'), 'utf8');
  const paras = [...seed.matchAll(/<(p|h2|h3)>([\s\S]*?)<\/\1>/g)].map((m) => `<${m[1]}>${m[2]}</${m[1]}>`);
  const hanOf = (s) => (s.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const out = [];
  let n = 0;
  for (let i = 0; n < chars; i++) {
    const p = paras[i % paras.length];
    out.push(p);
    n += hanOf(p);
  }
  const head = seed.slice(0, seed.indexOf('<main>') + '<main>'.length);
  return `${head}\n<h1>湖州市人民政府關於2018年度法治政府建設情況的報告</h1>\n${out.join('\n')}\n<p>湖州市人民政府</p>\n<p>2019年2月28日</p>\n</main></div></body></html>`;
}

export function startServer(port = 0) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const gen = url.pathname.match(/^\/generated\/report-(\d+)\.html$/);
      if (gen) {
        const chars = Math.min(Number(gen[1]), 6_000_000);
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
        res.end(await generatedReport(chars));
        return;
      }
      if (url.pathname === '/generated/huge-text.html') {
        // 5 MB of text in one page (?paras=N for fewer), in giant paragraphs of 70 k characters each.
        const unit = '行政複議是公民維護自身權益的重要途徑，規範性檔案應當納入三統一管理。';
        const para = unit.repeat(2000);
        const paras = Math.min(Math.max(Number(url.searchParams.get('paras')) || 40, 1), 40);
        const body = Array.from({ length: paras }, () => `<p>${para}</p>`).join('\n');
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
        res.end(`<!doctype html><html><head><meta charset="utf-8"><title>大頁面</title></head><body>${body}</body></html>`);
        return;
      }
      const variant = url.searchParams.get('variant');
      if (url.pathname === '/seed-report.html' && variant) {
        // The same page (same canonical URL) after the site changed it.
        let html = await readFile(join(FIXTURES, 'seed-report.html'), 'utf8');
        if (variant === 'extra') html = html.replace('<p class="addressee">', '<p>編者按：本文於2019年3月轉載，新增此段說明文字，原文內容未作修改。</p>\n      <p class="addressee">');
        if (variant === 'deleted') html = html.replace(/三是精準精細管理規範性檔案。<\/b>[^<]*/, '三是精準精細管理規範性檔案。</b>');
        // A page that names another site's page as its canonical URL.
        if (variant === 'forged-canonical') html = html.replace('<link rel="canonical" href="/seed-report.html">', '<link rel="canonical" href="https://www.gov.cn/zhengce/content/forged.htm">');
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' });
        res.end(html);
        return;
      }
      const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'seed-report.html';
      if (rel.includes('..')) throw Object.assign(new Error('bad path'), { code: 'ENOENT' });
      const data = await readFile(join(FIXTURES, rel));
      // ?clipboard=blocked: a page whose Permissions-Policy forbids writing to the clipboard.
      const policy = url.searchParams.get('clipboard') === 'blocked' ? { 'permissions-policy': 'clipboard-write=()' } : {};
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...policy });
      res.end(data);
    } catch (e) {
      res.writeHead(e?.code === 'ENOENT' ? 404 : 500, { 'content-type': 'text/plain' });
      res.end(String(e?.message ?? e));
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: p } = server.address();
      resolve({ server, origin: `http://127.0.0.1:${p}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}
