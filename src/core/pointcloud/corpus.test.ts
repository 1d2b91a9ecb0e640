import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePointCloud } from './parse-point-cloud';
import { PointCloudError, type PointCloudErrorKind } from './errors';

// Real third-party files beside the repository (see its SOURCES.md); read in place, never copied.
const CORPUS = new URL('../../../../../shared/corpus/', import.meta.url).pathname;
const present = existsSync(join(CORPUS, 'ply')) && existsSync(join(CORPUS, 'pcd'));
if (!present) console.log(`Point-cloud corpus not found at ${CORPUS}: corpus tests skipped.`);

/** Point counts and colour presence from SOURCES.md (counts after dropping NaN points). */
const GOOD: Record<string, { points: number; color: boolean; dropped?: number; fields?: string[] }> = {
  'pcd/pcl_bun0.pcd': { points: 397, color: false, fields: ['curvature'] },
  'pcd/pcl_bunny.pcd': { points: 397, color: false },
  'pcd/pcl_octants.pcd': { points: 8, color: false },
  'pcd/pcl_nhood_test.pcd': { points: 36, color: false, fields: ['intensity'] },
  'pcd/pcl_sac_plane_test.pcd': { points: 3283, color: false },
  'pcd/loadersgl_simple-ascii.pcd': { points: 213, color: true },
  'pcd/loadersgl_Zaghetto.pcd': { points: 59750, color: false },
  'pcd/pcl_curve_close.pcd': { points: 110, color: false },
  'pcd/pcl_office1_keypoints.pcd': { points: 1318, color: false, fields: ['intensity'] },
  'pcd/pcl_colored_cloud.pcd': { points: 1000, color: true },
  'pcd/open3d_cloud_bin_0.pcd': { points: 3903, color: true },
  'pcd/open3d_fragment.pcd': { points: 113662, color: true },
  'pcd/pcl_milk.pcd': { points: 13704, color: false },
  'pcd/pcl_milk_color.pcd': { points: 13704, color: true },
  'pcd/pcl_pcl_logo.pcd': { points: 12909, color: true },
  'pcd/pcl_chef.pcd': { points: 5092, color: false },
  'pcd/pcl_cturtle.pcd': { points: 167198, color: false, fields: ['intensity'] },
  'pcd/pcl_table_scene_mug_stereo_textured.pcd': { points: 307200 - 97920, color: true, dropped: 97920 },
  'pcd/pcl_office1.pcd': { points: 307200 - 52744, color: true, dropped: 52744 },
  'ply/open3d_test_sample_ascii.ply': { points: 7, color: false },
  'ply/open3d_test_sample_custom.ply': { points: 7, color: false, fields: ['intensity'] },
  'ply/open3d_test_sample_wrong_format.ply': { points: 2, color: false, fields: ['intensity'] },
  'ply/threejs_dolphins_ascii.ply': { points: 855, color: false },
  'ply/threejs_dolphins_colored_ascii.ply': { points: 855, color: true },
  'ply/loadersgl_bun_zipper.ply': { points: 35947, color: false, fields: ['confidence', 'intensity'] },
  'ply/loadersgl_cube_att.ply': { points: 24, color: false },
  'ply/stanford_bun000_rangegrid.ply': { points: 40256, color: false },
  'ply/happly_platonic_shelf_ascii_face_first.ply': { points: 50, color: false },
  'ply/trimesh_points_ascii_with_lists.ply': { points: 5, color: false },
  'ply/trimesh_metadata.ply': { points: 4, color: false },
  'ply/trimesh_multi.ply': { points: 4, color: true, fields: ['s', 't'] },
  'ply/happly_platonic_shelf_big_endian.ply': { points: 50, color: false },
  'ply/pcl_cube.ply': { points: 24, color: false },
  'ply/open3d_sphere.ply': { points: 642, color: false },
  'ply/open3d_color.ply': { points: 3017, color: true },
  'ply/open3d_frag_115.ply': { points: 64365, color: true },
  'ply/open3d_livingroom_fragment_000_pointcloud.ply': { points: 5028, color: true },
  'ply/open3d_bathtub_0154_voxel.ply': { points: 18733, color: false },
  'ply/pcu_duplicated_pcloud_double.ply': { points: 5395, color: false },
  'ply/pcu_poisson_bunny.ply': { points: 2885, color: false },
  'ply/pcu_bunny_duplicates_face_first.ply': { points: 2895, color: false },
  'ply/loadersgl_bunny.ply': { points: 34834, color: false },
  'ply/loadersgl_train-1000.ply': { points: 1000, color: false, fields: ['opacity', 'f_rest_44'] },
  'ply/trimesh_points_bin.ply': { points: 5, color: false },
  'ply/trimesh_fuze.ply': { points: 502, color: true },
  'ply/trimesh_fixed_top.ply': { points: 2374, color: false },
};

