# The Windows platform (make windows, docs/windows.md), cross-built with
# mingw-w64 (cmake/mingw-w64-x86_64.cmake): src/os/win; jansson, c-ares,
# libidn2 and libpsl built from Debian's source packages by
# tools/windows-deps.sh and found through pkg-config in PP_WIN_DEPS; no
# libcurl or OpenSSL. Backends: src/route/win (check over WinHTTP and
# Schannel), src/wpad/win (the PAC fetch over WinHTTP, DHCP option 252
# through DhcpRequestParams) and src/dns/win (the system resolver,
# GetAddrInfoExW); README "On Windows: the network stack".
# The live registry and WinHTTP's own proxy view: src/config/win
# (config/live.h). No zlib or libzstd: compressed log input is refused
# (src/log/noz), plain logs and stdin are read.
# Linked statically (-static in the toolchain): pacprobe.exe runs alone.
if(NOT PP_WIN_DEPS)
  message(FATAL_ERROR "PP_WIN_DEPS not set: build with `make windows` (tools/windows-deps.sh)")
endif()
foreach(m CARES:libcares JANSSON:jansson IDN2:libidn2 PSL:libpsl)
  string(REPLACE ":" ";" m ${m})
  list(GET m 0 var)
  list(GET m 1 mod)
  pkg_check_modules(${var} REQUIRED ${mod})
  # static: the .pc files' Libs.private and the c-ares static define
  add_library(pp_win_${var} INTERFACE)
  target_include_directories(pp_win_${var} INTERFACE ${${var}_STATIC_INCLUDE_DIRS})
  target_compile_options(pp_win_${var} INTERFACE ${${var}_STATIC_CFLAGS_OTHER})
  target_link_directories(pp_win_${var} INTERFACE ${${var}_STATIC_LIBRARY_DIRS})
  target_link_libraries(pp_win_${var} INTERFACE ${${var}_STATIC_LIBRARIES})
  list(APPEND PP_WIN_DEP_TARGETS pp_win_${var})
endforeach()

set(PP_OS_DIR win)
file(GLOB PP_BACKEND_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/src/route/win/*.c ${CMAKE_SOURCE_DIR}/src/wpad/win/*.c
     ${CMAKE_SOURCE_DIR}/src/dns/win/*.c ${CMAKE_SOURCE_DIR}/src/config/win/*.c
     ${CMAKE_SOURCE_DIR}/src/log/noz/*.c)
set(PP_PLATFORM_LIBS ${PP_WIN_DEP_TARGETS} Threads::Threads winhttp crypt32 shlwapi ws2_32 iphlpapi
    advapi32 bcrypt)
# Windows 10 / Server 2016 API level; C99 printf (%zu, %lld, %g) from the
# mingw runtime rather than msvcrt's, so output matches the Linux build.
# -Wno-format: GCC checks format(printf) against msvcrt's printf on mingw
# even with the C99 one selected; the Linux build checks the same formats.
set(PP_PLATFORM_DEFS -D_WIN32_WINNT=0x0A00 -DWINVER=0x0A00 -DWIN32_LEAN_AND_MEAN -DNOMINMAX
    -D__USE_MINGW_ANSI_STDIO=1 -D_POSIX_C_SOURCE=200809L -Wno-format)
add_compile_definitions(_WIN32_WINNT=0x0A00 __USE_MINGW_ANSI_STDIO=1)
add_link_options(-municode)
set(PP_TESTS OFF) # cmocka and the lab are Linux's; Windows runs tests/windows/ under Wine
