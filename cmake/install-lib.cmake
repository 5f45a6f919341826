# Installs libpacprobe for other programs (examples/, docs/library.md):
# libpacprobe.so.N (Linux, PP_SHARED), libpacprobe.a (PP_INSTALL_STATIC;
# Duktape's objects are inside it), the public header include/pacprobe.h
# and libpacprobe.pc. Included after the library targets are defined.
option(PP_INSTALL_STATIC "Install libpacprobe.a next to the shared library" ON)
configure_file(${CMAKE_SOURCE_DIR}/examples/libpacprobe.pc.in
               ${CMAKE_BINARY_DIR}/libpacprobe.pc @ONLY)
if(TARGET pacprobe_shared)
  install(TARGETS pacprobe_shared LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
          NAMELINK_COMPONENT dev)
endif()
if(PP_INSTALL_STATIC OR NOT TARGET pacprobe_shared)
  install(TARGETS pacprobe_lib ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
endif()
install(FILES include/pacprobe.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${CMAKE_BINARY_DIR}/libpacprobe.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
