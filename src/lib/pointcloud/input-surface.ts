/**
 * Stands in for the canvas element where camera controls run in a worker: three.js's orbit
 * controls listen on an element and its document, ask for its size and capture the pointer. The
 * page forwards its events; `dispatch` replays each as an event carrying the fields the controls read.
 */
import type { ForwardedInput } from '@/lib/pointcloud/view-protocol';

export class InputSurface extends EventTarget {
  /** Written by the controls (cursor, touch action); the page sets its own cursor. */
  readonly style: Record<string, string> = {};
  clientWidth = 1;
  clientHeight = 1;

  /** The controls listen for moves and key presses on the element's document: here, the same surface. */
  get ownerDocument(): InputSurface {
    return this;
  }

  getRootNode(): InputSurface {
    return this;
  }

  getBoundingClientRect() {
    return { left: 0, top: 0, x: 0, y: 0, width: this.clientWidth, height: this.clientHeight, right: this.clientWidth, bottom: this.clientHeight };
  }

  // The page captures the pointer on the real canvas.
  setPointerCapture(): void {}
  releasePointerCapture(): void {}

  dispatch(input: ForwardedInput): void {
    const { type, x, y, ...fields } = input;
    const event = new Event(type, { cancelable: true });
    Object.assign(event, fields, { clientX: x, clientY: y, pageX: x, pageY: y, offsetX: x, offsetY: y, deltaX: 0, altKey: false });
    this.dispatchEvent(event);
  }
}
