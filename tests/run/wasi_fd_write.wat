;; fd_write gathers several buffers (including an empty one) in order and
;; stores the total written; environ_sizes_get reports no variables when
;; WASM2NATIVE_OPTIONS sets none; args_sizes_get reports argv[0] alone.
;; RUN: expect-stdout
;; one two three
;; 0 14
;; 0 0 0
;; 0 1
;; RUN: expect-exit 0
(module
  (import "wasi_snapshot_preview1" "environ_sizes_get"
    (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  ;; INCLUDE print.wat
  (memory (export "memory") 1)
  (data (i32.const 100) "one two three\n")
  ;; Four iovecs at 200: "one ", "", "two ", "three\n".
  (data (i32.const 200) "\64\00\00\00\04\00\00\00"
                        "\00\00\00\00\00\00\00\00"
                        "\68\00\00\00\04\00\00\00"
                        "\6c\00\00\00\06\00\00\00")
  (func (export "_start")
    (i32.store (i32.const 300) (i32.const -1))
    (call $put_i32 (call $fd_write (i32.const 1) (i32.const 200) (i32.const 4)
                                   (i32.const 300)))
    (call $sp)
    (call $print_i32 (i32.load (i32.const 300)))
    (i32.store (i32.const 304) (i32.const -1))
    (i32.store (i32.const 308) (i32.const -1))
    (call $put_i32 (call $environ_sizes_get (i32.const 304) (i32.const 308)))
    (call $sp)
    (call $put_i32 (i32.load (i32.const 304))) (call $sp)
    (call $print_i32 (i32.load (i32.const 308)))
    (call $put_i32 (call $args_sizes_get (i32.const 312) (i32.const 316)))
    (call $sp)
    (call $print_i32 (i32.load (i32.const 312)))))
