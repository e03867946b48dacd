#define _GNU_SOURCE
#include "cplatform.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#if defined(__linux__)
#include <sys/syscall.h>
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
int doorstep_exchange_paths(const char *first, const char *second) {
#if defined(SYS_renameat2)
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}
#elif defined(__APPLE__)
int doorstep_exchange_paths(const char *first, const char *second) {
    return renamex_np(first, second, RENAME_SWAP);
}
#else
int doorstep_exchange_paths(const char *first, const char *second) {
    (void)first; (void)second;
    errno = ENOSYS;
    return -1;
}
#endif

#include <spawn.h>
int doorstep_spawn_add_chdir(posix_spawn_file_actions_t *actions, const char *path) {
#if defined(__APPLE__)
    return posix_spawn_file_actions_addchdir_np(actions, path);
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 29))
    return posix_spawn_file_actions_addchdir_np(actions, path);
#else
    (void)actions; (void)path;
    return ENOSYS;
#endif
}

int doorstep_pipe_cloexec(int fds[2]) {
#if defined(__linux__)
    return pipe2(fds, O_CLOEXEC);
#else
    if (pipe(fds) != 0) return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return 0;
#endif
}

#if defined(__linux__)
#include <sys/vfs.h>
int doorstep_file_system_is_local(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return 0;
    switch ((unsigned long)info.f_type & 0xFFFFFFFFul) {
    case 0x6969ul:      /* NFS */
    case 0x517Bul:      /* SMB */
    case 0xFF534D42ul:  /* CIFS */
    case 0xFE534D42ul:  /* SMB2 */
    case 0x65735546ul:  /* FUSE, virtiofs */
    case 0x01021997ul:  /* 9p */
    case 0x00C36400ul:  /* Ceph */
    case 0x5346414Ful:  /* AFS */
    case 0x6B414653ul:  /* kAFS */
    case 0x0BD00BD0ul:  /* Lustre */
        return 0;
    default:
        return 1;
    }
}
#elif defined(__APPLE__)
#include <string.h>
#include <sys/mount.h>
#include <sys/param.h>
int doorstep_file_system_is_local(const char *path) {
    struct statfs info;
    if (statfs(path, &info) != 0) return 0;
    if (!(info.f_flags & MNT_LOCAL)) return 0;
    return strstr(info.f_fstypename, "fuse") == NULL;
}
#else
int doorstep_file_system_is_local(const char *path) {
    (void)path;
    return 0;
}
#endif

#include <signal.h>
#include <sys/wait.h>
int doorstep_child_has_ended(pid_t pid) {
    siginfo_t info;
    for (;;) {
        info.si_pid = 0;
        if (waitid(P_PID, (id_t)pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0) return info.si_pid == pid ? 1 : 0;
        if (errno != EINTR) return -1;
    }
}
