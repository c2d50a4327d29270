;; Named functions for the -g tests (run_debug.py): gdb breaks in $fac
;; by name, and the caller's frame is at the byte offset of its call.
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $fac (param $n i32) (result i32)
    local.get $n
    i32.const 2
    i32.lt_u
    if (result i32)
      i32.const 1
    else
      local.get $n
      local.get $n
      i32.const 1
      i32.sub
      call $fac
      i32.mul
    end)
  (func $start (export "_start")
    i32.const 5
    call $fac
    i32.const 120
    i32.ne
    call $exit))
