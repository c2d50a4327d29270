;; WASI calls that fail return an errno and do not trap: a bad descriptor
;; (8, badf), an unknown clock (28, inval), no preopened directory at fd 3
;; (8); a buffer or result pointer outside memory gives 21 (fault), the
;; shim's choice (preview1 leaves it to the host).  Zero-length and valid
;; calls succeed (0).
;; RUN: expect-stdout
;; 8
;; 0
;; 21
;; 21
;; 28
;; 21
;; 8
;; 0
;; 21
;; 0
;; RUN: expect-exit 0
(module
  (import "wasi_snapshot_preview1" "clock_time_get"
    (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get"
    (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get"
    (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sched_yield" (func $sched_yield (result i32)))
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (func (export "_start")
    (call $print_i32 (call $fd_write (i32.const 99) (i32.const 0) (i32.const 0)
                                     (i32.const 8)))
    ;; An iovec in the last bytes of memory, of length 0.
    (i32.store (i32.const 65528) (i32.const 100))
    (call $print_i32 (call $fd_write (i32.const 1) (i32.const 65528) (i32.const 1)
                                     (i32.const 8)))
    ;; 100 bytes from 65530: past the end.
    (i32.store (i32.const 200) (i32.const 65530))
    (i32.store (i32.const 204) (i32.const 100))
    (call $print_i32 (call $fd_write (i32.const 1) (i32.const 200) (i32.const 1)
                                     (i32.const 8)))
    ;; The count of bytes written would land past the end.
    (call $print_i32 (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0)
                                     (i32.const 65535)))
    (call $print_i32 (call $clock_time_get (i32.const 99) (i64.const 1) (i32.const 300)))
    (call $print_i32 (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 65532)))
    (call $print_i32 (call $fd_prestat_get (i32.const 3) (i32.const 300)))
    (call $print_i32 (call $random_get (i32.const 300) (i32.const 64)))
    (call $print_i32 (call $random_get (i32.const 65530) (i32.const 64)))
    (call $print_i32 (call $sched_yield))))
