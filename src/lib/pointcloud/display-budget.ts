/**
 * How many points the 3D view draws. With a GPU, two million points draw in a few milliseconds.
 * With a software renderer (SwiftShader, llvmpipe: a browser without GPU access, a virtual machine,
 * a remote desktop) a frame costs about 0.6 µs per point here; the view's worker pays it, not the
 * page, but fewer points keep its frames near 100 ms, so orbiting still follows the mouse.
 * Renders for the model always use every point.
 */
export interface DisplayBudget {
  points: number;
  software: boolean;
}

export const GPU_DISPLAY_POINTS = 2_000_000;
export const SOFTWARE_DISPLAY_POINTS = 150_000;

/** Renderer names of software WebGL implementations. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

let known: DisplayBudget | undefined;

/** The budget for this browser, decided once per tab from the WebGL renderer's name. */
export function displayBudget(): DisplayBudget {
  known ??= softwareRenderer() ? { points: SOFTWARE_DISPLAY_POINTS, software: true } : { points: GPU_DISPLAY_POINTS, software: false };
  return known;
}

function softwareRenderer(): boolean {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE_RENDERER.test(name);
  } catch {
    return false;
  }
}
