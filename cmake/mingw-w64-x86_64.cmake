# Cross toolchain for the Windows build (make windows, docs/windows.md):
# Debian's mingw-w64 with the posix thread model (winpthreads), so the
# c-ares I/O thread and the route workers keep their pthread code.
# PP_WIN_DEPS names the prefix tools/windows-deps.sh installed the
# third-party libraries into; pkg-config looks only there.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(PP_MINGW_TRIPLET x86_64-w64-mingw32)

set(CMAKE_C_COMPILER ${PP_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${PP_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${PP_MINGW_TRIPLET}-windres)
set(CMAKE_AR ${PP_MINGW_TRIPLET}-gcc-ar-posix CACHE FILEPATH "")
set(CMAKE_RANLIB ${PP_MINGW_TRIPLET}-gcc-ranlib-posix CACHE FILEPATH "")

set(CMAKE_FIND_ROOT_PATH /usr/${PP_MINGW_TRIPLET})
if(PP_WIN_DEPS)
  list(APPEND CMAKE_FIND_ROOT_PATH ${PP_WIN_DEPS})
  set(ENV{PKG_CONFIG_LIBDIR} ${PP_WIN_DEPS}/lib/pkgconfig)
  set(ENV{PKG_CONFIG_PATH} "")
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# One file: no libgcc/libwinpthread DLLs next to the exe.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -static-libgcc")
