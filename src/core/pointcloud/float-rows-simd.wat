;; Binary point-cloud rows to centred positions and 8-bit colours, four float lanes at a time.
;; Rows hold x y z as consecutive little-endian float32 at the row start; colours, when kept, as
;; three bytes in a row at `rgb` (ascending, or blue first as PCD packs them).
;; Every load and store may touch up to 4 bytes past its row or output slot: callers leave slack.
;; Regenerate float-rows-simd-module.ts with `npm run wasm` after changing this file.
(module
  (import "k" "mem" (memory 1))

  ;; Bounding box of n rows from $p: lanes 0-2 of min (at $out), max ($out+16) and a NaN flag
  ;; ($out+32, non-zero where any row had a NaN). pmin/pmax skip NaNs; the flag reports them.
  (func (export "box") (param $p i32) (param $n i32) (param $stride i32) (param $out i32)
    (local $lo v128) (local $hi v128) (local $v v128) (local $bad v128) (local $end i32)
    (local.set $lo (f32x4.splat (f32.const inf)))
    (local.set $hi (f32x4.splat (f32.const -inf)))
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (local.get $stride))))
    (block $done
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (loop $l
        (local.set $v (v128.load align=1 (local.get $p)))
        (local.set $lo (f32x4.pmin (local.get $lo) (local.get $v)))
        (local.set $hi (f32x4.pmax (local.get $hi) (local.get $v)))
        (local.set $bad (v128.or (local.get $bad) (f32x4.ne (local.get $v) (local.get $v))))
        (local.set $p (i32.add (local.get $p) (local.get $stride)))
        (br_if $l (i32.lt_u (local.get $p) (local.get $end)))))
    (v128.store align=1 (local.get $out) (local.get $lo))
    (v128.store offset=16 align=1 (local.get $out) (local.get $hi))
    (v128.store offset=32 align=1 (local.get $out) (local.get $bad)))

  ;; x y z minus the centre, 12 bytes per row from $pos; $mode 0: no colours, 1: r g b, 2: b g r.
  ;; The centre comes as two float32 parts (c = hi + lo, hi the float32 nearest c): subtracting
  ;; hi is exact for points near the centre, so far-off scans keep their precision.
  (func (export "write") (param $p i32) (param $n i32) (param $stride i32) (param $pos i32) (param $col i32) (param $rgb i32) (param $mode i32)
    (param $hx f32) (param $hy f32) (param $hz f32) (param $lx f32) (param $ly f32) (param $lz f32)
    (local $hi v128) (local $lo v128) (local $end i32) (local $v i32)
    (local.set $hi (f32x4.replace_lane 2 (f32x4.replace_lane 1 (f32x4.splat (local.get $hx)) (local.get $hy)) (local.get $hz)))
    (local.set $lo (f32x4.replace_lane 2 (f32x4.replace_lane 1 (f32x4.splat (local.get $lx)) (local.get $ly)) (local.get $lz)))
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $n) (local.get $stride))))
    (br_if 0 (i32.ge_u (local.get $p) (local.get $end)))
    (if (i32.eq (local.get $mode) (i32.const 1))
      (then
        (loop $l
          (v128.store align=1 (local.get $pos) (f32x4.sub (f32x4.sub (v128.load align=1 (local.get $p)) (local.get $hi)) (local.get $lo)))
          (i32.store align=1 (local.get $col) (i32.load align=1 (i32.add (local.get $p) (local.get $rgb))))
          (local.set $pos (i32.add (local.get $pos) (i32.const 12)))
          (local.set $col (i32.add (local.get $col) (i32.const 3)))
          (local.set $p (i32.add (local.get $p) (local.get $stride)))
          (br_if $l (i32.lt_u (local.get $p) (local.get $end))))
        (return)))
    (if (i32.eq (local.get $mode) (i32.const 2))
      (then
        (loop $l
          (v128.store align=1 (local.get $pos) (f32x4.sub (f32x4.sub (v128.load align=1 (local.get $p)) (local.get $hi)) (local.get $lo)))
          ;; b g r x in memory: swap the outer bytes.
          (local.set $v (i32.load align=1 (i32.add (local.get $p) (local.get $rgb))))
          (i32.store align=1 (local.get $col)
            (i32.or
              (i32.or (i32.and (i32.shr_u (local.get $v) (i32.const 16)) (i32.const 0xff)) (i32.and (local.get $v) (i32.const 0xff00)))
              (i32.shl (i32.and (local.get $v) (i32.const 0xff)) (i32.const 16))))
          (local.set $pos (i32.add (local.get $pos) (i32.const 12)))
          (local.set $col (i32.add (local.get $col) (i32.const 3)))
          (local.set $p (i32.add (local.get $p) (local.get $stride)))
          (br_if $l (i32.lt_u (local.get $p) (local.get $end))))
        (return)))
    (loop $l
      (v128.store align=1 (local.get $pos) (f32x4.sub (f32x4.sub (v128.load align=1 (local.get $p)) (local.get $hi)) (local.get $lo)))
      (local.set $pos (i32.add (local.get $pos) (i32.const 12)))
      (local.set $p (i32.add (local.get $p) (local.get $stride)))
      (br_if $l (i32.lt_u (local.get $p) (local.get $end)))))
)
