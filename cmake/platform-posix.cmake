# The POSIX (Linux) platform: src/os/posix, the libcurl + OpenSSL route
# backend (src/route/curl), the libcurl PAC fetch (src/wpad/curl), c-ares
# for every lookup (src/dns/cares: no system-resolver deferral), the
# AF_PACKET-free DHCPINFORM client (src/wpad/linux); no live registry
# (src/config/none: PP_EPLATFORM); gzip and zstd log input with zlib and
# libzstd (src/log/z). Libraries from
# Debian's -dev packages through pkg-config (tools/debian-packages.txt).
pkg_check_modules(CURL REQUIRED IMPORTED_TARGET libcurl)
pkg_check_modules(CARES REQUIRED IMPORTED_TARGET libcares)
pkg_check_modules(JANSSON REQUIRED IMPORTED_TARGET jansson)
pkg_check_modules(IDN2 REQUIRED IMPORTED_TARGET libidn2)
pkg_check_modules(PSL REQUIRED IMPORTED_TARGET libpsl)
pkg_check_modules(OPENSSL REQUIRED IMPORTED_TARGET openssl)
# compressed log input (src/log/z: gzip and zstd)
pkg_check_modules(ZLIB REQUIRED IMPORTED_TARGET zlib)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)

set(PP_OS_DIR posix)
file(GLOB PP_BACKEND_SOURCES CONFIGURE_DEPENDS
     ${CMAKE_SOURCE_DIR}/src/route/curl/*.c ${CMAKE_SOURCE_DIR}/src/wpad/curl/*.c
     ${CMAKE_SOURCE_DIR}/src/wpad/linux/*.c ${CMAKE_SOURCE_DIR}/src/dns/cares/*.c
     ${CMAKE_SOURCE_DIR}/src/config/none/*.c ${CMAKE_SOURCE_DIR}/src/log/z/*.c)
set(PP_PLATFORM_LIBS PkgConfig::CURL PkgConfig::CARES PkgConfig::JANSSON PkgConfig::IDN2
    PkgConfig::PSL PkgConfig::OPENSSL PkgConfig::ZLIB PkgConfig::ZSTD Threads::Threads m)
set(PP_PLATFORM_DEFS -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE)
