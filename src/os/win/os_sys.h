/* SPDX-License-Identifier: MIT */
/* System headers and types of the Windows build behind src/os/os.h
 * (mingw-w64; _WIN32_WINNT and WIN32_LEAN_AND_MEAN come from
 * cmake/platform-windows.cmake). Winsock gives struct pollfd, inet_pton and
 * getaddrinfo; the mingw CRT gives read/close on CRT file descriptors. */
#ifndef PP_OS_SYS_H
#define PP_OS_SYS_H

#include <winsock2.h>
#include <ws2tcpip.h>
#include <windows.h>
#include <io.h>
#include <sys/types.h>
#include <unistd.h>

typedef SOCKET pp_sock_t;
#define PP_SOCK_BAD INVALID_SOCKET

#endif
