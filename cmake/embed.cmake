# pacscripts/runtime/*.js are embedded into the library as C string literals,
# one per file, in file-name order (files are prefixed 00-, 10-, ... so the
# order is explicit). The text is embedded byte for byte: see
# docs/pac-semantics.md §1 on escape doubling when JS is pasted into C.
file(GLOB PP_RUNTIME_JS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/pacscripts/runtime/*.js)
list(SORT PP_RUNTIME_JS)
# Passed as one "|"-separated argument: a ";" would split the command line.
string(REPLACE ";" "|" PP_RUNTIME_JS_ARG "${PP_RUNTIME_JS}")
set(PP_RUNTIME_C ${CMAKE_BINARY_DIR}/generated/pp_runtime_js.c)
add_custom_command(OUTPUT ${PP_RUNTIME_C}
  COMMAND ${CMAKE_COMMAND} -DOUT=${PP_RUNTIME_C} "-DINPUTS=${PP_RUNTIME_JS_ARG}"
          -P ${CMAKE_SOURCE_DIR}/cmake/embed_js.cmake
  DEPENDS ${PP_RUNTIME_JS} ${CMAKE_SOURCE_DIR}/cmake/embed_js.cmake
  COMMENT "Embedding pacscripts/runtime" VERBATIM)
