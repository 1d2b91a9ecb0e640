/** The 3D view's point materials, as parameters, and the axis gizmo's colours. */
export const cloudMaterialParams = (size: number) => ({ size, sizeAttenuation: false, vertexColors: true });

export const HIGHLIGHT_MATERIAL_PARAMS = { size: 4, sizeAttenuation: false, color: '#fb7185', depthTest: false } as const;

/** The axis gizmo's colours (x, y, z) and label colour. */
export const GIZMO_AXIS_COLORS: [string, string, string] = ['#f87171', '#4ade80', '#60a5fa'];
export const GIZMO_LABEL_COLOR = '#09090b';
