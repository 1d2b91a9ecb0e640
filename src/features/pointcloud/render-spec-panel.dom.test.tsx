import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { normalizeRenderSpec } from '@/core/pointcloud/render-spec';
import { RenderSpecPanel } from '@/features/pointcloud/render-spec-panel';
import { CaseImageList } from '@/features/pointcloud/case-image-list';

afterEach(cleanup);

describe('render settings', () => {
  it('changes style, view set and resolution, and shows only the settings that apply', () => {
    const onChange = vi.fn();
    const spec = normalizeRenderSpec({});
    const { rerender } = render(<RenderSpecPanel spec={spec} onChange={onChange} hasColors={false} />);
    expect(screen.queryByRole('combobox', { name: 'Render colormap' })).toBeNull();
    expect((screen.getByRole('option', { name: /File colours \(none in file\)/ }) as HTMLOptionElement).disabled).toBe(true);
    fireEvent.change(screen.getByRole('combobox', { name: 'Render style' }), { target: { value: 'depth' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...spec, style: 'depth' });
    fireEvent.change(screen.getByRole('combobox', { name: 'View set' }), { target: { value: 'ring' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...spec, views: { kind: 'ring', n: 8, elevationDeg: 20 } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Resolution' }), { target: { value: '512' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...spec, sizePx: 512 });
    rerender(<RenderSpecPanel spec={{ ...spec, style: 'depth', views: { kind: 'ring', n: 8, elevationDeg: 20 } }} onChange={onChange} hasColors />);
    expect(screen.getByRole('combobox', { name: 'Render colormap' })).toBeTruthy();
    expect(screen.getByRole('spinbutton', { name: 'Views in ring' })).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Depth range' }), { target: { value: 'fixed' } });
    expect(onChange.mock.lastCall![0].depthRange).toEqual({ mode: 'fixed', span: 1 });
  });

  it('takes background distances in millimetres for a scan in metres, stored in metres; empty means relative', () => {
    const onChange = vi.fn();
    const spec = normalizeRenderSpec({ removeBackground: true });
    const { rerender } = render(<RenderSpecPanel spec={spec} onChange={onChange} hasColors={false} metres />);
    expect(screen.getAllByText('mm')).toHaveLength(2);
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Plane tolerance' }), { target: { value: '3' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...spec, backgroundDistances: { plane: 0.003 } });
    rerender(<RenderSpecPanel spec={{ ...spec, backgroundDistances: { plane: 0.003 } }} onChange={onChange} hasColors={false} metres />);
    expect((screen.getByRole('spinbutton', { name: 'Plane tolerance' }) as HTMLInputElement).value).toBe('3');
    fireEvent.change(screen.getByRole('spinbutton', { name: 'Plane tolerance' }), { target: { value: '' } });
    expect(onChange).toHaveBeenLastCalledWith({ ...spec, backgroundDistances: undefined });
    rerender(<RenderSpecPanel spec={spec} onChange={onChange} hasColors={false} />);
    expect(screen.getAllByText('units')).toHaveLength(2);
  });

  it('labels each rendered view with its caption', () => {
    const img = (caption: string) => ({ blob: new Blob(['x']), width: 10, height: 10, caption });
    render(<CaseImageList images={[img('depth view +X'), img('depth view -X')]} />);
    expect(screen.getAllByTestId('pc-render-thumb').map((li) => li.textContent)).toEqual(['depth view +X', 'depth view -X']);
  });
});
