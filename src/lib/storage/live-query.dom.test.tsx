import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import type { Case } from '@/core/model';
import { projectDb } from '@/lib/storage/db';
import { useTableQuery } from '@/lib/storage/live-query';

afterEach(async () => {
  cleanup();
  await projectDb().cases.clear();
});

function CaseCount({ onRead }: { onRead: () => void }) {
  const n = useTableQuery(
    ['cases'],
    async () => {
      onRead();
      return projectDb().cases.count();
    },
    200,
  );
  return <div data-testid="count">{n ?? 'loading'}</div>;
}

const aCase = (i: number) => ({ id: `c${i}`, assetId: `a${i}`, kind: 'image', name: `c${i}.png`, className: 'part', role: 'test', truth: { status: 'unlabelled' }, maskAssetIds: [], addedAt: i }) as Case;

describe('useTableQuery', () => {
  it('ends up showing every row of a burst of writes, reading the table a few times rather than once per write', async () => {
    let reads = 0;
    render(<CaseCount onRead={() => reads++} />);
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('0'));
    // One transaction per case, as an ingest writes them.
    for (let i = 0; i < 80; i++) await projectDb().cases.put(aCase(i));
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('80'), { timeout: 3000 });
    expect(reads).toBeLessThan(20);
  });

  it('is not read again when only other tables change', async () => {
    let reads = 0;
    render(<CaseCount onRead={() => reads++} />);
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('0'));
    const before = reads;
    await projectDb().kv.put({ key: 'project.name', value: 'x' });
    await new Promise((r) => setTimeout(r, 400));
    expect(reads).toBe(before);
    await projectDb().cases.put(aCase(1));
    await waitFor(() => expect(screen.getByTestId('count').textContent).toBe('1'));
  });
});