const BAD: Record<string, { kind: PointCloudErrorKind; says: RegExp }> = {
  'corrupt/threejs_pcl_logo_UTF8MANGLED.pcd': { kind: 'damaged', says: /damaged/ },
  'corrupt/threejs_dolphins_be_UTF8MANGLED.ply': { kind: 'truncated', says: /cut short|ends in the middle/ },
  'pcd/pcl_stereo_left.pcd': { kind: 'no-xyz', says: /no x, y and z.*rgba/ },
  'pcd/pcl_brisk_descriptors_gt.pcd': { kind: 'no-xyz', says: /no x, y and z.*brisk_descriptor512/ },
  'ply/trimesh_empty.ply': { kind: 'empty', says: /0 vertices/ },
  'ply/trimesh_ply_empty_header.ply': { kind: 'empty', says: /no elements/ },
};

describe.skipIf(!present)('corpus', () => {
  it('every point-cloud file in the corpus is listed here as good or bad', () => {
    const all = ['ply', 'pcd', 'corrupt'].flatMap((d) => readdirSync(join(CORPUS, d)).filter((f) => /\.(ply|pcd)$/i.test(f)).map((f) => `${d}/${f}`));
    expect(all.filter((f) => !(f in GOOD) && !(f in BAD))).toEqual([]);
  });

  for (const [file, want] of Object.entries(GOOD))
    it(`opens ${file} with ${want.points} points${want.color ? ' and colours' : ''}`, () => {
      const c = parsePointCloud(new Uint8Array(readFileSync(join(CORPUS, file))), file);
      expect(c.count).toBe(want.points);
      expect(!!c.colors).toBe(want.color);
      expect(c.droppedNonFinite).toBe(want.dropped ?? 0);
      for (const f of want.fields ?? []) expect(Object.keys(c.fields)).toContain(f);
      for (let i = 0; i < c.positions.length; i++) if (!Number.isFinite(c.positions[i])) throw new Error(`non-finite position at ${i}`);
      if (c.colors) expect(c.colors.some((v) => v > 0)).toBe(true);
    });

  for (const [file, want] of Object.entries(BAD))
    it(`refuses ${file} with a sentence (${want.kind})`, () => {
      let err: unknown;
      try {
        parsePointCloud(new Uint8Array(readFileSync(join(CORPUS, file))), file);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(PointCloudError);
      expect((err as PointCloudError).kind).toBe(want.kind);
      expect((err as Error).message).toMatch(want.says);
      expect((err as Error).message).toContain(file);
    });

  it('reads the known colours of the PCL logo and milk carton', () => {
    const logo = parsePointCloud(new Uint8Array(readFileSync(join(CORPUS, 'pcd/pcl_pcl_logo.pcd'))), 'logo');
    // The logo is mostly saturated blue/orange/black: not grey everywhere.
    let coloured = 0;
    for (let i = 0; i < logo.count; i++) {
      const r = logo.colors![i * 3], g = logo.colors![i * 3 + 1], b = logo.colors![i * 3 + 2];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
    }
    expect(coloured / logo.count).toBeGreaterThan(0.3);
  });
});
