# Duktape is compiled from Debian's duktape-dev sources with changes that
# the sandbox needs (docs/engine.md):
#  * duk_config.h turns on DUK_USE_INTERRUPT_COUNTER and routes
#    DUK_USE_EXEC_TIMEOUT_CHECK and DUK_USE_DATE_GET_NOW to pacprobe hooks that
#    read the per-heap deadline and pinned clock through the heap udata;
#  * the regexp executor, which never calls the timeout hook, checks the same
#    deadline every 65536 steps, so catastrophic patterns end within --timeout;
#  * eval() and the body of new Function() hand their source to
#    pp_duk_lower_source first (ES2015+ syntax lowered, issue 16).
# Each replacement is verified: a Duktape whose text changed fails configure
# instead of silently building an engine without limits.
set(PP_DUK_SRC_DIR /usr/share/duktape CACHE PATH "Directory holding duktape.c and duk_config.h")
set(PP_DUK_OUT ${CMAKE_BINARY_DIR}/duktape)
file(MAKE_DIRECTORY ${PP_DUK_OUT})

function(pp_patch_text text_var old new what)
  string(FIND "${${text_var}}" "${old}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "duktape patch: '${what}' not found in ${PP_DUK_SRC_DIR}")
  endif()
  string(REPLACE "${old}" "${new}" out "${${text_var}}")
  set(${text_var} "${out}" PARENT_SCOPE)
endfunction()

if(NOT EXISTS ${PP_DUK_SRC_DIR}/duktape.c)
  message(FATAL_ERROR "duktape.c not found in ${PP_DUK_SRC_DIR}: install duktape-dev")
endif()

file(READ ${PP_DUK_SRC_DIR}/duk_config.h cfg)
pp_patch_text(cfg "#undef DUK_USE_INTERRUPT_COUNTER" "#define DUK_USE_INTERRUPT_COUNTER" "interrupt counter")
pp_patch_text(cfg "#undef DUK_USE_EXEC_TIMEOUT_CHECK"
  "extern int pp_duk_exec_timeout_check(void *udata);\nextern int pp_duk_lower_source(void *ctx, int idx);\n#define DUK_USE_EXEC_TIMEOUT_CHECK(udata) pp_duk_exec_timeout_check((udata))"
  "exec timeout check")
pp_patch_text(cfg "#if defined(DUK_USE_DATE_GET_NOW)\n/* External provider already defined. */"
  "#define DUK_USE_DATE_GET_NOW(ctx) pp_duk_date_now((void *) (ctx))\nextern double pp_duk_date_now(void *ctx);\n#if defined(DUK_USE_DATE_GET_NOW)\n/* External provider already defined. */"
  "date provider")
# Windows: the local time offset from pacprobe's process zone
# (pp_duk_local_tzoffset, src/pac/clock.c: the --tz zone's TZif data, else
# the C runtime's) instead of the Win32 time-zone API, so the engine's Date
# and pacprobe's own local-time arithmetic agree (docs/windows.md).
if(WIN32)
  pp_patch_text(cfg "#if defined(DUK_USE_DATE_GET_LOCAL_TZOFFSET)\n/* External provider already defined. */"
    "#define DUK_USE_DATE_GET_LOCAL_TZOFFSET(d) pp_duk_local_tzoffset((double) (d))\nextern int pp_duk_local_tzoffset(double d);\n#if defined(DUK_USE_DATE_GET_LOCAL_TZOFFSET)\n/* External provider already defined. */"
    "windows time zone provider")
endif()
file(WRITE ${PP_DUK_OUT}/duk_config.h.tmp "${cfg}")
configure_file(${PP_DUK_OUT}/duk_config.h.tmp ${PP_DUK_OUT}/duk_config.h COPYONLY)

# Larger changes are unified diffs in cmake/duktape-patches/, applied in
# name order with patch(1) (no fuzz); one that does not apply fails configure.
#  * 01-lookbehind.patch: (?<=…) and (?<!…) in the regexp compiler and
#    executor: the body's terms compiled right to left with backward-reading
#    character, class, period, greedy-quantifier and backreference opcodes
#    (docs/modern-js.md);
#  * 02-sticky-indices.patch: the flags y (match only at lastIndex, which it
#    reads and updates as g does) and d (result.indices, each capture's
#    [start, end]).
find_program(PP_PATCH patch)
if(NOT PP_PATCH)
  message(FATAL_ERROR "patch(1) not found: install patch (tools/debian-packages.txt)")
endif()
file(GLOB pp_duk_patches ${CMAKE_CURRENT_LIST_DIR}/duktape-patches/*.patch)
# a patch added to the directory reconfigures too
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/duktape-patches)
list(SORT pp_duk_patches)
set(pp_duk_in ${PP_DUK_SRC_DIR}/duktape.c)
set(pp_duk_n 0)
foreach(pp_p ${pp_duk_patches})
  math(EXPR pp_duk_n "${pp_duk_n} + 1")
  set(pp_duk_o ${PP_DUK_OUT}/duktape.c.patched${pp_duk_n})
  execute_process(COMMAND ${PP_PATCH} --batch --forward --fuzz=0 --reject-file=- -o ${pp_duk_o} ${pp_duk_in} -i ${pp_p}
    RESULT_VARIABLE pp_rc OUTPUT_VARIABLE pp_out ERROR_VARIABLE pp_out)
  if(NOT pp_rc EQUAL 0)
    message(FATAL_ERROR "duktape patch: ${pp_p} does not apply to ${PP_DUK_SRC_DIR}/duktape.c:\n${pp_out}")
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${pp_p})
  set(pp_duk_in ${pp_duk_o})
endforeach()
file(READ ${pp_duk_in} src)
pp_patch_text(src "\t\tre_ctx->steps_count++;\n"
  "\t\tre_ctx->steps_count++;\n\t\tif ((re_ctx->steps_count & 0xffffU) == 0 && pp_duk_exec_timeout_check(re_ctx->thr->heap->heap_udata)) {\n\t\t\tDUK_ERROR_RANGE(re_ctx->thr, \"execution timeout\");\n\t\t\tDUK_WO_NORETURN(return NULL;);\n\t\t}\n"
  "regexp step counter")
# eval() and new Function(): ES2015+ syntax in the code string goes through
# the same lowering as the script (src/pac/lower_eval.c, issue 16).
pp_patch_text(src "\th = duk_get_hstring_notsymbol(thr, 0);\n\tif (!h) {\n\t\t/* Symbol must be returned as is, like any non-string values. */\n\t\treturn 1; /* return arg as-is */\n\t}\n"
  "\th = duk_get_hstring_notsymbol(thr, 0);\n\tif (!h) {\n\t\t/* Symbol must be returned as is, like any non-string values. */\n\t\treturn 1; /* return arg as-is */\n\t}\n\tif (pp_duk_lower_source((void *) thr, 0)) {\n\t\th = duk_get_hstring_notsymbol(thr, 0);\n\t}\n"
  "eval source hook")
