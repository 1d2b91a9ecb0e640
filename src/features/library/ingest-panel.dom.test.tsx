import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { IngestPanel, summarise } from '@/features/library/ingest-panel';
import { useIngestState } from '@/features/library/ingest-state';
import type { IngestReport } from '@/lib/ingest/run';

afterEach(cleanup);

const report: IngestReport = {
  added: [
    { path: 'd/bottle/train/good/000.png', className: 'bottle', role: 'reference', status: 'normal' },
    { path: 'd/bottle/test/good/000.png', className: 'bottle', role: 'test', status: 'normal' },
    { path: 'd/screw/test/scratch/000.png', className: 'screw', role: 'test', status: 'anomalous', defectType: 'scratch' },
  ],
  masksAttached: 1,
  companionsAttached: 0,
  layouts: [{ id: 'mvtec-ad', title: 'MVTec AD', files: 3 }],
  skipped: [
    { path: 'd/a.png', reason: 'duplicate', message: '"a.png" is already in the project (same content); it was not added again.' },
    { path: 'd/bomb.png', reason: 'too-large', message: '"bomb.png" declares 65536 × 65536 pixels <b>x</b>' },
  ],
  notes: ['"x.jpg" is named like a JPEG image but its content is a PNG image; it was read as PNG image.'],
  cancelled: false,
  notProcessed: 0,
};

describe('IngestPanel', () => {
  it('shows progress with a cancel button while running', () => {
    useIngestState.setState({ phase: 'running', progress: { done: 3, total: 10, current: 'd/x.png' }, report: undefined });
    render(<IngestPanel />);
    expect(screen.getByTestId('ingest-count').textContent).toBe('3 of 10');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('3');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
  });

  it('reports what was added and each skipped file with its reason, as plain text', () => {
    useIngestState.setState({ phase: 'done', report, lastSeconds: 1.25 });
    render(<IngestPanel />);
    expect(screen.getByTestId('ingest-report-title').textContent).toBe('Added 3 cases');
    const summary = screen.getByTestId('ingest-summary').textContent;
    expect(summary).toContain('1 reference candidate');
    expect(summary).toContain('1 normal');
    expect(summary).toContain('1 anomalous');
    expect(summary).toContain('1 mask attached');
    expect(screen.getByText(/2 classes: bottle, screw/)).toBeTruthy();
    // Reasons are grouped, the worst first; file names come through as text, never markup.
    const items = Array.from(document.querySelectorAll('[data-reason]')).map((el) => el.getAttribute('data-reason'));
    expect(items).toEqual(['too-large', 'duplicate']);
    expect(document.querySelector('[data-path="d/bomb.png"]')!.textContent).toContain('<b>x</b>');
    expect(screen.getByTestId('ingest-notes').textContent).toContain('named like a JPEG image');
    fireEvent.click(screen.getByRole('button', { name: 'Close report' }));
    expect(useIngestState.getState().phase).toBe('idle');
  });

  it('counts by role and label', () => {
    expect(summarise(report)).toMatchObject({ cases: 3, references: 1, normal: 1, anomalous: 1, unlabelled: 0, classes: ['bottle', 'screw'], defectTypes: ['scratch'] });
  });
});
