import { describe, expect, it } from 'vitest';
import { InputSurface } from './input-surface';
import type { ForwardedInput } from './view-protocol';

const input = (type: ForwardedInput['type'], x: number, y: number, extra: Partial<ForwardedInput> = {}): ForwardedInput => ({ type, pointerId: 3, pointerType: 'mouse', button: 0, buttons: 1, x, y, ctrlKey: false, metaKey: false, shiftKey: false, deltaY: 0, deltaMode: 0, ...extra });

describe('InputSurface', () => {
  it('replays forwarded input as events with the fields camera controls read', () => {
    const s = new InputSurface();
    const seen: Record<string, unknown>[] = [];
    for (const t of ['pointerdown', 'pointermove', 'wheel'] as const) s.addEventListener(t, (e) => seen.push({ ...(e as unknown as Record<string, unknown>), type: e.type }));
    s.dispatch(input('pointerdown', 10, 20));
    s.dispatch(input('pointermove', 15, 22, { shiftKey: true }));
    s.dispatch(input('wheel', 5, 5, { deltaY: -120, buttons: 0 }));
    expect(seen.map((e) => e.type)).toEqual(['pointerdown', 'pointermove', 'wheel']);
    expect(seen[0]).toMatchObject({ clientX: 10, clientY: 20, pageX: 10, pageY: 20, pointerId: 3, pointerType: 'mouse', button: 0 });
    expect(seen[1]).toMatchObject({ clientX: 15, shiftKey: true });
    expect(seen[2]).toMatchObject({ deltaY: -120, deltaMode: 0 });
  });

  it('is its own document, with the size the page last reported', () => {
    const s = new InputSurface();
    s.clientWidth = 640;
    s.clientHeight = 480;
    expect(s.ownerDocument).toBe(s);
    expect(s.getRootNode()).toBe(s);
    expect(s.getBoundingClientRect()).toMatchObject({ left: 0, top: 0, width: 640, height: 480 });
  });
});

describe('three.js orbit controls on an InputSurface', () => {
  it('turn the camera on a drag, pan on a right-button drag and zoom on the wheel', async () => {
    const { PerspectiveCamera } = await import('three');
    const { OrbitControls } = await import('three/examples/jsm/controls/OrbitControls.js');
    const s = new InputSurface();
    s.clientWidth = 600;
    s.clientHeight = 400;
    const cam = new PerspectiveCamera(40, 1.5, 0.1, 100);
    cam.position.set(0, 0, 10);
    const controls = new OrbitControls(cam, s as unknown as HTMLElement);
    controls.enableDamping = false;
    controls.update();
    let changes = 0;
    controls.addEventListener('change', () => changes++);

    s.dispatch(input('pointerdown', 300, 200));
    s.dispatch(input('pointermove', 360, 200));
    s.dispatch(input('pointerup', 360, 200, { buttons: 0 }));
    expect(changes).toBeGreaterThan(0);
    expect(cam.position.x).toBeLessThan(-1);
    expect(cam.position.length()).toBeCloseTo(10, 5);

    const before = controls.target.clone();
    s.dispatch(input('pointerdown', 300, 200, { button: 2, buttons: 2 }));
    s.dispatch(input('pointermove', 300, 260, { button: 2, buttons: 2 }));
    s.dispatch(input('pointerup', 300, 260, { button: 2, buttons: 0 }));
    expect(controls.target.distanceTo(before)).toBeGreaterThan(0.1);

    const dist = cam.position.distanceTo(controls.target);
    s.dispatch(input('wheel', 300, 200, { deltaY: -200, buttons: 0 }));
    expect(cam.position.distanceTo(controls.target)).toBeLessThan(dist);
    controls.dispose();
  });
});
