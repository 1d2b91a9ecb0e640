;; Point-cloud kernels, 16 bytes at a time: binary rows to centred positions and 8-bit colours
;; (box, write), and LZF unpacking for PCD binary_compressed (lzf).
;; Rows hold x y z as consecutive little-endian float32 at the row start; colours, when kept, as
;; three bytes in a row at `rgb` (ascending, or blue first as PCD packs them).
;; Loads and stores may touch up to 32 bytes past their row, run or slot: callers leave slack.
;; Regenerate simd-kernels-module.ts with `npm run wasm` after changing this file.
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

  ;; Unpacks LZF from [$i, $end) into [$o, $outEnd); 1 when the stream fills the output exactly,
  ;; 0 when it is damaged (a reference before the output's start, or either side overrunning).
  (func (export "lzf") (param $i i32) (param $end i32) (param $o i32) (param $outEnd i32) (result i32)
    (local $start i32) (local $ctrl i32) (local $len i32) (local $ref i32) (local $k i32)
    (local.set $start (local.get $o))
    (block $stop
      (loop $token
        (br_if $stop (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $ctrl (i32.load8_u (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.lt_u (local.get $ctrl) (i32.const 32))
          (then
            ;; A literal run of 1-32 bytes, copied as two 16-byte blocks.
            (local.set $len (i32.add (local.get $ctrl) (i32.const 1)))
            (if (i32.or (i32.gt_u (i32.add (local.get $o) (local.get $len)) (local.get $outEnd))
                        (i32.gt_u (i32.add (local.get $i) (local.get $len)) (local.get $end)))
              (then (return (i32.const 0))))
            (v128.store align=1 (local.get $o) (v128.load align=1 (local.get $i)))
            (v128.store offset=16 align=1 (local.get $o) (v128.load offset=16 align=1 (local.get $i)))
            (local.set $o (i32.add (local.get $o) (local.get $len)))
            (local.set $i (i32.add (local.get $i) (local.get $len)))
            (br $token)))
        ;; A back-reference: length in the top 3 bits (7: one more byte), distance in 13 bits.
        (local.set $len (i32.shr_u (local.get $ctrl) (i32.const 5)))
        (if (i32.eq (local.get $len) (i32.const 7))
          (then
            (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const 0))))
            (local.set $len (i32.add (local.get $len) (i32.load8_u (local.get $i))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))))
        (local.set $len (i32.add (local.get $len) (i32.const 2)))
        (if (i32.ge_u (local.get $i) (local.get $end)) (then (return (i32.const 0))))
        (local.set $ref
          (i32.sub (i32.sub (i32.sub (local.get $o) (i32.shl (i32.and (local.get $ctrl) (i32.const 0x1f)) (i32.const 8))) (i32.const 1))
                   (i32.load8_u (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.or (i32.lt_s (local.get $ref) (local.get $start))
                    (i32.gt_u (i32.add (local.get $o) (local.get $len)) (local.get $outEnd)))
          (then (return (i32.const 0))))
        (local.set $k (i32.const 0))
        (if (i32.ge_u (i32.sub (local.get $o) (local.get $ref)) (i32.const 16))
          (then
            ;; 16 or more bytes back: every block reads only bytes already written.
            (loop $block
              (v128.store align=1 (i32.add (local.get $o) (local.get $k)) (v128.load align=1 (i32.add (local.get $ref) (local.get $k))))
              (local.set $k (i32.add (local.get $k) (i32.const 16)))
              (br_if $block (i32.lt_u (local.get $k) (local.get $len)))))
          (else
            ;; Closer: the copy repeats bytes it has just written, one at a time.
            (loop $byte
              (i32.store8 (i32.add (local.get $o) (local.get $k)) (i32.load8_u (i32.add (local.get $ref) (local.get $k))))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br_if $byte (i32.lt_u (local.get $k) (local.get $len))))))
        (local.set $o (i32.add (local.get $o) (local.get $len)))
        (br $token)))
    (i32.eq (local.get $o) (local.get $outEnd)))
)
