# Installs libpacprobe for other programs (examples/minimal.c): the static
# library, its Duktape, the header (installed by the main list) and
# libpacprobe.pc. Enabled by `include(cmake/install-lib.cmake)` after the
# library targets are defined.
configure_file(${CMAKE_SOURCE_DIR}/examples/libpacprobe.pc.in
               ${CMAKE_BINARY_DIR}/libpacprobe.pc @ONLY)
set_target_properties(pp_duktape PROPERTIES OUTPUT_NAME pacprobe_duktape)
install(TARGETS pacprobe_lib pp_duktape ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES ${CMAKE_BINARY_DIR}/libpacprobe.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
