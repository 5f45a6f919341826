# libpacprobe.so (Linux): the objects of libpacprobe.a, soname
# libpacprobe.so.<major>, only the PP_API symbols exported (hidden
# visibility, and cmake/libpacprobe.map as a second fence). The program
# and the tests link the static library (they use the internal API).
option(PP_SHARED "Build libpacprobe.so next to libpacprobe.a (not on Windows)" ON)
if(PP_SHARED)
  add_library(pacprobe_shared SHARED ${PP_LIB_OBJECTS})
  set_target_properties(pacprobe_shared PROPERTIES OUTPUT_NAME pacprobe
    VERSION ${PROJECT_VERSION} SOVERSION ${PROJECT_VERSION_MAJOR}
    LINK_DEPENDS ${CMAKE_SOURCE_DIR}/cmake/libpacprobe.map)
  target_link_libraries(pacprobe_shared PRIVATE pp_lib_usage)
  target_link_options(pacprobe_shared PRIVATE
    -Wl,--version-script=${CMAKE_SOURCE_DIR}/cmake/libpacprobe.map)
  if(NOT PP_SANITIZE AND NOT PP_FUZZ) # the sanitizer runtimes resolve at load time
    target_link_options(pacprobe_shared PRIVATE -Wl,--no-undefined)
  endif()
endif()