pp_patch_text(src "\t/* [ body formals ], formals is comma separated list that needs to be parsed */\n"
  "\t/* [ body formals ], formals is comma separated list that needs to be parsed */\n\t(void) pp_duk_lower_source((void *) thr, 0);\n"
  "Function body hook")
file(WRITE ${PP_DUK_OUT}/duktape.c.tmp "${src}")
configure_file(${PP_DUK_OUT}/duktape.c.tmp ${PP_DUK_OUT}/duktape.c COPYONLY)
configure_file(${PP_DUK_SRC_DIR}/duktape.h ${PP_DUK_OUT}/duktape.h COPYONLY)

# An object library: its objects go into libpacprobe.a and libpacprobe.so
# (CMakeLists.txt), not into an archive of their own.
add_library(pp_duktape OBJECT ${PP_DUK_OUT}/duktape.c)
target_include_directories(pp_duktape PUBLIC ${PP_DUK_OUT})
# Third-party code: no project warnings, optimised even in debug builds
# (the interpreter dominates evaluation time).
target_compile_options(pp_duktape PRIVATE -w -O2)
if(WIN32) # mingw declares localtime_r/gmtime_r only for POSIX sources
  target_compile_definitions(pp_duktape PRIVATE _POSIX_C_SOURCE=200809L)
endif()
target_link_libraries(pp_duktape PUBLIC m)
