/* SPDX-License-Identifier: MIT */
/* System headers and types of the POSIX build behind src/os/os.h. */
#ifndef PP_OS_SYS_H
#define PP_OS_SYS_H

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

typedef int pp_sock_t;
#define PP_SOCK_BAD (-1)

#endif
