import type { CameraPose, Vec3 } from '@/core/pointcloud/camera';
import { gizmoHeads } from '@/core/pointcloud/viewer-pose';
import { GIZMO_AXIS_COLORS, GIZMO_LABEL_COLOR } from '@/lib/pointcloud/view-materials';

const COLOR: Record<string, string> = { X: GIZMO_AXIS_COLORS[0], Y: GIZMO_AXIS_COLORS[1], Z: GIZMO_AXIS_COLORS[2] };

/**
 * The axis gizmo over the 3D view, drawn from the camera pose the view reports: three coloured
 * axes turning with the camera. Each end is a button that looks along that axis.
 */
export function AxisGizmo({ pose, onPick }: { pose: CameraPose; onPick: (axis: Vec3) => void }) {
  const heads = gizmoHeads(pose);
  return (
    <svg viewBox="-1.35 -1.35 2.7 2.7" className="pointer-events-none absolute right-2 bottom-2 h-24 w-24 select-none" data-testid="axis-gizmo" role="group" aria-label="Axes: click an end to look along it">
      {heads
        .filter((h) => h.name.startsWith('+'))
        .map((h) => (
          <line key={`l${h.name}`} x1={0} y1={0} x2={h.x * 0.8} y2={-h.y * 0.8} stroke={COLOR[h.name[1]]} strokeWidth={0.07} />
        ))}
      {heads.map((h) => {
        const positive = h.name.startsWith('+');
        const pick = () => onPick(h.axis);
        return (
          <g
            key={h.name}
            role="button"
            tabIndex={0}
            aria-label={`Look along ${h.name}`}
            className="pointer-events-auto cursor-pointer outline-none focus-visible:[&>circle]:stroke-sky-400"
            onClick={pick}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                e.stopPropagation();
                pick();
              }
            }}
          >
            <title>{`Look along ${h.name}`}</title>
            <circle cx={h.x} cy={-h.y} r={positive ? 0.24 : 0.17} fill={COLOR[h.name[1]]} fillOpacity={positive ? 1 : 0.45} stroke="transparent" strokeWidth={0.08} />
            {positive && (
              <text x={h.x} y={-h.y} dy="0.09" textAnchor="middle" fontSize={0.28} fontWeight={700} fill={GIZMO_LABEL_COLOR}>
                {h.name[1]}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
